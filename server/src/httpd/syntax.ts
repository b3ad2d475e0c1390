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

/**
 * Directive and section names as the parser hands them out: one string object per spelling, so that a
 * configuration of 100,000 lines holds a few dozen name strings, and lookups keyed by a name (lowerName,
 * directive tables) find its hash already computed. Bounded: a file of random words does not grow it without end.
 */
const interned = new Map<string, string>();
function internName(name: string): string {
  const hit = interned.get(name);
  if (hit !== undefined) return hit;
  if (interned.size >= 4096) interned.clear();
  interned.set(name, name);
  return name;
}

const lowered = new Map<string, string>();
/**
 * `name.toLowerCase()`, remembered per spelling: rules and the model ask it of every directive, and each
 * toLowerCase of a mixed-case name is a new string.
 */
export function lowerName(name: string): string {
  let lower = lowered.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowered.size >= 4096) lowered.clear();
    lowered.set(name, lower);
  }
  return lower;
}

/** Where a piece of a joined logical line starts, in the joined text (`at`) and in the source (`src`). */
interface Seg {
  at: number;
  src: number;
}

/**
 * The source offset of offset `at` of a line. `segs` is null when the line is one physical line and is
 * read in place in the source (the common case: no copy, offsets are already source offsets).
 */
function mapAt(segs: Seg[] | null, at: number): number {
  if (segs === null) return at;
  let i = segs.length - 1;
  while (i > 0 && segs[i].at > at) i--;
  return segs[i].src + (at - segs[i].at);
}

/** Is `c` white space as Apache's config reader sees it (space, tab, and the other C isspace chars)? */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const QUOTE2 = 34; // "
const QUOTE1 = 39; // '
const BACKSLASH = 92;
const LT = 60;
const GT = 62;
const SLASH = 47;
const HASH = 35;

/**
 * Splits arguments the way Apache's ap_getword_conf does: white space separates words, a word that
 * starts with a double or single quote runs to the matching quote (a backslash before that quote, or
 * before another backslash, escapes it). Offsets of `s` between `from` and `to` map to the source
 * through `segs` (see mapAt).
 */
function splitArgs(s: string, from: number, to: number, segs: Seg[] | null): Arg[] {
  // Arguments are collected in a scratch array and copied out at their exact count: an array grown by
  // push keeps room for 17 elements, which for 100,000 directives of one or two arguments is most of the
  // tree's memory.
  const args = scratchArgs;
  let n = 0;
  let i = from;
  while (i < to) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    const c = s.charCodeAt(i);
    if (c === QUOTE2 || c === QUOTE1) {
      // Find the closing quote first; unescape only when the value has escapes (most have none), so the
      // common case is one slice instead of a string built character by character.
      let j = i + 1;
      let escaped = false;
      while (j < to) {
        const ch = s.charCodeAt(j);
        if (ch === BACKSLASH && j + 1 < to) {
          const nx = s.charCodeAt(j + 1);
          if (nx === c || nx === BACKSLASH) {
            escaped = true;
            j += 2;
            continue;
          }
        }
        if (ch === c) break;
        j++;
      }
      const closed = j < to;
      const raw = s.slice(i + 1, j);
      // Inside quotes Apache unescapes \" (the quote) and \\ (a backslash): both are one character.
      const value = escaped ? raw.replace(c === QUOTE2 ? /\\(["\\])/g : /\\(['\\])/g, '$1') : raw;
      i = closed ? j + 1 : j;
      const arg: Arg = { start: mapAt(segs, start), end: mapAt(segs, i), value, quote: c === QUOTE2 ? '"' : "'" };
      if (!closed) arg.unterminated = true;
      args[n++] = arg;
    } else {
      while (i < to && !isSpace(s.charCodeAt(i))) i++;
      args[n++] = { start: mapAt(segs, start), end: mapAt(segs, i), value: s.slice(start, i), quote: null };
    }
  }
  if (n === 0) return [];
  const out = args.slice(0, n);
  for (let k = 0; k < n; k++) args[k] = undefined as unknown as Arg;
  return out;
}

/** splitArgs' working array (see there). */
const scratchArgs: Arg[] = [];

/**
 * Parses the text in one pass, without recursion. Physical lines are read in place; a line that ends
 * with a backslash continues onto the next (Apache 2.4 joins `\\` at the end of a line too): only then
 * is a joined copy built, with a map from its offsets back to the source.
 */
export function parseHttpd(text: string): HttpdTree {
  const tree: HttpdTree = { text, children: [], directives: [], sections: [], comments: [], problems: [] };
  const stack: SectionNode[] = [];
  parseRange(tree, stack, text, text.charCodeAt(0) === 0xfeff ? 1 : 0, text.length);
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

/** Parses the lines of `text` from `pos` (a line start) to `n` (a line end or the end) into `tree`. */
function parseRange(tree: HttpdTree, stack: SectionNode[], text: string, pos: number, n: number): void {
  while (pos < n) {
    const lineStart = pos;
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > n) eol = n;
    let contentEnd = eol;
    if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    let s = text;
    let from = pos;
    let to = contentEnd;
    let segs: Seg[] | null = null;
    if (contentEnd > pos && text.charCodeAt(contentEnd - 1) === BACKSLASH && eol < n) {
      // A continued line: join the physical lines without their backslashes and line breaks.
      segs = [];
      let parts = '';
      for (;;) {
        let e = text.indexOf('\n', pos);
        if (e === -1 || e > n) e = n;
        let ce = e;
        if (ce > pos && text.charCodeAt(ce - 1) === 13) ce--;
        const cont = ce > pos && text.charCodeAt(ce - 1) === BACKSLASH && e < n;
        segs.push({ at: parts.length, src: pos });
        parts += text.slice(pos, cont ? ce - 1 : ce);
        pos = e + 1;
        if (!cont) break;
      }
      s = parts;
      from = 0;
      to = parts.length;
    } else {
      pos = eol + 1;
    }
    parseLine(tree, stack, s, from, to, segs, lineStart);
  }
}

/** The most nodes passed as arguments to one call (spread): far below V8's limit on arguments. */
const SPREAD_MAX = 4096;

/**
 * The tree of `text`, given `old`, the tree of the text before an edit. Only the top-level nodes (a
 * <VirtualHost>, a directive at server level) the edit touches are parsed again; the nodes before them
 * are kept as they are and the nodes after them are kept with their offsets moved. The result is the
 * tree parseHttpd(text) gives (the tests compare the two after random edits). When the edit could change
 * the structure around it (the old or new text has a parse problem, a continuation line at the edge),
 * the whole text is parsed. The nodes of `old` are reused: `old` must not be used afterwards.
 */
export function reparseHttpd(old: HttpdTree, text: string): HttpdTree {
  const before = old.text;
  if (before === text) return old;
  // An editor's text is often a rope of the pieces of the edit; indexOf flattens it once, so that
  // charCodeAt below reads a flat string.
  text.indexOf('\n');
  const oldLen = before.length;
  const newLen = text.length;
  if (old.problems.length > 0 || oldLen < 2 || newLen < 2) return parseHttpd(text);
  // The changed region: old [p, oldLen - q), new [p, newLen - q).
  const min = Math.min(oldLen, newLen);
  const p = commonPrefix(before, text, min);
  const q = commonSuffix(before, text, min - p);
  const oldEnd = oldLen - q;
  const delta = newLen - oldLen;
  const kids = old.children;

  // First top-level node that can be touched: the ones whose last line break lies before p stay.
  let lo = 0;
  let hi = kids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineBreakAfter(before, kids[mid].end) < p) lo = mid + 1;
    else hi = mid;
  }
  const first = lo;
  let w0 = first > 0 ? lineBreakAfter(before, kids[first - 1].end) + 1 : 0;
  if (first > 0 && continues(before, w0 - 1)) return parseHttpd(text);
  if (w0 === 0 && (before.charCodeAt(0) === 0xfeff || text.charCodeAt(0) === 0xfeff)) return parseHttpd(text);
  // First top-level node after the region whose line start, the line break before it and the character
  // before that break are all in the unchanged tail: it and what follows only move.
  lo = first;
  hi = kids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (kids[mid].lineStart - 3 < oldEnd) lo = mid + 1;
    else hi = mid;
  }
  const after = lo;
  const w1Old = after < kids.length ? kids[after].lineStart : oldLen;
  const w1New = w1Old + delta;
  if (w1New < w0) return parseHttpd(text);

  // Parse the window of the new text on its own: it must close every section it opens.
  const win: HttpdTree = { text, children: [], directives: [], sections: [], comments: [], problems: [] };
  const stack: SectionNode[] = [];
  parseRange(win, stack, text, w0, w1New);
  if (stack.length > 0 || win.problems.length > 0) return parseHttpd(text);

  // The lists are copied with native copies (slice, splice): a JavaScript loop over 10,000 nodes costs
  // milliseconds while it is still interpreted, and an editor's first requests after an edit run it cold.
  // One copy of the whole list, the window replaced in place: a keystroke usually puts back as many nodes
  // as it takes out, so nothing moves and no second array of the list's size is made (the young
  // generation copies each array that survives it).
  const splice = <T extends Node>(list: T[], fresh: T[]): T[] => {
    const a = firstAtOrAfter(list, w0);
    const b = firstAtOrAfter(list, w1Old);
    if (delta !== 0) for (let k = b; k < list.length; k++) shiftNode(list[k], delta);
    if (fresh.length > SPREAD_MAX) return list.slice(0, a).concat(fresh, list.slice(b));
    const out = list.slice();
    out.splice(a, b - a, ...fresh);
    return out;
  };
  const tree: HttpdTree = {
    text,
    children: kids.slice(0, first).concat(win.children, kids.slice(after)),
    directives: splice(old.directives, win.directives),
    sections: splice(old.sections, win.sections),
    comments: splice(old.comments, win.comments),
    problems: [],
  };
  return tree;
}

const CHUNK = 2048;

/** Length of the common start of `a` and `b` (at most `max`): whole chunks compared as strings first. */
function commonPrefix(a: string, b: string, max: number): number {
  let p = 0;
  while (p + CHUNK <= max && a.substring(p, p + CHUNK) === b.substring(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p;
}

/** Length of the common end of `a` and `b` (at most `max`). */
function commonSuffix(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  let q = 0;
  while (q + CHUNK <= max && a.substring(la - q - CHUNK, la - q) === b.substring(lb - q - CHUNK, lb - q)) q += CHUNK;
  while (q < max && a.charCodeAt(la - 1 - q) === b.charCodeAt(lb - 1 - q)) q++;
  return q;
}

/** The offset of the line break that ends the line holding `at` (the text length when none). */
function lineBreakAfter(text: string, at: number): number {
  const e = text.indexOf('\n', at);
  return e === -1 ? text.length : e;
}

/** Does the physical line ending at the line break `nl` continue onto the next (a final backslash)? */
function continues(text: string, nl: number): boolean {
  let i = nl - 1;
  if (i >= 0 && text.charCodeAt(i) === 13) i--;
  return i >= 0 && text.charCodeAt(i) === BACKSLASH;
}

/** Index of the first node (in document order) whose line starts at or after `at`. */
function firstAtOrAfter(list: Node[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].lineStart < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function shiftSpan(s: Span, d: number): void {
  s.start += d;
  s.end += d;
}

/** Moves a node's own offsets (not its children's: they are in the flat lists too). */
function shiftNode(x: Node, d: number): void {
  shiftSpan(x, d);
  x.lineStart += d;
  if (x.kind === 'comment') return;
  shiftSpan(x.nameSpan, d);
  const args = x.args;
  for (let k = 0; k < args.length; k++) shiftSpan(args[k], d);
  if (x.kind === 'section') {
    shiftSpan(x.open, d);
    if (x.close) {
      shiftSpan(x.close, d);
      shiftSpan(x.close.nameSpan, d);
    }
  }
}

/** One logical line: `s` from `from` to `to`, its offsets mapped to the source by `segs`. */
function parseLine(tree: HttpdTree, stack: SectionNode[], s: string, from: number, to: number, segs: Seg[] | null, lineStart: number): void {
  let i = from;
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  if (i >= to) return; // blank line
  let end = to;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  const parent = stack.length ? stack[stack.length - 1] : null;
  const siblings = parent ? parent.children : tree.children;
  const first = s.charCodeAt(i);

  if (first === HASH) {
    const node: CommentNode = { kind: 'comment', start: mapAt(segs, i), end: mapAt(segs, end), parent, lineStart };
    tree.comments.push(node);
    siblings.push(node);
    return;
  }

  if (first === LT && s.charCodeAt(i + 1) === SLASH) {
    // closing tag </Name>
    let j = i + 2;
    while (j < end) {
      const c = s.charCodeAt(j);
      if (c === GT || isSpace(c)) break;
      j++;
    }
    const name = internName(s.slice(i + 2, j));
    const nameSpan = { start: mapAt(segs, i + 2), end: mapAt(segs, j) };
    const closeSpan = { start: mapAt(segs, i), end: mapAt(segs, end), nameSpan };
    closeSection(tree, stack, name, closeSpan, s.charCodeAt(end - 1) === GT);
    return;
  }

  if (first === LT) {
    let j = i + 1;
    while (j < end) {
      const c = s.charCodeAt(j);
      if (c === GT || isSpace(c)) break;
      j++;
    }
    const name = internName(s.slice(i + 1, j));
    const hasGt = s.charCodeAt(end - 1) === GT && end - 1 >= j;
    const argsEnd = hasGt ? end - 1 : end;
    const openStart = mapAt(segs, i);
    const openEnd = mapAt(segs, end);
    const section: SectionNode = {
      kind: 'section',
      name,
      nameSpan: { start: mapAt(segs, i + 1), end: mapAt(segs, j) },
      args: splitArgs(s, j, argsEnd, segs),
      open: { start: openStart, end: openEnd },
      close: null,
      children: [],
      parent,
      start: openStart,
      end: openEnd,
      lineStart,
    };
    if (!hasGt) {
      section.openUnterminated = true;
      tree.problems.push({
        kind: 'missing-gt',
        message: `<${name}> is missing its closing '>'.`,
        start: openStart,
        end: openEnd,
        section,
      });
    }
    tree.sections.push(section);
    siblings.push(section);
    stack.push(section);
    return;
  }

  let j = i;
  while (j < end && !isSpace(s.charCodeAt(j))) j++;
  const nameStart = mapAt(segs, i);
  const node: DirectiveNode = {
    kind: 'directive',
    name: internName(s.slice(i, j)),
    nameSpan: { start: nameStart, end: mapAt(segs, j) },
    args: splitArgs(s, j, end, segs),
    parent,
    start: nameStart,
    end: mapAt(segs, end),
    lineStart,
  };
  tree.directives.push(node);
  siblings.push(node);
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
  const lower = lowerName(name);
  let k = stack.length - 1;
  while (k >= 0 && lowerName(stack[k].name) !== lower) k--;
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
  // A copy at the exact length: the array grown by push keeps spare room (see splitArgs).
  if (sec.children.length < 64) sec.children = sec.children.slice();
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
