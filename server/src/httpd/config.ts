// The httpd configuration as Apache assembles it: a root file and everything its Include and
// IncludeOptional directives pull in (globs and directories too), resolved against ServerRoot the
// way Apache does, with Define variables substituted. This is the "workspace model" httpd rules see.
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import type { Project, SourceFile } from '../engine/workspace';
import { lowerName, type DirectiveNode, type HttpdTree, type Node, type SectionNode } from './syntax';
import { followPlaceholder } from './link-placeholder';
import { directiveInfo, moduleByAnyName, modulesOf, sectionInfo } from './directives';
import { withoutVariantSuffix } from '../engine/files';

export type IncludeProblemKind = 'missing' | 'no-match' | 'cycle' | 'unverifiable';

/**
 * Whether Apache reads a part of the configuration: `yes` always, `no` never (a conditional section whose
 * condition is known to be false), `maybe` when it depends on what this workspace cannot see (a -D
 * define, a module loaded by a main config that is not here, IfFile on the server's disk).
 */
export type Reach = 'yes' | 'no' | 'maybe';

export interface IncludeEdge {
  from: string;
  directive: DirectiveNode;
  optional: boolean;
  /** The pattern after variable substitution, as Apache would resolve it. */
  pattern: string;
  /** Local files it resolves to, in Apache's order. */
  targets: string[];
  /** Whether Apache reads this Include at all (it sits in a conditional section). */
  reach: Reach;
  problem?: { kind: IncludeProblemKind; message: string; target?: string };
}

export interface LoadedModule {
  id: string;
  path: string;
  directive: DirectiveNode;
  /** False when the LoadModule sits in a section Apache may skip (<IfDefine>, <IfModule> of the unknown). */
  certain: boolean;
}

/** What one <VirtualHost> ends up with, its own directives and included files counted. */
export interface VirtualHostFacts {
  section: SectionNode;
  file: string;
  serverNames: string[];
  documentRoot: { file: string; node: DirectiveNode } | null;
  /** ErrorDocument by status code (the last one wins, as in Apache). */
  errorDocuments: Map<string, { file: string; node: DirectiveNode }>;
}

export interface HttpdConfig {
  root: string;
  /** ServerRoot as written (or Apache's default when the config has none). */
  serverRoot: string;
  /** The local folder that stands for ServerRoot (the workspace copy, or ServerRoot itself). */
  localServerRoot: string;
  /**
   * The root is a main configuration (httpd.conf, apache2.conf): the modules and Defines it shows are all
   * there are (apart from -D on the command line). A drop-in seen on its own is not complete.
   */
  complete: boolean;
  /** Target Apache version the conditions were evaluated for. */
  version: '2.2' | '2.4';
  /** Every file of the configuration, root first, in the order Apache reads them. */
  files: string[];
  fileSet: Set<string>;
  edges: IncludeEdge[];
  /** Include edges by the file that holds the Include. */
  edgesFrom: Map<string, IncludeEdge[]>;
  /** LoadModule lines, by lower-case module identifier. */
  modules: Map<string, LoadedModule>;
  /** What the configuration itself shows (modules, directives outside conditional sections). */
  detectedVersion?: '2.2' | '2.4';
  /** Some Include could not be followed here (a variable from the environment, a path outside ServerRoot). */
  opaqueIncludes: boolean;
  /** No MPM is loaded by a complete configuration: the binary has it compiled in (IHS on Windows, 2.2 builds). */
  mpmBuiltIn: boolean;
  defines: Map<string, string>;
  /** Directives Apache may read (reach yes or maybe), in reading order (Include expanded). */
  directives: { file: string; node: DirectiveNode }[];
  /** For included files: the context of the Include that pulled them in (e.g. inside <VirtualHost>). */
  includeContext: Map<string, BaseContext>;
  /** For files included inside a <VirtualHost>: that section. */
  includeVhost: Map<string, SectionNode>;
  /** Reach of each section's body (its own condition and every enclosing one). */
  sectionReach: Map<SectionNode, { reach: Reach; guard: SectionNode | null }>;
  /** Reach of each included file's top level (the Include sat in a conditional section). */
  fileReach: Map<string, { reach: Reach; guard: SectionNode | null }>;
  vhosts: VirtualHostFacts[];
  vhostBySection: Map<SectionNode, VirtualHostFacts>;
  /** Server-level DocumentRoot and ErrorDocuments (what virtual hosts inherit). */
  server: { documentRoot: { file: string; node: DirectiveNode } | null; errorDocuments: Map<string, { file: string; node: DirectiveNode }> };
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
  if (!s.includes('${')) return s;
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

/**
 * fnmatch of one path component (`*`, `?`, `[...]`, `[!...]`); leading dots are not special. Written as
 * a two-pointer matcher with one backtrack point, so any pattern runs in O(pattern x name): a regex built
 * from `****...x` would backtrack exponentially.
 */
export function fnmatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length) {
      const c = pattern[p];
      if (c === '*') {
        while (p < pattern.length && pattern[p] === '*') p++;
        if (p === pattern.length) return true;
        starP = p;
        starN = n;
        continue;
      }
      if (c === '?') {
        p++;
        n++;
        continue;
      }
      if (c === '[') {
        const close = pattern.indexOf(']', p + 2);
        if (close !== -1) {
          let body = pattern.slice(p + 1, close);
          const negate = body.startsWith('!') || body.startsWith('^');
          if (negate) body = body.slice(1);
          let hit = false;
          for (let i = 0; i < body.length; i++) {
            if (i + 2 < body.length && body[i + 1] === '-') {
              if (name[n] >= body[i] && name[n] <= body[i + 2]) hit = true;
              i += 2;
            } else if (body[i] === name[n]) hit = true;
          }
          if (hit !== negate) {
            p = close + 1;
            n++;
            continue;
          }
        } else if (name[n] === '[') {
          p++;
          n++;
          continue;
        }
      } else if (c === name[n]) {
        p++;
        n++;
        continue;
      }
    }
    if (starP === -1) return false;
    p = starP;
    n = ++starN;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** At most this many files from one Include (Apache would read them all; we stop looking). */
const MAX_INCLUDE_TARGETS = 10000;

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
      for (const b of bases) {
        if (project.fs.stat(b) !== 'dir') continue;
        for (const name of project.fs.readDir(b)) if (fnmatch(part, name)) next.push(nodePath.posix.join(b, name));
        if (next.length > MAX_INCLUDE_TARGETS) break;
      }
    }
    bases = next;
    if (bases.length === 0) break;
  }
  return bases.filter(p => project.fs.stat(p) === 'file').sort();
}

/**
 * All files under a directory, recursively, sorted (what Include of a directory reads). Iterative and
 * bounded: symlink loops (a folder linking to its parent) and `Include /` end at the depth and count
 * limits instead of running away.
 */
function filesUnder(project: Project, dir: string): string[] {
  const out: string[] = [];
  const stack: { dir: string; depth: number }[] = [{ dir, depth: 0 }];
  const seen = new Set<string>();
  while (stack.length && out.length < MAX_INCLUDE_TARGETS) {
    const { dir: d, depth } = stack.pop()!;
    const real = realPath(d);
    if (seen.has(real)) continue;
    seen.add(real);
    const names = project.fs.readDir(d);
    const subdirs: string[] = [];
    for (const name of names) {
      const p = nodePath.join(d, name);
      const k = project.fs.stat(p);
      if (k === 'dir') {
        if (depth < 16) subdirs.push(p);
      } else if (k === 'file') out.push(p);
      if (out.length >= MAX_INCLUDE_TARGETS) break;
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i], depth: depth + 1 });
  }
  return out.sort();
}

function realPath(p: string): string {
  try {
    return nodeFs.realpathSync(p);
  } catch {
    return p;
  }
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

const ROOT_NAMES = new Set(['httpd.conf', 'apache2.conf', 'apache.conf']);

const CONDITIONAL = /^if(module|define|version|file|directive|section)$/i;

/** Is a section one of Apache's conditional sections (<IfModule>, <IfDefine>, <IfVersion>, ...)? */
export function isConditionalSection(name: string): boolean {
  return CONDITIONAL.test(name);
}

function and(a: Reach, b: Reach): Reach {
  return a === 'no' || b === 'no' ? 'no' : a === 'maybe' || b === 'maybe' ? 'maybe' : 'yes';
}

function not(r: Reach): Reach {
  return r === 'yes' ? 'no' : r === 'no' ? 'yes' : 'maybe';
}

/** A module name reduced to its stem, for names the table does not know (mod_php7.c ~ php7_module). */
function moduleStem(name: string): string {
  return name.toLowerCase().replace(/\.(c|so)$/, '').replace(/^mod_/, '').replace(/_module$/, '');
}

/**
 * Evaluates `<IfVersion [op] version>` for a target minor version whose patch level is unknown: yes when
 * the comparison holds for every 2.4.x (or 2.2.x), no when for none, maybe otherwise (regexes too).
 */
export function evalIfVersion(args: string[], target: '2.2' | '2.4'): Reach {
  let words = args.slice();
  let negate = false;
  if (words[0]?.startsWith('!')) {
    negate = true;
    words[0] = words[0].slice(1);
    if (!words[0]) words = words.slice(1);
  }
  let op = '=';
  let ver = words[0] ?? '';
  if (words.length >= 2) {
    op = words[0];
    ver = words[1];
  } else {
    const m = /^(>=|<=|==|=|>|<|~)(.*)$/.exec(ver);
    if (m && m[2]) {
      op = m[1];
      ver = m[2];
    }
  }
  if (op === '~' || ver.startsWith('/')) return 'maybe';
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(ver);
  if (!m) return 'maybe';
  const want = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const [maj, min] = target.split('.').map(Number);
  let yes = 0;
  let no = 0;
  for (let patch = 0; patch <= 99; patch++) {
    const have = [maj, min, patch];
    const cmp = have[0] - want[0] || have[1] - want[1] || have[2] - want[2];
    const holds =
      op === '=' || op === '==' ? cmp === 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : false;
    if (holds) yes++;
    else no++;
  }
  const r: Reach = no === 0 ? 'yes' : yes === 0 ? 'no' : 'maybe';
  return negate ? not(r) : r;
}

interface WalkFrame {
  sf: SourceFile<HttpdTree>;
  nodes: Node[];
  i: number;
  reach: Reach;
  guard: SectionNode | null;
  vhost: VirtualHostFacts | null;
  /** Set on the frame that reads a file's top level: starting it pushes the include stack, ending pops it. */
  fileEntry: boolean;
  started: boolean;
}

export function buildHttpdConfig(project: Project, rootPath: string, opts: BuildOptions = {}): HttpdConfig {
  const root = nodePath.resolve(rootPath);
  // A main config that loads modules shows the whole module set; one that loads none (a static build, a
  // skeleton) says nothing about modules, like a drop-in.
  let complete = ROOT_NAMES.has(nodePath.basename(root).toLowerCase());
  // A main config with neither LoadModule nor Include cannot load a module: read it as one that loads
  // none at once, rather than reading it twice.
  if (complete && !mayLoadModules(project, root)) complete = false;
  const setting = project.options.httpdVersion;
  let first = walkConfig(project, root, complete, setting ?? null, opts);
  if (complete && first.modules.size === 0) {
    complete = false;
    first = walkConfig(project, root, complete, setting ?? null, opts);
  }
  if (setting) {
    first.detectedVersion = detectFromDirectives(first);
    return first;
  }
  // The version the conditions are evaluated for: the one the configuration shows (outside conditional
  // sections), else 2.4. A second walk is needed only when <IfVersion> sections exist.
  const detected = detectFromDirectives(first);
  first.detectedVersion = detected;
  first.version = detected ?? '2.4';
  if (!first.hasIfVersion) return first;
  const second = walkConfig(project, root, complete, first.version, opts);
  second.detectedVersion = detected;
  return second;
}

/** Could reading this file load a module (a LoadModule of its own, or an Include that may hold one)? */
function mayLoadModules(project: Project, file: string): boolean {
  const sf = project.file<HttpdTree>(file, 'apacheconf');
  if (!sf) return true;
  for (let _di = 0, _ds = sf.tree.directives; _di < _ds.length; _di++) {
    const d = _ds[_di];
    const n = d.name;
    // Cheap first test on the length before the case-insensitive comparison.
    if ((n.length === 10 || n.length === 7 || n.length === 15) && /^(loadmodule|include|includeoptional)$/i.test(n)) return true;
  }
  return false;
}

/** A walk's result: the model, and what buildHttpdConfig decides a second walk by. */
type WalkedConfig = HttpdConfig & { hasIfVersion: boolean; signs: VersionSigns };

function walkConfig(
  project: Project,
  root: string,
  complete: boolean,
  version: '2.2' | '2.4' | null,
  opts: BuildOptions,
): WalkedConfig {
  const rootFile = project.file<HttpdTree>(root, 'apacheconf');
  let serverRoot = defaultServerRoot(root);
  if (rootFile) {
    const sr = rootFile.tree.children.find(
      (n): n is DirectiveNode => n.kind === 'directive' && lowerName(n.name) === 'serverroot' && n.args.length > 0,
    );
    if (sr) serverRoot = sr.args[0].value;
  }
  const localServerRoot = localRootFor(project, root, serverRoot);
  const defines = new Map<string, string>(opts.env ?? readEnvvars(project, localServerRoot));
  const cfg: WalkedConfig = {
    root,
    serverRoot,
    localServerRoot,
    complete,
    version: version ?? '2.4',
    files: [],
    fileSet: new Set(),
    edges: [],
    edgesFrom: new Map(),
    modules: new Map(),
    mpmBuiltIn: false,
    opaqueIncludes: false,
    defines,
    directives: [],
    includeContext: new Map(),
    includeVhost: new Map(),
    sectionReach: new Map(),
    fileReach: new Map(),
    vhosts: [],
    vhostBySection: new Map(),
    server: { documentRoot: null, errorDocuments: new Map() },
    hasIfVersion: false,
    signs: { v24Modules: 0, v22Modules: 0, v24Directives: 0, v22Directives: 0 },
  };
  /** Module stems loaded so far (for third-party names), with certainty. */
  const stems = new Map<string, boolean>();
  let unverifiableInclude = false;
  const includeStack: string[] = [];
  /** The files being read (the include stack), for cycle checks in constant time. */
  const onStack = new Set<string>();
  const frames: WalkFrame[] = [];

  /** Is a module loaded at this point of the reading? */
  const moduleReach = (name: string): Reach => {
    const info = moduleByAnyName(name);
    if (info?.static) return 'yes';
    const byId = info ? cfg.modules.get(info.id.toLowerCase()) : undefined;
    if (byId) return byId.certain ? 'yes' : 'maybe';
    const stem = stems.get(moduleStem(name));
    if (stem !== undefined) return stem ? 'yes' : 'maybe';
    return complete && !unverifiableInclude ? 'no' : 'maybe';
  };

  const evaluate = (sec: SectionNode): Reach => {
    const kind = lowerName(sec.name);
    const raw = sec.args[0]?.value ?? '';
    const negated = raw.startsWith('!');
    const name = negated ? raw.slice(1) : raw;
    let r: Reach;
    switch (kind) {
      case 'ifmodule':
        r = moduleReach(name);
        break;
      case 'ifdefine':
        // -D on the command line (Debian's APACHE_ARGUMENTS, a service unit) is never visible here.
        r = defines.has(name) ? 'yes' : 'maybe';
        break;
      case 'ifversion':
        cfg.hasIfVersion = true;
        return version ? evalIfVersion(sec.args.map(a => a.value), version) : 'maybe';
      case 'ifdirective':
      case 'ifsection': {
        const info = kind === 'ifdirective' ? directiveInfo(name) : sectionInfo(name);
        if (!info) r = 'maybe';
        else {
          const mods = modulesOf(info).map(moduleReach);
          r = mods.includes('yes') ? 'yes' : mods.includes('maybe') ? 'maybe' : 'no';
        }
        break;
      }
      default:
        r = 'maybe';
    }
    return negated ? not(r) : r;
  };

  /** Queues a file to be read next (frames are a stack: queue an Include's targets in reverse). */
  const enterFile = (file: string, reach: Reach, guard: SectionNode | null, vhost: VirtualHostFacts | null, read?: SourceFile<HttpdTree>) => {
    const sf = read ?? project.file<HttpdTree>(file, 'apacheconf');
    if (!sf) return;
    cfg.fileSet.add(file);
    if (reach !== 'yes') cfg.fileReach.set(file, { reach, guard });
    frames.push({ sf, nodes: sf.tree.children, i: 0, reach, guard, vhost, fileEntry: true, started: false });
  };

  const include = (f: WalkFrame, n: DirectiveNode, optional: boolean) => {
    const raw = n.args[0].value;
    const substituted = substituteVars(raw, defines);
    const edge: IncludeEdge = { from: f.sf.path, directive: n, optional, pattern: substituted ?? raw, targets: [], reach: f.reach };
    cfg.edges.push(edge);
    const own = cfg.edgesFrom.get(f.sf.path);
    if (own) own.push(edge);
    else cfg.edgesFrom.set(f.sf.path, [edge]);
    if (substituted === null) {
      unverifiableInclude = true;
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
        unverifiableInclude = true;
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
    if (outside && targets.length === 0) unverifiableInclude = true;
    // Push in reverse so that the first target is read first.
    const toRead: string[] = [];
    const parsed: (SourceFile<HttpdTree> | undefined)[] = [];
    const queued = new Set<string>();
    for (const matched of targets) {
      // A symbolic link checked out as a plain file (Git without symlinks): Apache would follow the link.
      const read = followPlaceholder(project, matched);
      const t = read?.path ?? matched;
      if (t !== matched) cfg.fileSet.add(matched);
      if (onStack.has(t)) {
        edge.problem = {
          kind: 'cycle',
          message: `Including ${nodePath.basename(t)} here closes a cycle: ${[...includeStack.slice(includeStack.indexOf(t)), t].map(p => nodePath.basename(p)).join(' -> ')}.`,
          target: t,
        };
        continue;
      }
      if (cfg.fileSet.has(t) || queued.has(t)) continue;
      queued.add(t);
      cfg.includeContext.set(t, contextAt(n, cfg.includeContext.get(f.sf.path)));
      const vh = f.vhost?.section ?? null;
      if (vh) cfg.includeVhost.set(t, vh);
      toRead.push(t);
      parsed.push(read?.sf);
    }
    // Apache reads the targets right here, in order: the first one queued last is read first.
    for (let i = toRead.length - 1; i >= 0; i--) enterFile(toRead[i], f.reach, f.guard, f.vhost, parsed[i]);
  };

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

  const directive = (f: WalkFrame, n: DirectiveNode) => {
    cfg.directives.push({ file: f.sf.path, node: n });
    const name = lowerName(n.name);
    if (f.reach === 'yes') countVersionSign(cfg.signs, name, n);
    switch (name) {
      case 'define':
        if (n.args.length > 0) defines.set(n.args[0].value, n.args.length > 1 ? n.args[1].value : '');
        break;
      case 'undefine':
        if (n.args.length > 0) defines.delete(n.args[0].value);
        break;
      case 'loadmodule':
        if (n.args.length > 0) {
          const id = n.args[0].value.toLowerCase();
          const certain = f.reach === 'yes';
          const had = cfg.modules.get(id);
          if (!had || (certain && !had.certain)) cfg.modules.set(id, { id: n.args[0].value, path: f.sf.path, directive: n, certain });
          stems.set(moduleStem(id), certain || (stems.get(moduleStem(id)) ?? false));
        }
        break;
      case 'include':
      case 'includeoptional':
        if (n.args.length > 0) include(f, n, name === 'includeoptional');
        break;
      case 'documentroot':
        if (n.args.length > 0 && !inDirectorySection(n)) {
          const target = f.vhost ?? cfg.server;
          if (f.vhost || !enclosingVhostSection(n)) target.documentRoot = { file: f.sf.path, node: n };
        }
        break;
      case 'errordocument':
        if (n.args.length >= 2 && !inDirectorySection(n)) (f.vhost ?? cfg.server).errorDocuments.set(n.args[0].value, { file: f.sf.path, node: n });
        break;
      case 'servername':
      case 'serveralias':
        if (f.vhost) for (const a of n.args) f.vhost.serverNames.push(a.value);
        break;
    }
  };

  enterFile(root, 'yes', null, null);
  while (frames.length) {
    const f = frames[frames.length - 1];
    if (f.fileEntry && !f.started) {
      f.started = true;
      includeStack.push(f.sf.path);
      onStack.add(f.sf.path);
      cfg.files.push(f.sf.path);
    }
    if (f.i >= f.nodes.length) {
      frames.pop();
      if (f.fileEntry) onStack.delete(includeStack.pop()!);
      continue;
    }
    const n = f.nodes[f.i++];
    if (n.kind === 'comment') continue;
    if (n.kind === 'section') {
      let reach = f.reach;
      let guard = f.guard;
      if (CONDITIONAL.test(n.name) && reach !== 'no') {
        const own = evaluate(n);
        const next = and(reach, own);
        if (next !== reach) guard = n;
        reach = next;
      }
      cfg.sectionReach.set(n, { reach, guard });
      // Apache skips the body of a false condition without reading it; the walk still records its sections'
      // reach (so every node of the file has an answer) but reads none of its directives.
      let vhost = f.vhost;
      if (reach !== 'no' && lowerName(n.name) === 'virtualhost') {
        vhost = { section: n, file: f.sf.path, serverNames: [], documentRoot: null, errorDocuments: new Map() };
        cfg.vhosts.push(vhost);
        cfg.vhostBySection.set(n, vhost);
      }
      frames.push({ sf: f.sf, nodes: n.children, i: 0, reach, guard, vhost, fileEntry: false, started: true });
      continue;
    }
    if (f.reach !== 'no') directive(f, n);
  }
  cfg.opaqueIncludes = unverifiableInclude;
  if (complete) cfg.mpmBuiltIn = ![...cfg.modules.keys()].some(id => /^mpm_/.test(id));
  return cfg;
}

/** Directory-like sections (DocumentRoot and ErrorDocument there are not the vhost's own). */
function inDirectorySection(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (DIRECTORY_SECTIONS.has(lowerName(p.name))) return true;
  return false;
}

function enclosingVhostSection(n: Node): SectionNode | null {
  for (let p = n.parent; p; p = p.parent) if (lowerName(p.name) === 'virtualhost') return p;
  return null;
}

const byName = new WeakMap<HttpdConfig, Map<string, { file: string; node: DirectiveNode }[]>>();

/**
 * The directives of the configuration with this (lower-case) name, in reading order: an index built once
 * per model version, so a rule asking "is there a Listen / a server-level Header" for each of 1,000 files
 * does not scan the whole configuration each time.
 */
export function directivesNamed(cfg: HttpdConfig, lowerCaseName: string): readonly { file: string; node: DirectiveNode }[] {
  let index = byName.get(cfg);
  if (!index) {
    index = new Map();
    for (let _di = 0, _ds = cfg.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      const k = lowerName(d.node.name);
      const list = index.get(k);
      if (list) list.push(d);
      else index.set(k, [d]);
    }
    byName.set(cfg, index);
  }
  return index.get(lowerCaseName) ?? [];
}

/** Reach of a node of a file of the configuration: does Apache read it? */
export function reachOf(cfg: HttpdConfig, file: string, node: Node): { reach: Reach; guard: SectionNode | null } {
  if (node.parent) return cfg.sectionReach.get(node.parent) ?? YES;
  return cfg.fileReach.get(file) ?? YES;
}
const YES = { reach: 'yes' as Reach, guard: null };

const DIRECTORY_SECTIONS = new Set([
  'directory', 'directorymatch', 'files', 'filesmatch', 'location', 'locationmatch',
  'if', 'elseif', 'else', 'proxy', 'proxymatch',
]);

/** Per section: the innermost directory-like section around (or being) it, else the innermost <VirtualHost>. */
const sectionContext = new WeakMap<SectionNode, { kind: 'directory' | 'virtualhost'; section: SectionNode } | null>();

function contextOfSection(sec: SectionNode): { kind: 'directory' | 'virtualhost'; section: SectionNode } | null {
  if (sectionContext.has(sec)) return sectionContext.get(sec)!;
  // Fill the cache from the outermost uncached ancestor down: linear in nesting depth, once per section.
  const chain: SectionNode[] = [];
  for (let p: SectionNode | null = sec; p && !sectionContext.has(p); p = p.parent) chain.push(p);
  for (let i = chain.length - 1; i >= 0; i--) {
    const s = chain[i];
    const name = lowerName(s.name);
    const outer = s.parent ? sectionContext.get(s.parent)! : null;
    let r: { kind: 'directory' | 'virtualhost'; section: SectionNode } | null;
    if (DIRECTORY_SECTIONS.has(name)) r = { kind: 'directory', section: s };
    else if (outer?.kind === 'directory') r = outer;
    else if (name === 'virtualhost') r = { kind: 'virtualhost', section: s };
    else r = outer;
    sectionContext.set(s, r);
  }
  return sectionContext.get(sec)!;
}

/** The context a node is read in: its innermost directory-like section, else its <VirtualHost>, else the base. */
export function contextAt(node: Node, base: BaseContext = { context: 'server' }): BaseContext {
  if (base.context === 'htaccess') return base;
  const r = node.parent ? contextOfSection(node.parent) : null;
  if (!r) return base;
  return { context: r.kind, section: r.section.name };
}

/** Is the path inside the folder (or the folder itself)? */
function isUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(nodePath.sep) ? folder : folder + nodePath.sep);
}

/**
 * The main configs that may include the file: those whose server folder holds it, nearest first. A main
 * config elsewhere in the workspace (another server's tree below the linted folder) is never read for it.
 */
function rootsByProximity(project: Project, abs: string): string[] {
  return httpdRoots(project)
    .filter(r => isUnder(abs, serverFolderOf(r)))
    .sort((a, b) => serverFolderOf(b).length - serverFolderOf(a).length);
}

function configOfRoot(project: Project, root: string): HttpdConfig {
  return project.memo(`httpd-config:${root}`, () => buildHttpdConfig(project, root));
}

/**
 * The configuration a file belongs to: a main config (httpd.conf, apache2.conf, apache.conf) is its own;
 * any other file belongs to the nearest main config whose server folder holds it and whose include
 * closure holds it (configurations of other servers are never read for it), else it is read on its own,
 * as a drop-in.
 */
export function httpdConfigFor(project: Project, path: string): HttpdConfig {
  const abs = nodePath.resolve(path);
  return project.memo(`httpd-config-for:${abs}`, () => {
    if (ROOT_NAMES.has(nodePath.basename(abs).toLowerCase())) return configOfRoot(project, abs);
    for (const root of rootsByProximity(project, abs)) {
      if (root === abs) continue;
      const cfg = configOfRoot(project, root);
      if (cfg.fileSet.has(abs)) return cfg;
    }
    return configOfRoot(project, abs);
  });
}

/** Is the file pulled in by the Include directives of a main config in the workspace? */
export function isIncludedByHttpd(project: Project, path: string): boolean {
  const abs = nodePath.resolve(path);
  return project.memo(`httpd-included:${abs}`, () =>
    rootsByProximity(project, abs).some(root => root !== abs && configOfRoot(project, root).fileSet.has(abs)),
  );
}

export function httpdRoots(project: Project): string[] {
  return project.memo('httpd-roots', () =>
    project.workspaceFiles().filter(p => ROOT_NAMES.has(nodePath.basename(p).toLowerCase())),
  );
}

const MPM_SOURCES = new Set(['event.c', 'prefork.c', 'worker.c', 'mpm_winnt.c', 'mpmt_os2.c', 'mpm_netware.c']);

/**
 * Is this module loaded by the configuration? `yes`: compiled in, or loaded outside any section Apache may
 * skip; `maybe`: loaded only conditionally, or the configuration cannot tell (a drop-in seen without its
 * main config, an Include this workspace cannot follow); `no`: a complete configuration that never loads it.
 */
export function moduleState(cfg: HttpdConfig, moduleName: string): Reach {
  const info = moduleByAnyName(moduleName);
  if (info?.static) return 'yes';
  const source = (info?.source ?? moduleName).toLowerCase();
  if (cfg.mpmBuiltIn && (MPM_SOURCES.has(source) || /^mpm_/.test(info?.id ?? ''))) return 'yes';
  let state: Reach = 'no';
  const hit = info ? cfg.modules.get(info.id.toLowerCase()) : undefined;
  if (hit) state = hit.certain ? 'yes' : 'maybe';
  if (state !== 'yes') {
    const stem = moduleStem(moduleName);
    for (const m of cfg.modules.values()) {
      const other = moduleByAnyName(m.id);
      if ((other && other.source.toLowerCase() === source) || moduleStem(m.id) === stem) {
        if (m.certain) return 'yes';
        state = 'maybe';
      }
    }
  }
  if (state === 'no' && (!cfg.complete || cfg.opaqueIncludes)) return 'maybe';
  return state;
}

/** Is this module loaded by the config (LoadModule anywhere in it, or compiled in)? */
export function isModuleLoaded(cfg: HttpdConfig, moduleSource: string): boolean {
  return moduleState(cfg, moduleSource) === 'yes';
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
 * 2.4): 2.4-only or 2.2-only modules, else directives, outside conditional sections that may be skipped.
 * Loaded modules are strong evidence (they must match the server binary); directives are weaker, since the
 * one being written may be the mistake. Undefined when it shows nothing or both.
 */
function detectFromDirectives(cfg: WalkedConfig): '2.2' | '2.4' | undefined {
  const { v24Modules, v22Modules, v24Directives, v22Directives } = cfg.signs;
  const pick = (v24: number, v22: number) => (v24 && !v22 ? '2.4' : v22 && !v24 ? '2.2' : undefined);
  return v24Modules || v22Modules ? pick(v24Modules, v22Modules) : pick(v24Directives, v22Directives);
}

/** How many directives Apache surely reads are signs of 2.4 or of 2.2 (see detectFromDirectives). */
interface VersionSigns {
  v24Modules: number;
  v22Modules: number;
  v24Directives: number;
  v22Directives: number;
}

/** Counts directive `n` (lower-case name `name`), read for certain, among the version signs. */
function countVersionSign(signs: VersionSigns, name: string, n: DirectiveNode): void {
  if (name === 'loadmodule') {
    const id = n.args[0]?.value.toLowerCase() ?? '';
    if (SIGNS_24_MODULES.has(id)) signs.v24Modules++;
    if (SIGNS_22_MODULES.has(id)) signs.v22Modules++;
  } else if (SIGNS_24_DIRECTIVES.has(name)) signs.v24Directives++;
  else if (SIGNS_22_DIRECTIVES.has(name)) signs.v22Directives++;
  else if (name === 'require' && /^(all|ip|host|env|method|expr|local)$/i.test(n.args[0]?.value ?? '')) signs.v24Directives++;
}

/** The version the configuration shows (see detectFromDirectives); undefined when it shows none. */
export function detectVersion(_project: Project, cfg: HttpdConfig): '2.2' | '2.4' | undefined {
  return cfg.detectedVersion;
}

/** The version rules check against: the setting, else the detected one, else 2.4 (current Apache, IHS 9). */
export function targetVersion(project: Project, cfg: HttpdConfig): '2.2' | '2.4' {
  return project.options.httpdVersion ?? cfg.detectedVersion ?? '2.4';
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
