// Formatting of httpd configuration files: each line's indentation follows its section depth, and
// trailing white space is removed. Nothing else changes: argument text, comment text, the content of
// continuation lines (physical lines after one ending in a backslash), line endings (CRLF stays CRLF)
// and a BOM are left alone. The edits are minimal (only lines whose white space changes) and formatting
// twice gives the same result as once.
import { minimalEdit, type OffsetEdit } from '../engine/text';
import type { HttpdTree, Node, SectionNode } from './syntax';

export interface FormatOptions {
  /** Width of one indentation level in spaces (when insertSpaces). */
  tabSize: number;
  insertSpaces: boolean;
}

/** Sections whose body is not configuration text (mod_lua's inline code): their lines are left as they are. */
function isRawSection(s: SectionNode): boolean {
  return /^lua/i.test(s.name);
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12;
}

function depthOf(node: Node): number {
  let d = 0;
  for (let p = node.parent; p; p = p.parent) d++;
  return d;
}

/**
 * Edits that format `tree.text`. With `range` (offsets), only lines that start inside it (or hold its
 * start) are touched.
 */
export function formatHttpd(tree: HttpdTree, options: FormatOptions, range?: { start: number; end: number }): OffsetEdit[] {
  const text = tree.text;
  const n = text.length;
  const unit = options.insertSpaces ? ' '.repeat(Math.max(1, Math.min(16, Math.floor(options.tabSize) || 4))) : '\t';

  // Desired depth by the source offset where each logical line starts.
  const depth = new Map<number, number>();
  const raw: { start: number; end: number }[] = [];
  for (const d of tree.directives) depth.set(d.lineStart, depthOf(d));
  for (const c of tree.comments) depth.set(c.lineStart, depthOf(c));
  for (const s of tree.sections) {
    const k = depthOf(s);
    depth.set(s.lineStart, k);
    if (s.close) depth.set(lineStartOf(text, s.close.start), k);
    if (isRawSection(s)) raw.push({ start: s.open.end, end: s.close ? lineStartOf(text, s.close.start) : s.end + 1 });
  }
  const inRaw = (offset: number) => raw.some(r => offset >= r.start && offset < r.end);

  let first = 0;
  let last = Infinity;
  if (range) {
    first = lineStartOf(text, Math.max(0, Math.min(range.start, n)));
    last = Math.min(range.end, n);
  }

  const edits: OffsetEdit[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let continuation = false;
  while (pos <= n) {
    const nl = text.indexOf('\n', pos);
    const eol = nl === -1 ? n : nl;
    let contentEnd = eol;
    if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    const continues =
      nl !== -1 && contentEnd > pos && text.charCodeAt(contentEnd - 1) === 92 && !(contentEnd - 1 > pos && text.charCodeAt(contentEnd - 2) === 92);
    const inRange = pos >= first && (pos < last || (pos === last && (range === undefined || range.start === range.end || pos === first)));
    if (!continuation && inRange && !inRaw(pos)) {
      let ws = pos;
      while (ws < contentEnd && isBlankChar(text.charCodeAt(ws))) ws++;
      if (ws === contentEnd) {
        // A blank line: drop its white space.
        if (contentEnd > pos) edits.push({ start: pos, end: contentEnd, newText: '' });
      } else {
        const k = depth.get(pos);
        if (k !== undefined) {
          const e = minimalEdit(text, pos, ws, unit.repeat(k));
          if (e) edits.push(e);
        }
        if (!continues) {
          let t = contentEnd;
          while (t > ws && isBlankChar(text.charCodeAt(t - 1))) t--;
          // Removing the blanks after a backslash would make it a line continuation.
          if (t < contentEnd && text.charCodeAt(t - 1) !== 92) edits.push({ start: t, end: contentEnd, newText: '' });
        }
      }
    }
    continuation = continues;
    if (nl === -1) break;
    pos = nl + 1;
  }
  return edits;
}

/** Start of the physical line holding `offset` (after a leading BOM). */
function lineStartOf(text: string, offset: number): number {
  const s = text.lastIndexOf('\n', offset - 1) + 1;
  return s === 0 && text.charCodeAt(0) === 0xfeff ? 1 : s;
}
