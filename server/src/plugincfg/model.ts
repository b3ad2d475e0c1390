// The plugin-cfg.xml model: clusters with their servers, transports, primary and backup lists, the
// routes and the groups they name, each with the XML element (and so the ranges) it comes from.
// Everything that reads plugin-cfg.xml (rules, swap, drain, hover, the httpd rules through
// deploymentFor) reads it through this model.
//
// Names of elements and attributes are matched ignoring case here, so that a misspelt `CloneId` still
// counts as the clone ID (plugincfg/attribute-case reports the spelling).
import * as nodePath from 'node:path';
import type { Project } from '../engine/workspace';
import { attrCI, parseXml, type XmlAttribute, type XmlDocument, type XmlElement } from '../xml/parser';

export interface NamedAttr {
  /** The attribute's value ('' when it has none). */
  value: string;
  attr: XmlAttribute;
}

export interface TransportProperty {
  element: XmlElement;
  name: string;
  value: string;
}

export interface Transport {
  element: XmlElement;
  hostname: string;
  port: string;
  protocol: string;
  hostAttr?: XmlAttribute;
  portAttr?: XmlAttribute;
  protocolAttr?: XmlAttribute;
  properties: TransportProperty[];
}

export interface Server {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  cloneId?: string;
  cloneIdAttr?: XmlAttribute;
  transports: Transport[];
  cluster: Cluster;
  /** A ClusterAddress element (a front-end address, not a cluster member). */
  isClusterAddress: boolean;
}

export interface ServerRef {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  list: ServerList;
  /** The Server of the same cluster it names, or null when it names none. */
  server: Server | null;
}

export interface ServerList {
  element: XmlElement;
  kind: 'primary' | 'backup';
  refs: ServerRef[];
}

export interface Cluster {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  loadBalance?: string;
  servers: Server[];
  clusterAddresses: Server[];
  /** The first PrimaryServers / BackupServers element (null when absent). */
  primary: ServerList | null;
  backup: ServerList | null;
  /** Every PrimaryServers / BackupServers element, in order (normally one of each). */
  lists: ServerList[];
  /** The separator between clone IDs in the session cookie: `+` when CloneSeparatorChange is true. */
  cloneSeparator: ':' | '+';
}

export interface NamedGroup {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  /** Uri or VirtualHost children. */
  members: { element: XmlElement; name: string; nameAttr?: XmlAttribute }[];
}

export interface Route {
  element: XmlElement;
  serverCluster?: NamedAttr;
  uriGroup?: NamedAttr;
  virtualHostGroup?: NamedAttr;
}

export interface PluginCfgModel {
  config: XmlElement | null;
  clusters: Cluster[];
  routes: Route[];
  uriGroups: NamedGroup[];
  virtualHostGroups: NamedGroup[];
  logs: XmlElement[];
  properties: XmlElement[];
}

/** The parsed form of a plugin-cfg.xml file (what Project keeps as the file's tree). */
export interface PluginCfgTree {
  doc: XmlDocument;
  model: PluginCfgModel;
}

/** What the editor features need: the text and its tree (a SourceFile<PluginCfgTree> is one). */
export interface PluginCfgInput {
  text: string;
  tree: PluginCfgTree;
}

export function parsePluginCfg(text: string): PluginCfgTree {
  const doc = parseXml(text);
  return { doc, model: buildModel(doc) };
}

const is = (el: XmlElement, name: string) => el.name.toLowerCase() === name.toLowerCase();

function named(el: XmlElement, attrName: string): NamedAttr | undefined {
  const a = attrCI(el, attrName);
  return a ? { value: a.value ?? '', attr: a } : undefined;
}

export function buildModel(doc: XmlDocument): PluginCfgModel {
  const model: PluginCfgModel = { config: null, clusters: [], routes: [], uriGroups: [], virtualHostGroups: [], logs: [], properties: [] };
  const root = doc.root;
  if (!root) return model;
  model.config = root;
  for (let _childi = 0, _childs = root.children; _childi < _childs.length; _childi++) {
    const child = _childs[_childi];
    if (child.kind !== 'element') continue;
    if (is(child, 'ServerCluster')) model.clusters.push(readCluster(child));
    else if (is(child, 'Route')) {
      model.routes.push({
        element: child,
        serverCluster: named(child, 'ServerCluster'),
        uriGroup: named(child, 'UriGroup'),
        virtualHostGroup: named(child, 'VirtualHostGroup'),
      });
    } else if (is(child, 'UriGroup')) model.uriGroups.push(readGroup(child, 'Uri'));
    else if (is(child, 'VirtualHostGroup')) model.virtualHostGroups.push(readGroup(child, 'VirtualHost'));
    else if (is(child, 'Log')) model.logs.push(child);
    else if (is(child, 'Property')) model.properties.push(child);
  }
  return model;
}

function readGroup(el: XmlElement, memberName: string): NamedGroup {
  const n = named(el, 'Name');
  const members: NamedGroup['members'] = [];
  for (let _ci = 0, _cs = el.children; _ci < _cs.length; _ci++) {
    const c = _cs[_ci];
    if (c.kind !== 'element' || !is(c, memberName)) continue;
    const m = named(c, 'Name');
    members.push({ element: c, name: m?.value ?? '', nameAttr: m?.attr });
  }
  return { element: el, name: n?.value ?? '', nameAttr: n?.attr, members };
}

function readCluster(el: XmlElement): Cluster {
  const n = named(el, 'Name');
  const cluster: Cluster = {
    element: el,
    name: n?.value ?? '',
    nameAttr: n?.attr,
    loadBalance: named(el, 'LoadBalance')?.value,
    servers: [],
    clusterAddresses: [],
    primary: null,
    backup: null,
    lists: [],
    cloneSeparator: /^true$/i.test(named(el, 'CloneSeparatorChange')?.value ?? '') ? '+' : ':',
  };
  for (let _ci = 0, _cs = el.children; _ci < _cs.length; _ci++) {
    const c = _cs[_ci];
    if (c.kind !== 'element') continue;
    if (is(c, 'Server')) cluster.servers.push(readServer(c, cluster, false));
    else if (is(c, 'ClusterAddress')) cluster.clusterAddresses.push(readServer(c, cluster, true));
    else if (is(c, 'PrimaryServers') || is(c, 'BackupServers')) {
      const list: ServerList = { element: c, kind: is(c, 'PrimaryServers') ? 'primary' : 'backup', refs: [] };
      for (let _ri = 0, _rs = c.children; _ri < _rs.length; _ri++) {
        const r = _rs[_ri];
        if (r.kind !== 'element' || !is(r, 'Server')) continue;
        const rn = named(r, 'Name');
        list.refs.push({ element: r, name: rn?.value ?? '', nameAttr: rn?.attr, list, server: null });
      }
      cluster.lists.push(list);
      if (list.kind === 'primary') cluster.primary ??= list;
      else cluster.backup ??= list;
    }
  }
  const byName = new Map<string, Server>();
  for (const s of cluster.servers) if (!byName.has(s.name)) byName.set(s.name, s);
  for (const list of cluster.lists) for (const ref of list.refs) ref.server = byName.get(ref.name) ?? null;
  return cluster;
}

function readServer(el: XmlElement, cluster: Cluster, isClusterAddress: boolean): Server {
  const n = named(el, 'Name');
  const c = named(el, 'CloneID');
  const server: Server = {
    element: el,
    name: n?.value ?? '',
    nameAttr: n?.attr,
    cloneId: c?.value,
    cloneIdAttr: c?.attr,
    transports: [],
    cluster,
    isClusterAddress,
  };
  for (let _ti = 0, _ts = el.children; _ti < _ts.length; _ti++) {
    const t = _ts[_ti];
    if (t.kind !== 'element' || !is(t, 'Transport')) continue;
    const h = named(t, 'Hostname');
    const p = named(t, 'Port');
    const pr = named(t, 'Protocol');
    const properties: TransportProperty[] = [];
    for (let _pei = 0, _pes = t.children; _pei < _pes.length; _pei++) {
      const pe = _pes[_pei];
      if (pe.kind !== 'element' || !is(pe, 'Property')) continue;
      properties.push({ element: pe, name: named(pe, 'Name')?.value ?? '', value: named(pe, 'Value')?.value ?? '' });
    }
    server.transports.push({
      element: t,
      hostname: h?.value ?? '',
      port: p?.value ?? '',
      protocol: pr?.value ?? '',
      hostAttr: h?.attr,
      portAttr: p?.attr,
      protocolAttr: pr?.attr,
      properties,
    });
  }
  return server;
}

// ---------------------------------------------------------------------------------------------------
// Questions about the model.

/** The servers that take traffic: the PrimaryServers list when it names any, else every server. */
export function effectivePrimaries(cluster: Cluster): Server[] {
  const lists = cluster.lists.filter(l => l.kind === 'primary');
  if (lists.length === 0) return cluster.servers;
  const out: Server[] = [];
  for (const l of lists) for (const r of l.refs) if (r.server && !out.includes(r.server)) out.push(r.server);
  return out;
}

/** The servers of the BackupServers lists, in order. */
export function backups(cluster: Cluster): Server[] {
  const out: Server[] = [];
  for (const l of cluster.lists) if (l.kind === 'backup') for (const r of l.refs) if (r.server && !out.includes(r.server)) out.push(r.server);
  return out;
}

/** The host names a server's transports point to (lower-case, distinct, in order). */
export function hostsOf(server: Server): string[] {
  const out: string[] = [];
  for (const t of server.transports) {
    const h = t.hostname.trim().toLowerCase();
    if (h && !out.includes(h)) out.push(h);
  }
  return out;
}

/** The host a server runs on, for grouping servers by node: its first transport's host. */
export function hostOf(server: Server): string {
  return hostsOf(server)[0] ?? '';
}

/** Does `node` (a host as given by a user: full name, short name or address) name `host`? */
export function sameNode(node: string, host: string): boolean {
  const a = node.trim().toLowerCase();
  const b = host.trim().toLowerCase();
  if (!a || !b) return false;
  if (a === b) return true;
  // A short name matches the first label of a fully qualified one (not for IP addresses).
  const isIp = (s: string) => /^[\d.]+$/.test(s) || s.includes(':');
  if (isIp(a) || isIp(b)) return false;
  return a.split('.')[0] === b.split('.')[0] && (!a.includes('.') || !b.includes('.'));
}

/** Every Server of the file (not ClusterAddresses), cluster by cluster. */
export function allServers(model: PluginCfgModel): Server[] {
  return model.clusters.flatMap(c => c.servers);
}

/** Servers whose CloneID equals `cloneId` (compared exactly, then ignoring case). */
export function serversByCloneId(model: PluginCfgModel, cloneId: string): Server[] {
  const all = allServers(model).filter(s => s.cloneId !== undefined && s.cloneId !== '');
  const exact = all.filter(s => s.cloneId === cloneId);
  return exact.length ? exact : all.filter(s => s.cloneId!.toLowerCase() === cloneId.toLowerCase());
}

/** A one-line description of where a server listens: `host:port (protocol)`, joined by ", ". */
export function describeTransports(server: Server): string {
  if (!server.transports.length) return 'no Transport';
  return server.transports.map(t => `${t.hostname || '?'}:${t.port || '?'}${t.protocol ? ` (${t.protocol})` : ''}`).join(', ');
}

// ---------------------------------------------------------------------------------------------------
// The deployment model: what other languages (the httpd maintenance rules) need from a plugin-cfg.xml.

export interface DeploymentServer {
  name: string;
  cluster: string;
  cloneId?: string;
  host: string;
  port: string;
  protocol: string;
  /** The file and the range of the Transport's Hostname value (or of the Server element). */
  path: string;
  start: number;
  end: number;
  /** Whether the server takes traffic (a primary, or any server of a cluster without PrimaryServers). */
  primary: boolean;
}

export interface DeploymentHost {
  /** As written in the first Transport that names it. */
  host: string;
  servers: DeploymentServer[];
}

export interface Deployment {
  path: string;
  /** False when the file cannot be read. */
  exists: boolean;
  clusters: string[];
  /** One entry per Server and Transport. */
  servers: DeploymentServer[];
  /** Distinct hosts (compared ignoring case), in order of first appearance. */
  hosts: DeploymentHost[];
}

/** The servers and hosts a plugin-cfg.xml routes to, memoized per project state. */
export function deploymentFor(project: Project, pluginCfgPath: string): Deployment {
  const abs = nodePath.resolve(pluginCfgPath);
  return project.memo(`plugincfg:deployment:${abs}`, () => {
    const file = project.file<PluginCfgTree>(abs, 'plugincfg');
    const out: Deployment = { path: abs, exists: !!file, clusters: [], servers: [], hosts: [] };
    if (!file || !file.tree) return out;
    const model = file.tree.model;
    const byHost = new Map<string, DeploymentHost>();
    for (const cluster of model.clusters) {
      out.clusters.push(cluster.name);
      const primaries = new Set(effectivePrimaries(cluster));
      for (const server of cluster.servers) {
        const transports = server.transports.length ? server.transports : [null];
        for (const t of transports) {
          const span = t?.hostAttr?.valueSpan ?? server.nameAttr?.valueSpan ?? server.element.nameSpan;
          const ds: DeploymentServer = {
            name: server.name,
            cluster: cluster.name,
            cloneId: server.cloneId,
            host: t?.hostname ?? '',
            port: t?.port ?? '',
            protocol: t?.protocol ?? '',
            path: abs,
            start: span.start,
            end: span.end,
            primary: primaries.has(server),
          };
          out.servers.push(ds);
          if (!ds.host) continue;
          const key = ds.host.toLowerCase();
          let h = byHost.get(key);
          if (!h) {
            h = { host: ds.host, servers: [] };
            byHost.set(key, h);
            out.hosts.push(h);
          }
          h.servers.push(ds);
        }
      }
    }
    return out;
  });
}
