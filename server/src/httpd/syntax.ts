// Tolerant parser for Apache httpd configuration text.
//
// It never throws and runs in linear time. The text is cut into logical lines (physical lines joined
// by a trailing backslash, as Apache's own reader does), each logical line becomes a comment, a
// directive, a section opening `<Name args>` or a section closing `</Name>`. Sections nest to any
// depth; mismatched, crossed or unclosed tags become problems in the tree, not exceptions.
// Every token keeps its offsets in the original text (BOM and CRLF included), so edits can be
// computed from the tree without re-printing anything.

export interface Span {
  start: number;
  end: number;
}

export interface Arg extends Span {
  /** The argument as Apache sees it: quotes removed, `\"` unescaped. */
  value: string;
  /** The quote character when the argument was quoted. */
  quote: '"' | "'" | null;
  /** True when a quoted argument has no closing quote. */
  unterminated?: boolean;
}

export interface DirectiveNode extends Span {
  kind: 'directive';
  name: string;
  nameSpan: Span;
  args: Arg[];
  parent: SectionNode | null;
  /** Offset where the logical line starts (its leading whitespace included). */
  lineStart: number;
}

export interface SectionNode extends Span {
  kind: 'section';
  name: string;
  nameSpan: Span;
  args: Arg[];
  /** The opening tag, from `<` to `>`. */
  open: Span;
  /** The closing tag when present. */
  close: (Span & { nameSpan: Span }) | null;
  children: Node[];
  parent: SectionNode | null;
  lineStart: number;
  /** The opening tag lacks its final `>`. */
  openUnterminated?: boolean;
}

export interface CommentNode extends Span {
  kind: 'comment';
  parent: SectionNode | null;
  /** Offset where the logical line starts. */
  lineStart: number;
}

export type Node = DirectiveNode | SectionNode | CommentNode;

export type ProblemKind = 'unclosed-section' | 'unmatched-close' | 'crossed-close' | 'missing-gt' | 'syntax';

export interface ParseProblem extends Span {
  kind: ProblemKind;
  message: string;
  /** The section the problem is about, if any. */
  section?: SectionNode;
}

export interface HttpdTree {
  text: string;
  children: Node[];
  /** Every directive in document order, at any depth. */
  directives: DirectiveNode[];
  /** Every section in document order, at any depth. */
  sections: SectionNode[];
  comments: CommentNode[];
  problems: ParseProblem[];
}

/** Segments of one logical line: the source spans its characters come from. */
interface LogicalLine {
  /** The joined content (continuation backslashes and line breaks removed). */
  text: string;
  /** For each segment, where it starts in `text` and in the source. */
  segs: { at: number; src: number }[];
  /** Source offset where the first physical line starts. */
  srcStart: number;
  /** Source offset just past the last physical line's content (before its line break). */
  srcEnd: number;
}

function mapOffset(line: LogicalLine, at: number): number {
  const segs = line.segs;
  if (segs.length === 1) return segs[0].src + at;
  let i = segs.length - 1;
  while (i > 0 && segs[i].at > at) i--;
  return segs[i].src + (at - segs[i].at);
}

/** Is `c` white space as Apache's config reader sees it (space, tab, and the other C isspace chars)? */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 10;
}

/**
 * Calls `emit` for each logical line. A physical line continues onto the next when its last character is
 * a backslash (Apache 2.4 joins `\\` at the end of a line too); the backslash and the line break are
 * dropped. One LogicalLine object is reused for every line: `emit` must not keep it.
 */
function forEachLogicalLine(text: string, emit: (line: LogicalLine) => void): void {
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const line: LogicalLine = { text: '', segs: [], srcStart: 0, srcEnd: 0 };
  const first = { at: 0, src: 0 };
  while (pos < n) {
    line.srcStart = pos;
    line.segs.length = 0;
    let parts = '';
    let atLen = 0;
    for (;;) {
      let eol = text.indexOf('\n', pos);
      if (eol === -1) eol = n;
      let contentEnd = eol;
      if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
      const cont = contentEnd > pos && text.charCodeAt(contentEnd - 1) === 92 && eol < n;
      const end = cont ? contentEnd - 1 : contentEnd;
      if (line.segs.length === 0 && !cont) {
        // The common case: one physical line, no joined copy needed beyond the slice.
        first.at = 0;
        first.src = pos;
        line.segs.push(first);
        parts = text.slice(pos, end);
      } else {
        line.segs.push({ at: atLen, src: pos });
        parts += text.slice(pos, end);
      }
      atLen = parts.length;
      line.srcEnd = end;
      pos = eol + 1;
      if (!cont) break;
    }
    line.text = parts;
    emit(line);
  }
}

/**
 * Splits arguments the way Apache's ap_getword_conf does: white space separates words, a word that
 * starts with a double or single quote runs to the matching quote (a backslash before that quote, or
 * before another backslash, escapes it).
 */
export function splitArgs(s: string, from: number, to: number, map: (at: number) => number): Arg[] {
  const args: Arg[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    const c = s[i];
    if (c === '"' || c === "'") {
      i++;
      let value = '';
      let closed = false;
      while (i < to) {
        const ch = s[i];
        // Inside quotes Apache unescapes \" (the quote) and \\ (a backslash): both are one character.
        if (ch === '\\' && i + 1 < to && (s[i + 1] === c || s[i + 1] === '\\')) {
          value += s[i + 1];
          i += 2;
          continue;
        }
        if (ch === c) {
          closed = true;
          i++;
          break;
        }
        value += ch;
        i++;
      }
      const arg: Arg = { start: map(start), end: map(i), value, quote: c };
      if (!closed) arg.unterminated = true;
      args.push(arg);
    } else {
      while (i < to && !isSpace(s.charCodeAt(i))) i++;
      args.push({ start: map(start), end: map(i), value: s.slice(start, i), quote: null });
    }
  }
  return args;
}

export function parseHttpd(text: string): HttpdTree {
  const tree: HttpdTree = { text, children: [], directives: [], sections: [], comments: [], problems: [] };
  const stack: SectionNode[] = [];
  const add = (node: Node) => {
    const parent = stack.length ? stack[stack.length - 1] : null;
    if (parent) parent.children.push(node);
    else tree.children.push(node);
  };

  let current: LogicalLine | null = null;
  const map = (at: number) => mapOffset(current!, at);
  forEachLogicalLine(text, line => {
    current = line;
    const s = line.text;
    const len = s.length;
    let i = 0;
    while (i < len && isSpace(s.charCodeAt(i))) i++;
    if (i >= len) return; // blank line
    let end = len;
    while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
    const parent = stack.length ? stack[stack.length - 1] : null;
    const first = s[i];

    if (first === '#') {
      const node: CommentNode = { kind: 'comment', start: map(i), end: map(end), parent, lineStart: line.srcStart };
      tree.comments.push(node);
      add(node);
      return;
    }

    if (first === '<' && s[i + 1] === '/') {
      // closing tag </Name>
      let j = i + 2;
      while (j < end && s[j] !== '>' && !isSpace(s.charCodeAt(j))) j++;
      const name = s.slice(i + 2, j);
      const nameSpan = { start: map(i + 2), end: map(j) };
      const closeSpan = { start: map(i), end: map(end), nameSpan };
      closeSection(tree, stack, name, closeSpan, s[end - 1] === '>');
      return;
    }

    if (first === '<') {
      let j = i + 1;
      while (j < end && s[j] !== '>' && !isSpace(s.charCodeAt(j))) j++;
      const name = s.slice(i + 1, j);
      const hasGt = s[end - 1] === '>' && end - 1 >= j;
      const argsEnd = hasGt ? end - 1 : end;
      const section: SectionNode = {
        kind: 'section',
        name,
        nameSpan: { start: map(i + 1), end: map(j) },
        args: splitArgs(s, j, argsEnd, map),
        open: { start: map(i), end: map(end) },
        close: null,
        children: [],
        parent,
        start: map(i),
        end: map(end),
        lineStart: line.srcStart,
      };
      if (!hasGt) {
        section.openUnterminated = true;
        tree.problems.push({
          kind: 'missing-gt',
          message: `<${name}> is missing its closing '>'.`,
          start: section.open.start,
          end: section.open.end,
          section,
        });
      }
      tree.sections.push(section);
      add(section);
      stack.push(section);
      return;
    }

    let j = i;
    while (j < end && !isSpace(s.charCodeAt(j))) j++;
    const node: DirectiveNode = {
      kind: 'directive',
      name: s.slice(i, j),
      nameSpan: { start: map(i), end: map(j) },
      args: splitArgs(s, j, end, map),
      parent,
      start: map(i),
      end: map(end),
      lineStart: line.srcStart,
    };
    tree.directives.push(node);
    add(node);
  });

  for (let k = stack.length - 1; k >= 0; k--) {
    const sec = stack[k];
    sec.end = endOfLastChild(sec);
    tree.problems.push({
      kind: 'unclosed-section',
      message: `<${sec.name}> is never closed: </${sec.name}> is missing.`,
      start: sec.open.start,
      end: sec.open.end,
      section: sec,
    });
  }
  return tree;
}

function endOfLastChild(sec: SectionNode): number {
  const last = sec.children[sec.children.length - 1];
  return last ? Math.max(sec.open.end, last.end) : sec.open.end;
}

function closeSection(
  tree: HttpdTree,
  stack: SectionNode[],
  name: string,
  closeSpan: Span & { nameSpan: Span },
  hasGt: boolean,
): void {
  if (!hasGt) {
    tree.problems.push({ kind: 'missing-gt', message: `</${name}> is missing its closing '>'.`, ...spanOf(closeSpan) });
  }
  const lower = name.toLowerCase();
  let k = stack.length - 1;
  while (k >= 0 && stack[k].name.toLowerCase() !== lower) k--;
  if (k < 0) {
    const top = stack[stack.length - 1];
    tree.problems.push({
      kind: 'unmatched-close',
      message: top
        ? `</${name}> does not close anything: the open section here is <${top.name}>.`
        : `</${name}> has no matching <${name}>.`,
      ...spanOf(closeSpan),
    });
    return;
  }
  // Sections opened after the one being closed were never closed: tags are crossed.
  for (let m = stack.length - 1; m > k; m--) {
    const inner = stack[m];
    inner.end = endOfLastChild(inner);
    tree.problems.push({
      kind: 'crossed-close',
      message: `<${inner.name}> is not closed before </${name}>: expected </${inner.name}> first.`,
      start: inner.open.start,
      end: inner.open.end,
      section: inner,
    });
  }
  const sec = stack[k];
  sec.close = closeSpan;
  sec.end = closeSpan.end;
  stack.length = k;
}

function spanOf(s: Span): Span {
  return { start: s.start, end: s.end };
}

/** The chain of enclosing sections of a node, innermost first. */
export function ancestors(node: Node): SectionNode[] {
  const out: SectionNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The innermost node whose span holds `offset` (sections are entered). */
export function nodeAt(tree: HttpdTree, offset: number): Node | null {
  let list: Node[] = tree.children;
  let found: Node | null = null;
  for (;;) {
    let lo = 0;
    let hi = list.length - 1;
    let hit: Node | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = list[mid];
      if (offset < n.lineStart) hi = mid - 1;
      else if (offset > n.end) lo = mid + 1;
      else {
        hit = n;
        break;
      }
    }
    if (!hit) return found;
    found = hit;
    if (hit.kind !== 'section') return found;
    list = hit.children;
  }
}

/** The innermost section whose body holds `offset` (between its opening and closing tags). */
export function sectionAt(tree: HttpdTree, offset: number): SectionNode | null {
  let best: SectionNode | null = null;
  let list: Node[] = tree.children;
  for (;;) {
    let next: SectionNode | null = null;
    for (const n of list) {
      if (n.kind !== 'section') continue;
      const bodyEnd = n.close ? n.close.start : Infinity;
      if (offset >= n.open.end && offset <= bodyEnd) {
        next = n;
        break;
      }
    }
    if (!next) return best;
    best = next;
    list = next.children;
  }
}
