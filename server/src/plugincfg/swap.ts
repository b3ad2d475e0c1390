// Swapping primary and backup servers of a cluster (the manual step of seed 001, made safe).
//
// Only the contents of <PrimaryServers> and <BackupServers> move: each list's element, its tags and
// everything around the cluster stay byte for byte; the two contents trade places verbatim
// (indentation, comments, line breaks and all). Swapping twice therefore gives back the same bytes.
// Both lists must name at least one server: a swap that empties PrimaryServers would leave the
// cluster without servers in normal operation, and it could not be undone by swapping again.
import { minimalEdit, type OffsetEdit } from '../engine/text';
import type { Cluster, PluginCfgTree, ServerList } from './model';

export type SwapResult =
  | { ok: true; cluster: string; edits: OffsetEdit[]; primary: string[]; backup: string[] }
  | { ok: false; cluster: string; message: string };

function listNames(list: ServerList): string[] {
  return list.refs.map(r => r.name);
}

/** Why a cluster cannot be swapped, or null when it can. */
export function swapRefusal(tree: PluginCfgTree, cluster: Cluster): string | null {
  const name = cluster.name;
  const primaries = cluster.lists.filter(l => l.kind === 'primary');
  const backupsLists = cluster.lists.filter(l => l.kind === 'backup');
  if (!backupsLists.length) {
    return primaries.length
      ? `Cluster "${name}" has no <BackupServers> list, so there is nothing to swap with: its PrimaryServers would end up empty. Add a <BackupServers> list naming the standby server(s) first, or use "drain" to take one node out.`
      : `Cluster "${name}" has neither <PrimaryServers> nor <BackupServers>: every server takes traffic and there is nothing to swap.`;
  }
  if (!primaries.length) {
    return `Cluster "${name}" has a <BackupServers> list but no <PrimaryServers> list: add the PrimaryServers list first.`;
  }
  if (primaries.length > 1 || backupsLists.length > 1) {
    return `Cluster "${name}" has more than one ${primaries.length > 1 ? 'PrimaryServers' : 'BackupServers'} list: merge them before swapping.`;
  }
  const [p, b] = [primaries[0], backupsLists[0]];
  for (const l of [p, b]) {
    const tag = l.kind === 'primary' ? 'PrimaryServers' : 'BackupServers';
    if (!l.element.endTag && !l.element.selfClosing) return `<${tag}> of cluster "${name}" is not closed: fix the XML first.`;
    if (!l.refs.length) {
      return `${tag} of cluster "${name}" names no server: swapping would leave the cluster ${l.kind === 'backup' ? 'without a primary server' : 'without a backup server and take the standby out'}. Fill both lists first.`;
    }
  }
  const err = tree.doc.errors.find(e => e.start >= cluster.element.start && e.start < cluster.element.end);
  if (err) return `Cluster "${name}" is not well-formed XML (${err.message}): fix it before swapping.`;
  return null;
}

/** The edits that swap the primary and backup servers of the cluster named `clusterName`. */
export function swapCluster(text: string, tree: PluginCfgTree, clusterName: string): SwapResult {
  const matches = tree.model.clusters.filter(c => c.name === clusterName);
  if (!matches.length) {
    const names = tree.model.clusters.map(c => `"${c.name}"`).join(', ') || 'none';
    return { ok: false, cluster: clusterName, message: `There is no ServerCluster named "${clusterName}" (clusters: ${names}).` };
  }
  if (matches.length > 1) return { ok: false, cluster: clusterName, message: `${matches.length} ServerClusters are named "${clusterName}": rename one first.` };
  return swapClusterOf(text, tree, matches[0]);
}

export function swapClusterOf(text: string, tree: PluginCfgTree, cluster: Cluster): SwapResult {
  const refusal = swapRefusal(tree, cluster);
  if (refusal) return { ok: false, cluster: cluster.name, message: refusal };
  const p = cluster.lists.find(l => l.kind === 'primary')!;
  const b = cluster.lists.find(l => l.kind === 'backup')!;
  const pContent = text.slice(p.element.content.start, p.element.content.end);
  const bContent = text.slice(b.element.content.start, b.element.content.end);
  const edits: OffsetEdit[] = [];
  const e1 = minimalEdit(text, p.element.content.start, p.element.content.end, bContent);
  const e2 = minimalEdit(text, b.element.content.start, b.element.content.end, pContent);
  if (e1) edits.push(e1);
  if (e2) edits.push(e2);
  return { ok: true, cluster: cluster.name, edits, primary: listNames(b), backup: listNames(p) };
}

export interface SwapAllResult {
  edits: OffsetEdit[];
  swapped: { cluster: string; primary: string[]; backup: string[] }[];
  skipped: { cluster: string; message: string }[];
}

/** Swaps every cluster that has both lists; the others are skipped with the reason. */
export function swapAll(text: string, tree: PluginCfgTree): SwapAllResult {
  const out: SwapAllResult = { edits: [], swapped: [], skipped: [] };
  for (const cluster of tree.model.clusters) {
    const r = swapClusterOf(text, tree, cluster);
    if (r.ok) {
      out.edits.push(...r.edits);
      out.swapped.push({ cluster: r.cluster, primary: r.primary, backup: r.backup });
    } else out.skipped.push({ cluster: r.cluster, message: r.message });
  }
  return out;
}
