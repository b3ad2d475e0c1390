// Completion for the Sametime files: element snippets (typing `<`, or a bare `settingGroup` /
// `managed-community` in content), whole-file skeletons in an empty file, attribute names not yet
// present, and values: setting names of the enclosing group, group names, true/false, action types,
// connection types, the ids the file defines, "now" for lastModDate. Snippets are server completion
// items (not contributes.snippets for the xml language, which would reach every XML file).
import { elementAt, indentationAt, nameBoundsAt, nodeAt, type XmlElement } from '../xml/parser';
import { formatLastModDate, systemClock, type Clock } from './dates';
import { nextLastModDate } from './bump';
import { fileKindOf, groupOf, type SametimeInput } from './model';
import {
  ACTION_DOCS,
  ACTION_TYPES,
  elementInfo,
  ELEMENTS,
  GROUPS,
  groupInfo,
  settingInfo,
  type AttributeInfo,
  type ElementInfo,
  type SametimeFileKind,
  type SettingInfo,
} from './schema';

export interface CompletionItemData {
  label: string;
  kind: 'element' | 'attribute' | 'value' | 'snippet';
  /** Plain text that replaces [replaceStart, replaceEnd). */
  insertText: string;
  /** The same as an LSP snippet ($1 tab stops), when the client takes snippets. */
  snippet?: string;
  replaceStart: number;
  replaceEnd: number;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Sorts before the others (e.g. the settings of the enclosing group). */
  preferred?: boolean;
  /** Text the client filters on, when it differs from the label. */
  filterText?: string;
}

/** Escapes text for use inside an LSP snippet. */
function snip(s: string): string {
  return s.replace(/[$}\\]/g, m => `\\${m}`);
}

/**
 * The snippet body of an element (after `<`). `indent` is the white space of the line the element
 * starts on; nested lines are indented two more spaces (HCL asks for two spaces, no tabs).
 */
export function elementSnippet(name: string, indent: string, eol: string, stamp: string): { snippet: string; plain: string } | null {
  const i2 = indent + '  ';
  switch (name) {
    case 'settingGroup':
      return {
        snippet: `settingGroup name="\${1:com.ibm.collaboration.realtime.chat.logging}" lastModDate="\${2:${snip(stamp)}}">${eol}${i2}<setting name="\${3}" value="\${4}" isLocked="\${5|true,false|}"/>${eol}${indent}</settingGroup>`,
        plain: `settingGroup name="" lastModDate="${stamp}">${eol}${i2}<setting name="" value="" isLocked="true"/>${eol}${indent}</settingGroup>`,
      };
    case 'setting':
      return { snippet: 'setting name="${1}" value="${2}" isLocked="${3|true,false|}"/>', plain: 'setting name="" value="" isLocked="true"/>' };
    case 'managed-community':
      return {
        snippet: 'managed-community id="${1:sametime.example.com}" host="${1:sametime.example.com}"${2: port="${3:1533}"}/>',
        plain: 'managed-community id="" host=""/>',
      };
    case 'managed-community-action':
      return {
        snippet: 'managed-community-action type="${1|update,add,delete,reset|}" managed-community-id="${2}"/>',
        plain: 'managed-community-action type="update" managed-community-id=""/>',
      };
    case 'connection':
      return { snippet: 'connection connectionType="${1|reverse-proxy,http-proxy,https-proxy,socks4-proxy,socks5-proxy,direct,tls-direct,http-direct|}" proxyHost="${2}"/>', plain: 'connection connectionType="" proxyHost=""/>' };
    default:
      return null;
  }
}

function skeletons(kind: SametimeFileKind | null, eol: string, stamp: string, start: number, end: number, withDecl: boolean): CompletionItemData[] {
  const decl = withDecl ? `<?xml version="1.0" encoding="UTF-8"?>${eol}` : '';
  const settings: CompletionItemData = {
    label: 'managed-settings.xml skeleton',
    kind: 'snippet',
    insertText: `${decl}<ManagedSettings>${eol}  <settingGroup name="" lastModDate="${stamp}">${eol}    <setting name="" value="" isLocked="true"/>${eol}  </settingGroup>${eol}</ManagedSettings>${eol}`,
    snippet: `${decl}<ManagedSettings>${eol}  <settingGroup name="\${1:com.ibm.collaboration.realtime.chat.logging}" lastModDate="\${2:${snip(stamp)}}">${eol}    <setting name="\${3}" value="\${4}" isLocked="\${5|true,false|}"/>${eol}  </settingGroup>${eol}</ManagedSettings>${eol}`,
    replaceStart: start,
    replaceEnd: end,
    detail: 'ManagedSettings with one settingGroup',
    documentation: 'A managed-settings.xml to start from: UTF-8, two-space indentation, one group with one setting.',
    preferred: kind !== 'communities',
    filterText: 'ManagedSettings managed-settings',
  };
  const communities: CompletionItemData = {
    label: 'managed-community-configs.xml skeleton',
    kind: 'snippet',
    insertText: `${decl}<managed-communities>${eol}  <managed-community id="" host=""/>${eol}  <managed-community-action type="update" managed-community-id=""/>${eol}</managed-communities>${eol}`,
    snippet: `${decl}<managed-communities>${eol}  <managed-community id="\${1:sametime.example.com}" host="\${1:sametime.example.com}"\${2: port="\${3:80}"}/>${eol}  <managed-community-action type="\${4|update,add,delete,reset|}" managed-community-id="\${1:sametime.example.com}"/>${eol}</managed-communities>${eol}`,
    replaceStart: start,
    replaceEnd: end,
    detail: 'managed-communities with one community and its action',
    documentation: 'A managed-community-configs.xml to start from: one community and the action that applies it.',
    preferred: kind === 'communities',
    filterText: 'managed-communities managed-community-configs',
  };
  return kind === 'communities' ? [communities, settings] : [settings, communities];
}

function childElements(parent: XmlElement): ElementInfo[] {
  return ELEMENTS.filter(e => e.parents.includes(parent.name));
}

function settingDoc(s: SettingInfo, group?: string): string {
  const kind = typeof s.kind === 'string' ? s.kind : `one of ${s.kind.values.map(v => `\`${v}\``).join(', ')}`;
  return `${s.doc}\n\n${kind}${s.default !== undefined ? ` · default \`${s.default}\`` : ''}${group ? ` · group \`${group}\`` : ''}`;
}

function valueItems(input: SametimeInput, el: XmlElement, attrName: string, start: number, end: number, clock: Clock): CompletionItemData[] {
  const { model } = input.tree;
  const item = (label: string, detail?: string, documentation?: string, preferred?: boolean): CompletionItemData => ({
    label,
    kind: 'value',
    insertText: label,
    replaceStart: start,
    replaceEnd: end,
    detail,
    documentation,
    preferred,
  });
  if (el.name === 'setting' && attrName === 'name') {
    const group = groupOf(model, el);
    const own = group ? groupInfo(group.name) : undefined;
    const items: CompletionItemData[] = [];
    for (const g of GROUPS) {
      for (const s of g.settings) {
        items.push(item(s.name, g === own ? s.doc : `${g.name}`, settingDoc(s, g.name), g === own));
      }
    }
    // Keys of the same name in several groups: keep one entry each, the group's own first.
    const seen = new Set<string>();
    return items.sort((a, b) => Number(!!b.preferred) - Number(!!a.preferred)).filter(i => !seen.has(i.label) && !!seen.add(i.label));
  }
  if (el.name === 'setting' && attrName === 'value') {
    const group = groupOf(model, el);
    const name = el.attributes.find(a => a.name === 'name')?.value ?? '';
    const hit = settingInfo(group?.name ?? '', name);
    if (!hit) return [];
    const k = hit.setting.kind;
    const values = k === 'boolean' ? ['true', 'false'] : typeof k === 'object' ? k.values : [];
    return values.map(v => item(v, hit.setting.default === v ? 'default' : undefined));
  }
  if (el.name === 'settingGroup' && attrName === 'name') return GROUPS.map(g => item(g.name, g.doc, g.settings.map(s => `\`${s.name}\``).join(', ')));
  const info = elementInfo(el.name)?.attributes.find(a => a.name === attrName);
  if (!info) return [];
  switch (info.kind.type) {
    case 'boolean':
      return ['true', 'false'].map(v => item(v, info.default === v ? 'default' : undefined));
    case 'action':
      return ACTION_TYPES.map(v => item(v, undefined, ACTION_DOCS[v]));
    case 'enum':
      return info.kind.values.map(v => item(v));
    case 'community-ref':
      return model.communities.filter(c => c.id).map(c => item(c.id, `host ${c.host || '(none)'}`));
    case 'date': {
      const group = model.groups.find(g => g.element === el);
      const now = group ? nextLastModDate(input, group, clock) : formatLastModDate(clock.now().getTime(), 'compact', '', clock.offsetMinutes(clock.now()));
      return [item(now, 'now', 'The current time in the form this file uses.')];
    }
    default:
      return [];
  }
}

function attributeItems(el: XmlElement, ws: number, we: number): CompletionItemData[] {
  const info = elementInfo(el.name);
  if (!info) return [];
  const typing = el.attributes.find(a => a.nameSpan.start === ws);
  const present = new Set(el.attributes.filter(a => a !== typing).map(a => a.name));
  return info.attributes
    .filter((a: AttributeInfo) => !present.has(a.name))
    .map(a => ({
      label: a.name,
      kind: 'attribute' as const,
      insertText: typing ? a.name : `${a.name}=""`,
      snippet: typing ? undefined : a.kind.type === 'boolean' ? `${a.name}="\${1|true,false|}"` : `${a.name}="$1"`,
      replaceStart: ws,
      replaceEnd: typing ? typing.nameSpan.end : we,
      detail: a.required ? 'required' : a.default !== undefined ? `default ${a.default}` : undefined,
      documentation: a.doc,
      preferred: !!a.required,
    }));
}

/** Completion items at `offset`. `clock` gives "now" for lastModDate values. */
export function complete(input: SametimeInput, offset: number, clock: Clock = systemClock): CompletionItemData[] {
  const { text } = input;
  const { doc } = input.tree;
  const kind = fileKindOf(input.path, input.tree.model);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const stamp = formatLastModDate(clock.now().getTime(), 'compact', '', clock.offsetMinutes(clock.now()));
  const { start: ws, end: we } = nameBoundsAt(text, offset);
  const afterLt = text[ws - 1] === '<';

  // `</`: close the innermost open element.
  if (text[ws - 1] === '/' && text[ws - 2] === '<') {
    const open = elementAt(doc, ws - 2);
    const target = open && open.start === ws - 2 ? open.parent : open;
    if (!target) return [];
    return [{ label: `/${target.name}`, kind: 'element', insertText: `${target.name}>`, replaceStart: ws, replaceEnd: we, detail: 'closing tag' }];
  }

  const node = nodeAt(doc, offset);
  if (node && (node.kind === 'comment' || node.kind === 'cdata' || node.kind === 'pi' || node.kind === 'declaration' || node.kind === 'doctype') && offset > node.start) return [];

  // Inside a start tag: attribute names, or the value being typed.
  const el = elementAt(doc, offset);
  if (!afterLt && el && offset > el.nameSpan.end && (offset < el.startTag.end || (el.startTagUnterminated && offset <= el.startTag.end))) {
    for (const a of el.attributes) {
      if (a.valueSpan && a.quote && offset >= a.valueSpan.start && offset <= a.valueSpan.end) {
        return valueItems(input, el, a.name, a.valueSpan.start, a.valueSpan.end, clock);
      }
    }
    return attributeItems(el, ws, we);
  }

  // Where an element would go: after `<`, or a bare word in element content.
  let parent: XmlElement | null;
  let typingRoot = false;
  if (afterLt) {
    const h = elementAt(doc, ws - 1);
    parent = h && h.start === ws - 1 ? h.parent : h;
    typingRoot = !!h && h === doc.root && h.start === ws - 1;
  } else {
    const probe = nodeAt(doc, ws);
    if (probe && probe.kind === 'text') parent = probe.parent;
    else if (probe && probe.kind === 'element' && !probe.selfClosing && ws >= probe.content.start && ws <= probe.content.end) parent = probe;
    else if (!probe) parent = null;
    else return [];
  }
  const start = afterLt ? ws - 1 : ws;
  if (!parent) {
    // Top level: only while there is no root yet (or it is the word being typed).
    if (doc.root && !typingRoot) return [];
    const decl = doc.declaration;
    return skeletons(kind, eol, stamp, start, we, !decl || decl.start >= start);
  }
  const lineIndent = indentationAt(text, start);
  return childElements(parent).map(e => {
    const body = elementSnippet(e.name, lineIndent, eol, stamp) ?? { snippet: `${e.name}>$0</${e.name}>`, plain: `${e.name}></${e.name}>` };
    return {
      label: e.name,
      kind: 'element' as const,
      insertText: `<${body.plain}`,
      snippet: `<${body.snippet}`,
      replaceStart: start,
      replaceEnd: we,
      detail: `in <${parent!.name}>`,
      documentation: e.doc,
      filterText: afterLt ? `<${e.name}` : e.name,
    };
  });
}
