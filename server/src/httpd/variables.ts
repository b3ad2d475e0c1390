// `Define` variables across a configuration: where each is defined (Define, Debian's envvars
// `export NAME=`), used (`${NAME}` in any argument), tested (`<IfDefine NAME>`) and removed (`UnDefine`),
// in the order Apache reads them. Go to definition, find references, rename, document highlights and the
// httpd/undefined-variable rule read this index; it is built from the configuration model
// (`httpdConfigFor`: its files and its directives in reading order) and the cached trees, never by
// reading files again.
//
// Facts checked against a real apache2 (2.4) -t:
// - `${NAME}` is replaced while the file is read, line by line: a use before its Define is not defined yet,
//   and neither is one after `UnDefine NAME`. Lines in a skipped <IfDefine>/<IfModule> are not looked at.
// - The lookup is the Define table (case-insensitive names), then the process environment (case-sensitive:
//   where Debian's apache2ctl puts envvars). `Define NAME` without a value, and `-D NAME`, define no value.
// - An unknown `${NAME}` logs "AH00111: Config variable ${NAME} is not defined" (a warning) and stays as
//   written. Names holding `:` are left alone (RewriteMap lookups `${map:key}`).
// - Macro parameters written `${param}` are mod_macro's, not variables.
import * as nodePath from 'node:path';
import type { FileChange } from '../engine/rules';
import type { OffsetEdit } from '../engine/text';
import type { Project, SourceFile } from '../engine/workspace';
import { httpdConfigFor, isModuleLoaded, type HttpdConfig } from './config';
import { lowerName, type Arg, type DirectiveNode, type HttpdTree, type SectionNode } from './syntax';

export type VarRole = 'define' | 'undefine' | 'use' | 'ifdefine' | 'export';

export interface VarOccurrence {
  path: string;
  name: string;
  role: VarRole;
  /** The name as written: what a rename replaces. */
  start: number;
  end: number;
  /** What the cursor may be on: `${NAME}` for a use, the name otherwise. */
  outerStart: number;
  outerEnd: number;
  /** The whole statement (the Define line, the <IfDefine> tag, the export line). */
  lineStart: number;
  lineEnd: number;
  /** A Define with a value (a Define without one leaves `${NAME}` undefined). */
  hasValue?: boolean;
  /** Position in Apache's reading order (envvars first); NaN when unknown. */
  order: number;
  /** Inside a section Apache may skip (<IfDefine>, <IfModule> of a module not loaded, <IfVersion> ...). */
  guarded: boolean;
  /** Inside a <Macro> body (read when the macro is used, not where it stands). */
  inMacro: boolean;
}

export interface VariableIndex {
  config: HttpdConfig;
  occurrences: VarOccurrence[];
  byFile: Map<string, VarOccurrence[]>;
  /** Occurrences by lower-case name. */
  byName: Map<string, VarOccurrence[]>;
  /** The envvars files found (Debian's next to apache2.conf, IHS's bin/envvars): the environment is known. */
  envFiles: string[];
}

const SKIPPABLE = new Set(['ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

/** A name a Define can set and `${}` can read (no white space, braces, quotes; Apache refuses `:`). */
const SANE_NAME = /^[^\s${}:'"\\]+$/;

/** The span of an argument's value inside its quotes (the text a rename replaces). */
function valueSpan(text: string, arg: Arg, value: string): { start: number; end: number } | null {
  const raw = text.slice(arg.start, arg.end);
  const at = raw.indexOf(value);
  return at < 0 ? null : { start: arg.start + at, end: arg.start + at + value.length };
}

/** The envvars files of a configuration: next to the main config (Debian) or in ServerRoot/bin (IHS, Apache builds). */
function envvarsFiles(project: Project, cfg: HttpdConfig): string[] {
  const dirs = [cfg.localServerRoot, nodePath.dirname(cfg.root)];
  const out: string[] = [];
  for (const d of dirs) {
    for (const p of [nodePath.join(d, 'envvars'), nodePath.join(d, 'bin', 'envvars')]) {
      if (!out.includes(p) && project.fs.stat(p) === 'file') out.push(p);
    }
  }
  return out;
}

const EXPORT_RE = /^([ \t]*export[ \t]+)([A-Za-z_][A-Za-z0-9_]*)=/;

function readExports(project: Project, path: string): VarOccurrence[] {
  const ft = project.rawText(path);
  if (!ft || ft.binary) return [];
  const out: VarOccurrence[] = [];
  const text = ft.text;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    const m = EXPORT_RE.exec(line);
    if (m) {
      const start = pos + m[1].length;
      const end = start + m[2].length;
      out.push({
        path, name: m[2], role: 'export', start, end, outerStart: start, outerEnd: end,
        lineStart: pos, lineEnd: pos + line.length, hasValue: true, order: -1, guarded: false, inMacro: false,
      });
    }
    pos = nl + 1;
  }
  return out;
}

/**
 * Reading order of offsets in a file, from the configuration's directives (which are in reading order).
 * The table is built at the first question: a configuration without variables asks none, and the index is
 * made again at every lint of an open file.
 */
function orderer(cfg: HttpdConfig): (path: string, offset: number) => number {
  let byFile: Map<string, { starts: number[]; idx: number[] }> | null = null;
  const build = () => {
    const table = new Map<string, { starts: number[]; idx: number[] }>();
    cfg.directives.forEach(({ file, node }, i) => {
      let e = table.get(file);
      if (!e) table.set(file, (e = { starts: [], idx: [] }));
      e.starts.push(node.start);
      e.idx.push(i);
    });
    return table;
  };
  return (path, offset) => {
    byFile ??= build();
    const e = byFile.get(path);
    if (!e || !e.starts.length) return NaN;
    let lo = 0;
    let hi = e.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e.starts[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo < e.starts.length && e.starts[lo] === offset) return e.idx[lo];
    return lo < e.starts.length ? e.idx[lo] - 0.5 : e.idx[e.starts.length - 1] + 0.5;
  };
}

function fileOccurrences(sf: SourceFile<HttpdTree>, cfg: HttpdConfig, order: (path: string, offset: number) => number, assumeAll: boolean): VarOccurrence[] {
  const text = sf.text;
  const out: VarOccurrence[] = [];
  const guardedBy = (n: DirectiveNode | SectionNode): { guarded: boolean; inMacro: boolean; params: Set<string> } => {
    let guarded = false;
    let inMacro = false;
    const params = new Set<string>();
    for (let p = n.parent; p; p = p.parent) {
      const name = lowerName(p.name);
      if (SKIPPABLE.has(name)) guarded = true;
      else if (name === 'ifmodule') {
        const m = p.args[0]?.value ?? '';
        if (assumeAll ? m.startsWith('!') : m.startsWith('!') || !isModuleLoaded(cfg, m)) guarded = true;
      } else if (name === 'macro') {
        inMacro = true;
        for (const a of p.args.slice(1)) params.add(a.value);
      }
    }
    return { guarded, inMacro, params };
  };
  const scan = (n: DirectiveNode | SectionNode, ctx: { guarded: boolean; inMacro: boolean; params: Set<string> }, args: Arg[]) => {
    for (const arg of args) {
      if (!arg.value.includes('${')) continue; // (searching the text from here would run to its end)
      // `${NAME}` as Apache finds it: up to the first `}`.
      for (let at = text.indexOf('${', arg.start); at >= 0 && at < arg.end; at = text.indexOf('${', at + 2)) {
        const close = text.indexOf('}', at + 2);
        if (close < 0 || close >= arg.end) break;
        const name = text.slice(at + 2, close);
        if (!name || name.includes(':') || ctx.params.has('${' + name + '}')) continue;
        out.push({
          path: sf.path, name, role: 'use', start: at + 2, end: close,
          outerStart: at, outerEnd: close + 1, lineStart: n.start, lineEnd: lineEndOf(n),
          order: order(sf.path, n.start), guarded: ctx.guarded, inMacro: ctx.inMacro,
        });
      }
    }
  };
  // Bounded to the arguments themselves: an indexOf from here would scan to the end of the file for each
  // directive (quadratic on a file without variables).
  const hasUse = (args: Arg[]) => args.some(a => a.value.includes('${'));
  const visit = (n: DirectiveNode | SectionNode) => {
    // Most lines hold no variable and are no Define, UnDefine or IfDefine (names of 6 or 8 letters): they
    // are passed over before their name is looked up (this runs for every line of the configuration at
    // every lint).
    const nl = n.name.length;
    if (nl !== 6 && nl !== 8) {
      const args = n.args;
      let use = false;
      for (let k = 0; k < args.length && !use; k++) use = args[k].value.includes('${');
      if (!use) return;
    }
    const lower = lowerName(n.name);
    const first = n.args[0];
    const isDefine = n.kind === 'directive' && (lower === 'define' || lower === 'undefine') && !!first && !first.unterminated && SANE_NAME.test(first.value);
    const isIfDefine = n.kind === 'section' && lower === 'ifdefine' && !!first;
    // Most lines hold no variable: the context (enclosing conditionals, macro) is computed only when one does.
    if (!isDefine && !isIfDefine && !hasUse(n.args)) return;
    const ctx = guardedBy(n);
    if (n.kind === 'section' && lower === 'macro') {
      // The macro's own line declares its parameters.
      for (const a of n.args.slice(1)) ctx.params.add(a.value);
    }
    if (isDefine) {
      const span = valueSpan(text, first, first.value);
      if (span) {
        out.push({
          path: sf.path, name: first.value, role: lower === 'define' ? 'define' : 'undefine', start: span.start, end: span.end,
          outerStart: span.start, outerEnd: span.end, lineStart: n.start, lineEnd: n.end,
          hasValue: lower === 'define' ? n.args.length > 1 : undefined,
          order: order(sf.path, n.start), guarded: ctx.guarded, inMacro: ctx.inMacro,
        });
      }
      scan(n, ctx, n.args.slice(1));
      return;
    }
    if (isIfDefine) {
      const name = first.value.replace(/^!/, '');
      const span = !first.unterminated && SANE_NAME.test(name) ? valueSpan(text, first, name) : null;
      if (span) {
        out.push({
          path: sf.path, name, role: 'ifdefine', start: span.start, end: span.end, outerStart: span.start, outerEnd: span.end,
          lineStart: n.open.start, lineEnd: n.open.end, order: order(sf.path, n.start), guarded: ctx.guarded, inMacro: ctx.inMacro,
        });
      }
    }
    scan(n, ctx, n.args);
  };
  for (let _ni = 0, _ns = sf.tree.directives; _ni < _ns.length; _ni++) {
    const n = _ns[_ni];
    visit(n);
  }
  for (let _ni = 0, _ns = sf.tree.sections; _ni < _ns.length; _ni++) {
    const n = _ns[_ni];
    visit(n);
  }
  return out.sort((a, b) => a.start - b.start);
}

function lineEndOf(n: DirectiveNode | SectionNode): number {
  return n.kind === 'section' ? n.open.end : n.end;
}

/**
 * Parsed trees that hold no Define, UnDefine, IfDefine or `${}`: whether a file has occurrences does not
 * depend on the configuration around it (only their order and guards do), and a tree is one version of a
 * file. After an edit in one file of a thousand, the index is rebuilt, but the other files are not walked.
 */
const withoutVariables = new WeakSet<HttpdTree>();

/** The variable index of the configuration `cfg` (memoized until the next change). */
export function variableIndex(project: Project, cfg: HttpdConfig): VariableIndex {
  return project.memo(`httpd-variables:${cfg.root}`, () => {
    const order = orderer(cfg);
    const envFiles = envvarsFiles(project, cfg);
    const occurrences: VarOccurrence[] = envFiles.flatMap(p => readExports(project, p));
    const assumeAll = !!project.options.httpdAssumeAllModules;
    for (const path of cfg.files) {
      const sf = project.file<HttpdTree>(path, 'apacheconf');
      if (!sf?.tree || withoutVariables.has(sf.tree)) continue;
      const found = fileOccurrences(sf, cfg, order, assumeAll);
      if (found.length) occurrences.push(...found);
      else withoutVariables.add(sf.tree);
    }
    const byFile = new Map<string, VarOccurrence[]>();
    const byName = new Map<string, VarOccurrence[]>();
    const add = (m: Map<string, VarOccurrence[]>, k: string, o: VarOccurrence) => {
      const list = m.get(k);
      if (list) list.push(o);
      else m.set(k, [o]);
    };
    for (const o of occurrences) {
      add(byFile, o.path, o);
      add(byName, o.name.toLowerCase(), o);
    }
    return { config: cfg, occurrences, byFile, byName, envFiles };
  });
}

/** The index of the configuration a file belongs to. */
export function variableIndexFor(project: Project, path: string): VariableIndex {
  return variableIndex(project, httpdConfigFor(project, path));
}

/** The variable occurrence under the cursor in `file`, or null. */
export function variableAt(project: Project, file: SourceFile<HttpdTree>, offset: number): { index: VariableIndex; at: VarOccurrence } | null {
  const index = variableIndexFor(project, file.path);
  const at = (index.byFile.get(file.path) ?? []).find(o => offset >= o.outerStart && offset <= o.outerEnd);
  return at ? { index, at } : null;
}

/**
 * Every occurrence of the same variable: Define/UnDefine/`${}` match ignoring case (Apache's Define table
 * does), envvars exports and <IfDefine> tests match a spelling used by a Define (the environment and
 * IfDefine compare exactly).
 */
export function sameVariable(index: VariableIndex, at: VarOccurrence): VarOccurrence[] {
  const same = index.byName.get(at.name.toLowerCase()) ?? [];
  const spellings = new Set<string>([at.name]);
  for (const o of same) if (o.role === 'define' || o.role === 'undefine') spellings.add(o.name);
  return same.filter(o => (o.role === 'ifdefine' || o.role === 'export' ? spellings.has(o.name) : true));
}

/**
 * Where the variable at the cursor gets its value: for a use, the Define in effect there (the last one read
 * before it), else every Define and envvars export of it; on a Define, the Define itself.
 */
export function variableDefinitions(project: Project, file: SourceFile<HttpdTree>, offset: number): VarOccurrence[] {
  const hit = variableAt(project, file, offset);
  if (!hit) return [];
  const { index, at } = hit;
  if (at.role === 'define' || at.role === 'export') return [at];
  const group = sameVariable(index, at);
  const defs = group.filter(o => o.role === 'define' || (o.role === 'export' && o.name === at.name));
  if (at.role === 'use' && !Number.isNaN(at.order)) {
    const before = group
      .filter(o => (o.role === 'define' || o.role === 'undefine') && o.order < at.order)
      .sort((a, b) => a.order - b.order)
      .pop();
    if (before?.role === 'define') return [before];
  }
  return defs;
}

/** Find references: every occurrence of the variable, definitions included when asked. */
export function variableReferences(project: Project, file: SourceFile<HttpdTree>, offset: number, includeDeclaration: boolean): VarOccurrence[] {
  const hit = variableAt(project, file, offset);
  if (!hit) return [];
  return sameVariable(hit.index, hit.at).filter(o => includeDeclaration || (o.role !== 'define' && o.role !== 'export'));
}

/** Document highlights: the variable's occurrences in this file; definitions are "write" occurrences. */
export function variableHighlights(project: Project, file: SourceFile<HttpdTree>, offset: number): { start: number; end: number; write: boolean }[] {
  const hit = variableAt(project, file, offset);
  if (!hit) return [];
  return sameVariable(hit.index, hit.at)
    .filter(o => o.path === file.path)
    .map(o => ({ start: o.outerStart, end: o.outerEnd, write: o.role === 'define' || o.role === 'undefine' }));
}

/** The name a rename at the cursor replaces, or null when no variable is there. */
export function prepareVariableRename(project: Project, file: SourceFile<HttpdTree>, offset: number): { start: number; end: number; placeholder: string } | null {
  const hit = variableAt(project, file, offset);
  return hit ? { start: hit.at.start, end: hit.at.end, placeholder: hit.at.name } : null;
}

export type VariableRenameResult = { edits: OffsetEdit[]; otherFiles: FileChange[] } | { error: string };

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SHELL_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Renames the variable at the cursor in every file of the configuration (and envvars): one edit per
 * occurrence, on the name only. Refuses a name Apache or the shell would not take, and one another
 * variable of the configuration already uses.
 */
export function renameVariable(project: Project, file: SourceFile<HttpdTree>, offset: number, newName: string): VariableRenameResult {
  const hit = variableAt(project, file, offset);
  if (!hit) return { error: 'There is no Define variable here to rename.' };
  const { index, at } = hit;
  const group = sameVariable(index, at);
  if (newName.includes(':')) return { error: `"${newName}" is not a valid variable name: Apache refuses names with ":" (Define: Variable name must not contain ':').` };
  if (!NAME_RE.test(newName)) {
    return { error: `"${newName}" is not a valid variable name: use letters, digits, "_", "." and "-", starting with a letter or "_".` };
  }
  const exported = group.find(o => o.role === 'export');
  if (exported && !SHELL_NAME_RE.test(newName)) {
    return { error: `"${newName}" cannot be exported from ${nodePath.basename(exported.path)}: a shell variable name holds only letters, digits and "_".` };
  }
  if (newName === at.name) return { edits: [], otherFiles: [] };
  const members = new Set(group);
  const clash = (index.byName.get(newName.toLowerCase()) ?? []).find(o => !members.has(o));
  if (clash) {
    return { error: `Cannot rename ${at.name} to ${newName}: ${clash.name} is already used in this configuration (${nodePath.basename(clash.path)}, ${describeRole(clash.role)}).` };
  }
  const byPath = new Map<string, OffsetEdit[]>();
  for (const o of group) {
    const list = byPath.get(o.path) ?? [];
    list.push({ start: o.start, end: o.end, newText: newName });
    byPath.set(o.path, list);
  }
  const edits = byPath.get(file.path) ?? [];
  byPath.delete(file.path);
  return { edits, otherFiles: [...byPath].map(([path, e]) => ({ path, edits: e })) };
}

function describeRole(role: VarRole): string {
  return { define: 'Define', undefine: 'UnDefine', use: '${...}', ifdefine: '<IfDefine>', export: 'export' }[role];
}

const ROOT_NAMES = new Set(['httpd.conf', 'apache2.conf', 'apache.conf']);
const ASSEMBLING = new Set(['loadmodule', 'listen', 'include', 'includeoptional']);

/**
 * Is this a whole configuration, one Apache is started with? A root that sets ServerRoot, or a main
 * config name (httpd.conf, apache2.conf) that loads modules, listens or includes other files. A drop-in
 * seen without its main config is not: its variables may come from anywhere.
 */
export function isWholeConfiguration(project: Project, cfg: HttpdConfig): boolean {
  const root = project.file<HttpdTree>(cfg.root, 'apacheconf');
  if (!root?.tree) return false;
  const top = root.tree.children.filter((n): n is DirectiveNode => n.kind === 'directive').map(n => lowerName(n.name));
  if (top.includes('serverroot')) return true;
  return ROOT_NAMES.has(nodePath.basename(cfg.root).toLowerCase()) && top.some(n => ASSEMBLING.has(n));
}

/** Debian's layout: apache2.conf, whose variables come from envvars through apache2ctl. */
export function isDebianLayout(cfg: HttpdConfig): boolean {
  return nodePath.basename(cfg.root).toLowerCase() === 'apache2.conf';
}

export interface UndefinedUse {
  use: VarOccurrence;
  message: string;
  /** Where the variable is defined or removed, for related information. */
  related?: VarOccurrence;
}

/**
 * Uses in `path` where Apache finds no value (AH00111). Only for a whole configuration; a variable no
 * Define sets counts only when the environment is known (always, except Debian without its envvars).
 * Uses in sections Apache may skip are not judged.
 */
export function undefinedUses(project: Project, cfg: HttpdConfig, path: string): UndefinedUse[] {
  if (!isWholeConfiguration(project, cfg)) return [];
  const index = variableIndex(project, cfg);
  const envKnown = index.envFiles.length > 0 || !isDebianLayout(cfg);
  const out: UndefinedUse[] = [];
  for (const use of index.byFile.get(path) ?? []) {
    if (use.role !== 'use' || use.guarded) continue;
    const same = index.byName.get(use.name.toLowerCase()) ?? [];
    if (same.some(o => o.role === 'export' && o.name === use.name)) continue;
    const group = same.filter(o => o.role === 'define' || o.role === 'undefine');
    const valued = group.filter(o => o.role === 'define' && o.hasValue);
    const where = (o: VarOccurrence) => `${project.display(o.path)}:${lineNumber(project, o)}`;
    const tail = 'Apache logs AH00111 and keeps the text "${' + use.name + '}" as written.';
    if (!valued.length) {
      const bare = group.find(o => o.role === 'define');
      if (bare) {
        out.push({ use, related: bare, message: `Define ${bare.name} (${where(bare)}) gives no value, so \${${use.name}} is not defined: ${tail}` });
      } else if (envKnown) {
        const env = index.envFiles.length ? ` nor exported by ${index.envFiles.map(p => project.display(p)).join(', ')}` : '';
        out.push({ use, message: `${use.name} is not defined: no Define in this configuration sets it${env}. ${tail}` });
      }
      continue;
    }
    if (use.inMacro || Number.isNaN(use.order)) continue;
    const before = group
      .filter(o => o.order < use.order && ((o.role === 'define' && o.hasValue) || (o.role === 'undefine' && !o.guarded)))
      .sort((a, b) => a.order - b.order)
      .pop();
    if (before?.role === 'define') continue;
    if (before?.role === 'undefine') {
      out.push({ use, related: before, message: `UnDefine ${before.name} (${where(before)}) removed ${use.name} before this line. ${tail}` });
    } else {
      const later = valued.sort((a, b) => a.order - b.order)[0];
      out.push({
        use,
        related: later,
        message: `${use.name} is used before its Define (${where(later)}): Apache replaces variables while reading, so it is not defined yet here. ${tail}`,
      });
    }
  }
  return out;
}

function lineNumber(project: Project, o: VarOccurrence): number {
  const sf = o.role === 'export' ? undefined : project.file(o.path, 'apacheconf');
  if (sf) return sf.index.positionAt(o.start).line + 1;
  const raw = project.rawText(o.path)?.text ?? '';
  let n = 1;
  for (let i = 0; i < o.start && i < raw.length; i++) if (raw.charCodeAt(i) === 10) n++;
  return n;
}
