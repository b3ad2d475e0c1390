// Enter and leave maintenance mode: a marked block that answers every request from a client outside
// the allowlist with the maintenance page and status 503 (or 500), at server level and in every
// <VirtualHost> (rewrite rules are not inherited into virtual hosts). Leaving removes exactly what
// entering inserted, so enter + leave gives back the same bytes.
import * as nodePath from 'node:path';
import type { FileChange } from '../engine/rules';
import { detectEol, type OffsetEdit } from '../engine/text';
import type { Project } from '../engine/workspace';
import { allowRegex, cidrText, parseAllowEntry, type AllowEntry } from './addresses';
import { httpdConfigFor, isModuleLoaded, type HttpdConfig } from './config';
import { requiredHosts, resolveWorkspacePath } from './deployment';
import { lowerName, type HttpdTree, type SectionNode } from './syntax';
import {
  BEGIN_MARKER,
  describeDamage,
  END_MARKER,
  lineNumber,
  readMaintenance,
  REPLACED_PREFIX,
  type HandWritten,
  type MaintenanceReport,
} from './maintenance-state';
export { BEGIN_MARKER, END_MARKER, findMaintenanceBlocks, scanMaintenanceMarkers } from './maintenance-state';

const BEGIN_LINE = `${BEGIN_MARKER}: begin. Remove with "Upkeep: Leave maintenance mode" or \`upkeep maintenance off\`.`;
const END_LINE = `${END_MARKER}: end.`;

export interface MaintenanceOptions {
  /** Extra allowlist entries: addresses, CIDR ranges (host names are reported, not used). */
  allow?: string[];
  /** Where `allow` came from, for comments in the block. */
  allowSource?: string;
  /** 503 (default) or 500 (for HCL Connections desktop plug-ins, which mishandle 403/503). */
  status?: 503 | 500;
  /** URL path of the maintenance page. */
  page?: string;
  /** URL prefix of the page's assets (images, CSS), also exempted. Default: the page's name without extension + '/'. */
  assets?: string;
  /** Seconds for Retry-After. */
  retryAfter?: number;
  /** Create the page from a template in DocumentRoot when the workspace has the folder but not the page. */
  createPage?: boolean;
  /** Addresses of host names, resolved by the caller on request (`--resolve`); written as addresses. */
  resolved?: Record<string, string[]>;
  /** Comment out hand-written maintenance stanzas and insert one managed block instead. */
  replace?: boolean;
}

export interface AllowItem {
  entry: AllowEntry;
  source: string;
}

export interface SkippedEntry {
  text: string;
  source: string;
  reason: string;
  /** given: --allow / the command; required: a host that must keep access (WebSphere, settings); config: Allow/Require lines. */
  origin: 'given' | 'required' | 'config';
  kind: 'hostname' | 'invalid';
}

export interface Refusal {
  reason: string;
  /** The CLI's --force may override it (never for damaged blocks). */
  forceable: boolean;
}

export interface MaintenancePlan {
  /** Edits to the files of the configuration (and pages to create). Empty when already on. */
  changes: FileChange[];
  allowed: AllowItem[];
  /** Entries that cannot become a REMOTE_ADDR rule (host names, invalid text), with why. */
  skipped: SkippedEntry[];
  /** Host names resolved on request, with the addresses written for them. */
  resolvedHosts: { host: string; addresses: string[]; source: string }[];
  /** Reasons not to apply the plan: a lockout risk, a hand-written stanza, a damaged block. */
  refusals: Refusal[];
  alreadyOn: boolean;
  virtualHosts: number;
  page: string;
  /** Where the page came from: 'given', 'default' or the ErrorDocument line that names it. */
  pageSource: string;
  /** exists: in a DocumentRoot; created: the plan creates it; missing: not there and not created; unknown: no DocumentRoot in the workspace. */
  pageState: 'exists' | 'created' | 'missing' | 'unknown';
  /** Hand-written stanzas found (replaced when `replace` was asked). */
  handWritten: HandWritten[];
  status: 503 | 500;
}

export class MaintenanceError extends Error {}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Collects the allowlist: loopback, given entries, configured and deployment hosts, existing Allow/Require ip. */
function collectAllowlist(project: Project, cfg: HttpdConfig, opts: MaintenanceOptions, handWritten: HandWritten[]) {
  const allowed: AllowItem[] = [];
  const skipped: SkippedEntry[] = [];
  const resolvedHosts: MaintenancePlan['resolvedHosts'] = [];
  const seen = new Set<string>();
  const add = (text: string, source: string, origin: SkippedEntry['origin']) => {
    const entry = parseAllowEntry(text);
    if (entry.kind === 'hostname') {
      const addresses = opts.resolved?.[entry.text] ?? opts.resolved?.[entry.text.toLowerCase()];
      if (addresses?.length) {
        if (!resolvedHosts.some(r => r.host === entry.text)) resolvedHosts.push({ host: entry.text, addresses, source });
        for (const a of addresses) add(a, `${entry.text} (resolved), ${source}`, origin);
        return;
      }
      if (!skipped.some(s => s.text === text)) {
        skipped.push({
          text,
          source,
          origin,
          kind: 'hostname',
          reason: `${text} is a host name; %{REMOTE_ADDR} holds addresses, so a rule for it would never match. Add its address (--allow or the upkeep.maintenance.allow setting), or let the command resolve it (--resolve).`,
        });
      }
      return;
    }
    if (entry.kind === 'invalid') {
      skipped.push({ text, source, origin, kind: 'invalid', reason: entry.reason });
      return;
    }
    const key = cidrText(entry);
    if (seen.has(key)) return;
    seen.add(key);
    allowed.push({ entry, source });
  };
  add('127.0.0.1', 'loopback', 'config');
  add('::1', 'loopback', 'config');
  for (const a of opts.allow ?? []) add(a, opts.allowSource ?? 'given allowlist', 'given');
  for (const h of requiredHosts(project, cfg)) add(h.host, h.source, 'required');
  for (const { file, node } of cfg.directives) {
    const name = lowerName(node.name);
    const args = node.args.map(a => a.value);
    let list: string[] = [];
    if (name === 'allow' && args[0]?.toLowerCase() === 'from') list = args.slice(1);
    else if (name === 'require' && args[0]?.toLowerCase() === 'ip') list = args.slice(1);
    const where = `${node.name} ${args[0] ?? ''} in ${nodePath.basename(file)}`;
    for (const a of list) if (a.toLowerCase() !== 'all' && a.toLowerCase() !== 'env') add(a, where, 'config');
  }
  for (const h of handWritten) {
    const f = project.file<HttpdTree>(h.file, 'apacheconf');
    const where = `hand-written stanza in ${nodePath.basename(h.file)}:${f ? lineNumber(f.text, h.start) : '?'}`;
    for (const a of h.allow) add(a, where, 'config');
  }
  return { allowed, skipped, resolvedHosts };
}

/** The page: given, else the one an ErrorDocument of the configuration names (an existing one first), else the default. */
function choosePage(project: Project, cfg: HttpdConfig, opts: MaintenanceOptions, status: number): { page: string; source: string } {
  if (opts.page) return { page: opts.page, source: 'given' };
  const docs = cfg.directives
    .filter(d => lowerName(d.node.name) === 'errordocument' && d.node.args.length >= 2 && /^\/[^\s"']*$/.test(d.node.args[1].value))
    .map(d => ({ code: d.node.args[0].value, page: d.node.args[1].value, file: d.file, start: d.node.start }));
  const rank = (code: string) => (code === String(status) ? 0 : code === '503' || code === '500' ? 1 : 2);
  docs.sort((a, b) => rank(a.code) - rank(b.code));
  const roots = documentRoots(project, cfg);
  const exists = (page: string) => roots.some(r => project.fs.stat(nodePath.join(r, page)) === 'file');
  const describe = (d: (typeof docs)[number]) => {
    const f = project.file<HttpdTree>(d.file, 'apacheconf');
    return `ErrorDocument ${d.code} in ${nodePath.basename(d.file)}:${f ? lineNumber(f.text, d.start) : '?'}`;
  };
  const existing = docs.find(d => exists(d.page));
  if (existing) return { page: existing.page, source: describe(existing) };
  const maintenanceDoc = docs.find(d => rank(d.code) < 2);
  if (maintenanceDoc) return { page: maintenanceDoc.page, source: describe(maintenanceDoc) };
  return { page: '/maintenance.html', source: 'default' };
}

function conditionLines(allowed: AllowItem[], page: string, assets: string): string[] {
  const lines: string[] = [];
  for (const { entry, source } of allowed) {
    const re = allowRegex(entry);
    lines.push(`# ${cidrText(entry)}: ${source}`);
    lines.push(re ? `RewriteCond %{REMOTE_ADDR} !${re}` : `RewriteCond expr "! -R '${cidrText(entry)}'"`);
  }
  lines.push(`RewriteCond %{REQUEST_URI} !^${escapeRegex(page)}$`);
  if (assets) lines.push(`RewriteCond %{REQUEST_URI} !^${escapeRegex(assets)}`);
  return lines;
}

function tailLines(status: number, page: string, retryAfter: number): string[] {
  return [
    `RewriteRule ^ - [R=${status},L]`,
    `ErrorDocument ${status} ${page}`,
    '<IfModule mod_headers.c>',
    `    Header always set Retry-After "${retryAfter}"`,
    '</IfModule>',
  ];
}

const STRUCTURE_PROBLEMS = new Set<string>(['unclosed-section', 'unmatched-close', 'crossed-close', 'missing-gt']);

/**
 * Where the config loads its modules from, so the guarded LoadModule for mod_rewrite uses the same folder:
 * quoted when the folder has white space (`C:/Program Files/IBM/HTTPServer/modules`), the default folder
 * when the path could not be written back as one argument (it holds a double quote).
 */
export function rewriteModulePath(cfg: HttpdConfig): string {
  for (const m of cfg.modules.values()) {
    const so = m.directive.args[1]?.value;
    if (!so || !/mod_[\w]+\.so$/.test(so) || so.includes('"')) continue;
    const path = so.replace(/mod_[\w]+\.so$/, 'mod_rewrite.so');
    return /\s/.test(path) ? `"${path}"` : path;
  }
  return 'modules/mod_rewrite.so';
}

function indentOf(text: string, lineStart: number, at: number): string {
  const s = text.slice(lineStart, at);
  return /^[ \t]*$/.test(s) ? s : '';
}

/** Indentation for lines inside a section: its first child's, else the tag's plus one step. */
function childIndent(text: string, sec: SectionNode): string {
  const first = sec.children[0];
  if (first) {
    const ind = indentOf(text, first.lineStart, first.start);
    if (ind) return ind;
  }
  const own = indentOf(text, sec.lineStart, sec.open.start);
  return own + (/^\t/.test(own) || /\n\t/.test(text) ? '\t' : '    ');
}

/**
 * Sorted edits, with the insertions at one offset joined into one edit in the order they were planned.
 * A block goes in after a section's opening line, where a replaced stanza's first line may start too:
 * the block must come first and the "# upkeep-replaced: " prefix stay on the stanza's line, whatever
 * order a client applies two insertions at one position in.
 */
function mergeInsertions(edits: OffsetEdit[]): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  const out: OffsetEdit[] = [];
  for (const { e } of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === last.start && e.end === e.start) out[out.length - 1] = { ...last, newText: last.newText + e.newText };
    else out.push({ ...e });
  }
  return out;
}

function lineEndAfter(text: string, offset: number): number | null {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? null : nl + 1;
}

export const PAGE_TEMPLATE = (status: number) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scheduled maintenance</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#222}h1{font-size:1.6rem}</style>
</head>
<body>
<h1>We are doing scheduled maintenance</h1>
<p>This service is temporarily unavailable while it is being updated. Please try again later.</p>
<!-- Served by the Upkeep maintenance block with HTTP status ${status}. -->
</body>
</html>
`;

/** Plans "Enter maintenance mode" for the configuration `path` belongs to. Pure: returns edits. */
export function enterMaintenance(project: Project, path: string, opts: MaintenanceOptions = {}): MaintenancePlan {
  const cfg = httpdConfigFor(project, path);
  const status = opts.status ?? 503;
  if (status !== 503 && status !== 500) throw new MaintenanceError(`status must be 503 or 500, not ${status}`);
  if (opts.page !== undefined && !/^\/[^\s"']*$/.test(opts.page)) throw new MaintenanceError(`the page must be a local URL path such as /maintenance.html, not "${opts.page}"`);
  const state = readMaintenance(project, cfg);
  const handWritten = state.files.flatMap(f => f.handWritten);
  const { page, source: pageSource } = choosePage(project, cfg, opts, status);
  const assets = opts.assets ?? page.replace(/\.[^./]*$/, '') + '/';
  const retryAfter = opts.retryAfter ?? 3600;
  const { allowed, skipped, resolvedHosts } = collectAllowlist(project, cfg, opts, handWritten);
  const plan: MaintenancePlan = {
    changes: [],
    allowed,
    skipped,
    resolvedHosts,
    refusals: [],
    alreadyOn: false,
    virtualHosts: 0,
    page,
    pageSource,
    pageState: 'unknown',
    handWritten,
    status,
  };
  for (const f of state.files) {
    for (const d of f.damaged) plan.refusals.push({ reason: `${nodePath.basename(f.path)}: ${describeDamage(f.text, d)}.`, forceable: false });
  }
  if (state.managed) {
    plan.alreadyOn = true;
    return plan;
  }
  for (const s of skipped) {
    if (s.origin === 'config') continue;
    const what = s.origin === 'required' ? `the allowlist would not contain ${s.text} (${s.source}), which must keep access` : `--allow ${s.text} cannot be used`;
    plan.refusals.push({ reason: `${what}: ${s.reason}`, forceable: true });
  }
  if (handWritten.length && !opts.replace) {
    for (const h of handWritten) {
      const f = project.file<HttpdTree>(h.file, 'apacheconf');
      plan.refusals.push({
        reason: `a hand-written maintenance stanza is active in ${nodePath.basename(h.file)}:${f ? lineNumber(f.text, h.start) : '?'} (${h.summary}): replace it with a managed block (--replace, or the editor's action) instead of adding a second one`,
        forceable: true,
      });
    }
  }
  const conds = conditionLines(allowed, page, assets);
  const tail = tailLines(status, page, retryAfter);

  const trees = cfg.files
    .map(f => project.file<HttpdTree>(f, 'apacheconf'))
    .filter((f): f is NonNullable<typeof f> => !!f);
  // A section left open (or closed twice) moves every line after it: a block appended there lands inside
  // it, and what the configuration includes changes with the block's own </IfModule>. Apache refuses such a
  // file anyway, so the structure is fixed first.
  for (const f of trees) {
    const p = f.tree.problems.find(x => STRUCTURE_PROBLEMS.has(x.kind));
    if (p) {
      plan.refusals.push({
        reason: `${nodePath.basename(f.path)}:${lineNumber(f.text, p.start)}: ${p.message} Apache refuses the configuration as it is: fix its sections before entering maintenance mode`,
        forceable: false,
      });
    }
  }
  for (const f of trees) {
    const eol = detectEol(f.text);
    const edits: OffsetEdit[] = [];
    for (const sec of f.tree.sections) {
      if (lowerName(sec.name) !== 'virtualhost' || !sec.close) continue;
      const at = lineEndAfter(f.text, sec.open.end);
      if (at === null || at > sec.close.start) continue;
      const ind = childIndent(f.text, sec);
      const lines = [BEGIN_LINE, 'RewriteEngine On', ...conds, ...tail, END_LINE];
      edits.push({ start: at, end: at, newText: lines.map(l => ind + l + eol).join('') });
      plan.virtualHosts++;
    }
    // After the blocks: at one offset, a block goes in before the prefix of the line that starts there.
    if (opts.replace) {
      for (const h of handWritten) if (h.file === f.path) for (const at of h.lineStarts) edits.push({ start: at, end: at, newText: REPLACED_PREFIX });
    }
    if (f.path === cfg.root) {
      const lines = [BEGIN_LINE];
      if (!isModuleLoaded(cfg, 'mod_rewrite.c')) {
        lines.push('<IfModule !mod_rewrite.c>', `    LoadModule rewrite_module ${rewriteModulePath(cfg)}`, '</IfModule>');
      }
      lines.push('RewriteEngine On', ...conds, ...tail, END_LINE);
      const text = f.text;
      const endsWithEol = text.length === 0 || text.endsWith('\n') || text.endsWith('\r');
      const block = endsWithEol ? lines.map(l => l + eol).join('') : eol + lines.join(eol);
      edits.push({ start: text.length, end: text.length, newText: block });
    }
    if (edits.length) plan.changes.push({ path: f.path, edits: mergeInsertions(edits) });
  }

  const roots = documentRoots(project, cfg);
  const missingIn = roots.filter(dir => project.fs.stat(nodePath.join(dir, page)) !== 'file');
  if (!roots.length) plan.pageState = 'unknown';
  else if (missingIn.length < roots.length && !opts.createPage) plan.pageState = 'exists';
  else if (!missingIn.length) plan.pageState = 'exists';
  else if (opts.createPage) {
    for (const dir of missingIn) {
      const target = nodePath.join(dir, page);
      if (project.fs.stat(target) === undefined) plan.changes.push({ path: target, create: PAGE_TEMPLATE(status) });
    }
    plan.pageState = 'created';
  } else plan.pageState = 'missing';
  return plan;
}

/** Local folders of the config's DocumentRoot directives that exist in the workspace. */
export function documentRoots(project: Project, cfg: HttpdConfig): string[] {
  const out = new Set<string>();
  for (const { node } of cfg.directives) {
    if (lowerName(node.name) !== 'documentroot' || !node.args[0]) continue;
    const written = node.args[0].value;
    const sr = cfg.serverRoot.replace(/\/+$/, '');
    let local: string | null = null;
    if (project.fs.stat(written) === 'dir') local = written;
    else if (sr && written.startsWith(sr + '/')) local = nodePath.join(cfg.localServerRoot, written.slice(sr.length));
    else if (!written.startsWith('/')) local = nodePath.join(cfg.localServerRoot, written);
    if (local && project.fs.stat(local) !== 'dir') local = resolveWorkspacePath(project, written, cfg.localServerRoot);
    if (local && project.fs.stat(local) === 'dir') out.add(nodePath.resolve(local));
  }
  return [...out];
}

export interface LeavePlan {
  changes: FileChange[];
  blocks: number;
  /** Why `off` must not run: a damaged block, lines someone added inside a block (unless forced). */
  refusals: Refusal[];
  /** Lines inside blocks that Upkeep did not write (removed with the block only when forced). */
  foreign: { file: string; line: number; text: string }[];
  /** Hand-written stanzas still active after the blocks are removed. */
  handWritten: HandWritten[];
  /** Lines commented out by `on --replace` that stay commented out. */
  replacedLines: { file: string; line: number }[];
}

/** Plans "Leave maintenance mode": removes every marked block from the configuration's files. */
export function leaveMaintenance(project: Project, path: string): LeavePlan {
  const cfg = httpdConfigFor(project, path);
  const state = readMaintenance(project, cfg, [nodePath.resolve(path)]);
  const plan: LeavePlan = { changes: [], blocks: 0, refusals: [], foreign: [], handWritten: [], replacedLines: [] };
  for (const f of state.files) {
    const base = nodePath.basename(f.path);
    for (const d of f.damaged) plan.refusals.push({ reason: `${base}: ${describeDamage(f.text, d)}.`, forceable: false });
    for (const x of f.foreign) {
      const line = lineNumber(f.text, x.start);
      plan.foreign.push({ file: f.path, line, text: x.text });
      plan.refusals.push({
        reason: `${base}:${line}: "${x.text}" is inside the maintenance block but was not written by Upkeep: move it out of the block (or delete it) first, or --force to remove it with the block`,
        forceable: true,
      });
    }
    plan.handWritten.push(...f.handWritten);
    if (!f.blocks.length) continue;
    plan.blocks += f.blocks.length;
    plan.changes.push({ path: f.path, edits: f.blocks.map(b => ({ start: b.start, end: b.end, newText: '' })) });
  }
  for (const p of new Set([...cfg.files, nodePath.resolve(path)])) {
    const f = project.file<HttpdTree>(p, 'apacheconf');
    if (!f || !f.text.includes(REPLACED_PREFIX.trim())) continue;
    for (const c of f.tree.comments) {
      if (f.text.startsWith(REPLACED_PREFIX, c.start)) plan.replacedLines.push({ file: f.path, line: lineNumber(f.text, c.start) });
    }
  }
  return plan;
}

export interface MaintenanceStatus {
  /** Maintenance is on: a managed block or a hand-written stanza answers with the error status. */
  on: boolean;
  /** Files holding managed blocks. */
  files: string[];
  managed: boolean;
  handWritten: HandWritten[];
  /** One message per damaged marker, with file and line. */
  damaged: string[];
  report: MaintenanceReport;
}

/** Is the configuration in maintenance mode? Managed blocks, hand-written stanzas and damaged blocks, told apart. */
export function maintenanceState(project: Project, path: string): MaintenanceStatus {
  const cfg = httpdConfigFor(project, path);
  const report = readMaintenance(project, cfg);
  const files = report.files.filter(f => f.blocks.length).map(f => f.path);
  const handWritten = report.files.flatMap(f => f.handWritten);
  const damaged = report.files.flatMap(f => f.damaged.map(d => `${f.path}: ${describeDamage(f.text, d)}`));
  return { on: files.length > 0 || handWritten.length > 0, files, managed: files.length > 0, handWritten, damaged, report };
}
