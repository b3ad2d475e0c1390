// The request simulator: what an Apache 2.4 configuration does with one request, step by step, in the
// order Apache's request processing runs (ap_process_request_internal):
//   virtual host -> early <Location> walk -> translate (mod_rewrite server rules, mod_alias Redirect and
//   Alias, DocumentRoot) -> <Directory>/<Files>/<Location> walk -> access (Order/Allow/Deny, Require)
//   -> per-directory rewrite -> mod_dir (trailing slash, DirectoryIndex subrequests) -> file or 404
//   -> ErrorDocument (internal redirect, text or remote URL).
// Anything the model does not know (an expression, a regex the linear engine cannot run, DNS) ends the
// simulation with "cannot tell" instead of a guess.
import * as nodePath from 'node:path';
import ipaddr from 'ipaddr.js';
import '../register'; // registers the httpd parser used by Project.file
import type { Project } from '../../engine/workspace';
import { safeRegex } from '../../engine/safe-regex';
import { isModuleLoaded } from '../config';
import { evalAuthz, evalCompat, hasAuthz, mergeCompat, type AccessContext, type AuthzScope, type CompatState } from './access';
import { buildSimModel, lastDirective, type Dir, type Item, type Section, type ServerModel, type SimModel } from './model';
import { chainsOf, runRewrite, type Chain, type RewriteEnv, type RewriteStep } from './rewrite';

export interface SimRequest {
  /** Client address (REMOTE_ADDR). */
  from: string;
  /** http://host[:port]/path?query, or just /path?query. */
  url: string;
  /** Extra request headers, e.g. { Host: 'www.example.com' }. */
  headers?: Record<string, string>;
  method?: string;
  /** Local address the request arrives on (default: the URL's host when it is an IP, else the first Listen address, else 127.0.0.1). */
  to?: string;
}

export type SimPhase = 'request' | 'vhost' | 'rewrite' | 'alias' | 'map' | 'access' | 'dir' | 'handler' | 'errordocument';

export interface SimStep {
  phase: SimPhase;
  text: string;
  file?: string;
  /** 1-based line of the directive the step is about. */
  line?: number;
  verdict?: string;
  /** Nesting depth (subrequests, internal redirects). */
  depth: number;
}

export interface SimResult {
  /** Final status; null when the simulator cannot tell. */
  status: number | null;
  /** Why the simulator cannot tell, when it cannot. */
  cannotTell?: string;
  vhost: { name: string; file?: string; line?: number; how: string };
  /** What the response body is. */
  body:
    | { kind: 'file'; path: string }
    | { kind: 'listing'; path: string }
    | { kind: 'text'; text: string }
    | { kind: 'builtin'; note?: string }
    | { kind: 'empty' }
    | { kind: 'unknown' };
  location?: string;
  steps: SimStep[];
}

class Unknown extends Error {}

// ---------------------------------------------------------------------------------------------------------
// Per-directory state (the merge of server defaults and sections)

interface PerDir {
  errorDocs: Map<number, Dir>;
  dirIndex?: Dir;
  indexes: boolean;
  authz: AuthzScope | null;
  compat: CompatState;
  rewrite: { engine?: boolean; chains: Chain[]; base?: string; section?: Section };
  directorySlash: boolean;
  /** AllowOverride: 'unset' when no AllowOverride applies (Apache then reads .htaccess and refuses every directive in it). */
  allowOverride: 'unset' | 'none' | 'some';
  accessFileName: string;
  /** SetHandler (or a one-argument ProxyPass) in force: the content comes from a handler, not a file. */
  handler?: Dir;
}

function emptyPerDir(): PerDir {
  return { errorDocs: new Map(), indexes: false, authz: null, compat: {}, rewrite: { chains: [] }, directorySlash: true, allowOverride: 'unset', accessFileName: '.htaccess' };
}

function clonePerDir(p: PerDir): PerDir {
  return { ...p, errorDocs: new Map(p.errorDocs), rewrite: { ...p.rewrite } };
}

function applyScope(p: PerDir, items: Item[], dirs: Dir[], where: string, section?: Section): PerDir {
  const out = clonePerDir(p);
  for (const d of dirs) {
    switch (d.name) {
      case 'errordocument': {
        const code = Number(d.args[0]);
        if (Number.isInteger(code)) out.errorDocs.set(code, d);
        break;
      }
      case 'directoryindex':
        out.dirIndex = d;
        break;
      case 'options': {
        const plain = d.args.filter(a => !/^[+-]/.test(a));
        if (plain.length) out.indexes = plain.some(a => /^(indexes|all)$/i.test(a));
        for (const a of d.args) {
          if (/^\+indexes$/i.test(a)) out.indexes = true;
          if (/^-indexes$/i.test(a)) out.indexes = false;
        }
        break;
      }
      case 'directoryslash':
        out.directorySlash = d.args[0]?.toLowerCase() !== 'off';
        break;
      case 'allowoverride':
        out.allowOverride = d.args.length > 0 && d.args[0].toLowerCase() !== 'none' ? 'some' : 'none';
        break;
      case 'allowoverridelist':
        if (d.args.length && d.args[0].toLowerCase() !== 'none') out.allowOverride = 'some';
        break;
      case 'accessfilename':
        if (d.args[0]) out.accessFileName = d.args[0];
        break;
      case 'sethandler':
        out.handler = d.args[0] && d.args[0].toLowerCase() !== 'none' ? d : undefined;
        break;
      case 'proxypass':
        if (section && d.args.length === 1 && d.args[0] !== '!') out.handler = d;
        break;
    }
  }
  if (hasAuthz(items)) out.authz = { items, where };
  out.compat = mergeCompat(out.compat, items);
  if (section) {
    const eng = dirs.filter(d => d.name === 'rewriteengine').pop();
    const chains = chainsOf(dirs);
    const base = dirs.filter(d => d.name === 'rewritebase').pop();
    if (eng || chains.length || base) {
      out.rewrite = {
        engine: eng ? eng.args[0]?.toLowerCase() === 'on' : out.rewrite.engine,
        chains: chains.length ? chains : [],
        base: base?.args[0],
        section,
      };
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** fnmatch (`*`, `?`, `[...]`) as a regex run by the linear-time engine, like every pattern from a config. */
function fnmatchRe(pattern: string, pathname: boolean): { test(s: string): boolean } {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += pathname ? '[^/]*' : '.*';
    else if (c === '?') re += pathname ? '[^/]' : '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\/\]]/g, '\\$&');
  }
  const compiled = safeRegex('^' + re + '$');
  if (!compiled) throw new Unknown(`the wildcard pattern ${pattern} cannot run in the linear-time regex engine`);
  return compiled;
}

const hasWild = (s: string): boolean => /[*?[]/.test(s);

/** mod_alias's prefix match: slashes in the alias match runs of slashes; the match must end at a segment. */
export function aliasMatches(uri: string, fake: string): number {
  let a = 0;
  let u = 0;
  while (a < fake.length) {
    if (fake[a] === '/') {
      if (uri[u] !== '/') return 0;
      while (fake[a] === '/') a++;
      while (uri[u] === '/') u++;
    } else if (uri[u++] !== fake[a++]) return 0;
  }
  if (fake[a - 1] !== '/' && u < uri.length && uri[u] !== '/') return 0;
  return u;
}

/** <Location> prefix match (2.4): the URL-path must continue with `/` or end where the section's path ends. */
function locationMatches(sec: Section, uri: string): boolean | null {
  if (sec.regex) {
    const re = safeRegex(sec.arg);
    return re ? re.test(uri) : null;
  }
  const d = sec.arg;
  if (hasWild(d)) return fnmatchRe(d, true).test(uri);
  if (!uri.startsWith(d)) return false;
  return d.endsWith('/') || uri.length === d.length || uri[d.length] === '/';
}

function normalizeDirArg(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s === '' ? '/' : s;
}

function dirSectionApplies(sec: Section, dir: string): boolean {
  const arg = normalizeDirArg(sec.arg);
  if (arg === '/') return true;
  const a = arg.split('/');
  const d = dir === '/' ? [''] : dir.split('/');
  if (d.length < a.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (hasWild(a[i]) ? !fnmatchRe(a[i], true).test(d[i]) : a[i] !== d[i]) return false;
  }
  return true;
}

/** %-decodes a URL-path as Apache does; an encoded slash or NUL, or a bad escape, is refused (null). */
function decodePath(raw: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '%') {
      const h = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) return null;
      const b = parseInt(h, 16);
      if (b === 0x2f || b === 0) return null;
      bytes.push(b);
      i += 2;
    } else {
      const ch = String.fromCodePoint(raw.codePointAt(i)!);
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
    }
  }
  const buf = Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return buf.toString('latin1');
  }
}

/** Apache's URL-path normalisation: merge slashes, drop `.` segments, resolve `..`. */
function normalizePath(p: string): string {
  const parts = p.split('/');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) {
    const s = parts[i];
    const last = i === parts.length - 1;
    if (s === '.' || (s === '' && !last)) continue;
    if (s === '..') {
      out.pop();
      if (last) out.push('');
      continue;
    }
    out.push(s);
  }
  return '/' + out.join('/');
}

// ---------------------------------------------------------------------------------------------------------
// The simulation

interface Outcome {
  kind: 'file' | 'listing' | 'empty' | 'error' | 'redirect' | 'lookup' | 'unknown';
  status: number;
  file?: string;
  exists?: 'file' | 'dir';
  location?: string;
  perDir?: PerDir;
  why?: string;
  /** The error is a status forced by mod_rewrite (F, G, R=4xx/5xx). */
  byRewrite?: boolean;
}

interface Ctx {
  project: Project;
  model: SimModel;
  server: ServerModel;
  req: SimRequest;
  method: string;
  headers: Map<string, string>;
  hostHeader: string;
  localAddr: string;
  localPort: number;
  scheme: 'http' | 'https';
  docRoot: string;
  serverChains: Chain[];
  serverRewriteOn: boolean;
  redirects: Dir[];
  aliases: Dir[];
  proxies: Dir[];
  /** WebSpherePluginConfig is set: the WebSphere plug-in serves the URIs of plugin-cfg.xml. */
  wasPlugin: boolean;
  defaults: PerDir;
  sections: Section[];
  steps: SimStep[];
  originalUri: string;
  originalQuery: string;
  autoindex: boolean;
}

function step(ctx: Ctx, depth: number, phase: SimPhase, text: string, d?: Dir | { file: string; node: { start: number } }, verdict?: string): void {
  let line: number | undefined;
  if (d) {
    const f = ctx.project.file(d.file, 'apacheconf');
    line = f ? f.index.positionAt(d.node.start).line + 1 : undefined;
  }
  ctx.steps.push({ phase, text, file: d?.file, line, verdict, depth });
}

function hostOnly(h: string): string {
  const s = h.trim().toLowerCase();
  if (s.startsWith('[')) return s.slice(0, s.indexOf(']') + 1);
  return s.replace(/:\d*$/, '').replace(/\.$/, '');
}

function nameOfServerName(s: string): string {
  return hostOnly(s.replace(/^[a-z]+:\/\//i, ''));
}

function sameIp(a: string, b: string): boolean {
  try {
    return ipaddr.process(a).toString() === ipaddr.process(b).toString();
  } catch {
    return a.toLowerCase() === b.toLowerCase();
  }
}

function selectServer(model: SimModel, localAddr: string, localPort: number, host: string): { server: ServerModel; how: string } {
  const portOk = (p: number | null) => p === null || p === localPort;
  let set = model.vhosts.filter(v => v.vhost!.addrs.some(a => a.host !== '*' && portOk(a.port) && sameIp(a.host, localAddr)));
  let kind = `the address ${localAddr}:${localPort}`;
  if (set.length === 0) {
    set = model.vhosts.filter(v => v.vhost!.addrs.some(a => a.host === '*' && portOk(a.port)));
    kind = `the wildcard address *:${localPort}`;
  }
  if (set.length === 0) return { server: model.main, how: `no <VirtualHost> matches ${localAddr}:${localPort}: the main server answers` };
  const h = hostOnly(host);
  for (const v of set) {
    const name = v.serverName ?? model.main.serverName;
    if (name && nameOfServerName(name) === h) return { server: v, how: `${set.length} virtual host(s) on ${kind}; ServerName ${name} matches Host "${host}"` };
    for (const al of v.aliases) {
      const a = al.toLowerCase();
      let hit: boolean;
      try {
        hit = hasWild(a) ? fnmatchRe(a, false).test(h) : nameOfServerName(a) === h;
      } catch {
        hit = false; // a ServerAlias pattern Apache itself would not match either
      }
      if (hit) {
        return { server: v, how: `${set.length} virtual host(s) on ${kind}; ServerAlias ${al} matches Host "${host}"` };
      }
    }
  }
  return { server: set[0], how: `${set.length} virtual host(s) on ${kind}; none is named "${h}": the first one listed answers (the default for that address)` };
}

function describeServer(s: ServerModel, project: Project): SimResult['vhost'] {
  if (!s.vhost) return { name: 'main server', how: '' };
  const f = project.file(s.vhost.file, 'apacheconf');
  return {
    name: `<VirtualHost ${s.vhost.addrs.map(a => a.text).join(' ')}>${s.serverName ? ` ${s.serverName}` : ''}`,
    file: s.vhost.file,
    line: f ? f.index.positionAt(s.vhost.node.start).line + 1 : undefined,
    how: '',
  };
}

export function simulateRequest(project: Project, root: string, req: SimRequest): SimResult {
  const model = buildSimModel(project, root);
  return simulateWithModel(project, model, req);
}

export function simulateWithModel(project: Project, model: SimModel, req: SimRequest): SimResult {
  const steps: SimStep[] = [];
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers ?? {})) headers.set(k.toLowerCase(), v);
  const m = /^(?:([a-z]+):\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?/i.exec(req.url)!;
  const authority = m[2] ?? '';
  const rawPath = m[3] || '/';
  const query = m[4] ?? '';
  const urlHost = authority.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const urlPort = /:(\d+)$/.exec(authority)?.[1];
  const hostHeader = headers.get('host') ?? (authority || model.main.serverName || 'localhost');
  if (!headers.has('host')) headers.set('host', hostHeader);
  let localAddr = req.to?.replace(/:\d+$/, '');
  if (!localAddr) localAddr = ipaddr.isValid(urlHost) ? urlHost : model.listens.find(l => l.host)?.host ?? '127.0.0.1';
  const toPort = req.to && /:(\d+)$/.exec(req.to)?.[1];
  const scheme = (m[1] ?? 'http').toLowerCase() === 'https' ? 'https' : 'http';
  const localPort = Number(toPort ?? urlPort ?? (m[1] ? (scheme === 'https' ? 443 : 80) : model.listens[0]?.port ?? 80));
  const { server, how } = selectServer(model, localAddr, localPort, hostHeader);
  const vhost = { ...describeServer(server, project), how };
  if (!req.to && !ipaddr.isValid(urlHost) && model.vhosts.some(v => v.vhost!.addrs.some(a => a.host !== '*'))) {
    steps.push({ phase: 'vhost', text: `note: the URL names a host, not an address: the request is taken to arrive on ${localAddr}:${localPort} (give --to ADDR:PORT for IP-based virtual hosts)`, depth: 0 });
  }
  steps.push({ phase: 'vhost', text: `${vhost.name} answers: ${how}`, file: vhost.file, line: vhost.line, depth: 0 });

  const main = model.main;
  const isVhost = server !== main;
  const docDir = (isVhost ? lastDirective(server, 'documentroot') : undefined) ?? lastDirective(main, 'documentroot');
  const docRoot = (docDir?.args[0] ?? nodePath.join(model.cfg.localServerRoot, 'htdocs')).replace(/\/+$/, '') || '/';

  // mod_rewrite server configuration: RewriteEngine and RewriteOptions are inherited by virtual hosts,
  // the rules are not (unless RewriteOptions Inherit / InheritBefore).
  const engineDir = (isVhost ? lastDirective(server, 'rewriteengine') : undefined) ?? lastDirective(main, 'rewriteengine');
  const optionsDir = (isVhost ? lastDirective(server, 'rewriteoptions') : undefined) ?? lastDirective(main, 'rewriteoptions');
  const own = chainsOf(server.directives);
  let serverChains = own;
  if (isVhost) {
    const opts = (optionsDir?.args ?? []).map(a => a.toLowerCase());
    if (opts.includes('inherit')) serverChains = [...own, ...chainsOf(main.directives)];
    else if (opts.includes('inheritbefore')) serverChains = [...chainsOf(main.directives), ...own];
  }
  const redirects = [...(isVhost ? server.directives : []), ...main.directives].filter(d => d.name === 'redirect' || d.name === 'redirectmatch' || d.name === 'redirectpermanent' || d.name === 'redirecttemp');
  const aliases = [...(isVhost ? server.directives : []), ...main.directives].filter(d => /^(alias|aliasmatch|scriptalias|scriptaliasmatch)$/.test(d.name));

  let defaults = applyScope(emptyPerDir(), main.items, main.directives, 'the main server');
  if (isVhost) defaults = applyScope(defaults, server.items, server.directives, vhost.name);

  const ctx: Ctx = {
    project,
    model,
    server,
    req,
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    hostHeader,
    localAddr,
    localPort,
    scheme,
    docRoot,
    serverChains,
    serverRewriteOn: engineDir?.args[0]?.toLowerCase() === 'on',
    redirects,
    aliases,
    proxies: [...(isVhost ? server.directives : []), ...main.directives].filter(d => d.name === 'proxypass' || d.name === 'proxypassmatch'),
    wasPlugin: [...main.directives, ...server.directives].some(d => d.name === 'webspherepluginconfig'),
    defaults,
    sections: [...main.sections, ...(isVhost ? server.sections : [])],
    steps,
    originalUri: rawPath,
    originalQuery: query,
    autoindex: isModuleLoaded(model.cfg, 'mod_autoindex.c'),
  };
  for (const n of [...main.notes, ...(isVhost ? server.notes : [])]) steps.push({ phase: 'request', text: `note: ${n}`, depth: 0 });

  const result = (status: number | null, body: SimResult['body'], extra: Partial<SimResult> = {}): SimResult => ({ status, vhost, body, steps, ...extra });
  try {
    const decoded = decodePath(rawPath);
    if (decoded === null || !decoded.startsWith('/')) {
      step(ctx, 0, 'request', `the URL-path ${rawPath} is refused (encoded slash or bad escape): 404`);
      return result(404, { kind: 'builtin' });
    }
    const uri = normalizePath(decoded);
    step(ctx, 0, 'request', `${ctx.method} ${uri}${query ? '?' + query : ''} from ${req.from} to ${localAddr}:${localPort}, Host: ${hostHeader}`);
    const out = run(ctx, uri, query, 'main', 0);
    return finish(ctx, out, 0, result);
  } catch (e) {
    if (e instanceof Unknown) {
      steps.push({ phase: 'request', text: `cannot tell: ${e.message}`, depth: 0, verdict: 'cannot tell' });
      return result(null, { kind: 'unknown' }, { cannotTell: e.message });
    }
    throw e;
  }
}

function finish(ctx: Ctx, out: Outcome, depth: number, result: (s: number | null, b: SimResult['body'], e?: Partial<SimResult>) => SimResult): SimResult {
  switch (out.kind) {
    case 'file':
      step(ctx, depth, 'handler', `serves ${out.file} (${out.status})`);
      return result(out.status, { kind: 'file', path: out.file! });
    case 'listing':
      step(ctx, depth, 'handler', `mod_autoindex lists ${out.file} (${out.status})`);
      return result(out.status, { kind: 'listing', path: out.file! });
    case 'empty':
      return result(out.status, { kind: 'empty' });
    case 'redirect':
      step(ctx, depth, 'handler', `redirect ${out.status} to ${out.location}`);
      return result(out.status, { kind: 'builtin' }, { location: out.location });
    case 'unknown':
      throw new Unknown(out.why ?? 'unknown');
    case 'lookup':
    case 'error':
      break;
  }
  return errorDocument(ctx, out.status, out.perDir ?? ctx.defaults, depth, result);
}

/**
 * ErrorDocument, as ap_die does it. A local URL is an internal redirect (GET) that keeps the status. When
 * that request fails because mod_rewrite forced a status (F, G, R=4xx/5xx: mod_rewrite leaves the
 * request's status OK), the new status's ErrorDocument is used in turn, up to LimitInternalRecursion (10);
 * any other failure, or the limit, gives Apache's built-in page for the first error.
 */
function errorDocument(ctx: Ctx, first: number, firstPerDir: PerDir, depth: number, result: (s: number | null, b: SimResult['body'], e?: Partial<SimResult>) => SimResult): SimResult {
  let status = first;
  let perDir = firstPerDir;
  for (let redirects = 0; ; redirects++) {
    const ed = perDir.errorDocs.get(status);
    if (!ed || ed.args[1] === undefined || ed.args[1].toLowerCase() === 'default') {
      step(ctx, depth, 'errordocument', `no ErrorDocument for ${status}: Apache's built-in page`);
      return result(status, { kind: 'builtin' });
    }
    const v = ed.args[1];
    // Apache's heuristic: a space makes it a message; a leading slash a local URL; `scheme:` a remote URL.
    if (!v.includes(' ') && !v.startsWith('/') && /^[A-Za-z0-9+.-]+:/.test(v)) {
      step(ctx, depth, 'errordocument', `ErrorDocument ${status} ${v} is a URL (it has a scheme): redirect 302 to it`, ed);
      return result(302, { kind: 'builtin' }, { location: v });
    }
    if (v.includes(' ') || !v.startsWith('/')) {
      step(ctx, depth, 'errordocument', `ErrorDocument ${status} answers with its text`, ed);
      return result(status, { kind: 'text', text: v });
    }
    if (redirects >= 10) {
      step(ctx, depth, 'errordocument', `LimitInternalRecursion (10) reached: Apache's built-in ${first} page`);
      return result(first, { kind: 'builtin', note: 'internal redirect limit' });
    }
    step(ctx, depth, 'errordocument', `ErrorDocument ${status} ${v}: internal redirect to ${v} (GET), status stays ${status}`, ed);
    const q = v.indexOf('?');
    const uri = normalizePath(q >= 0 ? v.slice(0, q) : v);
    const out = run(ctx, uri, q >= 0 ? v.slice(q + 1) : '', 'redirect', depth + 1);
    if (out.kind === 'file' || out.kind === 'listing') {
      step(ctx, depth, 'errordocument', `serves ${out.file} as the ${status} page`);
      return result(status, { kind: out.kind, path: out.file! });
    }
    if (out.kind === 'unknown') throw new Unknown(out.why ?? 'unknown');
    if (out.kind === 'error' && out.byRewrite) {
      step(ctx, depth, 'errordocument', `the ErrorDocument request gets ${out.status} from mod_rewrite: the ErrorDocument for ${out.status} is used`);
      status = out.status;
      perDir = out.perDir ?? ctx.defaults;
      continue;
    }
    step(ctx, depth, 'errordocument', `the ErrorDocument request itself ends in ${out.status}: Apache sends its built-in ${first} page ("Additionally, ... error was encountered")`);
    return result(first, { kind: 'builtin', note: `ErrorDocument failed with ${out.status}` });
  }
}

type Kind = 'main' | 'sub' | 'redirect';

function variables(ctx: Ctx, uri: string, query: string, filename: string, kind: Kind): (name: string) => string | undefined {
  return (name: string) => {
    const n = name.toUpperCase();
    if (n.startsWith('HTTP:')) return ctx.headers.get(name.slice(5).toLowerCase()) ?? '';
    switch (n) {
      case 'REMOTE_ADDR':
      case 'CONN_REMOTE_ADDR':
        return ctx.req.from;
      case 'REQUEST_URI':
        return uri;
      case 'REQUEST_FILENAME':
      case 'SCRIPT_FILENAME':
        return filename;
      case 'QUERY_STRING':
        return query;
      case 'REQUEST_METHOD':
        return kind === 'redirect' ? 'GET' : ctx.method;
      case 'HTTP_HOST':
        return ctx.headers.get('host') ?? '';
      case 'HTTP_USER_AGENT':
      case 'HTTP_REFERER':
      case 'HTTP_COOKIE':
      case 'HTTP_ACCEPT':
      case 'HTTP_FORWARDED':
      case 'HTTP_PROXY_CONNECTION':
        return ctx.headers.get(n.slice(5).toLowerCase().replace(/_/g, '-')) ?? '';
      case 'SERVER_PORT':
        return String(ctx.localPort);
      case 'SERVER_ADDR':
        return ctx.localAddr;
      case 'SERVER_NAME':
        return hostOnly(ctx.headers.get('host') ?? '') || ctx.server.serverName || '';
      case 'DOCUMENT_ROOT':
        return ctx.docRoot;
      case 'HTTPS':
        return ctx.scheme === 'https' ? 'on' : 'off';
      case 'REQUEST_SCHEME':
        return ctx.scheme;
      case 'SERVER_PROTOCOL':
        return 'HTTP/1.1';
      case 'THE_REQUEST':
        return `${ctx.method} ${ctx.originalUri}${ctx.originalQuery ? '?' + ctx.originalQuery : ''} HTTP/1.1`;
      case 'IS_SUBREQ':
        return kind === 'sub' ? 'true' : 'false';
      default:
        return undefined;
    }
  };
}

function absoluteUrl(ctx: Ctx, pathAndQuery: string): string {
  const host = ctx.headers.get('host') ?? ctx.localAddr;
  const h = hostOnly(host);
  // UseCanonicalName Off: name and port from the Host header; no port there means the scheme's default.
  const portM = /:(\d+)$/.exec(host.trim());
  const dflt = ctx.scheme === 'https' ? 443 : 80;
  const port = portM ? Number(portM[1]) : ctx.headers.has('host') ? dflt : ctx.localPort;
  return `${ctx.scheme}://${h}${port === dflt ? '' : ':' + port}${pathAndQuery}`;
}

function rewriteEnv(ctx: Ctx, uri: string, query: string, filename: string, kind: Kind): RewriteEnv {
  return {
    variable: variables(ctx, uri, query, filename, kind),
    stat: p => ctx.project.fs.stat(p),
    size: p => ctx.project.rawText(p)?.size,
    subrequest: kind === 'sub',
  };
}

function pushRewriteSteps(ctx: Ctx, depth: number, rs: RewriteStep[]): void {
  for (const s of rs) step(ctx, depth, 'rewrite', s.text, s.dir, s.verdict);
}

/** One request through Apache's phases; `sub` stops after the fixups (a DirectoryIndex lookup). */
function run(ctx: Ctx, uri: string, query: string, kind: Kind, depth: number): Outcome {
  if (depth > 10) return { kind: 'unknown', status: 0, why: 'more than 10 nested internal redirects or subrequests' };
  if (kind !== 'main') step(ctx, depth, 'request', `${kind === 'sub' ? 'subrequest' : 'internal redirect'} for ${uri}${query ? '?' + query : ''}`);

  // Early <Location> walk: its settings (ErrorDocument ...) apply to errors raised while translating.
  let early = ctx.defaults;
  for (const s of ctx.sections) {
    if (s.kind !== 'location' && s.kind !== 'locationmatch') continue;
    const hit = locationMatches(s, uri);
    if (hit === null) return { kind: 'unknown', status: 0, why: `<LocationMatch ${s.arg}> cannot run in the linear-time regex engine` };
    if (hit) early = applyScope(early, s.items, s.directives, `<Location ${s.arg}>`);
  }

  const opaque = [...ctx.model.main.opaque, ...(ctx.server !== ctx.model.main ? ctx.server.opaque : [])];
  if (opaque.length) return { kind: 'unknown', status: 0, why: opaque[0] };

  // ---- translate_name: mod_rewrite (server context), then mod_alias, then DocumentRoot.
  let filename: string | undefined;
  let curUri = uri;
  let curQuery = query;
  if (ctx.serverRewriteOn && ctx.serverChains.length) {
    const rs: RewriteStep[] = [];
    const r = runRewrite(ctx.serverChains, curUri, rewriteEnv(ctx, curUri, curQuery, curUri, kind), rs);
    pushRewriteSteps(ctx, depth, rs);
    if (r.kind === 'unknown') return { kind: 'unknown', status: 0, why: r.why };
    if (r.kind === 'status') return { kind: 'error', status: r.status, perDir: early, byRewrite: true };
    if (r.kind === 'redirect') {
      // The substitution's own query string (with [QSA] merged) replaces the request's; without one the
      // request's query string is kept.
      const qs = r.query ?? curQuery;
      let loc = r.location;
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) loc = absoluteUrl(ctx, loc);
      if (qs) loc += '?' + qs;
      return { kind: 'redirect', status: r.status, location: loc };
    }
    if (r.kind === 'rewrite') {
      if (r.query !== undefined) curQuery = r.query;
      if (r.passThrough) {
        curUri = r.value;
        step(ctx, depth, 'rewrite', `[PT]: the URL-path becomes ${curUri} and goes on to Alias and DocumentRoot`, r.dir);
      } else if (r.value.startsWith('/')) {
        const first = r.value.split('/')[1] ?? '';
        if (first && ctx.project.fs.stat('/' + first) !== undefined) filename = r.value;
        else filename = ctx.docRoot.replace(/\/$/, '') + r.value;
        step(ctx, depth, 'rewrite', `the file becomes ${filename}${first && filename === r.value ? ` (/${first} exists on disk)` : ' (DocumentRoot prefixed)'}; Alias is not consulted`, r.dir);
      } else {
        return { kind: 'unknown', status: 0, why: `a server-context substitution without a leading slash (${r.value})` };
      }
    }
  } else if (ctx.serverChains.length) {
    step(ctx, depth, 'rewrite', `RewriteEngine is not on for this server: its ${ctx.serverChains.length} RewriteRule(s) are not run`);
  }

  if (filename === undefined) {
    for (const d of ctx.proxies) {
      const [from, to] = d.args;
      if (!from || !to || to === '!') continue;
      const hit = d.name === 'proxypassmatch' ? safeRegex(from)?.test(curUri) ?? null : aliasMatches(curUri, from) > 0;
      if (hit === null) return { kind: 'unknown', status: 0, why: `ProxyPassMatch ${from} cannot run in the linear-time regex engine` };
      if (hit) return { kind: 'unknown', status: 0, why: `${d.node.name} ${from} sends this request to ${to}: the back end's answer is not simulated` };
    }
    for (const d of ctx.redirects) {
      const out = tryRedirect(ctx, d, curUri, curQuery, depth);
      if (out) return out.kind === 'error' ? { ...out, perDir: early } : out;
    }
    for (const d of ctx.aliases) {
      const f = tryAlias(ctx, d, curUri, depth);
      if (f !== undefined) {
        filename = f;
        break;
      }
    }
  }
  if (filename === undefined) {
    filename = ctx.docRoot.replace(/\/$/, '') + curUri;
    step(ctx, depth, 'map', `DocumentRoot ${ctx.docRoot}: the file is ${filename}`);
  }

  // ---- map_to_storage: the existing part of the path, then <Directory>, <Files>, <Location>.
  const comps = filename.split('/').filter(Boolean);
  let existing = '/';
  let missingAt = -1;
  for (let i = 0; i < comps.length; i++) {
    const p = nodePath.posix.join(existing, comps[i]);
    const k = ctx.project.fs.stat(p);
    if (k === undefined) {
      missingAt = i;
      break;
    }
    existing = p;
    if (k === 'file') {
      if (i < comps.length - 1) missingAt = i + 1; // path info after a file
      break;
    }
  }
  const trailingSlash = filename.endsWith('/');
  let realFile: string;
  let exists: 'file' | 'dir' | undefined;
  let pathInfo = '';
  if (missingAt < 0) {
    realFile = existing;
    exists = ctx.project.fs.stat(existing);
  } else {
    const k = ctx.project.fs.stat(existing);
    if (k === 'file') {
      realFile = existing;
      exists = 'file';
      pathInfo = '/' + comps.slice(missingAt).join('/');
    } else {
      realFile = nodePath.posix.join(existing, comps[missingAt]);
      exists = undefined;
      pathInfo = comps.length > missingAt + 1 ? '/' + comps.slice(missingAt + 1).join('/') : '';
    }
  }
  if (exists === 'file' && trailingSlash && !pathInfo) pathInfo = '/';
  const dirPath = exists === 'dir' ? realFile : nodePath.posix.dirname(realFile);

  let pd = ctx.defaults;
  const dirSecs = ctx.sections
    .map((s, i) => ({ s, i }))
    .filter(x => x.s.kind === 'directory' && !x.s.regex)
    .sort((a, b) => comp(a.s) - comp(b.s) || a.i - b.i);
  const applied: Section[] = [];
  for (const { s } of dirSecs) {
    if (dirSectionApplies(s, dirPath)) {
      if (s.opaque.length) return { kind: 'unknown', status: 0, why: s.opaque[0] };
      pd = applyScope(pd, s.items, s.directives, `<Directory ${s.arg}>`, s);
      applied.push(s);
      step(ctx, depth, 'map', `<Directory ${s.arg}> applies`, { file: s.file, node: s.node });
    }
  }
  for (const s of ctx.sections) {
    if (!(s.kind === 'directorymatch' || (s.kind === 'directory' && s.regex))) continue;
    const re = safeRegex(s.arg);
    if (!re) return { kind: 'unknown', status: 0, why: `<DirectoryMatch ${s.arg}> cannot run in the linear-time regex engine` };
    if (re.test(dirPath) || re.test(dirPath + '/')) {
      if (s.opaque.length) return { kind: 'unknown', status: 0, why: s.opaque[0] };
      pd = applyScope(pd, s.items, s.directives, `<DirectoryMatch ${s.arg}>`, s);
      applied.push(s);
      step(ctx, depth, 'map', `<DirectoryMatch ${s.arg}> applies`, { file: s.file, node: s.node });
    }
  }
  const base = exists === 'dir' ? '' : nodePath.posix.basename(realFile);
  const fileSecs = [...ctx.sections.filter(s => s.kind === 'files' || s.kind === 'filesmatch'), ...applied.flatMap(s => s.files)];
  for (const s of fileSecs) {
    let hit: boolean;
    if (s.kind === 'filesmatch' || s.regex) {
      const re = safeRegex(s.arg);
      if (!re) return { kind: 'unknown', status: 0, why: `<FilesMatch ${s.arg}> cannot run in the linear-time regex engine` };
      hit = re.test(base);
    } else hit = fnmatchRe(s.arg, false).test(base);
    if (hit) {
      if (s.opaque.length) return { kind: 'unknown', status: 0, why: s.opaque[0] };
      pd = applyScope(pd, s.items, s.directives, `<Files ${s.arg}>`, s);
      step(ctx, depth, 'map', `<${s.node.name} ${s.arg}> applies to ${base}`, { file: s.file, node: s.node });
    }
  }
  for (const s of ctx.sections) {
    if (s.kind !== 'location' && s.kind !== 'locationmatch') continue;
    const hit = locationMatches(s, uri);
    if (hit === null) return { kind: 'unknown', status: 0, why: `<LocationMatch ${s.arg}> cannot run in the linear-time regex engine` };
    if (hit) {
      if (s.opaque.length) return { kind: 'unknown', status: 0, why: s.opaque[0] };
      pd = applyScope(pd, s.items, s.directives, `<Location ${s.arg}>`, s);
      step(ctx, depth, 'map', `<${s.node.name} ${s.arg}> applies to ${uri}`, { file: s.file, node: s.node });
    }
  }

  // .htaccess files along the path, read where the AllowOverride in force for that directory lets them.
  const walked: string[] = [];
  for (let dir = dirPath; ; dir = nodePath.posix.dirname(dir)) {
    walked.unshift(dir);
    if (dir === '/') break;
  }
  for (const dir of walked) {
    let here = ctx.defaults;
    for (const { s } of dirSecs) if (dirSectionApplies(s, dir)) here = applyScope(here, s.items, s.directives, '', s);
    if (here.allowOverride === 'none') continue;
    const f = nodePath.posix.join(dir, here.accessFileName);
    if (ctx.project.fs.stat(f) !== 'file') continue;
    if (here.allowOverride === 'some') return { kind: 'unknown', status: 0, why: `AllowOverride lets ${f} change the configuration; .htaccess files are not simulated` };
    const text = ctx.project.rawText(f)?.text ?? '';
    if (text.split(/\r?\n/).some(l => l.trim() && !l.trim().startsWith('#'))) {
      step(ctx, depth, 'map', `${f} is read (no AllowOverride applies, and Apache's default then reads it) but allows no directive: 500`);
      return { kind: 'error', status: 500, perDir: early };
    }
  }

  // ---- access: mod_access_compat (Order/Allow/Deny) and mod_authz_core (Require), Satisfy All/Any.
  const actx: AccessContext = { client: ctx.req.from, serverAddr: ctx.localAddr, method: kind === 'redirect' ? 'GET' : ctx.method, steps: [] };
  const compat = evalCompat(pd.compat, actx);
  const authz = evalAuthz(pd.authz, actx);
  for (const s of actx.steps) step(ctx, depth, 'access', s.text, s.dir);
  const any = pd.compat.satisfy?.value === 'any';
  const compatOk = compat === null ? 'granted' : compat;
  let verdict: 'granted' | 'denied' | 'unknown';
  if (any) verdict = compatOk === 'granted' || authz === 'granted' ? 'granted' : compatOk === 'unknown' || authz === 'unknown' ? 'unknown' : 'denied';
  else verdict = compatOk === 'denied' || authz === 'denied' ? 'denied' : compatOk === 'unknown' || authz === 'unknown' ? 'unknown' : 'granted';
  if (verdict === 'unknown') return { kind: 'unknown', status: 0, why: 'the access check depends on something the simulator cannot evaluate (see the steps)' };
  step(ctx, depth, 'access', `access ${verdict}${verdict === 'denied' ? ': 403' : ''}`, undefined, verdict);
  if (verdict === 'denied') return { kind: 'error', status: 403, perDir: pd };

  // ---- fixups: per-directory rewrite rules.
  if (pd.rewrite.chains.length && pd.rewrite.engine) {
    const sec = pd.rewrite.section!;
    if (sec.kind !== 'directory' || sec.regex || hasWild(sec.arg)) {
      return { kind: 'unknown', status: 0, why: `RewriteRule in <${sec.node.name} ${sec.arg}> (per-directory rules outside a plain <Directory>) is not simulated` };
    }
    const prefix = normalizeDirArg(sec.arg).replace(/\/?$/, '/');
    const full = realFile + (pathInfo || '') + (exists === 'dir' && uri.endsWith('/') ? '/' : '');
    const rel = full.startsWith(prefix) ? full.slice(prefix.length) : full;
    const rs: RewriteStep[] = [];
    const r = runRewrite(pd.rewrite.chains, rel, rewriteEnv(ctx, uri, curQuery, full, kind), rs);
    pushRewriteSteps(ctx, depth, rs);
    if (r.kind === 'unknown') return { kind: 'unknown', status: 0, why: r.why };
    if (r.kind === 'status') return { kind: 'error', status: r.status, perDir: pd, byRewrite: true };
    if (r.kind === 'redirect' || r.kind === 'rewrite') {
      let target = r.kind === 'redirect' ? r.location : r.value;
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !target.startsWith('/')) {
        if (pd.rewrite.base) target = pd.rewrite.base.replace(/\/?$/, '/') + target;
        else {
          const fsPath = prefix + target;
          const root = ctx.docRoot.replace(/\/$/, '');
          if (!fsPath.startsWith(root + '/')) return { kind: 'unknown', status: 0, why: `per-directory substitution ${target} outside DocumentRoot without RewriteBase` };
          target = fsPath.slice(root.length);
        }
      }
      if (r.kind === 'redirect') {
        let loc = target;
        if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) loc = absoluteUrl(ctx, loc + ((r.query ?? curQuery) ? '?' + (r.query ?? curQuery) : ''));
        return { kind: 'redirect', status: r.status, location: loc };
      }
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: 'redirect', status: 302, location: target };
      step(ctx, depth, 'rewrite', `per-directory rewrite: internal redirect to ${target}`, r.dir);
      if (kind === 'sub') return { kind: 'unknown', status: 0, why: 'per-directory rewrite in a DirectoryIndex subrequest' };
      const q = r.query ?? curQuery;
      return run(ctx, normalizePath(target), q, 'redirect', depth + 1);
    }
  }

  if (pd.handler) return { kind: 'unknown', status: 0, why: `${pd.handler.node.name} ${pd.handler.args.join(' ')} answers this request: the handler's output is not simulated` };
  if (kind === 'sub') return { kind: 'lookup', status: 200, file: realFile, exists: pathInfo ? undefined : exists, perDir: pd };

  // ---- mod_dir and the handler.
  if (exists === 'dir') {
    if (!curUri.endsWith('/') && !uri.endsWith('/')) {
      if (pd.directorySlash) {
        const loc = absoluteUrl(ctx, uri + '/' + (curQuery ? '?' + curQuery : ''));
        step(ctx, depth, 'dir', `${realFile} is a directory and the URL lacks the trailing slash: mod_dir redirects (301)`);
        return { kind: 'redirect', status: 301, location: loc };
      }
    }
    const early = methodOutcome(ctx, kind, depth, pd);
    if (early) return early;
    const di = pd.dirIndex;
    const names = di ? di.args : ['index.html'];
    let errorNotFound = 0;
    if (!(names.length === 1 && names[0].toLowerCase() === 'disabled')) {
      for (const name of names) {
        if (name.toLowerCase() === 'disabled') continue;
        const subUri = name.startsWith('/') ? name : uri.replace(/\/?$/, '/') + name;
        step(ctx, depth, 'dir', `DirectoryIndex: looks up ${subUri}`, di);
        const rr = run(ctx, normalizePath(subUri), curQuery, 'sub', depth + 1);
        if (rr.kind === 'unknown') return rr;
        if (rr.kind === 'lookup' && rr.exists === 'file') {
          step(ctx, depth, 'dir', `index found: ${rr.file}`);
          return { kind: 'file', status: 200, file: rr.file, perDir: rr.perDir };
        }
        if (rr.kind === 'redirect') return rr;
        if (rr.kind === 'error' && rr.status !== 404) errorNotFound = rr.status;
      }
    }
    if (errorNotFound) {
      step(ctx, depth, 'dir', `an index lookup failed with ${errorNotFound}: that status is returned`);
      return { kind: 'error', status: errorNotFound, perDir: pd };
    }
    if (methodOf(ctx, kind) === 'POST') {
      step(ctx, depth, 'handler', `no DirectoryIndex file in ${realFile}; mod_autoindex answers GET only, so the POST ends in 404`);
      return { kind: 'error', status: 404, perDir: pd };
    }
    if (pd.indexes && ctx.autoindex) return { kind: 'listing', status: 200, file: realFile, perDir: pd };
    step(ctx, depth, 'dir', `no DirectoryIndex file in ${realFile} and Options lacks Indexes: 403`);
    return { kind: 'error', status: 403, perDir: pd };
  }
  const byMethod = methodOutcome(ctx, kind, depth, pd);
  if (byMethod) return byMethod;
  if (exists === 'file' && !pathInfo) return { kind: 'file', status: 200, file: realFile, perDir: pd };
  if (ctx.wasPlugin && kind === 'main') {
    return { kind: 'unknown', status: 0, why: `${realFile} does not exist, but the WebSphere plug-in (WebSpherePluginConfig) may serve ${uri}: its plugin-cfg.xml routes are not simulated` };
  }
  step(ctx, depth, 'handler', exists === 'file' ? `${realFile} is a file but the URL has extra path ${pathInfo}: 404` : `${realFile} does not exist: 404`);
  return { kind: 'error', status: 404, perDir: pd };
}

const KNOWN_METHODS = new Set([
  'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE',
  'LOCK', 'UNLOCK', 'VERSION-CONTROL', 'CHECKOUT', 'UNCHECKOUT', 'CHECKIN', 'UPDATE', 'LABEL', 'REPORT', 'MKWORKSPACE', 'MKACTIVITY',
  'BASELINE-CONTROL', 'MERGE',
]);

function methodOf(ctx: Ctx, kind: Kind): string {
  return kind === 'redirect' ? 'GET' : ctx.method === 'HEAD' ? 'GET' : ctx.method;
}

/** The default handler by method: OPTIONS 200, methods other than GET/HEAD/POST 405, unknown ones 501. */
function methodOutcome(ctx: Ctx, kind: Kind, depth: number, pd: PerDir): Outcome | null {
  const m = methodOf(ctx, kind);
  if (m === 'GET' || m === 'POST') return null;
  if (m === 'TRACE') return { kind: 'unknown', status: 0, why: 'TRACE is answered by the core (TraceEnable), not simulated' };
  if (m === 'OPTIONS') {
    step(ctx, depth, 'handler', 'OPTIONS: the default handler answers 200 with the Allow header');
    return { kind: 'empty', status: 200, perDir: pd };
  }
  const status = KNOWN_METHODS.has(m) ? 405 : 501;
  step(ctx, depth, 'handler', `${m}: the default handler ${status === 405 ? 'does not allow it (405)' : 'does not know this method (501)'}`);
  return { kind: 'error', status, perDir: pd };
}

function comp(s: Section): number {
  const a = normalizeDirArg(s.arg);
  return a === '/' ? 1 : a.split('/').length;
}

function tryRedirect(ctx: Ctx, d: Dir, uri: string, query: string, depth: number): Outcome | null {
  let args = [...d.args];
  let status = d.name === 'redirectpermanent' ? 301 : 302;
  const named: Record<string, number> = { permanent: 301, temp: 302, seeother: 303, gone: 410 };
  if (d.name === 'redirect' || d.name === 'redirectmatch') {
    const first = args[0]?.toLowerCase() ?? '';
    if (named[first]) {
      status = named[first];
      args = args.slice(1);
    } else if (/^\d{3}$/.test(first)) {
      status = Number(first);
      args = args.slice(1);
    }
  }
  const [from, to] = args;
  if (!from) return null;
  let target: string | undefined;
  if (d.name === 'redirectmatch') {
    const re = safeRegex(from);
    if (!re) return { kind: 'unknown', status: 0, why: `RedirectMatch ${from} cannot run in the linear-time regex engine` };
    const m = re.exec(uri);
    if (!m) return null;
    target = to?.replace(/\$(\d)/g, (_x, n: string) => m[Number(n)] ?? '');
  } else {
    const len = aliasMatches(uri, from);
    if (!len) return null;
    if (to !== undefined) target = to + uri.slice(len);
  }
  if (status >= 300 && status <= 399) {
    if (target === undefined) return null;
    let loc = target;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(loc)) loc = absoluteUrl(ctx, loc);
    if (query && d.name !== 'redirectmatch') loc += '?' + query;
    step(ctx, depth, 'alias', `${d.node.name} ${d.args.join(' ')} matches ${uri}: redirect ${status}`, d);
    return { kind: 'redirect', status, location: loc };
  }
  step(ctx, depth, 'alias', `${d.node.name} ${d.args.join(' ')} matches ${uri}: ${status}`, d);
  return { kind: 'error', status };
}

function tryAlias(ctx: Ctx, d: Dir, uri: string, depth: number): string | undefined {
  const [from, to] = d.args;
  if (!from || to === undefined) return undefined;
  if (d.name.endsWith('match')) {
    const re = safeRegex(from);
    if (!re) throw new Unknown(`${d.node.name} ${from} cannot run in the linear-time regex engine`);
    const m = re.exec(uri);
    if (!m) return undefined;
    const f = to.replace(/\$(\d)/g, (_x, n: string) => m[Number(n)] ?? '');
    step(ctx, depth, 'alias', `${d.node.name} ${from} matches ${uri}: the file is ${f}`, d);
    return f;
  }
  const len = aliasMatches(uri, from);
  if (!len) return undefined;
  const f = to + uri.slice(len);
  step(ctx, depth, 'alias', `${d.node.name} ${from} matches ${uri}: the file is ${f}`, d);
  return f;
}

