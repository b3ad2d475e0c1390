// Completion for httpd configuration files, aware of where the cursor is: directive names allowed in
// the enclosing section, section names after `<`, the closing tag after `</`, module identifiers and
// .so paths after LoadModule, RewriteRule/RewriteCond flags inside `[...]`, server variables after
// `%{`, Define variables after `${`, status codes after ErrorDocument, On|Off for flag directives and
// the known values of common directives. Pure: project + parsed file + offset in, LSP items out.
import * as nodePath from 'node:path';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
} from 'vscode-languageserver-types';
import type { Project, SourceFile } from '../engine/workspace';
import { baseContextOf, contextAt, detectVersion, isModuleLoaded, type BaseContext } from './config';
export { baseContextOf } from './config';
import {
  allDirectives,
  allModules,
  allSections,
  directiveInfo,
  moduleByAnyName,
  modulesOf,
  sectionInfo,
  type Context,
  type DirectiveInfo,
  type ModuleInfo,
} from './directives';
import {
  allDirectiveDocs,
  COND_FLAGS,
  directiveDoc,
  directiveDocUrl,
  moduleDescription,
  RULE_FLAGS,
  STATUS_CODES,
  statusDoc,
  valueSet,
  VARIABLE_PREFIXES,
  VARIABLES,
  type DirectiveDoc,
  type FlagDoc,
} from './docs';
import { lowerName, nodeAt, sectionAt, type Arg, type CommentNode, type DirectiveNode, type HttpdTree, type Node, type SectionNode } from './syntax';

// ---------------------------------------------------------------------------------------------------
// What is under the cursor

export type LineKind = 'blank' | 'comment' | 'directive' | 'open' | 'close';

export interface LineAt {
  kind: LineKind;
  /** Source offset where the logical line starts (after leading BOM). */
  start: number;
  /** The directive, comment or section (for `open`, and for `close` when the tag closes one). */
  node: DirectiveNode | SectionNode | CommentNode | null;
  /** The section the line sits in: the context of a directive typed there. */
  parent: SectionNode | null;
  /** For `close` lines: the span of the name after `</`. */
  closeName?: { start: number; end: number };
}

/** Does the physical line ending just before `nl` (the index of its `\n`) continue onto the next? */
function continues(text: string, lineStart: number, nl: number): boolean {
  let ce = nl;
  if (ce > lineStart && text.charCodeAt(ce - 1) === 13) ce--;
  return ce > lineStart && text.charCodeAt(ce - 1) === 92 && !(ce - 1 > lineStart && text.charCodeAt(ce - 2) === 92);
}

/** Start of the logical line (physical lines joined by a trailing backslash) holding `offset`. */
export function logicalLineStart(text: string, offset: number): number {
  let ls = text.lastIndexOf('\n', offset - 1) + 1;
  while (ls > 0) {
    const prevStart = text.lastIndexOf('\n', ls - 2) + 1;
    if (!continues(text, prevStart, ls - 1)) break;
    ls = prevStart;
  }
  if (ls === 0 && text.charCodeAt(0) === 0xfeff) ls = 1;
  return ls;
}

/** End of the logical line starting at `start`: just past its last character, before the line break. */
export function logicalLineEnd(text: string, start: number): number {
  let pos = start;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) return text.length;
    if (!continues(text, pos, nl)) return nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    pos = nl + 1;
  }
}

/** Classifies the logical line holding `offset` and finds its node. */
export function lineAt(tree: HttpdTree, offset: number): LineAt {
  const text = tree.text;
  const start = logicalLineStart(text, offset);
  // The node whose line starts here, or the section whose closing tag is on this line: the innermost
  // node around the line start (a binary search down the tree, no index over the whole file).
  const around = nodeAt(tree, start);
  if (around) {
    if (around.lineStart === start) {
      if (around.kind === 'section') return { kind: 'open', start, node: around, parent: around.parent };
      return { kind: around.kind, start, node: around, parent: around.parent };
    }
    for (let s: SectionNode | null = around.kind === 'section' ? around : around.parent; s; s = s.parent) {
      if (s.close && s.close.start >= start && logicalLineStart(text, s.close.start) === start) {
        return { kind: 'close', start, node: s, parent: s.parent, closeName: s.close.nameSpan };
      }
    }
  }
  let i = start;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text.startsWith('</', i)) {
    let j = i + 2;
    while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
    return { kind: 'close', start, node: null, parent: sectionAt(tree, offset), closeName: { start: i + 2, end: j } };
  }
  return { kind: 'blank', start, node: null, parent: sectionAt(tree, offset) };
}

/** Where the cursor is among a node's arguments: inside `args[index]` or before a new one. */
export interface ArgPosition {
  index: number;
  arg: Arg | null;
}

export function argPosition(args: Arg[], offset: number): ArgPosition {
  let index = 0;
  for (const a of args) {
    if (offset >= a.start && offset <= a.end) return { index, arg: a };
    if (a.end < offset) index++;
  }
  return { index, arg: null };
}

/** The context a directive typed inside `parent` is read in. */
export function contextIn(parent: SectionNode | null, base: BaseContext): Context {
  return contextAt({ parent } as Node, base).context;
}

export function allowedIn(info: DirectiveInfo, ctx: Context): boolean {
  const ok = (d: Omit<DirectiveInfo, 'alternatives'>) => d.contexts.includes(ctx) && !(ctx === 'virtualhost' && d.globalOnly);
  return ok(info) || (info.alternatives ?? []).some(ok);
}

/** `mod_rewrite.c` -> `mod_rewrite`, `event.c` -> `mpm_event`. */
export function moduleLabel(source: string): string {
  const s = source.replace(/\.c$/i, '');
  return s === 'event' || s === 'worker' || s === 'prefork' ? `mpm_${s}` : s;
}

/** The usual spelling of a directive or section name. */
export function displayName(name: string, info?: DirectiveInfo): string {
  return directiveDoc(name)?.name ?? info?.name ?? name;
}

// ---------------------------------------------------------------------------------------------------
// Version notes shared with hover

export type TargetVersion = '2.2' | '2.4' | undefined;

/**
 * The Apache version the configuration is written for: the `upkeep.httpd.version` setting, else what the
 * configuration shows (see detectVersion); undefined when it shows nothing or both.
 */
export function targetVersion(project: Project, file: SourceFile<HttpdTree>): TargetVersion {
  return project.options.httpdVersion ?? detectVersion(project, baseContextOf(project, file).config);
}

/** Does the directive exist on the target version? `false` when it is clearly missing there. */
export function availableOn(doc: DirectiveDoc | undefined, target: TargetVersion): boolean {
  if (!doc || !target) return true;
  if (target === '2.2' && doc.since && !doc.since.startsWith('2.2')) return false;
  if (target === '2.4' && doc.removedIn === '2.4') return false;
  return true;
}

/** A short tag for completion details: `2.4+`, `2.2 only`. */
function versionTag(doc: DirectiveDoc | undefined): string {
  if (!doc) return '';
  if (doc.removedIn) return ` · 2.2 only`;
  if (doc.since) return ` · ${doc.since}+`;
  return '';
}

// ---------------------------------------------------------------------------------------------------
// Completion

export interface CompletionOptions {
  /** The client understands snippet syntax (`${1:...}`). */
  snippets?: boolean;
  /** The character that triggered the request, when the client says so. */
  triggerCharacter?: string;
}

interface Ctx {
  project: Project;
  file: SourceFile<HttpdTree>;
  tree: HttpdTree;
  text: string;
  offset: number;
  opts: CompletionOptions;
  target: TargetVersion;
  /** Set when the list holds only the names that could match what is typed (the client must ask again). */
  incomplete: boolean;
}

/**
 * Could `typed` select `name` in a client's filter? Its characters appear in `name` in order (case
 * ignored): every fuzzy matcher editors use (VS Code's, Neovim's prefix match) accepts a subset of these.
 */
export function couldMatch(typed: string, name: string): boolean {
  let k = 0;
  const n = typed.length;
  if (n === 0) return true;
  let want = typed.charCodeAt(0) | 0x20;
  for (let i = 0; i < name.length; i++) {
    if ((name.charCodeAt(i) | 0x20) !== want) continue;
    if (++k === n) return true;
    want = typed.charCodeAt(k) | 0x20;
  }
  return false;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** The list was narrowed to what is typed: the client asks again as the word changes. */
  isIncomplete: boolean;
}

const MAX_ITEMS = 2000;

export function httpdCompletions(
  project: Project,
  file: SourceFile<HttpdTree>,
  offset: number,
  opts: CompletionOptions = {},
): CompletionItem[] {
  return httpdCompletionList(project, file, offset, opts).items;
}

/** The completion list at `offset`, with whether it was narrowed to the word typed so far. */
export function httpdCompletionList(
  project: Project,
  file: SourceFile<HttpdTree>,
  offset: number,
  opts: CompletionOptions = {},
): CompletionResult {
  const tree = file.tree;
  if (!tree) return { items: [], isIncomplete: false };
  const c: Ctx = { project, file, tree, text: file.text, offset, opts, target: targetVersion(project, file), incomplete: false };
  const line = lineAt(tree, offset);
  // A space or slash typed outside an argument (indenting a line, writing a path) asks for nothing.
  const trigger = opts.triggerCharacter;
  const none = { items: [], isIncomplete: false };
  if (trigger === ' ' && (line.kind === 'blank' || (line.kind === 'directive' && offset <= (line.node as DirectiveNode).nameSpan.end))) return none;
  if (trigger === '/' && line.kind !== 'close' && !(line.kind === 'directive' && lowerName((line.node as DirectiveNode).name) === 'loadmodule')) return none;
  const items = complete(c, line);
  return { items: items.slice(0, MAX_ITEMS), isIncomplete: c.incomplete || items.length > MAX_ITEMS };
}

function complete(c: Ctx, line: LineAt): CompletionItem[] {
  switch (line.kind) {
    case 'comment':
      return [];
    case 'close':
      return closeTagItems(c, line);
    case 'blank':
      return lineStartItems(c, line.parent, { start: c.offset, end: c.offset });
    case 'directive': {
      const d = line.node as DirectiveNode;
      if (c.offset < d.nameSpan.start) return [];
      if (c.offset <= d.nameSpan.end) return lineStartItems(c, line.parent, d.nameSpan);
      return argumentItems(c, d.name, d.args, false);
    }
    case 'open': {
      const s = line.node as SectionNode;
      if (c.offset < s.nameSpan.start) return [];
      if (c.offset <= s.nameSpan.end) return sectionNameItems(c, s);
      if (c.offset > s.open.end || (!s.openUnterminated && c.offset >= s.open.end)) return [];
      return argumentItems(c, s.name, s.args, true);
    }
  }
}

/** A completion range: on the cursor's line only (clients refuse ranges over several lines). */
function range(c: Ctx, start: number, end: number) {
  const ix = c.file.index;
  const line = ix.lineAt(c.offset);
  const lineStart = ix.lineStarts[line];
  const lineEnd = ix.lineContentEnd(line);
  return ix.range(Math.min(Math.max(start, lineStart), c.offset), Math.max(Math.min(end, lineEnd), c.offset));
}

function md(value: string) {
  return { kind: 'markdown' as const, value };
}

/** The rest of the logical line after `from` is only white space. */
function restIsEmpty(c: Ctx, from: number): boolean {
  const end = logicalLineEnd(c.text, logicalLineStart(c.text, from));
  return c.text.slice(from, end).trim() === '';
}

// ---- directive names and sections at the start of a line -------------------------------------------

/** The markdown of each directive, written once (a completion list holds hundreds). */
const docMarkdown = new Map<string, string>();
function directiveDocMarkdown(name: string, info: DirectiveInfo | undefined, doc: DirectiveDoc | undefined): string {
  const key = `${name}\0${info?.module ?? ''}\0${doc?.name ?? ''}`;
  let md = docMarkdown.get(key);
  if (md === undefined) docMarkdown.set(key, (md = writeDirectiveDocMarkdown(name, info, doc)));
  return md;
}
function writeDirectiveDocMarkdown(name: string, info: DirectiveInfo | undefined, doc: DirectiveDoc | undefined): string {
  const parts: string[] = [];
  if (doc) parts.push(doc.text);
  if (doc?.syntax !== undefined) parts.push('`' + `${doc.name} ${doc.syntax}`.trim() + '`');
  if (doc?.versions) parts.push(doc.versions);
  const url = directiveDocUrl(name, info?.module ?? doc?.module ?? 'core.c', !info && !!doc?.removedIn);
  if (url) parts.push(`[Documentation](${url})`);
  return parts.join('\n\n');
}

/**
 * Is a directive's module available here: loaded by the configuration (or compiled in), or named by an
 * enclosing <IfModule>? A configuration that loads no module at all (a fragment) says nothing.
 */
function moduleAvailability(c: Ctx, parent: SectionNode | null): (info: DirectiveInfo) => boolean {
  const { config } = baseContextOf(c.project, c.file);
  if (!config.modules.size) return () => true;
  const guarded: string[] = [];
  for (let s = parent; s; s = s.parent) {
    if (lowerName(s.name) === 'ifmodule' && s.args[0] && !s.args[0].value.startsWith('!')) guarded.push(s.args[0].value.toLowerCase());
  }
  const cache = new Map<string, boolean>();
  const loaded = (m: string) => {
    let v = cache.get(m);
    if (v === undefined) {
      const info = moduleByAnyName(m);
      v = isModuleLoaded(config, m) || guarded.includes(m.toLowerCase()) || (!!info && guarded.some(g => moduleByAnyName(g)?.id === info.id));
      cache.set(m, v);
    }
    return v;
  };
  return info => modulesOf(info).some(loaded);
}

function lineStartItems(c: Ctx, parent: SectionNode | null, span: { start: number; end: number }): CompletionItem[] {
  const { base } = baseContextOf(c.project, c.file);
  const available = moduleAvailability(c, parent);
  const ctx = contextIn(parent, base);
  const r = range(c, span.start, span.end);
  const bare = restIsEmpty(c, span.end);
  // Over a thousand names: once a word is begun, only those it could still select are sent (a list of a
  // few kilobytes instead of a quarter megabyte per keystroke), and the client asks again as it changes.
  const typed = c.offset > span.start ? c.text.slice(span.start, c.offset).replace(/^</, '') : '';
  if (typed) c.incomplete = true;
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  // The begun word is tested first (it matches the name in any case, as the usual spelling is only a
  // case variant); a 2.2 target needs every allowed name for the removed directives below.
  const quick = typed !== '' && c.target !== '2.2';
  for (const info of allDirectives()) {
    if (quick && !couldMatch(typed, info.name)) continue;
    if (!allowedIn(info, ctx)) continue;
    const doc = directiveDoc(info.name);
    const name = displayName(info.name, info);
    seen.add(name.toLowerCase());
    if (!couldMatch(typed, name)) continue;
    const onTarget = availableOn(doc, c.target);
    // A directive of a module the configuration does not load would fail (mod_ssl's SSLEngine on an IHS
    // that loads mod_ibm_ssl): offered last, and saying why.
    const usable = available(info);
    const item: CompletionItem = {
      label: name,
      kind: CompletionItemKind.Keyword,
      detail: `${moduleLabel(info.module)}${info.vendor === 'ihs' ? ' (IBM HTTP Server)' : ''}${versionTag(doc)}${usable ? '' : ' · module not loaded'}`,
      documentation: md(directiveDocMarkdown(info.name, info, doc)),
      sortText: `${!usable ? '3' : doc?.deprecated || !onTarget ? '2' : doc ? '0' : '1'}${name.toLowerCase()}`,
      textEdit: { range: r, newText: name },
    };
    if (doc?.deprecated) item.tags = [CompletionItemTag.Deprecated];
    const values = info.flag ? ['On', 'Off'] : valueSet(info.name)?.values;
    if (c.opts.snippets && bare && values && values.length <= 12 && !values.some(v => /[,|$}\\]/.test(v))) {
      item.textEdit = { range: r, newText: `${name} \${1|${values.join(',')}|}` };
      item.insertTextFormat = InsertTextFormat.Snippet;
    }
    items.push(item);
  }
  // 2.2-only directives (RewriteLog ...) when the target is 2.2.
  if (c.target === '2.2') {
    for (const doc of allDirectiveDocs()) {
      if (!doc.removedIn || seen.has(doc.name.toLowerCase()) || !couldMatch(typed, doc.name)) continue;
      items.push({
        label: doc.name,
        kind: CompletionItemKind.Keyword,
        detail: `${moduleLabel(doc.module ?? 'core.c')}${versionTag(doc)}`,
        documentation: md(directiveDocMarkdown(doc.name, undefined, doc)),
        sortText: `0${doc.name.toLowerCase()}`,
        textEdit: { range: r, newText: doc.name },
      });
    }
  }
  for (const info of allSections()) {
    if (!allowedIn(info, ctx)) continue;
    const name = displayName(info.name, info);
    if (!couldMatch(typed, name)) continue;
    const doc = directiveDoc(info.name);
    const block = c.opts.snippets && bare;
    items.push({
      label: `<${name}>`,
      filterText: name,
      kind: CompletionItemKind.Struct,
      detail: `section · ${moduleLabel(info.module)}${versionTag(doc)}`,
      documentation: md(directiveDocMarkdown(info.name, info, doc)),
      sortText: `${doc && availableOn(doc, c.target) ? '0' : '1'}${name.toLowerCase()}`,
      textEdit: { range: r, newText: block ? sectionSnippet(name, true) : `<${name}` },
      ...(block ? { insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.adjustIndentation } : {}),
    });
  }
  return items;
}

/** Argument placeholders of the section snippets, in snippet syntax. */
const SECTION_ARGS: Record<string, string> = {
  virtualhost: '${1:*:80}',
  directory: '${1:/var/www/html}',
  directorymatch: '"${1:^/var/www/}"',
  location: '${1:/}',
  locationmatch: '"${1:^/}"',
  files: '${1:filename}',
  filesmatch: '"${1:\\\\.php\\$}"',
  ifmodule: '${1:mod_rewrite.c}',
  ifdefine: '${1:NAME}',
  ifversion: '${1:>= 2.4}',
  iffile: '${1:/path/to/file}',
  ifdirective: '${1:Directive}',
  ifsection: '${1:Section}',
  if: '"${1:expression}"',
  elseif: '"${1:expression}"',
  proxy: '"${1:balancer://cluster}"',
  proxymatch: '"${1:^http://}"',
  limit: '${1:GET POST}',
  limitexcept: '${1:GET POST HEAD}',
  macro: '${1:name} ${2:\\$param}',
};
const NO_ARGS = new Set(['else', 'requireall', 'requireany', 'requirenone']);

/** `<Name args>` + body + `</Name>` as a snippet (`withLt`: the `<` is part of the insertion). */
function sectionSnippet(name: string, withLt: boolean): string {
  const lower = name.toLowerCase();
  const args = NO_ARGS.has(lower) ? '' : ` ${SECTION_ARGS[lower] ?? '${1}'}`;
  return `${withLt ? '<' : ''}${name}${args}>\n\t$0\n</${name}>`;
}

function sectionNameItems(c: Ctx, s: SectionNode): CompletionItem[] {
  const { base } = baseContextOf(c.project, c.file);
  const ctx = contextIn(s.parent, base);
  const r = range(c, s.nameSpan.start, s.nameSpan.end);
  // A fresh `<Name` with nothing after it: insert the whole block.
  const block = !!c.opts.snippets && s.openUnterminated === true && s.args.length === 0 && restIsEmpty(c, s.nameSpan.end);
  const items: CompletionItem[] = [];
  for (const info of allSections()) {
    if (!allowedIn(info, ctx)) continue;
    const name = displayName(info.name, info);
    const doc = directiveDoc(info.name);
    items.push({
      label: name,
      kind: CompletionItemKind.Struct,
      detail: `section · ${moduleLabel(info.module)}${versionTag(doc)}`,
      documentation: md(directiveDocMarkdown(info.name, info, doc)),
      sortText: `${doc && availableOn(doc, c.target) ? '0' : '1'}${name.toLowerCase()}`,
      textEdit: { range: r, newText: block ? sectionSnippet(name, false) : name },
      ...(block ? { insertTextFormat: InsertTextFormat.Snippet, insertTextMode: InsertTextMode.adjustIndentation } : {}),
    });
  }
  return items;
}

function closeTagItems(c: Ctx, line: LineAt): CompletionItem[] {
  const nameSpan = line.closeName!;
  if (c.offset < nameSpan.start) return [];
  // The section this tag closes, or (for a tag being typed) the innermost section still open here.
  let open: SectionNode | null = line.node as SectionNode | null;
  if (!open) open = line.parent;
  if (!open) return [];
  const hasGt = c.text[nameSpan.end] === '>';
  const name = open.name;
  const where = c.file.index.positionAt(open.open.start).line + 1;
  const args = c.text.slice(open.nameSpan.end, open.open.end).replace(/>\s*$/, '').trim();
  return [
    {
      label: `</${name}>`,
      filterText: name,
      kind: CompletionItemKind.Struct,
      detail: `closes <${name}${args ? ' ' + args : ''}> (line ${where})`,
      textEdit: { range: range(c, nameSpan.start, nameSpan.end), newText: hasGt ? name : `${name}>` },
    },
  ];
}

// ---- arguments --------------------------------------------------------------------------------------

function argumentItems(c: Ctx, name: string, args: Arg[], section: boolean): CompletionItem[] {
  const pos = argPosition(args, c.offset);
  const lower = name.toLowerCase();
  const raw = pos.arg ? c.text.slice(pos.arg.start, c.offset) : '';

  // %{VAR} and ${VAR} anywhere in an argument.
  const vars = variableItems(c, pos.arg, lower);
  if (vars) return vars;

  if (!section && (lower === 'rewriterule' || lower === 'rewritecond') && pos.index === 2) {
    return flagItems(c, lower === 'rewriterule' ? 'rule' : 'cond', pos.arg);
  }
  if (!section && lower === 'loadmodule' && pos.index <= 1) return loadModuleItems(c, args, pos);
  if (section && lower === 'ifmodule' && pos.index === 0) return ifModuleItems(c, pos);
  if (!section && lower === 'errordocument' && pos.index === 0) return statusItems(c, pos, 400);

  const info = section ? sectionInfo(name) : directiveInfo(name);
  const set = valueSet(name);
  const argRange = (sign: boolean) => {
    let start = pos.arg ? pos.arg.start : c.offset;
    if (sign && pos.arg && /^[+-]/.test(raw)) start++;
    return range(c, start, pos.arg ? pos.arg.end : c.offset);
  };
  if (info?.flag && pos.index === 0 && !set) {
    return ['On', 'Off'].map((v, i) => ({ label: v, kind: CompletionItemKind.Value, sortText: String(i), textEdit: { range: argRange(false), newText: v } }));
  }
  if (!set) return [];
  let values: string[] | undefined;
  if (pos.index === 0 || set.every) values = set.values;
  if (pos.index === 1 && set.after) values = set.after[args[0].value.toLowerCase()] ?? (set.every ? set.values : undefined);
  if (!values) return [];
  const used = new Set(args.filter(a => a !== pos.arg).map(a => a.value.replace(/^[+-]/, '').toLowerCase()));
  return values
    .filter(v => !(set.every && used.has(v.toLowerCase())))
    .map((v, i) => ({
      label: v,
      kind: CompletionItemKind.Value,
      sortText: String(i).padStart(3, '0'),
      textEdit: { range: argRange(!!set.signed), newText: v },
    }));
}

const VAR_NAME = /[A-Za-z0-9_:\-]/;

const COMMON_HEADERS = ['X-Forwarded-For', 'X-Forwarded-Proto', 'X-Forwarded-Host', 'X-Real-IP', 'Host', 'User-Agent', 'Referer', 'Cookie', 'Authorization', 'Accept-Language', 'Upgrade'];

function variableItems(c: Ctx, arg: Arg | null, directive: string): CompletionItem[] | null {
  if (!arg) return null;
  const before = c.text.slice(arg.start, c.offset);
  const pct = before.lastIndexOf('%{');
  const dollar = before.lastIndexOf('${');
  const at = Math.max(pct, dollar);
  if (at < 0 || before.indexOf('}', at) !== -1) return null;
  const nameStart = arg.start + at + 2;
  let nameEnd = c.offset;
  while (nameEnd < arg.end && VAR_NAME.test(c.text[nameEnd])) nameEnd++;
  const closed = c.text[nameEnd] === '}';
  const r = range(c, nameStart, nameEnd);
  const typed = c.text.slice(nameStart, c.offset);
  if (at === dollar) {
    // ${NAME}: Define variables of the configuration (and RewriteMap names in rewrite lines).
    const { config } = baseContextOf(c.project, c.file);
    const items: CompletionItem[] = [];
    for (const [name, value] of config.defines) {
      items.push({ label: name, kind: CompletionItemKind.Variable, detail: value === '' ? 'Define (no value)' : `= ${value}`, textEdit: { range: r, newText: closed ? name : `${name}}` } });
    }
    for (const d of c.tree.directives) {
      if (lowerName(d.name) === 'rewritemap' && d.args[0] && (directive === 'rewriterule' || directive === 'rewritecond')) {
        const n = d.args[0].value;
        items.push({ label: `${n}:`, kind: CompletionItemKind.Function, detail: `RewriteMap ${d.args[1]?.value ?? ''}`.trim(), textEdit: { range: r, newText: `${n}:` } });
      }
    }
    return items;
  }
  if (/^HTTP:/i.test(typed)) {
    const hr = range(c, nameStart + 5, nameEnd);
    return COMMON_HEADERS.map(h => ({ label: h, kind: CompletionItemKind.Field, detail: 'request header', textEdit: { range: hr, newText: closed ? h : `${h}}` } }));
  }
  const rewrite = directive === 'rewritecond' || directive === 'rewriterule';
  const items: CompletionItem[] = [];
  for (const v of VARIABLES) {
    if (v.exprOnly && rewrite) continue;
    items.push({
      label: v.name,
      kind: CompletionItemKind.Variable,
      detail: v.since ? `server variable · ${v.since}+` : 'server variable',
      documentation: md(v.text),
      textEdit: { range: r, newText: closed ? v.name : `${v.name}}` },
      sortText: `0${v.name}`,
    });
  }
  for (const p of VARIABLE_PREFIXES) {
    items.push({
      label: p.name,
      kind: CompletionItemKind.Module,
      detail: 'variable prefix',
      documentation: md(p.text),
      textEdit: { range: r, newText: p.name },
      sortText: `1${p.name}`,
    });
  }
  return items;
}

const RULE_FLAG_SETS = ['[L]', '[R=301,L]', '[R=302,L]', '[R=503,L]', '[F]', '[END]', '[NC,L]', '[QSA,L]', '[P,L]', '[PT,L]'];
const COND_FLAG_SETS = ['[NC]', '[OR]', '[NC,OR]', '[NV]'];

function flagItems(c: Ctx, kind: 'rule' | 'cond', arg: Arg | null): CompletionItem[] {
  const list = kind === 'rule' ? RULE_FLAGS : COND_FLAGS;
  const raw = arg ? c.text.slice(arg.start, arg.end) : '';
  const quoted = raw.startsWith('"') || raw.startsWith("'") ? 1 : 0;
  if (!arg || raw.length === quoted || raw[quoted] !== '[') {
    // No flags yet: offer the usual sets.
    const start = arg ? arg.start : c.offset;
    const end = arg ? arg.end : c.offset;
    return (kind === 'rule' ? RULE_FLAG_SETS : COND_FLAG_SETS).map((s, i) => ({
      label: s,
      kind: CompletionItemKind.EnumMember,
      sortText: String(i).padStart(2, '0'),
      textEdit: { range: range(c, start, end), newText: s },
    }));
  }
  const rel = c.offset - arg.start;
  if (rel <= quoted) return [];
  let segStart = rel;
  while (segStart > quoted + 1 && raw[segStart - 1] !== ',' && raw[segStart - 1] !== '[') segStart--;
  let segEnd = rel;
  while (segEnd < raw.length && raw[segEnd] !== ',' && raw[segEnd] !== ']' && raw[segEnd] !== '"' && raw[segEnd] !== "'") segEnd++;
  const seg = raw.slice(segStart, segEnd);
  const eq = seg.indexOf('=');
  if (eq >= 0 && segStart + eq < rel) {
    const flag = seg.slice(0, eq).toLowerCase();
    if (kind === 'rule' && (flag === 'r' || flag === 'redirect')) {
      const vr = range(c, arg.start + segStart + eq + 1, arg.start + segEnd);
      const codes = [301, 302, 303, 307, 308, 403, 410, 503];
      const items: CompletionItem[] = codes.map((code, i) => ({
        label: String(code),
        kind: CompletionItemKind.Value,
        detail: statusDoc(code)?.reason,
        documentation: md(statusDoc(code)?.text ?? ''),
        sortText: String(i).padStart(2, '0'),
        textEdit: { range: vr, newText: String(code) },
      }));
      for (const w of ['permanent', 'temp', 'seeother']) items.push({ label: w, kind: CompletionItemKind.Value, sortText: `9${w}`, textEdit: { range: vr, newText: w } });
      return items;
    }
    return [];
  }
  let nameEnd = segEnd;
  if (eq >= 0) nameEnd = segStart + eq;
  // Flags already in the list (other than the one being typed) are not offered again.
  const present = new Set<string>();
  const body = raw.slice(quoted + 1).replace(/[\]"']+$/, '');
  let at = 0;
  for (const part of body.split(',')) {
    const partStart = quoted + 1 + at;
    at += part.length + 1;
    if (partStart === segStart) continue;
    present.add(part.split('=')[0].trim().toLowerCase());
  }
  const r = range(c, arg.start + segStart, arg.start + nameEnd);
  const items: CompletionItem[] = [];
  list.forEach((f: FlagDoc, i) => {
    if (present.has(f.name.toLowerCase()) || (f.long && present.has(f.long.toLowerCase()))) return;
    const needsValue = f.value === 'required' && eq < 0;
    items.push({
      label: f.name,
      kind: CompletionItemKind.EnumMember,
      detail: [f.long, f.value ? `=${f.valueText ?? 'value'}` : '', f.since ? `${f.since}+` : ''].filter(Boolean).join(' '),
      documentation: md(f.text),
      sortText: String(i).padStart(2, '0'),
      textEdit: { range: r, newText: needsValue ? `${f.name}=` : f.name },
    });
  });
  return items;
}

/** The folder the configuration loads its modules from (the most common one among its LoadModule lines). */
function moduleDir(c: Ctx): string {
  const { config } = baseContextOf(c.project, c.file);
  const counts = new Map<string, number>();
  const dirs: string[] = [];
  for (const m of config.modules.values()) dirs.push(m.directive.args[1]?.value ?? '');
  for (const d of c.tree.directives) if (lowerName(d.name) === 'loadmodule') dirs.push(d.args[1]?.value ?? '');
  for (const p of dirs) {
    const slash = p.replace(/\\/g, '/').lastIndexOf('/');
    if (slash <= 0) continue;
    const dir = p.slice(0, slash);
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  let best = 'modules';
  let n = 0;
  for (const [dir, k] of counts) if (k > n) [best, n] = [dir, k];
  return best;
}

function loadedWhere(c: Ctx, m: ModuleInfo, exclude: DirectiveNode | null): string | null {
  const { config } = baseContextOf(c.project, c.file);
  const hit = config.modules.get(m.id.toLowerCase());
  if (hit && hit.directive !== exclude && !(hit.path === c.file.path && exclude && hit.directive.start === exclude.start)) {
    return `${nodePath.basename(hit.path)}:${(c.project.file(hit.path)?.index.positionAt(hit.directive.start).line ?? 0) + 1}`;
  }
  return null;
}

function loadModuleItems(c: Ctx, args: Arg[], pos: ArgPosition): CompletionItem[] {
  const dir = moduleDir(c);
  const node = lineAt(c.tree, c.offset).node as DirectiveNode | null;
  const mods = allModules().filter(m => !m.static && m.so);
  const r = range(c, pos.arg ? pos.arg.start : c.offset, pos.arg ? pos.arg.end : c.offset);
  if (pos.index === 0) {
    const withPath = args.length <= 1;
    return mods.map(m => {
      const where = loadedWhere(c, m, node);
      const wrongVersion = (c.target === '2.4' && m.id === 'was_ap22_module') || (c.target === '2.2' && m.id === 'was_ap24_module');
      return {
        label: m.id,
        kind: CompletionItemKind.Module,
        detail: `${m.so}${m.vendor === 'ihs' ? ' (IBM)' : ''}${where ? ` · already loaded (${where})` : ''}`,
        documentation: md(moduleDescription(m.source) ?? ''),
        sortText: `${where || wrongVersion ? '1' : '0'}${m.id}`,
        textEdit: { range: r, newText: withPath ? `${m.id} ${dir}/${m.so}` : m.id },
      };
    });
  }
  const chosen = moduleFromId(args[0]?.value ?? '');
  const list = chosen ? [chosen] : mods;
  return list.map(m => ({
    label: `${dir}/${m.so}`,
    kind: CompletionItemKind.File,
    detail: m.id,
    textEdit: { range: r, newText: `${dir}/${m.so}` },
  }));
}

function moduleFromId(id: string): ModuleInfo | undefined {
  const lower = id.toLowerCase();
  return allModules().find(m => m.id.toLowerCase() === lower && m.so);
}

function ifModuleItems(c: Ctx, pos: ArgPosition): CompletionItem[] {
  const raw = pos.arg ? c.text.slice(pos.arg.start, pos.arg.end) : '';
  const start = (pos.arg ? pos.arg.start : c.offset) + (raw.startsWith('!') ? 1 : 0);
  const r = range(c, start, pos.arg ? pos.arg.end : c.offset);
  return allModules().map(m => ({
    label: m.source,
    kind: CompletionItemKind.Module,
    detail: m.id,
    documentation: md(moduleDescription(m.source) ?? ''),
    sortText: `${m.source.startsWith('mod_') ? '0' : '1'}${m.source}`,
    textEdit: { range: r, newText: m.source },
  }));
}

function statusItems(c: Ctx, pos: ArgPosition, min: number): CompletionItem[] {
  const r = range(c, pos.arg ? pos.arg.start : c.offset, pos.arg ? pos.arg.end : c.offset);
  return STATUS_CODES.filter(s => s.code >= min).map(s => ({
    label: String(s.code),
    kind: CompletionItemKind.Value,
    detail: s.reason,
    documentation: md(s.text),
    sortText: String(s.code),
    textEdit: { range: r, newText: String(s.code) },
  }));
}
