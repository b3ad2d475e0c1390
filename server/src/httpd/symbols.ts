// Outline (hierarchical document symbols, which also drive breadcrumbs) and folding ranges for httpd
// configuration files. Sections nest as in the file; a <VirtualHost> shows its ServerName as detail;
// directives are leaves. Folding covers sections and runs of comment lines.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { LineIndex } from '../engine/text';
import { displayName } from './complete';
import { directiveInfo, sectionInfo } from './directives';
import { lowerName, type DirectiveNode, type HttpdTree, type Node, type SectionNode } from './syntax';

/** Symbols beyond this many are dropped (a generated file with 100 000 lines stays responsive). */
export const MAX_SYMBOLS = 5000;
/** Outline nesting stops here (a 4,000-deep nesting would not serialise). */
export const MAX_DEPTH = 64;

const CONDITIONAL = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'if', 'elseif', 'else']);
const PATH_SECTIONS = new Set(['directory', 'directorymatch', 'location', 'locationmatch', 'files', 'filesmatch', 'proxy', 'proxymatch']);
const ACCESS_SECTIONS = new Set(['limit', 'limitexcept', 'requireall', 'requireany', 'requirenone']);

function sectionKind(name: string): SymbolKind {
  const n = name.toLowerCase();
  if (n === 'virtualhost') return SymbolKind.Class;
  if (PATH_SECTIONS.has(n)) return SymbolKind.Namespace;
  if (CONDITIONAL.has(n)) return SymbolKind.Package;
  if (ACCESS_SECTIONS.has(n)) return SymbolKind.Interface;
  if (n === 'macro') return SymbolKind.Function;
  return SymbolKind.Struct;
}

/** Argument text of a node as written, on one line, shortened. */
function argText(text: string, start: number, end: number, max = 80): string {
  const s = text.slice(start, end).replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** The ServerName (and first ServerAlias) of a virtual host, looking through conditional sections. */
export function serverNameOf(vhost: SectionNode): string | undefined {
  let name: string | undefined;
  let alias: string | undefined;
  const stack: Node[][] = [vhost.children];
  const idx: number[] = [0];
  while (stack.length) {
    const nodes = stack[stack.length - 1];
    const i = idx[idx.length - 1]++;
    if (i >= nodes.length) {
      stack.pop();
      idx.pop();
      continue;
    }
    const n = nodes[i];
    if (n.kind === 'directive') {
      const lower = lowerName(n.name);
      if (lower === 'servername' && n.args[0] && name === undefined) name = n.args[0].value;
      else if (lower === 'serveralias' && n.args[0] && alias === undefined) alias = n.args[0].value;
    } else if (n.kind === 'section' && CONDITIONAL.has(lowerName(n.name))) {
      stack.push(n.children);
      idx.push(0);
    }
  }
  if (name === undefined) return alias;
  return name;
}

export function httpdDocumentSymbols(tree: HttpdTree, index: LineIndex): DocumentSymbol[] {
  let budget = MAX_SYMBOLS;
  const text = tree.text;
  const sectionSymbol = (s: SectionNode): DocumentSymbol => {
    const name = displayName(s.name, sectionInfo(s.name));
    const argsEnd = s.openUnterminated ? s.open.end : Math.max(s.nameSpan.end, s.open.end - 1);
    const args = argText(text, s.nameSpan.end, argsEnd);
    const detail = lowerName(s.name) === 'virtualhost' ? serverNameOf(s) : undefined;
    const sym: DocumentSymbol = {
      name: args ? `<${name} ${args}>` : `<${name}>`,
      kind: sectionKind(s.name),
      range: index.range(s.open.start, s.end),
      selectionRange: index.range(s.open.start, s.open.end),
      children: [],
    };
    if (detail) sym.detail = detail;
    return sym;
  };
  const directiveSymbol = (d: DirectiveNode): DocumentSymbol => {
    const detail = d.args.length ? argText(text, d.args[0].start, d.args[d.args.length - 1].end) : '';
    const sym: DocumentSymbol = {
      name: displayName(d.name, directiveInfo(d.name)),
      kind: lowerName(d.name) === 'include' || lowerName(d.name) === 'includeoptional' ? SymbolKind.File : SymbolKind.Property,
      range: index.range(d.start, d.end),
      selectionRange: index.range(d.nameSpan.start, d.nameSpan.end),
    };
    if (detail) sym.detail = detail;
    return sym;
  };
  // Iterative, so any nesting depth Apache accepts is fine; below MAX_DEPTH levels the outline stops nesting
  // (deeper sections are listed in their ancestor at that depth), which keeps the reply serialisable.
  const top: DocumentSymbol[] = [];
  const stack: { nodes: Node[]; i: number; out: DocumentSymbol[]; depth: number }[] = [{ nodes: tree.children, i: 0, out: top, depth: 0 }];
  while (stack.length && budget > 0) {
    const f = stack[stack.length - 1];
    if (f.i >= f.nodes.length) {
      stack.pop();
      continue;
    }
    const n = f.nodes[f.i++];
    if (n.kind === 'comment') continue;
    budget--;
    if (n.kind === 'section') {
      const sym = sectionSymbol(n);
      f.out.push(sym);
      const nested = f.depth < MAX_DEPTH;
      stack.push({ nodes: n.children, i: 0, out: nested ? sym.children! : f.out, depth: nested ? f.depth + 1 : f.depth });
    } else f.out.push(directiveSymbol(n));
  }
  return top;
}

/**
 * Folding ranges: each section from its opening tag to the line before its closing tag (the closing tag
 * stays visible), and each run of two or more comment lines.
 */
export function httpdFoldingRanges(tree: HttpdTree, index: LineIndex): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const s of tree.sections) {
    const startLine = index.positionAt(s.open.end).line;
    let endLine: number;
    if (s.close) endLine = index.positionAt(s.close.start).line - 1;
    else endLine = index.positionAt(s.end).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  // Comment runs: consecutive comment nodes on consecutive lines, at any depth.
  let runStart = -1;
  let runEnd = -1;
  const flush = () => {
    if (runStart >= 0 && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
  };
  for (const c of tree.comments) {
    const first = index.positionAt(c.lineStart).line;
    const last = index.positionAt(c.end).line;
    if (runStart >= 0 && first === runEnd + 1) runEnd = last;
    else {
      flush();
      runStart = first;
      runEnd = last;
    }
  }
  flush();
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out;
}
