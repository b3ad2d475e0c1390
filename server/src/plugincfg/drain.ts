// The rolling update of seed 001: take one node out of the plug-in's routing, patch it, put it back.
//
// drainNode writes a copy of plugin-cfg.xml (`plugin-cfg-drain-<node>.xml`, next to the original) in
// which no cluster sends traffic to that node, and edits httpd.conf's WebSpherePluginConfig argument
// to point at the copy. restoreRouting points it back. The original plugin-cfg.xml is never touched,
// and drain followed by restore gives back httpd.conf's exact bytes: the only edit is inserting, then
// removing, `-drain-<node>` in the file name.
//
// The node is given as a Transport host (full name, short name or address) or as a WebSphere node
// name (servers are named `<node>_<server>` in generated files).
//
// What "drained" means for a cluster: the copy routes exactly as the plug-in itself would if the
// node's servers were down.
//   - The primaries on other nodes stay primaries (they already share the load).
//   - If every primary was on the node, the first backup on another node becomes the primary (the
//     plug-in walks the backup list in order and does not balance over backups).
//   - The node's servers leave both PrimaryServers and BackupServers: the plug-in fails over to the
//     backup list, so a node left there would still get traffic while it is being patched.
//   - If the cluster has no server on another node, nothing can take its traffic: drainNode refuses
//     and names every such cluster.
// Two nodes, primary on node1 and backup on node2 (the seed's case): node2 becomes the only primary and
// the backup list is left empty.
import * as nodePath from 'node:path';
import type { FileChange } from '../engine/rules';
import { applyOffsetEdits, detectEol, minimalEdit, type OffsetEdit } from '../engine/text';
import type { Project } from '../engine/workspace';
import { httpdConfigFor } from '../httpd/config';
import { resolveWorkspacePath } from '../httpd/deployment';
import { parseHttpd, type Arg, type DirectiveNode } from '../httpd/syntax';
import { escapeAttr, indentationAt } from '../xml/parser';
import {
  backups,
  describeTransports,
  effectivePrimaries,
  hostOf,
  hostsOf,
  sameNode,
  serversByCloneId,
  type Cluster,
  type PluginCfgTree,
  type Server,
} from './model';
import { swapClusterOf } from './swap';

/** A refusal with a message meant for the user (the CLI exits 1, the editor shows it). */
export class PluginCfgRefusal extends Error {
  constructor(
    message: string,
    /** The clusters the refusal is about, if any. */
    readonly clusters: string[] = [],
  ) {
    super(message);
    this.name = 'PluginCfgRefusal';
  }
}

/** The node names no server of the file (bad usage on the command line: exit 2). */
export class UnknownNode extends PluginCfgRefusal {}

/** Nothing to do: routing is already normal (the command line exits 0 and says so). */
export class NothingToDo extends PluginCfgRefusal {}

export interface DrainedCluster {
  name: string;
  primary: string[];
  backup: string[];
}

export interface DrainPlan {
  node: string;
  pluginCfg: string;
  copyPath: string;
  /** Clusters whose routing changes in the copy. */
  clusters: DrainedCluster[];
  /** Clusters with servers on the node that needed no change (the node's servers are in no list). */
  unchanged: string[];
  /** The copy (created, or rewritten when it exists) and the httpd.conf edit: one undoable change. */
  changes: FileChange[];
  /** The copy's text. */
  copyText: string;
}

const DRAIN_MARK = '-drain-';

function loadPluginCfg(project: Project, path: string) {
  const file = project.file<PluginCfgTree>(path, 'plugincfg');
  if (!file || !file.tree) throw new PluginCfgRefusal(`Cannot read ${path}.`);
  return file;
}

function splitName(base: string): { stem: string; ext: string } {
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { stem: base.slice(0, dot), ext: base.slice(dot) } : { stem: base, ext: '' };
}

/** The node as it may appear in a file name. */
export function nodeLabel(node: string): string {
  return node.trim().replace(/[^A-Za-z0-9._-]+/g, '_') || 'node';
}

/** `plugin-cfg.xml` + `was-node1` -> `plugin-cfg-drain-was-node1.xml` (same folder). */
export function drainCopyPath(pluginCfgPath: string, node: string): string {
  const { stem, ext } = splitName(nodePath.basename(pluginCfgPath));
  return nodePath.join(nodePath.dirname(pluginCfgPath), `${stem}${DRAIN_MARK}${nodeLabel(node)}${ext}`);
}

/** The original file name of a drain copy's name, or null when the name is not one. */
export function originalOfDrainCopy(base: string): string | null {
  const { ext } = splitName(base);
  const at = base.lastIndexOf(DRAIN_MARK);
  if (at <= 0 || at + DRAIN_MARK.length >= base.length - ext.length) return null;
  return base.slice(0, at) + ext;
}

export function drainNode(project: Project, pluginCfgPath: string, host: string, httpdConfPath?: string): DrainPlan {
  const abs = nodePath.resolve(pluginCfgPath);
  if (originalOfDrainCopy(nodePath.basename(abs))) {
    throw new PluginCfgRefusal(`${nodePath.basename(abs)} is already a drain copy: drain the original plugin-cfg.xml (restore normal routing first).`);
  }
  const file = loadPluginCfg(project, abs);
  const { text } = file;
  const tree = file.tree;
  const firstError = tree.doc.errors[0];
  if (firstError) {
    const line = file.index.positionAt(firstError.start).line + 1;
    throw new PluginCfgRefusal(`${nodePath.basename(abs)} is not well-formed XML (line ${line}: ${firstError.message}); fix it before draining.`);
  }
  const model = tree.model;
  // The node is a Transport host (name, short name or address) or, failing that, a WebSphere node
  // name: generated files name servers `<node>_<server>`.
  const byHost = (s: Server) => hostsOf(s).some(h => sameNode(host, h));
  const byNodeName = (s: Server) => s.name.toLowerCase().startsWith(host.trim().toLowerCase() + '_');
  const onNode = model.clusters.some(c => c.servers.some(byHost)) ? byHost : byNodeName;
  if (!model.clusters.some(c => c.servers.some(onNode))) {
    const hosts = [...new Set(model.clusters.flatMap(c => c.servers.map(hostOf)).filter(Boolean))];
    throw new UnknownNode(`No server of ${nodePath.basename(abs)} runs on "${host}". Hosts in this file: ${hosts.join(', ') || 'none'}.`);
  }

  const plans: { cluster: Cluster; primary: Server[]; backup: Server[] }[] = [];
  const unchanged: string[] = [];
  const stuck: { cluster: Cluster; why: string }[] = [];
  for (const cluster of model.clusters) {
    if (!cluster.servers.some(onNode)) continue;
    const P = effectivePrimaries(cluster);
    const B = backups(cluster);
    if (!P.some(onNode)) {
      // Only backups on the node: they leave the backup list (failover must not pick them).
      if (B.some(onNode)) plans.push({ cluster, primary: P, backup: B.filter(s => !onNode(s)) });
      else unchanged.push(cluster.name);
      continue;
    }
    const remaining = P.filter(s => !onNode(s));
    const spareBackups = B.filter(s => !onNode(s));
    if (remaining.length) {
      plans.push({ cluster, primary: remaining, backup: spareBackups });
    } else if (spareBackups.length) {
      plans.push({ cluster, primary: [spareBackups[0]], backup: spareBackups.slice(1) });
    } else {
      const others = cluster.servers.filter(s => !onNode(s) && !P.includes(s) && !B.includes(s));
      if (others.length) plans.push({ cluster, primary: others, backup: [] });
      else {
        const where = cluster.servers.map(s => `${s.name} on ${hostOf(s) || '?'}`).join(', ');
        stuck.push({ cluster, why: `${cluster.name} (${where})` });
      }
    }
  }
  if (stuck.length) {
    throw new PluginCfgRefusal(
      `Cannot drain ${host}: ${stuck.length === 1 ? 'this cluster has' : 'these clusters have'} no server on another node to take the traffic: ${stuck.map(s => s.why).join('; ')}. ` +
        'Add a server on another node to each, or plan downtime for them.',
      stuck.map(s => s.cluster.name),
    );
  }

  const edits: OffsetEdit[] = [];
  for (const plan of plans) edits.push(...clusterEdits(text, tree, plan.cluster, plan.primary, plan.backup));
  const copyText = applyOffsetEdits(text, edits);
  const copyPath = drainCopyPath(abs, host);
  const changes: FileChange[] = [];
  const existing = project.rawText(copyPath);
  if (existing) {
    const e = minimalEdit(existing.text, 0, existing.text.length, copyText);
    changes.push({ path: copyPath, edits: e ? [e] : [] });
  } else changes.push({ path: copyPath, create: copyText });
  if (httpdConfPath) changes.push(pointHttpdAt(project, httpdConfPath, abs, host));
  return {
    node: host,
    pluginCfg: abs,
    copyPath,
    clusters: plans.map(p => ({ name: p.cluster.name, primary: p.primary.map(s => s.name), backup: p.backup.map(s => s.name) })),
    unchanged,
    changes,
    copyText,
  };
}

/** Minimal edits giving `cluster` these primary and backup lists. */
function clusterEdits(text: string, tree: PluginCfgTree, cluster: Cluster, primary: Server[], backup: Server[]): OffsetEdit[] {
  const pLists = cluster.lists.filter(l => l.kind === 'primary');
  const bLists = cluster.lists.filter(l => l.kind === 'backup');
  if (pLists.length > 1 || bLists.length > 1) {
    throw new PluginCfgRefusal(`Cluster "${cluster.name}" has more than one PrimaryServers or BackupServers list: merge them first.`, [cluster.name]);
  }
  const [pl, bl] = [pLists[0], bLists[0]];
  const same = (refs: { server: Server | null }[] | undefined, servers: Server[]) =>
    !!refs && refs.length === servers.length && refs.every((r, k) => r.server === servers[k]);
  // The two-node case: exactly a swap, which keeps each list's comments and layout.
  if (pl && bl && same(bl.refs, primary) && same(pl.refs, backup)) {
    const r = swapClusterOf(text, tree, cluster);
    if (r.ok) return r.edits;
  }
  const eol = detectEol(text);
  const refText = new Map<Server, string>();
  for (const l of cluster.lists) for (const r of l.refs) if (r.server && !refText.has(r.server)) refText.set(r.server, text.slice(r.element.start, r.element.end));
  const anyRef = cluster.lists.flatMap(l => l.refs)[0];
  const firstServer = cluster.servers[0];
  const listIndent = pl ? indentationAt(text, pl.element.start) : bl ? indentationAt(text, bl.element.start) : indentationAt(text, firstServer.element.start);
  const clusterIndent = indentationAt(text, cluster.element.start);
  const step = listIndent.startsWith(clusterIndent) && listIndent.length > clusterIndent.length ? listIndent.slice(clusterIndent.length) : '   ';
  const itemIndent = anyRef ? indentationAt(text, anyRef.element.start) : listIndent + step;
  const content = (servers: Server[]) =>
    servers.length ? servers.map(s => eol + itemIndent + (refText.get(s) ?? `<Server Name="${escapeAttr(s.name)}"/>`)).join('') + eol + listIndent : '';
  const element = (tag: string, servers: Server[]) => `<${tag}>${content(servers)}</${tag}>`;

  const edits: OffsetEdit[] = [];
  const replaceList = (list: typeof pl, tag: string, servers: Server[]) => {
    if (!list) return false;
    if (same(list.refs, servers)) return true; // unchanged: its comments and layout stay as they are
    const el = list.element;
    const e = el.selfClosing
      ? minimalEdit(text, el.start, el.end, element(tag, servers))
      : minimalEdit(text, el.content.start, el.content.end, content(servers));
    if (e) edits.push(e);
    return true;
  };
  const missing: string[] = [];
  if (!replaceList(pl, 'PrimaryServers', primary)) missing.push(element('PrimaryServers', primary));
  if (!replaceList(bl, 'BackupServers', backup) && backup.length) missing.push(element('BackupServers', backup));
  if (missing.length) {
    // New lists go after the last list or server of the cluster, on lines of their own.
    const anchors = [...cluster.lists.map(l => l.element), ...cluster.servers.map(s => s.element), ...cluster.clusterAddresses.map(s => s.element)];
    const last = anchors.reduce((a, b) => (b.end > a.end ? b : a));
    // When only BackupServers is missing it goes after PrimaryServers; PrimaryServers goes before it.
    if (pl && !bl) edits.push({ start: pl.element.end, end: pl.element.end, newText: missing.map(m => eol + listIndent + m).join('') });
    else if (!pl && bl) edits.push({ start: bl.element.start, end: bl.element.start, newText: missing.map(m => m + eol + listIndent).join('') });
    else edits.push({ start: last.end, end: last.end, newText: missing.map(m => eol + listIndent + m).join('') });
  }
  return edits;
}

// ---------------------------------------------------------------------------------------------------
// httpd.conf: the WebSpherePluginConfig argument.

function basenameSpan(raw: string): { start: number; end: number } {
  // The argument as written, quotes included: the file name is after the last / or \.
  let end = raw.length;
  if (end > 0 && (raw[end - 1] === '"' || raw[end - 1] === "'")) end--;
  const slash = Math.max(raw.lastIndexOf('/', end - 1), raw.lastIndexOf('\\', end - 1));
  return { start: slash + 1, end };
}

interface PluginDirective {
  node: DirectiveNode;
  arg: Arg;
  raw: string;
  base: string;
  /** Offset of the file name in httpd.conf. */
  baseStart: number;
}

function pluginDirectives(text: string): PluginDirective[] {
  const tree = parseHttpd(text);
  const out: PluginDirective[] = [];
  for (const d of tree.directives) {
    if (d.name.toLowerCase() !== 'webspherepluginconfig' || !d.args.length) continue;
    const arg = d.args[0];
    const raw = text.slice(arg.start, arg.end);
    const span = basenameSpan(raw);
    out.push({ node: d, arg, raw, base: raw.slice(span.start, span.end), baseStart: arg.start + span.start });
  }
  return out;
}

function loadHttpd(project: Project, httpdConfPath: string) {
  const abs = nodePath.resolve(httpdConfPath);
  const raw = project.rawText(abs);
  if (!raw) throw new PluginCfgRefusal(`Cannot read ${httpdConfPath}.`);
  return { abs, text: raw.text };
}

/** The edit pointing httpd.conf's WebSpherePluginConfig at the drain copy of `pluginCfg`. */
function pointHttpdAt(project: Project, httpdConfPath: string, pluginCfg: string, host: string): FileChange {
  const { abs, text } = loadHttpd(project, httpdConfPath);
  const all = pluginDirectives(text);
  if (!all.length) throw new PluginCfgRefusal(`${nodePath.basename(abs)} has no WebSpherePluginConfig directive to point at the drain copy.`);
  const drained = all.filter(d => originalOfDrainCopy(d.base));
  if (drained.length) {
    const line = lineOf(text, drained[0].node.start);
    throw new PluginCfgRefusal(`WebSpherePluginConfig in ${nodePath.basename(abs)} (line ${line}) already points at a drain copy (${drained[0].base}): restore normal routing first.`);
  }
  const want = nodePath.basename(pluginCfg).toLowerCase();
  // Matched by file name: the directive holds the web server's path, the workspace has a copy. A
  // directive naming another file is not ours to change (its drain copy would not exist).
  const targets = all.filter(d => d.base.toLowerCase() === want);
  if (!targets.length) {
    throw new PluginCfgRefusal(
      `No WebSpherePluginConfig in ${nodePath.basename(abs)} names ${nodePath.basename(pluginCfg)} (${all.length === 1 ? 'it names' : 'they name'} ${all.map(d => d.base).join(', ')}).`,
    );
  }
  const edits: OffsetEdit[] = targets.map(d => {
    const { stem } = splitName(d.base);
    const at = d.baseStart + stem.length;
    return { start: at, end: at, newText: `${DRAIN_MARK}${nodeLabel(host)}` };
  });
  return { path: abs, edits };
}

export interface RestorePlan {
  httpdConf: string;
  /** File names before and after, per directive changed. */
  restored: { from: string; to: string; line: number }[];
  changes: FileChange[];
  /** Drain copies deleted by the plan. */
  removed: string[];
  /** Drain copies left in place, with why. */
  kept: { path: string; why: string }[];
}

/** Points WebSpherePluginConfig back from a drain copy to the original plugin-cfg.xml. */
export function restoreRouting(project: Project, httpdConfPath: string): RestorePlan {
  const { abs, text } = loadHttpd(project, httpdConfPath);
  const all = pluginDirectives(text);
  if (!all.length) throw new PluginCfgRefusal(`${nodePath.basename(abs)} has no WebSpherePluginConfig directive.`);
  const drained = all.filter(d => originalOfDrainCopy(d.base));
  if (!drained.length) {
    throw new NothingToDo(`WebSpherePluginConfig in ${nodePath.basename(abs)} already names ${all.map(d => d.base).join(', ')}, not a drain copy: routing is normal, nothing to restore.`);
  }
  const edits: OffsetEdit[] = [];
  const restored: RestorePlan['restored'] = [];
  for (const d of drained) {
    const at = d.base.lastIndexOf(DRAIN_MARK);
    const { ext } = splitName(d.base);
    const start = d.baseStart + at;
    const end = d.baseStart + d.base.length - ext.length;
    edits.push({ start, end, newText: '' });
    restored.push({ from: d.base, to: originalOfDrainCopy(d.base)!, line: lineOf(text, d.node.start) });
  }
  // The drain copy this command made goes too, when the original it was made from is next to it.
  const changes: FileChange[] = [{ path: abs, edits }];
  const removed: string[] = [];
  const kept: { path: string; why: string }[] = [];
  const cfg = httpdConfigFor(project, abs);
  for (const d of drained) {
    const copy = resolveWorkspacePath(project, d.arg.value.replace(/\\/g, '/'), cfg.localServerRoot);
    if (!copy || project.fs.stat(copy) !== 'file' || nodePath.basename(copy).toLowerCase() !== d.base.toLowerCase()) continue;
    const original = nodePath.join(nodePath.dirname(copy), originalOfDrainCopy(nodePath.basename(copy))!);
    if (project.fs.stat(original) !== 'file') {
      kept.push({ path: copy, why: `its original ${nodePath.basename(original)} is not next to it` });
      continue;
    }
    if (!removed.includes(copy)) {
      removed.push(copy);
      changes.push({ path: copy, delete: true });
    }
  }
  return { httpdConf: abs, restored, changes, removed, kept };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let k = text.indexOf('\n'); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------------
// "Which server served me?"

export interface WhichMatch {
  server: string;
  cluster: string;
  hosts: string[];
  transports: string;
  role: 'primary' | 'backup' | 'member';
}

export interface WhichResult {
  cookie: string;
  cacheId: string;
  sessionId: string;
  separator: ':' | '+';
  cloneIds: { cloneId: string; matches: WhichMatch[] }[];
}

/**
 * Reads a JSESSIONID value (cache ID, session ID, then `:CloneID` per cluster the session visited;
 * `+` instead of `:` when CloneSeparatorChange is on) and names the servers of plugin-cfg.xml whose
 * CloneID it carries.
 */
export function whichServer(project: Project, pluginCfgPath: string, jsessionid: string): WhichResult {
  const file = loadPluginCfg(project, nodePath.resolve(pluginCfgPath));
  const model = file.tree.model;
  let cookie = jsessionid.trim();
  cookie = cookie.replace(/^JSESSIONID\s*=\s*/i, '');
  const semi = cookie.indexOf(';');
  if (semi >= 0) cookie = cookie.slice(0, semi);
  cookie = cookie.trim().replace(/^"(.*)"$/, '$1');
  // Copied from a browser's cookie view or a log, the value may be URL-encoded (`%3A` for `:`).
  if (/%[0-9A-Fa-f]{2}/.test(cookie)) {
    try {
      cookie = decodeURIComponent(cookie);
    } catch {
      cookie = cookie.replace(/%3A/gi, ':').replace(/%2B/gi, '+');
    }
  }
  const plusAllowed = model.clusters.some(c => c.cloneSeparator === '+');
  const separator: ':' | '+' = !cookie.includes(':') && cookie.includes('+') ? '+' : ':';
  const parts = plusAllowed ? cookie.split(/[:+]/) : cookie.split(separator);
  const head = parts[0] ?? '';
  const cacheId = head.length > 4 ? head.slice(0, 4) : '';
  const sessionId = head.length > 4 ? head.slice(4) : head;
  const cloneIds = parts.slice(1).filter(Boolean);
  return {
    cookie,
    cacheId,
    sessionId,
    separator,
    cloneIds: cloneIds.map(id => ({
      cloneId: id,
      matches: serversByCloneId(model, id).map(s => {
        const primaries = effectivePrimaries(s.cluster);
        const role: WhichMatch['role'] = primaries.includes(s) ? 'primary' : backups(s.cluster).includes(s) ? 'backup' : 'member';
        return { server: s.name, cluster: s.cluster.name, hosts: hostsOf(s), transports: describeTransports(s), role };
      }),
    })),
  };
}

/** The answer in words, one line per clone ID. */
export function formatWhich(r: WhichResult): string[] {
  if (!r.cloneIds.length) {
    return [`"${r.cookie}" carries no clone ID (nothing after "${r.separator}"): the session is not bound to a server yet, or the value is not a WebSphere JSESSIONID.`];
  }
  return r.cloneIds.map(c => {
    if (!c.matches.length) return `${c.cloneId}: no Server of this plugin-cfg.xml has this CloneID.`;
    return `${c.cloneId}: ${c.matches.map(m => `${m.server} (cluster ${m.cluster}, ${m.role}) on ${m.hosts.join(', ') || 'no host'}`).join('; ')}`;
  });
}
