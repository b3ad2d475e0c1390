// The httpd configuration as Apache assembles it: a root file and everything its Include and
// IncludeOptional directives pull in (globs and directories too), resolved against ServerRoot the
// way Apache does, with Define variables substituted. This is the "workspace model" httpd rules see.
import * as nodePath from 'node:path';
import type { Project, SourceFile } from '../engine/workspace';
import type { DirectiveNode, HttpdTree, Node } from './syntax';
import { moduleByAnyName } from './directives';
import { withoutVariantSuffix } from '../engine/files';

export type IncludeProblemKind = 'missing' | 'no-match' | 'cycle' | 'unverifiable';

export interface IncludeEdge {
  from: string;
  directive: DirectiveNode;
  optional: boolean;
  /** The pattern after variable substitution, as Apache would resolve it. */
  pattern: string;
  /** Local files it resolves to, in Apache's order. */
  targets: string[];
  problem?: { kind: IncludeProblemKind; message: string; target?: string };
}

export interface LoadedModule {
  id: string;
  path: string;
  directive: DirectiveNode;
}

export interface HttpdConfig {
  root: string;
  /** ServerRoot as written (or Apache's default when the config has none). */
  serverRoot: string;
  /** The local folder that stands for ServerRoot (the workspace copy, or ServerRoot itself). */
  localServerRoot: string;
  /** Every file of the configuration, root first, in the order Apache reads them. */
  files: string[];
  edges: IncludeEdge[];
  /** LoadModule lines, by lower-case module identifier. */
  modules: Map<string, LoadedModule>;
  defines: Map<string, string>;
  /** Directives whose file is part of this config, in reading order (Include expanded). */
  directives: { file: string; node: DirectiveNode }[];
  /** For included files: the context of the Include that pulled them in (e.g. inside <VirtualHost>). */
  includeContext: Map<string, BaseContext>;
}

/** The context a file's top level is read in. */
export interface BaseContext {
  context: 'server' | 'virtualhost' | 'directory' | 'htaccess';
  /** The enclosing section name that set it, for messages (e.g. VirtualHost). */
  section?: string;
}

/** Apache's compiled-in default ServerRoot on the common layouts, by root file name. */
function defaultServerRoot(root: string): string {
  const base = nodePath.basename(root);
  return base === 'apache2.conf' ? '/etc/apache2' : '/etc/httpd';
}

const VAR_RE = /\$\{([A-Za-z0-9_.:\-]+)\}/g;

/** Substitutes ${VAR}; returns null when a variable is unknown (Apache leaves it, and reading fails). */
export function substituteVars(s: string, defines: Map<string, string>): string | null {
  let unknown = false;
  const out = s.replace(VAR_RE, (_m, name: string) => {
    const v = defines.get(name);
    if (v === undefined) {
      unknown = true;
      return _m;
    }
    return v;
  });
  return unknown ? null : out;
}

const GLOB_CHARS = /[*?[]/;

/** fnmatch-style match of one path component (`*`, `?`, `[...]`); leading dots are not special. */
function componentMatcher(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** Expands a path with wildcards in any component, sorted as Apache sorts (byte order). */
function expandGlob(project: Project, abs: string): string[] {
  const parts = abs.split('/').filter(Boolean);
  let bases = ['/'];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const next: string[] = [];
    if (!GLOB_CHARS.test(part)) {
      for (const b of bases) next.push(nodePath.posix.join(b, part));
    } else {
      const m = componentMatcher(part);
      for (const b of bases) {
        if (project.fs.stat(b) !== 'dir') continue;
        for (const name of project.fs.readDir(b)) if (m.test(name)) next.push(nodePath.posix.join(b, name));
      }
    }
    bases = next;
    if (bases.length === 0) break;
  }
  return bases.filter(p => project.fs.stat(p) !== undefined).sort();
}

/** All files under a directory, recursively, sorted (what Include of a directory reads). */
function filesUnder(project: Project, dir: string, depth = 0): string[] {
  if (depth > 16) return [];
  const out: string[] = [];
  for (const name of project.fs.readDir(dir)) {
    const p = nodePath.join(dir, name);
    const k = project.fs.stat(p);
    if (k === 'dir') out.push(...filesUnder(project, p, depth + 1));
    else if (k === 'file') out.push(p);
  }
  return out;
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

/** Picks the local folder that stands for ServerRoot. */
function localRootFor(project: Project, root: string, serverRoot: string): string {
  if (project.fs.stat(serverRoot) === 'dir' && (root + '/').startsWith(nodePath.resolve(serverRoot) + '/')) {
    return nodePath.resolve(serverRoot);
  }
  return serverFolderOf(root);
}

/**
 * The folder that holds a server's files, from its main config's path: ServerRoot/conf/httpd.conf (IHS,
 * Apache builds) gives ServerRoot; /etc/apache2/apache2.conf (Debian) gives its own folder. A command
 * given only httpd.conf searches this folder for the plugin-cfg.xml and DocumentRoot the config names.
 */
export function serverFolderOf(mainConfig: string): string {
  const dir = nodePath.dirname(nodePath.resolve(mainConfig));
  return nodePath.basename(dir) === 'conf' ? nodePath.dirname(dir) : dir;
}

export interface BuildOptions {
  /** Variables known from the environment (e.g. Debian's envvars). */
  env?: Map<string, string>;
}

/** Reads `export NAME=value` lines of a Debian-style envvars file next to the root. */
function readEnvvars(project: Project, localRoot: string): Map<string, string> {
  const vars = new Map<string, string>();
  const ft = project.rawText(nodePath.join(localRoot, 'envvars'));
  if (!ft || ft.binary) return vars;
  for (const line of ft.text.split(/\r?\n/)) {
    const m = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2].trim().replace(/^(['"])(.*)\1$/, '$2');
    v = v.replace(/\$([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_x, a, b) => vars.get(a ?? b) ?? '');
    if (!/\$\(|`/.test(v)) vars.set(m[1], v);
  }
  return vars;
}

export function buildHttpdConfig(project: Project, rootPath: string, opts: BuildOptions = {}): HttpdConfig {
  const root = nodePath.resolve(rootPath);
  const rootFile = project.file<HttpdTree>(root, 'apacheconf');
  let serverRoot = defaultServerRoot(root);
  if (rootFile) {
    const sr = rootFile.tree.children.find(
      (n): n is DirectiveNode => n.kind === 'directive' && n.name.toLowerCase() === 'serverroot' && n.args.length > 0,
    );
    if (sr) serverRoot = sr.args[0].value;
  }
  const localServerRoot = localRootFor(project, root, serverRoot);
  const defines = new Map<string, string>(opts.env ?? readEnvvars(project, localServerRoot));
  const cfg: HttpdConfig = {
    root,
    serverRoot,
    localServerRoot,
    files: [],
    edges: [],
    modules: new Map(),
    defines,
    directives: [],
    includeContext: new Map(),
  };
  const seen = new Set<string>();
  const stack: string[] = [];

  /** Maps a path as written to a local path: absolute paths under ServerRoot go to the local copy. */
  const localize = (p: string): { path: string; outside: boolean } => {
    const posix = toPosix(p);
    const isAbs = posix.startsWith('/') || /^[A-Za-z]:\//.test(posix);
    if (!isAbs) return { path: nodePath.join(localServerRoot, posix), outside: false };
    if (project.fs.stat(posix) !== undefined) return { path: posix, outside: false };
    const sr = toPosix(serverRoot).replace(/\/+$/, '');
    if (sr && (posix === sr || posix.startsWith(sr + '/'))) {
      return { path: nodePath.join(localServerRoot, posix.slice(sr.length)), outside: false };
    }
    return { path: posix, outside: true };
  };

  const visit = (file: string) => {
    const sf = project.file<HttpdTree>(file, 'apacheconf');
    if (!sf) return;
    seen.add(file);
    cfg.files.push(file);
    stack.push(file);
    walk(sf, sf.tree.children);
    stack.pop();
  };

  const walk = (sf: SourceFile<HttpdTree>, nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'section') {
        walk(sf, n.children);
        continue;
      }
      if (n.kind !== 'directive') continue;
      cfg.directives.push({ file: sf.path, node: n });
      const name = n.name.toLowerCase();
      if (name === 'define' && n.args.length > 0) {
        defines.set(n.args[0].value, n.args.length > 1 ? n.args[1].value : '');
      } else if (name === 'undefine' && n.args.length > 0) {
        defines.delete(n.args[0].value);
      } else if (name === 'loadmodule' && n.args.length > 0) {
        const id = n.args[0].value.toLowerCase();
        if (!cfg.modules.has(id)) cfg.modules.set(id, { id: n.args[0].value, path: sf.path, directive: n });
      } else if ((name === 'include' || name === 'includeoptional') && n.args.length > 0) {
        include(sf, n, name === 'includeoptional');
      }
    }
  };

  const include = (sf: SourceFile<HttpdTree>, n: DirectiveNode, optional: boolean) => {
    const raw = n.args[0].value;
    const substituted = substituteVars(raw, defines);
    const edge: IncludeEdge = { from: sf.path, directive: n, optional, pattern: substituted ?? raw, targets: [] };
    cfg.edges.push(edge);
    if (substituted === null) {
      edge.problem = { kind: 'unverifiable', message: `${raw} uses a variable that is not defined in this configuration.` };
      return;
    }
    const { path: local, outside } = localize(substituted);
    const hasGlob = GLOB_CHARS.test(local);
    let targets: string[];
    if (hasGlob) targets = expandGlob(project, toPosix(local));
    else {
      const k = project.fs.stat(local);
      targets = k === 'dir' ? filesUnder(project, local) : k === 'file' ? [local] : [];
    }
    edge.targets = targets;
    if (targets.length === 0 && !optional) {
      if (outside) {
        edge.problem = {
          kind: 'unverifiable',
          message: `${substituted} does not exist on this machine and lies outside ServerRoot (${serverRoot}).`,
        };
      } else if (hasGlob) {
        edge.problem = { kind: 'no-match', message: `No file matches ${substituted}: Apache 2.4 refuses to start (use IncludeOptional if that is intended).` };
      } else {
        edge.problem = { kind: 'missing', message: `${substituted} does not exist: Apache refuses to start.`, target: local };
      }
      return;
    }
    for (const t of targets) {
      if (stack.includes(t)) {
        edge.problem = {
          kind: 'cycle',
          message: `Including ${nodePath.basename(t)} here closes a cycle: ${[...stack.slice(stack.indexOf(t)), t].map(p => nodePath.basename(p)).join(' -> ')}.`,
          target: t,
        };
        continue;
      }
      if (seen.has(t)) continue;
      cfg.includeContext.set(t, contextAt(n, cfg.includeContext.get(sf.path)));
      visit(t);
    }
  };

  visit(root);
  return cfg;
}

const DIRECTORY_SECTIONS = new Set([
  'directory', 'directorymatch', 'files', 'filesmatch', 'location', 'locationmatch',
  'if', 'elseif', 'else', 'proxy', 'proxymatch',
]);

/** The context a node is read in: its innermost <VirtualHost> or directory-like section decides. */
export function contextAt(node: Node, base: BaseContext = { context: 'server' }): BaseContext {
  if (base.context === 'htaccess') return base;
  let vhost: string | undefined;
  for (let p = node.parent; p; p = p.parent) {
    const name = p.name.toLowerCase();
    if (DIRECTORY_SECTIONS.has(name)) return { context: 'directory', section: p.name };
    if (name === 'virtualhost' && !vhost) vhost = p.name;
  }
  if (vhost) return { context: 'virtualhost', section: vhost };
  return base;
}

const ROOT_NAMES = new Set(['httpd.conf', 'apache2.conf', 'apache.conf']);

/**
 * The configuration a file belongs to: the first workspace main config (httpd.conf, apache2.conf,
 * apache.conf) whose include closure holds the file, else the file on its own.
 */
export function httpdConfigFor(project: Project, path: string): HttpdConfig {
  const abs = nodePath.resolve(path);
  return project.memo(`httpd-config-for:${abs}`, () => {
    for (const root of httpdRoots(project)) {
      if (root === abs) continue;
      const cfg = project.memo(`httpd-config:${root}`, () => buildHttpdConfig(project, root));
      if (cfg.files.includes(abs)) return cfg;
    }
    return project.memo(`httpd-config:${abs}`, () => buildHttpdConfig(project, abs));
  });
}

/** Is the file pulled in by the Include directives of a main config in the workspace? */
export function isIncludedByHttpd(project: Project, path: string): boolean {
  const abs = nodePath.resolve(path);
  return httpdRoots(project).some(
    root => root !== abs && project.memo(`httpd-config:${root}`, () => buildHttpdConfig(project, root)).files.includes(abs),
  );
}

export function httpdRoots(project: Project): string[] {
  return project.memo('httpd-roots', () =>
    project.workspaceFiles().filter(p => ROOT_NAMES.has(nodePath.basename(p).toLowerCase())),
  );
}

/** Is this module loaded by the config (LoadModule anywhere in it, or compiled in)? */
export function isModuleLoaded(cfg: HttpdConfig, moduleSource: string): boolean {
  const info = moduleByAnyName(moduleSource);
  if (info?.static) return true;
  if (info && cfg.modules.has(info.id.toLowerCase())) return true;
  for (const m of cfg.modules.values()) {
    const other = moduleByAnyName(m.id);
    if (other && other.source.toLowerCase() === moduleSource.toLowerCase()) return true;
  }
  return false;
}

const SIGNS_24_MODULES = new Set([
  'mpm_event_module', 'mpm_worker_module', 'mpm_prefork_module', 'authz_core_module', 'access_compat_module',
  'unixd_module', 'socache_shmcb_module', 'slotmem_shm_module', 'was_ap24_module', 'cache_disk_module',
]);
const SIGNS_22_MODULES = new Set(['was_ap22_module', 'authz_default_module', 'authn_default_module', 'disk_cache_module', 'mem_cache_module']);
const SIGNS_24_DIRECTIVES = new Set(['includeoptional', 'define', 'mutex', 'errorlogformat', 'maxrequestworkers', 'maxconnectionsperchild', 'defaultruntimedir']);
const SIGNS_22_DIRECTIVES = new Set(['lockfile', 'acceptmutex', 'rewritelog', 'rewriteloglevel', 'sslmutex']);

/**
 * The Apache version a configuration shows it is written for (IBM HTTP Server 8.5 is Apache 2.2, IHS 9 is
 * 2.4): 2.4-only or 2.2-only modules, else directives, outside <IfVersion>/<IfDefine>. Loaded modules are
 * strong evidence (they must match the server binary); directives are weaker, since the one being written
 * may be the mistake. Undefined when it shows nothing or both.
 */
export function detectVersion(project: Project, cfg: HttpdConfig): '2.2' | '2.4' | undefined {
  return project.memo(`httpd-detected-version:${cfg.root}`, () => {
    const mods = { v24: 0, v22: 0 };
    const dirs = { v24: 0, v22: 0 };
    for (const { node } of cfg.directives) {
      let guarded = false;
      for (let p = node.parent; p; p = p.parent) if (/^if(version|define)$/i.test(p.name)) guarded = true;
      if (guarded) continue;
      const name = node.name.toLowerCase();
      if (name === 'loadmodule') {
        const id = node.args[0]?.value.toLowerCase() ?? '';
        if (SIGNS_24_MODULES.has(id)) mods.v24++;
        if (SIGNS_22_MODULES.has(id)) mods.v22++;
      } else if (SIGNS_24_DIRECTIVES.has(name)) dirs.v24++;
      else if (SIGNS_22_DIRECTIVES.has(name)) dirs.v22++;
      else if (name === 'require' && /^(all|ip|host|env|method|expr|local)$/i.test(node.args[0]?.value ?? '')) dirs.v24++;
    }
    const pick = (e: { v24: number; v22: number }) => (e.v24 && !e.v22 ? '2.4' : e.v22 && !e.v24 ? '2.2' : undefined);
    return mods.v24 || mods.v22 ? pick(mods) : pick(dirs);
  });
}

/** The version rules check against: the setting, else the detected one, else 2.4 (current Apache, IHS 9). */
export function targetVersion(project: Project, cfg: HttpdConfig): '2.2' | '2.4' {
  return project.options.httpdVersion ?? detectVersion(project, cfg) ?? '2.4';
}

const SERVER_ONLY_SECTIONS = /^(directory|directorymatch|location|locationmatch|virtualhost|proxy|proxymatch)$/i;

/**
 * Is the file read as .htaccess? A file named `.htaccess` is. A file named `something.htaccess` is too,
 * unless it holds sections that can never stand in .htaccess (<Directory>, <Location>, <VirtualHost>,
 * <Proxy>): then it is a server configuration fragment kept under that name (nagios.htaccess).
 */
export function isHtaccess(path: string, tree?: HttpdTree): boolean {
  const base = withoutVariantSuffix(nodePath.basename(path).toLowerCase()); // `.htaccess.dist` is a .htaccess too
  if (base === '.htaccess') return true;
  if (!base.endsWith('.htaccess')) return false;
  return !tree?.sections.some(s => SERVER_ONLY_SECTIONS.test(s.name));
}

/** The context a file's top level is read in (server, inside a <VirtualHost> Include, .htaccess) and its config. */
export function baseContextOf(project: Project, file: SourceFile<HttpdTree>): { base: BaseContext; config: HttpdConfig } {
  const config = httpdConfigFor(project, file.path);
  if (isHtaccess(file.path, file.tree)) return { base: { context: 'htaccess' }, config };
  return { base: config.includeContext.get(file.path) ?? { context: 'server' }, config };
}
