// Hover for the Sametime files, in our own words with a link to HCL's documentation: elements,
// attributes, setting and group names (from the settings catalogue), lastModDate values (read back as
// a date), action types, and the community an action names.
import { nodeAt, type XmlAttribute, type XmlElement } from '../xml/parser';
import { describeLastModDate, parseLastModDate } from './dates';
import { groupOf, type SametimeInput } from './model';
import { ACTION_DOCS, COMMUNITY_GROUP, CONNECTIVITY_SETTINGS, elementInfo, groupInfo, HCL_COMMUNITY_URL, HCL_SETTINGS_URL, settingInfo, type AttributeInfo, type ElementInfo } from './schema';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

function link(info: ElementInfo | undefined): string {
  return info?.file === 'communities'
    ? `[HCL: managed community settings](${HCL_COMMUNITY_URL})`
    : `[HCL: defining preferences in managed-settings.xml](${HCL_SETTINGS_URL})`;
}

function attributeMarkdown(info: ElementInfo, a: AttributeInfo): string {
  const facts: string[] = [];
  if (a.required) facts.push('Required');
  if (a.kind.type === 'boolean') facts.push('Values: `true`, `false`');
  if (a.kind.type === 'port') facts.push('A port, 1-65535');
  if (a.kind.type === 'action') facts.push('Values: `add`, `update`, `delete`, `reset`');
  if (a.kind.type === 'enum') facts.push(`Values: ${a.kind.values.map(v => `\`${v}\``).join(', ')}`);
  if (a.default !== undefined) facts.push(`Default: \`${a.default}\``);
  return [`**${a.name}** (\`<${info.name}>\`)`, '', a.doc, ...(facts.length ? ['', facts.join(' · ')] : []), '', link(info)].join('\n');
}

function valueMarkdown(input: SametimeInput, el: XmlElement, a: XmlAttribute): string | null {
  const value = a.value ?? '';
  const { model } = input.tree;
  const info = elementInfo(el.name);
  if (el.name === 'setting' && a.name === 'name') {
    const group = groupOf(model, el);
    const hit = settingInfo(group?.name ?? '', value);
    if (!hit) {
      const where = group?.name && groupInfo(group.name) ? ` of \`${group.name}\`` : '';
      return `**${value}**\n\nNot among the documented preferences${where} that Upkeep knows. Preference keys are case-sensitive: check the spelling against the preference tables.\n\n${link(info)}`;
    }
    const s = hit.setting;
    const kind = typeof s.kind === 'string' ? s.kind : `one of ${s.kind.values.map(v => `\`${v}\``).join(', ')}`;
    const lines = [`**${s.name}** (\`${hit.group.name}\`)`, '', s.doc, '', `${kind}${s.default !== undefined ? ` · default \`${s.default}\`` : ''}`];
    if (group && group.name !== hit.group.name) lines.push('', `Documented in group \`${hit.group.name}\`, not in \`${group.name || '(no name)'}\`.`);
    if (hit.group.name === COMMUNITY_GROUP && CONNECTIVITY_SETTINGS.has(s.name)) lines.push('', 'HCL asks to set connection settings through managed-community-configs.xml instead.');
    lines.push('', link(info));
    return lines.join('\n');
  }
  if (el.name === 'settingGroup' && a.name === 'name') {
    const g = groupInfo(value);
    if (!g) return null;
    return [`**${g.name}**`, '', g.doc, '', `Documented settings: ${g.settings.map(s => `\`${s.name}\``).join(', ')}`, '', link(info)].join('\n');
  }
  if (el.name === 'settingGroup' && a.name === 'lastModDate') {
    const r = parseLastModDate(value);
    const head = `**lastModDate** \`${value}\``;
    if (!r.ok) return `${head}\n\nNot a date Upkeep can read: ${r.reason}.\n\n${link(info)}`;
    return [head, '', `Read as ${describeLastModDate(r.date)}.`, '', 'Clients that already applied this group apply it again only when this value changes: bump it with every edit of the group.', '', link(info)].join('\n');
  }
  if (el.name === 'managed-community-action' && a.name === 'type') {
    const doc = ACTION_DOCS[value] ?? ACTION_DOCS[value.toLowerCase()];
    return doc ? `**${value}**\n\n${doc}\n\n${link(info)}` : null;
  }
  if (el.name === 'managed-community-action' && a.name === 'managed-community-id') {
    const c = model.communities.find(x => x.id === value);
    if (!c) return `**${value}**\n\nNo \`<managed-community>\` of this file has this id.`;
    const newHost = c.element.attributes.find(x => x.name === 'newHost')?.value;
    return `**${value}**\n\nThe community on host \`${c.host || '(none)'}\`${newHost ? `, moved to \`${newHost}\`` : ''}.`;
  }
  return null;
}

/** Hover at `offset`, or null. */
export function hover(input: SametimeInput, offset: number): HoverResult | null {
  const { doc } = input.tree;
  const node = nodeAt(doc, offset);
  if (!node || node.kind !== 'element') return null;
  const el = node;
  const info = elementInfo(el.name);
  const onName = (offset >= el.nameSpan.start && offset <= el.nameSpan.end) || (!!el.endTag && offset >= el.endTag.nameSpan.start && offset <= el.endTag.nameSpan.end);
  if (onName) {
    if (!info) return null;
    const span = offset >= el.nameSpan.start && offset <= el.nameSpan.end ? el.nameSpan : el.endTag!.nameSpan;
    return { contents: [`**\`<${info.name}>\`**`, '', info.doc, '', link(info)].join('\n'), start: span.start, end: span.end };
  }
  for (const a of el.attributes) {
    if (offset >= a.nameSpan.start && offset <= a.nameSpan.end) {
      const ai = info?.attributes.find(x => x.name === a.name);
      if (!info || !ai) return null;
      return { contents: attributeMarkdown(info, ai), start: a.nameSpan.start, end: a.nameSpan.end };
    }
    if (a.valueSpan && offset >= a.valueSpan.start && offset <= a.valueSpan.end) {
      const md = valueMarkdown(input, el, a);
      return md ? { contents: md, start: a.valueSpan.start, end: a.valueSpan.end } : null;
    }
  }
  return null;
}
