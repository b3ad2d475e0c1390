// `#` comment lines: HCL's help tells admins to comment managed-settings.xml with `#`, which XML does
// not know. Such a line is text (inside an element) or, before or after the root element, content that
// makes the whole file unreadable. The conversion to <!-- --> keeps the words and breaks up `--`,
// which a comment cannot contain.
import type { OffsetEdit } from '../engine/text';
import type { XmlDocument, XmlNode, XmlText } from '../xml/parser';

export interface HashLine {
  /** Offset of the `#`. */
  hash: number;
  /** End of the line's content, trailing blanks excluded. */
  end: number;
  /** The text node holding the `#`. */
  node: XmlText;
  /** Outside the root element (the file cannot be read at all). */
  outsideRoot: boolean;
  /** Other markup on the line (a commented-out element): converting changes what the client reads. */
  hasMarkup: boolean;
  /** The edits that turn the line into a comment, or null when the line cannot be converted alone. */
  edits: OffsetEdit[] | null;
}

/** Innermost node holding `offset`, walking from the top (linear in depth, binary search per level). */
function textNodeAt(doc: XmlDocument, offset: number): { node: XmlNode; siblings: XmlNode[]; index: number } | null {
  let list: XmlNode[] = doc.children;
  for (;;) {
    let lo = 0;
    let hi = list.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const node = list[mid];
      if (offset < node.start) hi = mid - 1;
      else if (offset >= node.end) lo = mid + 1;
      else {
        idx = mid;
        break;
      }
    }
    if (idx < 0) return null;
    const node = list[idx];
    if (node.kind === 'element' && offset >= node.content.start && offset < node.content.end) {
      list = node.children;
      continue;
    }
    return { node, siblings: list, index: idx };
  }
}

/** `#` lines in text position, in order. */
export function hashLines(doc: XmlDocument): HashLine[] {
  const { text } = doc;
  const out: HashLine[] = [];
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let eol = lineStart;
    while (eol < n && text[eol] !== '\n' && text[eol] !== '\r') eol++;
    let k = lineStart;
    if (k === 0 && text.charCodeAt(0) === 0xfeff) k++;
    while (k < eol && (text[k] === ' ' || text[k] === '\t')) k++;
    if (k < eol && text[k] === '#') {
      const hit = textNodeAt(doc, k);
      if (hit && hit.node.kind === 'text') {
        let end = eol;
        while (end > k && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
        const node = hit.node;
        let hasMarkup = false;
        let contained = true;
        if (node.end < end) {
          hasMarkup = true;
          for (let m = hit.index + 1; m < hit.siblings.length && hit.siblings[m].start < end; m++) {
            if (hit.siblings[m].end > end) contained = false;
          }
        }
        out.push({ hash: k, end, node, outsideRoot: node.parent === null, hasMarkup, edits: contained ? commentEdits(text, k, end) : null });
      }
    }
    if (eol >= n) break;
    lineStart = text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
  }
  return out;
}

/** `# words` -> `<!-- words -->`, with a space put between any two hyphens of the words. */
function commentEdits(text: string, hash: number, end: number): OffsetEdit[] {
  const after = text[hash + 1];
  const edits: OffsetEdit[] = [{ start: hash, end: hash + 1, newText: after === ' ' || after === '\t' ? '<!--' : '<!-- ' }];
  for (let p = hash + 1; p < end - 1; p++) {
    if (text[p] === '-' && text[p + 1] === '-') edits.push({ start: p + 1, end: p + 1, newText: ' ' });
  }
  edits.push({ start: end, end, newText: ' -->' });
  return edits;
}
