// Outline, code lenses and the swap code actions of plugin-cfg.xml, as pure functions over the model.
// Offsets in, offsets out: the server converts them to LSP ranges.
import { SymbolKind } from 'vscode-languageserver-types';
import type { Fix } from '../engine/rules';
import { backups, describeTransports, effectivePrimaries, hostOf, type Cluster, type PluginCfgInput, type Server } from './model';
import { swapAll, swapClusterOf } from './swap';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children?: OutlineSymbol[];
}

/** Like LemMinX's default: past this many symbols the outline stops (large generated files). */
export const MAX_SYMBOLS = 5000;

function roleOf(s: Server): string {
  if (effectivePrimaries(s.cluster).includes(s)) return 'primary';
  if (backups(s.cluster).includes(s)) return 'backup';
  return 'not in a list';
}

export function symbols(file: PluginCfgInput): OutlineSymbol[] {
  const { model } = file.tree;
  let budget = MAX_SYMBOLS;
  const take = () => budget-- > 0;
  const out: OutlineSymbol[] = [];
  const sel = (a: { valueSpan: { start: number; end: number } | null } | undefined, el: { nameSpan: { start: number; end: number } }) =>
    a?.valueSpan ?? el.nameSpan;
  for (const c of model.clusters) {
    if (!take()) break;
    const s = sel(c.nameAttr, c.element);
    const children: OutlineSymbol[] = [];
    for (const server of c.servers) {
      if (!take()) break;
      const ss = sel(server.nameAttr, server.element);
      const bits = [describeTransports(server)];
      if (server.cloneId) bits.push(`CloneID ${server.cloneId}`);
      bits.push(roleOf(server));
      children.push({
        name: server.name || '(no name)',
        detail: bits.join(' · '),
        kind: SymbolKind.Object,
        start: server.element.start,
        end: server.element.end,
        selectionStart: ss.start,
        selectionEnd: ss.end,
      });
    }
    out.push({
      name: c.name || '(no name)',
      detail: `ServerCluster · ${c.servers.length} server${c.servers.length === 1 ? '' : 's'}${c.loadBalance ? ` · ${c.loadBalance}` : ''}`,
      kind: SymbolKind.Module,
      start: c.element.start,
      end: c.element.end,
      selectionStart: s.start,
      selectionEnd: s.end,
      children,
    });
  }
  for (const r of model.routes) {
    if (!take()) break;
    const target = r.serverCluster?.value ?? '?';
    const s = r.serverCluster?.attr.valueSpan ?? r.element.nameSpan;
    out.push({
      name: `Route → ${target}`,
      detail: [r.uriGroup?.value, r.virtualHostGroup?.value].filter(Boolean).join(' @ '),
      kind: SymbolKind.Event,
      start: r.element.start,
      end: r.element.end,
      selectionStart: s.start,
      selectionEnd: s.end,
    });
  }
  const groups = (list: typeof model.uriGroups, what: string, kind: SymbolKind) => {
    for (const g of list) {
      if (!take()) break;
      const s = sel(g.nameAttr, g.element);
      const children: OutlineSymbol[] = [];
      for (const m of g.members) {
        if (!take()) break;
        const ms = sel(m.nameAttr, m.element);
        children.push({ name: m.name || '(no name)', kind: SymbolKind.String, start: m.element.start, end: m.element.end, selectionStart: ms.start, selectionEnd: ms.end });
      }
      out.push({
        name: g.name || '(no name)',
        detail: `${what} · ${g.members.length}`,
        kind,
        start: g.element.start,
        end: g.element.end,
        selectionStart: s.start,
        selectionEnd: s.end,
        children,
      });
    }
  };
  groups(model.uriGroups, 'UriGroup', SymbolKind.Namespace);
  groups(model.virtualHostGroups, 'VirtualHostGroup', SymbolKind.Namespace);
  return out.sort((a, b) => a.start - b.start);
}

/** `10.20.0.11 (1 server), 10.20.0.12 (2 servers)`: servers counted per host, in order of appearance. */
function byHost(servers: Server[]): string {
  const counts = new Map<string, number>();
  for (const s of servers) {
    const h = hostOf(s) || '?';
    counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return [...counts].map(([h, n]) => `${h} (${n} server${n === 1 ? '' : 's'})`).join(', ');
}

/**
 * What the cluster does with requests, in words: "Requests go to 10.20.0.11 (1 server) · backup
 * 10.20.0.12 (1 server) takes over if it fails". Used by the code lens and the hovers.
 */
export function clusterSummary(cluster: Cluster): string {
  if (!cluster.servers.length) return 'No servers: requests for this cluster fail';
  const hasPrimaryList = cluster.lists.some(l => l.kind === 'primary');
  const p = effectivePrimaries(cluster);
  const b = backups(cluster);
  const primary = !p.length
    ? 'No primary server'
    : hasPrimaryList
      ? `Requests go to ${byHost(p)}`
      : `Requests go to every server (no PrimaryServers list): ${byHost(p)}`;
  const backup = b.length ? `backup ${byHost(b)} takes over if ${p.length === 1 ? 'it fails' : 'they fail'}` : 'no backup';
  return `${primary} · ${backup}`;
}

/** The lens title: the summary, and what clicking it does when there is something to swap. */
export function clusterLensTitle(cluster: Cluster): string {
  const canSwap = effectivePrimaries(cluster).length > 0 && backups(cluster).length > 0;
  return canSwap ? `${clusterSummary(cluster)} · click to swap` : clusterSummary(cluster);
}

export interface ClusterLens {
  cluster: string;
  title: string;
  /** Where the lens sits: the cluster's start tag. */
  start: number;
  end: number;
}

export function codeLenses(file: PluginCfgInput): ClusterLens[] {
  return file.tree.model.clusters.map(c => ({ cluster: c.name, title: clusterLensTitle(c), start: c.element.startTag.start, end: c.element.startTag.end }));
}

/**
 * Code actions at a range: "Swap primary and backup servers" on the cluster holding it, and "Swap in
 * every cluster" anywhere in the file. Actions that would be refused are left out.
 */
export function swapActions(file: PluginCfgInput, start: number, end = start): Fix[] {
  const { model } = file.tree;
  const out: Fix[] = [];
  const cluster = model.clusters.find(c => c.element.start <= start && end <= c.element.end);
  if (cluster) {
    const r = swapClusterOf(file.text, file.tree, cluster);
    if (r.ok && r.edits.length) out.push({ title: `Swap primary and backup servers of ${cluster.name}`, edits: r.edits, safe: false });
  }
  const all = swapAll(file.text, file.tree);
  if (all.swapped.length > (cluster && out.length ? 1 : 0) && all.edits.length) {
    out.push({ title: `Swap primary and backup servers in every cluster (${all.swapped.length})`, edits: all.edits, safe: false });
  }
  return out;
}
