// Planning of the "suppress this finding" and "fix all of this rule" actions, for every language.
// Pure: text and findings in, offset edits out. The comments written are the ones finalizeFindings
// reads (`upkeep-disable-next-line CODE`, `upkeep-disable CODE`), in each language's comment syntax.
import { selectSafeFixes, type Finding, type Fix, type LanguageId } from './rules';
import { LineIndex, type OffsetEdit } from './text';

/** How a comment line is written in a language: `# ...` or `<!-- ... -->`. */
export interface CommentStyle {
  open: string;
  close: string;
}

const HASH: CommentStyle = { open: '# ', close: '' };
const XML: CommentStyle = { open: '<!-- ', close: ' -->' };

export function commentStyleOf(language: LanguageId): CommentStyle {
  return language === 'plugincfg' || language === 'sametime' ? XML : HASH;
}

function eolOf(text: string, index: LineIndex, line: number): string {
  const end = index.lineContentEnd(line);
  if (text.startsWith('\r\n', end)) return '\r\n';
  if (text[end] === '\n' || text[end] === '\r') return text[end];
  // The last line: the file's first line break, else \n.
  const m = /\r\n|\n|\r/.exec(text);
  return m ? m[0] : '\n';
}

/** Offset where the line's text starts (after a BOM on the first line). */
function lineStart(text: string, index: LineIndex, line: number): number {
  const s = index.lineStarts[line];
  return s === 0 && text.charCodeAt(0) === 0xfeff ? 1 : s;
}

/**
 * A line where an inserted comment line would change what the file means: inside a logical line
 * continued with a backslash (Apache, shell) or a backtick (PowerShell), or inside an XML tag.
 */
function insideConstruct(text: string, index: LineIndex, line: number, language: LanguageId): boolean {
  if (line === 0) return false;
  const prev = text.slice(lineStart(text, index, line - 1), index.lineContentEnd(line - 1));
  if (language === 'plugincfg' || language === 'sametime') {
    const here = text.slice(lineStart(text, index, line), index.lineContentEnd(line)).trimStart();
    const before = prev.trimEnd();
    return !here.startsWith('<') || (before !== '' && !before.endsWith('>'));
  }
  const last = prev.trimEnd().slice(-1);
  return last === '\\' || (language === 'phasescript' && last === '`');
}

const KEYWORD = 'upkeep-disable-next-line';
const isCodeChar = (c: string) => /[\w/-]/.test(c);

/**
 * The codes of an `upkeep-disable-next-line CODE, CODE` comment on `line`, and the offset in the line
 * just after the last one; null when the line has none with codes. One pass, no backtracking regex
 * (a line of blanks must not cost quadratic time).
 */
function nextLineCodes(line: string): { codes: string[]; end: number } | null {
  const k = line.indexOf(KEYWORD);
  if (k < 0) return null;
  let i = k + KEYWORD.length;
  if (line[i] !== ' ' && line[i] !== '\t') return null;
  let end = -1;
  for (; i < line.length; i++) {
    const c = line[i];
    if (isCodeChar(c)) end = i + 1;
    else if (c !== ' ' && c !== '\t' && c !== ',') break;
  }
  if (end < 0) return null;
  return { codes: line.slice(k + KEYWORD.length, end).split(/[\s,]+/).filter(Boolean), end };
}

/**
 * "Suppress CODE on this line": `# upkeep-disable-next-line CODE` above the finding's line, indented
 * like it; or the code added to such a comment already there. Null where a comment line cannot be
 * inserted without changing the file's meaning (a continued line, inside an XML tag, before the XML
 * declaration) or the finding is about the file as a whole (at offset 0 with no extent).
 */
export function planSuppressLine(
  text: string,
  language: LanguageId,
  finding: Pick<Finding, 'code' | 'start' | 'end'>,
  index: LineIndex = new LineIndex(text),
): OffsetEdit[] | null {
  if (finding.start === 0 && finding.end === 0) return null;
  const line = index.lineAt(finding.start);
  const start = lineStart(text, index, line);
  const content = text.slice(start, index.lineContentEnd(line));
  if ((language === 'plugincfg' || language === 'sametime') && content.trimStart().startsWith('<?xml')) return null;
  if (insideConstruct(text, index, line, language)) return null;
  if (line > 0) {
    const prev = text.slice(lineStart(text, index, line - 1), index.lineContentEnd(line - 1));
    const m = nextLineCodes(prev);
    if (m) {
      if (m.codes.includes(finding.code)) return null;
      const at = lineStart(text, index, line - 1) + m.end;
      return [{ start: at, end: at, newText: `, ${finding.code}` }];
    }
  }
  const indent = /^[ \t]*/.exec(content)![0];
  const style = commentStyleOf(language);
  const newText = `${indent}${style.open}upkeep-disable-next-line ${finding.code}${style.close}${eolOf(text, index, line)}`;
  return [{ start, end: start, newText }];
}

/**
 * "Suppress CODE in this file": `# upkeep-disable CODE` as the first line (after a BOM, a `#!` line or
 * the XML declaration).
 */
export function planSuppressFile(text: string, language: LanguageId, code: string, index: LineIndex = new LineIndex(text)): OffsetEdit[] {
  let line = 0;
  const first = text.slice(lineStart(text, index, 0), index.lineContentEnd(0));
  const xml = language === 'plugincfg' || language === 'sametime';
  if ((xml && first.trimStart().startsWith('<?xml')) || (!xml && first.startsWith('#!'))) line = 1;
  const style = commentStyleOf(language);
  const body = `${style.open}upkeep-disable ${code}${style.close}`;
  if (line >= index.lineCount) {
    // A file of one line (the declaration): the comment goes after it, on a new line.
    const eol = eolOf(text, index, 0);
    const end = text.length;
    return [{ start: end, end, newText: `${/[\r\n]$/.test(text) ? '' : eol}${body}${eol}` }];
  }
  const start = lineStart(text, index, line);
  return [{ start, end: start, newText: `${body}${eolOf(text, index, line)}` }];
}

/**
 * "Fix all CODE problems in this file": the safe fixes of that rule, chosen exactly as `upkeep lint
 * --fix` and "fix all" choose them (selectSafeFixes), as one fix. Null when fewer than two apply (the
 * finding's own quick fix is then the same thing).
 */
export function planFixAllOfRule(findings: readonly Finding[], code: string): (Fix & { count: number }) | null {
  const fixes = selectSafeFixes(findings.filter(f => f.code === code));
  if (fixes.length < 2) return null;
  return { title: `Fix all ${code} problems in this file (${fixes.length})`, edits: fixes.flatMap(f => f.edits), safe: true, count: fixes.length };
}
