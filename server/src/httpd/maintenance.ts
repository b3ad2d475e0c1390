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
import type { HttpdTree, SectionNode } from './syntax';

export const BEGIN_MARKER = '# >>> Upkeep maintenance mode';
export const END_MARKER = '# <<< Upkeep maintenance mode';
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
}

export interface AllowItem {
  entry: AllowEntry;
  source: string;
}

export interface MaintenancePlan {
  /** Edits to the files of the configuration (and pages to create). Empty when already on. */
  changes: FileChange[];
  allowed: AllowItem[];
  /** Entries that cannot become a REMOTE_ADDR rule (host names, invalid text), with why. */
  skipped: { text: string; source: string; reason: string }[];
  alreadyOn: boolean;
  virtualHosts: number;
  page: string;
  status: 503 | 500;
}

export class MaintenanceError extends Error {}

interface Block {
  start: number;
  end: number;
}

/** The marked blocks in a text, with the exact span to delete to undo each insertion. */
export function findMaintenanceBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const re = /^[ \t]*# >>> Upkeep maintenance mode[^\r\n]*/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const endRe = /^[ \t]*# <<< Upkeep maintenance mode[^\r\n]*/gm;
    endRe.lastIndex = m.index;
    const e = endRe.exec(text);
    if (!e) break;
    let start = m.index;
    let end = e.index + e[0].length;
    if (text.startsWith('\r\n', end)) end += 2;
    else if (text[end] === '\n' || text[end] === '\r') end += 1;
    else if (end === text.length) {
      // Inserted at the end of a file without a final line break: the break before it was ours.
      if (text.slice(0, start).endsWith('\r\n')) start -= 2;
      else if (start > 0 && (text[start - 1] === '\n' || text[start - 1] === '\r')) start -= 1;
    }
    blocks.push({ start, end });
    re.lastIndex = end;
  }
  return blocks;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Collects the allowlist: loopback, given entries, configured and deployment hosts, existing Allow/Require ip. */
function collectAllowlist(project: Project, cfg: HttpdConfig, opts: MaintenanceOptions) {
  const allowed: AllowItem[] = [];
  const skipped: MaintenancePlan['skipped'] = [];
  const seen = new Set<string>();
  const add = (text: string, source: string) => {
    const entry = parseAllowEntry(text);
    if (entry.kind === 'hostname') {
      if (!skipped.some(s => s.text === text)) {
        skipped.push({
          text,
          source,
          reason: `${text} is a host name; %{REMOTE_ADDR} holds addresses, so a rule for it would never match. Add its address (--allow or the upkeep.maintenance.allow setting).`,
        });
      }
      return;
    }
    if (entry.kind === 'invalid') {
      skipped.push({ text, source, reason: entry.reason });
      return;
    }
    const key = cidrText(entry);
    if (seen.has(key)) return;
    seen.add(key);
    allowed.push({ entry, source });
  };
  add('127.0.0.1', 'loopback');
  add('::1', 'loopback');
  for (const a of opts.allow ?? []) add(a, opts.allowSource ?? 'given allowlist');
  for (const h of requiredHosts(project, cfg)) add(h.host, h.source);
  for (const { file, node } of cfg.directives) {
    const name = node.name.toLowerCase();
    const args = node.args.map(a => a.value);
    let list: string[] = [];
    if (name === 'allow' && args[0]?.toLowerCase() === 'from') list = args.slice(1);
    else if (name === 'require' && args[0]?.toLowerCase() === 'ip') list = args.slice(1);
    const where = `${node.name} ${args[0] ?? ''} in ${nodePath.basename(file)}`;
    for (const a of list) if (a.toLowerCase() !== 'all' && a.toLowerCase() !== 'env') add(a, where);
  }
  return { allowed, skipped };
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

/** Where the config loads its modules from, so the guarded LoadModule for mod_rewrite uses the same folder. */
function rewriteModulePath(cfg: HttpdConfig): string {
  for (const m of cfg.modules.values()) {
    const so = m.directive.args[1]?.value;
    if (so && /mod_[\w]+\.so$/.test(so)) return so.replace(/mod_[\w]+\.so$/, 'mod_rewrite.so');
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
  const page = opts.page ?? '/maintenance.html';
  if (!/^\/[^\s"']*$/.test(page)) throw new MaintenanceError(`the page must be a local URL path such as /maintenance.html, not "${page}"`);
  const assets = opts.assets ?? page.replace(/\.[^./]*$/, '') + '/';
  const retryAfter = opts.retryAfter ?? 3600;
  const { allowed, skipped } = collectAllowlist(project, cfg, opts);
  const plan: MaintenancePlan = { changes: [], allowed, skipped, alreadyOn: false, virtualHosts: 0, page, status };

  const trees = cfg.files
    .map(f => project.file<HttpdTree>(f, 'apacheconf'))
    .filter((f): f is NonNullable<typeof f> => !!f);
  if (trees.some(f => findMaintenanceBlocks(f.text).length > 0)) {
    plan.alreadyOn = true;
    return plan;
  }
  const conds = conditionLines(allowed, page, assets);
  const tail = tailLines(status, page, retryAfter);

  for (const f of trees) {
    const eol = detectEol(f.text);
    const edits: OffsetEdit[] = [];
    for (const sec of f.tree.sections) {
      if (sec.name.toLowerCase() !== 'virtualhost' || !sec.close) continue;
      const at = lineEndAfter(f.text, sec.open.end);
      if (at === null || at > sec.close.start) continue;
      const ind = childIndent(f.text, sec);
      const lines = [BEGIN_LINE, 'RewriteEngine On', ...conds, ...tail, END_LINE];
      edits.push({ start: at, end: at, newText: lines.map(l => ind + l + eol).join('') });
      plan.virtualHosts++;
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
    if (edits.length) plan.changes.push({ path: f.path, edits });
  }

  if (opts.createPage) {
    for (const dir of documentRoots(project, cfg)) {
      const target = nodePath.join(dir, page);
      if (project.fs.stat(target) === undefined) plan.changes.push({ path: target, create: PAGE_TEMPLATE(status) });
    }
  }
  return plan;
}

/** Local folders of the config's DocumentRoot directives that exist in the workspace. */
export function documentRoots(project: Project, cfg: HttpdConfig): string[] {
  const out = new Set<string>();
  for (const { node } of cfg.directives) {
    if (node.name.toLowerCase() !== 'documentroot' || !node.args[0]) continue;
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

/** Plans "Leave maintenance mode": removes every marked block from the configuration's files. */
export function leaveMaintenance(project: Project, path: string): { changes: FileChange[]; blocks: number } {
  const cfg = httpdConfigFor(project, path);
  const changes: FileChange[] = [];
  let blocks = 0;
  const files = new Set([...cfg.files, nodePath.resolve(path)]);
  for (const p of files) {
    const f = project.file<HttpdTree>(p, 'apacheconf');
    if (!f) continue;
    const found = findMaintenanceBlocks(f.text);
    if (!found.length) continue;
    blocks += found.length;
    changes.push({ path: f.path, edits: found.map(b => ({ start: b.start, end: b.end, newText: '' })) });
  }
  return { changes, blocks };
}

/** Is the configuration in maintenance mode (does any of its files hold a marked block)? */
export function maintenanceState(project: Project, path: string): { on: boolean; files: string[] } {
  const cfg = httpdConfigFor(project, path);
  const files = cfg.files.filter(p => {
    const f = project.file<HttpdTree>(p, 'apacheconf');
    return !!f && findMaintenanceBlocks(f.text).length > 0;
  });
  return { on: files.length > 0, files };
}
