// Names that tie a plugin-cfg.xml together, for go to definition, find references, rename and document
// highlights: a Server is defined by <Server Name=...> in its ServerCluster and referenced by
// <Server Name=...> in that cluster's PrimaryServers/BackupServers; a ServerCluster, UriGroup and
// VirtualHostGroup are defined by their Name and referenced by the Route attribute of the same name.
// Server names are scoped to their cluster (the plug-in looks them up there); the other names to the file.
// Pure functions over the model: offsets in, offsets and edits out.
import type { OffsetEdit } from '../engine/text';
import type { XmlAttribute, XmlElement } from '../xml/parser';
import type { Cluster, PluginCfgInput } from './model';

export type NameKind = 'Server' | 'ServerCluster' | 'UriGroup' | 'VirtualHostGroup';

export interface NameOccurrence {
  kind: NameKind;
  name: string;
  /** The value as written, between the quotes: what a rename replaces. */
  start: number;
  end: number;
  role: 'definition' | 'reference';
  /** The element holding the attribute (a definition's range in "go to definition"). */
  element: XmlElement;
  /** For servers: the cluster that scopes the name. */
  cluster?: Cluster;
}

/** Every name occurrence of the file, in document order. */
export function nameOccurrences(file: PluginCfgInput): NameOccurrence[] {
  const { model } = file.tree;
  const out: NameOccurrence[] = [];
  const add = (kind: NameKind, role: NameOccurrence['role'], a: XmlAttribute | undefined, element: XmlElement, cluster?: Cluster) => {
    if (!a?.valueSpan || a.value === null) return;
    out.push({ kind, name: a.value, start: a.valueSpan.start, end: a.valueSpan.end, role, element, cluster });
  };
  for (const c of model.clusters) {
    add('ServerCluster', 'definition', c.nameAttr, c.element);
    for (const s of c.servers) add('Server', 'definition', s.nameAttr, s.element, c);
    for (const list of c.lists) for (const r of list.refs) add('Server', 'reference', r.nameAttr, r.element, c);
  }
  for (const r of model.routes) {
    if (r.serverCluster) add('ServerCluster', 'reference', r.serverCluster.attr, r.element);
    if (r.uriGroup) add('UriGroup', 'reference', r.uriGroup.attr, r.element);
    if (r.virtualHostGroup) add('VirtualHostGroup', 'reference', r.virtualHostGroup.attr, r.element);
  }
  for (const g of model.uriGroups) add('UriGroup', 'definition', g.nameAttr, g.element);
  for (const g of model.virtualHostGroups) add('VirtualHostGroup', 'definition', g.nameAttr, g.element);
  return out.sort((a, b) => a.start - b.start);
}

const sameSymbol = (a: NameOccurrence, b: NameOccurrence) => a.kind === b.kind && a.name === b.name && a.cluster === b.cluster;

/** The name under the cursor (inside the quotes, either end included), or null. */
export function nameAt(file: PluginCfgInput, offset: number): NameOccurrence | null {
  return nameOccurrences(file).find(o => offset >= o.start && offset <= o.end) ?? null;
}

/** Every occurrence of the symbol named at `offset` (definitions and references), or [] when none is there. */
export function occurrencesAt(file: PluginCfgInput, offset: number): NameOccurrence[] {
  const all = nameOccurrences(file);
  const here = all.find(o => offset >= o.start && offset <= o.end);
  return here ? all.filter(o => sameSymbol(o, here)) : [];
}

/** Go to definition: where the name at `offset` is defined (several when the file defines it twice). */
export function nameDefinitions(file: PluginCfgInput, offset: number): NameOccurrence[] {
  return occurrencesAt(file, offset).filter(o => o.role === 'definition');
}

/** Find references: every occurrence, without the definitions unless asked. */
export function nameReferences(file: PluginCfgInput, offset: number, includeDeclaration: boolean): NameOccurrence[] {
  return occurrencesAt(file, offset).filter(o => includeDeclaration || o.role === 'reference');
}

/** What "kind" means to an admin, for messages. */
function describe(kind: NameKind): string {
  return kind === 'Server' ? 'server' : kind;
}

/** Characters WebSphere does not accept in object names, plus what XML attributes would need escaped. */
const FORBIDDEN = /[\s/\\*,:;=+?|<>&%'"[\]#$^{}\u0000-\u001f\u007f]/;

/** Why `name` cannot be a name of this kind, or null when it can. */
export function invalidName(kind: NameKind, name: string): string | null {
  if (name === '') return `A ${describe(kind)} name cannot be empty.`;
  const bad = FORBIDDEN.exec(name);
  if (bad) {
    const ch = /\s/.test(bad[0]) ? 'white space' : `"${bad[0]}"`;
    return `"${name}" is not a valid ${describe(kind)} name: it contains ${ch} (WebSphere names cannot hold white space or any of / \\ * , : ; = + ? | < > & % ' " [ ] # $ ^ { }).`;
  }
  if (name.startsWith('.')) return `"${name}" is not a valid ${describe(kind)} name: WebSphere names cannot start with a period.`;
  return null;
}

export interface PrepareResult {
  start: number;
  end: number;
  placeholder: string;
}

/** The range a rename at `offset` would replace, or null when there is no name there. */
export function prepareNameRename(file: PluginCfgInput, offset: number): PrepareResult | null {
  const o = nameAt(file, offset);
  return o ? { start: o.start, end: o.end, placeholder: o.name } : null;
}

export type RenameResult = { edits: OffsetEdit[] } | { error: string };

/**
 * Renames the symbol at `offset` everywhere in the file: one edit per occurrence, on the value between
 * its quotes (quotes, other attributes and every other byte kept). Refuses an invalid name and one that
 * another symbol of the same kind (in the same cluster, for servers) already has.
 */
export function renameName(file: PluginCfgInput, offset: number, newName: string): RenameResult {
  const all = nameOccurrences(file);
  const here = all.find(o => offset >= o.start && offset <= o.end);
  if (!here) return { error: 'There is no Server, ServerCluster, UriGroup or VirtualHostGroup name here to rename.' };
  const invalid = invalidName(here.kind, newName);
  if (invalid) return { error: invalid };
  if (newName === here.name) return { edits: [] };
  const clash = all.find(o => o.kind === here.kind && o.cluster === here.cluster && o.name === newName);
  if (clash) {
    const where = here.kind === 'Server' ? ` in ServerCluster ${here.cluster?.name ?? ''}` : '';
    const line = lineOf(file.text, clash.start);
    return { error: `Cannot rename ${here.name} to ${newName}: a ${describe(here.kind)} named ${newName} already exists${where} (line ${line}).` };
  }
  const edits = all.filter(o => sameSymbol(o, here)).map(o => ({ start: o.start, end: o.end, newText: newName }));
  return { edits };
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export interface PluginSymbol {
  name: string;
  kind: 'ServerCluster' | 'Server';
  /** The cluster, for servers. */
  container?: string;
  start: number;
  end: number;
}

/** ServerClusters and their Servers, for workspace symbols (the name's value, else the element). */
export function pluginWorkspaceSymbols(file: PluginCfgInput): PluginSymbol[] {
  const out: PluginSymbol[] = [];
  const span = (a: XmlAttribute | undefined, el: XmlElement) => a?.valueSpan ?? el.nameSpan;
  for (const c of file.tree.model.clusters) {
    const cs = span(c.nameAttr, c.element);
    out.push({ name: c.name || '(no name)', kind: 'ServerCluster', start: cs.start, end: cs.end });
    for (const s of c.servers) {
      const ss = span(s.nameAttr, s.element);
      out.push({ name: s.name || '(no name)', kind: 'Server', container: c.name || '(no name)', start: ss.start, end: ss.end });
    }
  }
  return out;
}
