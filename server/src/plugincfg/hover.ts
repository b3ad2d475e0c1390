// Hover for plugin-cfg.xml, in our own words: what an element or attribute does, its default, unit and
// values, with a link to IBM's reference. On values that name something (a CloneID, a server in a
// list, a Route's cluster or group) the hover says what it names.
import { nodeAt, type XmlAttribute, type XmlElement } from '../xml/parser';
import { backups, describeTransports, effectivePrimaries, serversByCloneId, type PluginCfgInput, type PluginCfgModel, type Server } from './model';
import { canonicalElement, elementInfo, IBM_DOCS_URL, type AttributeInfo, type ElementInfo } from './schema';
import { clusterSummary } from './outline';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

const LINK = `[IBM: plugin-cfg.xml reference](${IBM_DOCS_URL})`;

const canonical = canonicalElement;

function infoFor(el: XmlElement): ElementInfo | undefined {
  return elementInfo(canonical(el.name), el.parent ? canonical(el.parent.name) : '');
}

function attributeMarkdown(info: ElementInfo, a: AttributeInfo): string {
  const lines = [`**${a.name}** (\`<${info.name}>\`)`, '', a.doc];
  const facts: string[] = [];
  if (a.kind.type === 'enum') facts.push(`Values: ${a.kind.values.map(v => `\`${v}\``).join(', ')}`);
  if (a.kind.type === 'boolean') facts.push('Values: `true`, `false`');
  if (a.kind.type === 'port') facts.push('A port number, 1-65535');
  if (a.kind.type === 'integer') {
    const range = a.kind.min !== undefined ? (a.kind.max !== undefined ? `${a.kind.min} to ${a.kind.max}` : `at least ${a.kind.min}`) : '';
    facts.push(`A whole number${range ? ` (${range})` : ''}`);
  }
  if (a.unit) facts.push(`Unit: ${a.unit}`);
  if (a.default !== undefined) facts.push(`Default: \`${a.default}\``);
  if (facts.length) lines.push('', facts.join(' · '));
  lines.push('', LINK);
  return lines.join('\n');
}

function elementMarkdown(info: ElementInfo, el: XmlElement, model: PluginCfgModel): string {
  const lines = [`**\`<${info.name}>\`**`, '', info.doc];
  if (info.name === 'ServerCluster') {
    const cluster = model.clusters.find(c => c.element === el);
    if (cluster) lines.push('', clusterSummary(cluster));
  }
  lines.push('', LINK);
  return lines.join('\n');
}

function serverLine(s: Server): string {
  const role = effectivePrimaries(s.cluster).includes(s) ? 'primary' : backups(s.cluster).includes(s) ? 'backup' : 'not in a list';
  return `server \`${s.name}\` of cluster \`${s.cluster.name}\` (${role}), on ${describeTransports(s)}`;
}

export function cloneIdMarkdown(model: PluginCfgModel, id: string, self?: Server): string {
  const servers = serversByCloneId(model, id);
  const lines = [`**CloneID \`${id}\`**`, ''];
  if (!servers.length) lines.push('No server of this file has this CloneID.');
  else if (servers.length === 1) lines.push(`Names ${serverLine(servers[0])}.`);
  else lines.push(`Shared by ${servers.length} servers, so affinity is ambiguous:`, ...servers.map(s => `- ${serverLine(s)}`));
  const sep = (self ?? servers[0])?.cluster.cloneSeparator ?? ':';
  lines.push('', `A browser whose \`JSESSIONID\` ends in \`${sep}${id}\` is sent back to ${servers.length === 1 ? 'this server' : 'one of them'} while it is up; changing the CloneID breaks the affinity of open sessions.`);
  return lines.join('\n');
}

function referenceMarkdown(model: PluginCfgModel, el: XmlElement, a: XmlAttribute): string | null {
  const value = a.value ?? '';
  const elName = canonical(el.name);
  const parent = el.parent ? canonical(el.parent.name) : '';
  const attrName = a.name.toLowerCase();
  if (attrName === 'cloneid' && elName === 'Server') {
    const self = model.clusters.flatMap(c => c.servers).find(s => s.element === el);
    return cloneIdMarkdown(model, value, self);
  }
  if (elName === 'Server' && (parent === 'PrimaryServers' || parent === 'BackupServers') && attrName === 'name') {
    const cluster = model.clusters.find(c => c.lists.some(l => l.element === el.parent));
    const server = cluster?.servers.find(s => s.name === value);
    if (!cluster) return null;
    if (!server) return `**${value}**\n\nCluster \`${cluster.name}\` has no Server of this name: the plug-in cannot use this entry.`;
    const lines = [`**${value}**`, '', `Runs on ${describeTransports(server)}.`];
    if (server.cloneId) lines.push(`CloneID \`${server.cloneId}\`.`);
    lines.push('', parent === 'PrimaryServers' ? 'As a primary it takes a share of the traffic.' : 'As a backup it only takes traffic when every primary is down, in list order.');
    return lines.join('\n');
  }
  if (elName === 'Route') {
    if (attrName === 'servercluster') {
      const cluster = model.clusters.find(c => c.name === value);
      return cluster ? `**Cluster \`${value}\`**\n\n${clusterSummary(cluster)}` : `**${value}**\n\nNo ServerCluster has this name.`;
    }
    if (attrName === 'urigroup' || attrName === 'virtualhostgroup') {
      const groups = attrName === 'urigroup' ? model.uriGroups : model.virtualHostGroups;
      const g = groups.find(x => x.name === value);
      if (!g) return `**${value}**\n\nNo ${attrName === 'urigroup' ? 'UriGroup' : 'VirtualHostGroup'} has this name.`;
      const shown = g.members.slice(0, 8).map(m => `\`${m.name}\``);
      const more = g.members.length > shown.length ? `, and ${g.members.length - shown.length} more` : '';
      return `**${value}**\n\n${g.members.length} ${attrName === 'urigroup' ? 'URI pattern' : 'virtual host'}${g.members.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}.`;
    }
  }
  return null;
}

/** Hover at `offset`, or null when there is nothing to say. */
export function hover(file: PluginCfgInput, offset: number): HoverResult | null {
  const { doc, model } = file.tree;
  const node = nodeAt(doc, offset);
  if (!node || node.kind !== 'element') return null;
  const el = node;
  const info = infoFor(el);
  const inSpan = (s: { start: number; end: number }) => offset >= s.start && offset <= s.end;
  if (inSpan(el.nameSpan) || (el.endTag && inSpan(el.endTag.nameSpan))) {
    if (!info) return null;
    const span = inSpan(el.nameSpan) ? el.nameSpan : el.endTag!.nameSpan;
    return { contents: elementMarkdown(info, el, model), start: span.start, end: span.end };
  }
  if (offset > el.startTag.end) return null;
  for (const a of el.attributes) {
    if (a.valueSpan && inSpan(a.valueSpan)) {
      const ref = referenceMarkdown(model, el, a);
      const ai = info?.attributes.find(x => x.name.toLowerCase() === a.name.toLowerCase());
      const contents = ref ?? (info && ai ? attributeMarkdown(info, ai) : null);
      return contents ? { contents, start: a.valueSpan.start, end: a.valueSpan.end } : null;
    }
    if (inSpan(a.nameSpan)) {
      const ai = info?.attributes.find(x => x.name.toLowerCase() === a.name.toLowerCase());
      return info && ai ? { contents: attributeMarkdown(info, ai), start: a.nameSpan.start, end: a.nameSpan.end } : null;
    }
  }
  return null;
}
