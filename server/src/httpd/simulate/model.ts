// The configuration as the request simulator needs it: the main server and its virtual hosts, each with
// the directives of its own level and its <Directory>/<Location>/<Files> sections, Include expanded in
// reading order and conditional sections (<IfModule>, <IfDefine>, <IfVersion>, <IfFile>) decided.
// Pure: reads files only through the Project.
import * as nodePath from 'node:path';
import type { Project } from '../../engine/workspace';
import { buildHttpdConfig, isModuleLoaded, substituteVars, type HttpdConfig } from '../config';
import { followPlaceholder } from '../link-placeholder';
import { moduleByAnyName } from '../directives';
import { lowerName, type DirectiveNode, type Node, type SectionNode } from '../syntax';

/** A directive with where it comes from. */
export interface Dir {
  name: string; // lower case
  args: string[];
  node: DirectiveNode;
  file: string;
}

export type SectionKind = 'directory' | 'directorymatch' | 'location' | 'locationmatch' | 'files' | 'filesmatch' | 'if' | 'other';

/** A per-directory section, or an authorization container (<RequireAll> ...) inside one. */
export interface Section {
  kind: SectionKind;
  /** The section's argument (path, URL-path, file name or pattern), variables substituted. */
  arg: string;
  /** <Directory ~ ...>, <Location ~ ...>, <Files ~ ...>: the argument is a regex. */
  regex: boolean;
  node: SectionNode;
  file: string;
  directives: Dir[];
  /** Authorization containers and nested sections, in order, for the access evaluation. */
  items: Item[];
  /** <Files> sections nested in a <Directory>. */
  files: Section[];
  /** What in this section the simulator cannot evaluate (<If>, <Limit>): a request it applies to is "cannot tell". */
  opaque: string[];
}

export type Item = { dir: Dir } | { container: Container };

export interface Container {
  kind: 'requireall' | 'requireany' | 'requirenone';
  node: SectionNode;
  file: string;
  items: Item[];
}

export interface ServerModel {
  /** null for the main server. */
  vhost: { node: SectionNode; file: string; addrs: VhostAddr[] } | null;
  serverName?: string;
  aliases: string[];
  /** Directives at the server's own level (not in sections), in reading order. */
  directives: Dir[];
  /** Per-directory directives at this level, with authorization containers. */
  items: Item[];
  sections: Section[];
  /** Things that could not be decided while reading (an unknown <IfModule>). */
  notes: string[];
  /** What at this server's own level the simulator cannot evaluate (<If>, <Limit>): every request is "cannot tell". */
  opaque: string[];
}

export interface VhostAddr {
  /** '*' for a wildcard address (`*`, `_default_`). */
  host: string;
  /** null for any port. */
  port: number | null;
  text: string;
}

export interface SimModel {
  cfg: HttpdConfig;
  main: ServerModel;
  vhosts: ServerModel[];
  listens: { host: string | null; port: number }[];
}

const SECTION_KINDS: Record<string, SectionKind> = {
  directory: 'directory',
  directorymatch: 'directorymatch',
  location: 'location',
  locationmatch: 'locationmatch',
  files: 'files',
  filesmatch: 'filesmatch',
  if: 'if',
  elseif: 'if',
  else: 'if',
};

const CONTAINERS = new Set(['requireall', 'requireany', 'requirenone']);

function newServer(vhost: ServerModel['vhost']): ServerModel {
  return { vhost, aliases: [], directives: [], items: [], sections: [], notes: [], opaque: [] };
}

export function parseVhostAddr(text: string): VhostAddr {
  let host = text;
  let port: number | null = null;
  const m = /^\[(.*)\](?::(\d+|\*))?$/.exec(text) ?? /^([^:]*)(?::(\d+|\*))?$/.exec(text);
  if (m) {
    host = m[1];
    port = m[2] && m[2] !== '*' ? Number(m[2]) : null;
  }
  if (host === '_default_') host = '*';
  return { host: host.toLowerCase(), port, text };
}

/** Decides an <IfModule>/<IfDefine>/<IfVersion>/<IfFile> section: true, false or null (cannot tell). */
function conditionHolds(project: Project, cfg: HttpdConfig, sec: SectionNode, version: string): boolean | null {
  const name = lowerName(sec.name);
  let arg = sec.args.map(a => a.value).join(' ');
  let negate = false;
  if (arg.startsWith('!')) {
    negate = true;
    arg = arg.slice(1).trim();
  }
  let r: boolean | null;
  if (name === 'ifmodule') {
    const info = moduleByAnyName(arg);
    if (info) r = isModuleLoaded(cfg, info.source);
    else r = [...cfg.modules.values()].some(m => m.id.toLowerCase() === arg.toLowerCase());
  } else if (name === 'ifdefine') {
    r = cfg.defines.has(arg);
  } else if (name === 'ifversion') {
    r = versionMatches(arg, version);
  } else if (name === 'iffile') {
    const p = substituteVars(arg, cfg.defines);
    r = p === null ? null : project.fs.stat(nodePath.isAbsolute(p) ? p : nodePath.join(cfg.localServerRoot, p)) !== undefined;
  } else r = true; // <IfDirective>, <IfSection>: the directive table of this Apache knows them
  return r === null ? null : negate ? !r : r;
}

function versionMatches(arg: string, version: string): boolean | null {
  const m = /^(=|==|>|>=|<|<=|~)?\s*(\S+)$/.exec(arg.trim());
  if (!m) return null;
  const op = m[1] ?? '=';
  if (op === '~' || m[2].startsWith('/')) return null;
  const a = version.split('.').map(Number);
  const b = m[2].split('.').map(Number);
  let cmp = 0;
  for (let i = 0; i < b.length && cmp === 0; i++) cmp = (a[i] ?? 0) - (b[i] ?? 0);
  switch (op) {
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    default: return cmp === 0;
  }
}

export interface ModelOptions {
  /** Apache version for <IfVersion> (default 2.4.71). */
  version?: string;
}

/** Reads the configuration rooted at `root` into servers and sections. */
export function buildSimModel(project: Project, root: string, opts: ModelOptions = {}): SimModel {
  const cfg = project.memo(`httpd-config:${nodePath.resolve(root)}`, () => buildHttpdConfig(project, root));
  const version = opts.version ?? '2.4.71';
  const includeTargets = new Map<DirectiveNode, string[]>();
  for (const e of cfg.edges) includeTargets.set(e.directive, e.targets);
  const main = newServer(null);
  const vhosts: ServerModel[] = [];
  const listens: SimModel['listens'] = [];
  const visiting = new Set<string>();

  const sub = (s: string): string => substituteVars(s, cfg.defines) ?? s;
  // A workspace copy of a server (/opt/IBM/HTTPServer checked out elsewhere): absolute paths under
  // ServerRoot that do not exist here are read from the local copy, as the Include resolution does.
  const serverRoot = cfg.serverRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  const localize = (p: string): string => {
    const posix = p.replace(/\\/g, '/');
    if (!posix.startsWith('/')) return nodePath.join(cfg.localServerRoot, posix);
    if (project.fs.stat(posix) !== undefined || !serverRoot || cfg.localServerRoot === serverRoot) return posix;
    if (posix === serverRoot || posix.startsWith(serverRoot + '/')) return cfg.localServerRoot + posix.slice(serverRoot.length);
    return posix;
  };
  const PATH_ARG: Record<string, number> = { documentroot: 0, alias: 1, scriptalias: 1, aliasmatch: 1, scriptaliasmatch: 1 };
  const dirOf = (n: DirectiveNode, file: string): Dir => {
    const name = lowerName(n.name);
    const args = n.args.map(a => sub(a.value));
    const at = PATH_ARG[name];
    if (at !== undefined && args[at] !== undefined && !(name.endsWith('match') && args[at].includes('$'))) args[at] = localize(args[at]);
    return { name, args, node: n, file };
  };

  /** Where the walk currently adds things. */
  interface Target {
    server: ServerModel;
    section: Section | null;
    container: Container | null;
  }

  const addDirective = (t: Target, d: Dir) => {
    if (t.container) t.container.items.push({ dir: d });
    else if (t.section) {
      t.section.directives.push(d);
      t.section.items.push({ dir: d });
    } else {
      t.server.directives.push(d);
      t.server.items.push({ dir: d });
    }
  };

  const walkFile = (matched: string, t: Target) => {
    // A link checked out as a plain file holds its target's path: Apache reads the target (the model does too).
    const read = followPlaceholder(project, matched);
    if (!read) return;
    const { path: file, sf } = read;
    if (visiting.has(file)) return;
    visiting.add(file);
    walk(sf.tree.children, file, t);
    visiting.delete(file);
  };

  const walk = (nodes: Node[], file: string, t: Target) => {
    for (const n of nodes) {
      if (n.kind === 'comment') continue;
      if (n.kind === 'directive') {
        const d = dirOf(n, file);
        if ((d.name === 'include' || d.name === 'includeoptional') && includeTargets.has(n)) {
          for (const target of includeTargets.get(n)!) walkFile(target, t);
          continue;
        }
        if (d.name === 'listen' && !t.section && !t.server.vhost) {
          const a = d.args[0] ?? '';
          const m = /^(?:\[?([^\]]*?)\]?:)?(\d+)$/.exec(a);
          if (m) listens.push({ host: m[1] ?? null, port: Number(m[2]) });
        }
        if (d.name === 'servername' && !t.section) t.server.serverName = d.args[0];
        if (d.name === 'serveralias' && !t.section) t.server.aliases.push(...d.args);
        addDirective(t, d);
        continue;
      }
      const name = lowerName(n.name);
      if (/^if(module|define|version|file|directive|section)$/.test(name)) {
        const holds = conditionHolds(project, cfg, n, version);
        if (holds === null) t.server.notes.push(`<${n.name} ${n.args.map(a => a.value).join(' ')}> could not be decided; its content is skipped`);
        if (holds) walk(n.children, file, t);
        continue;
      }
      if (name === 'virtualhost') {
        const v = newServer({ node: n, file, addrs: n.args.map(a => parseVhostAddr(sub(a.value))) });
        vhosts.push(v);
        walk(n.children, file, { server: v, section: null, container: null });
        continue;
      }
      if (CONTAINERS.has(name)) {
        const c: Container = { kind: name as Container['kind'], node: n, file, items: [] };
        if (t.container) t.container.items.push({ container: c });
        else if (t.section) t.section.items.push({ container: c });
        else t.server.items.push({ container: c });
        walk(n.children, file, { ...t, container: c });
        continue;
      }
      const kind = SECTION_KINDS[name] ?? 'other';
      let arg = sub(n.args.map(a => a.value).join(' '));
      let regex = name.endsWith('match');
      if (n.args[0]?.value === '~' && n.args.length > 1) {
        regex = true;
        arg = sub(n.args.slice(1).map(a => a.value).join(' '));
      }
      if (kind === 'directory' && !regex) arg = localize(arg);
      const s: Section = { kind, arg, regex, node: n, file, directives: [], items: [], files: [], opaque: [] };
      if (kind === 'if' || /^limit(except)?$/.test(name)) {
        // <If> expressions and method-limited sections are not evaluated: where they apply, "cannot tell".
        const why = `<${n.name} ${n.args.map(a => a.value).join(' ')}> (${nodePath.basename(file)}) is not evaluated`;
        if (t.section) t.section.opaque.push(why);
        else t.server.opaque.push(why);
        continue;
      }
      if (kind === 'other') continue; // <Proxy> ...: not part of serving local files
      if (t.section && (kind === 'files' || kind === 'filesmatch') && (t.section.kind === 'directory' || t.section.kind === 'directorymatch')) {
        t.section.files.push(s);
      } else if (t.section) {
        t.section.opaque.push(`<${n.name}> nested in <${t.section.node.name}> is not evaluated`);
        continue;
      } else t.server.sections.push(s);
      walk(n.children, file, { server: t.server, section: s, container: null });
    }
  };

  walkFile(cfg.root, { server: main, section: null, container: null });
  return { cfg, main, vhosts, listens };
}

/** The last directive of that name at the server's own level. */
export function lastDirective(server: ServerModel, name: string): Dir | undefined {
  for (let i = server.directives.length - 1; i >= 0; i--) if (server.directives[i].name === name) return server.directives[i];
  return undefined;
}
