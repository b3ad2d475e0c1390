// Completion for plugin-cfg.xml: element names by parent, attribute names not yet present, and values
// (enumerations, booleans, and the names a reference can take: clusters, groups, servers of the
// cluster, Transport properties). Works on half-typed text: the tolerant parser gives the context.
import { elementAt, nameBoundsAt, nodeAt, type XmlElement } from '../xml/parser';
import type { PluginCfgInput } from './model';
import { childElementsOf, CONFIG_PROPERTIES, canonicalElement, elementInfo, TRANSPORT_PROPERTIES, type AttributeInfo } from './schema';

export interface CompletionItemData {
  label: string;
  kind: 'element' | 'attribute' | 'value';
  /** Text that replaces [replaceStart, replaceEnd). */
  insertText: string;
  /** The same as an LSP snippet (with $1 tab stops), when it differs. */
  snippet?: string;
  replaceStart: number;
  replaceEnd: number;
  detail?: string;
  /** Markdown. */
  documentation?: string;
}

const canonical = canonicalElement;

function parentName(el: XmlElement | null): string {
  return el ? canonical(el.name) : '';
}

function attributeInfos(el: XmlElement): AttributeInfo[] {
  return elementInfo(canonical(el.name), parentName(el.parent))?.attributes ?? [];
}

function valueItems(file: PluginCfgInput, el: XmlElement, attrName: string, start: number, end: number): CompletionItemData[] {
  const { model } = file.tree;
  const name = canonical(el.name);
  const parent = parentName(el.parent);
  const lower = attrName.toLowerCase();
  const item = (label: string, detail?: string): CompletionItemData => ({ label, kind: 'value', insertText: label, replaceStart: start, replaceEnd: end, detail });
  if (name === 'Route') {
    if (lower === 'servercluster') return model.clusters.map(c => item(c.name, 'ServerCluster')).filter(i => i.label);
    if (lower === 'urigroup') return model.uriGroups.map(g => item(g.name, `UriGroup · ${g.members.length} URIs`)).filter(i => i.label);
    if (lower === 'virtualhostgroup') return model.virtualHostGroups.map(g => item(g.name, `VirtualHostGroup · ${g.members.length} hosts`)).filter(i => i.label);
  }
  if (name === 'Server' && (parent === 'PrimaryServers' || parent === 'BackupServers') && lower === 'name') {
    const cluster = model.clusters.find(c => c.lists.some(l => l.element === el.parent));
    return (cluster?.servers ?? []).map(s => item(s.name, s.cloneId ? `CloneID ${s.cloneId}` : 'Server')).filter(i => i.label);
  }
  if (name === 'Property' && lower === 'name') {
    return (parent === 'Transport' ? TRANSPORT_PROPERTIES : CONFIG_PROPERTIES).map(p => item(p, 'Property'));
  }
  const info = attributeInfos(el).find(a => a.name.toLowerCase() === lower);
  if (!info) return [];
  if (info.kind.type === 'enum') return info.kind.values.map(v => item(v, info.default === v ? 'default' : undefined));
  if (info.kind.type === 'boolean') return ['true', 'false'].map(v => item(v, info.default === v ? 'default' : undefined));
  return [];
}

/** Completion items at `offset`. */
export function complete(file: PluginCfgInput, offset: number): CompletionItemData[] {
  const { text } = file;
  const { doc } = file.tree;
  const { start: ws, end: we } = nameBoundsAt(text, offset);

  // `</`: close the innermost open element.
  if (text[ws - 1] === '/' && text[ws - 2] === '<') {
    const open = elementAt(doc, ws - 2);
    const target = open && open.start === ws - 2 ? open.parent : open;
    if (!target) return [];
    return [{ label: `/${target.name}`, kind: 'element', insertText: `${target.name}>`, replaceStart: ws, replaceEnd: we, detail: 'closing tag' }];
  }

  // `<Na|`: element names allowed in the parent.
  if (text[ws - 1] === '<') {
    const here = elementAt(doc, ws - 1);
    const parent = here && here.start === ws - 1 ? here.parent : here;
    return childElementsOf(parentName(parent)).map(e => {
      const required = e.attributes.filter(a => a.required);
      const attrs = required.map((a, k) => ` ${a.name}="$${k + 1}"`).join('');
      return {
        label: e.name,
        kind: 'element' as const,
        insertText: e.name,
        snippet: `${e.name}${attrs}${e.name === 'Server' && (parentName(parent) === 'PrimaryServers' || parentName(parent) === 'BackupServers') ? '/>' : ''}`,
        replaceStart: ws,
        replaceEnd: we,
        detail: parentName(parent) ? `in <${parentName(parent)}>` : 'root element',
        documentation: e.doc,
      };
    });
  }

  const node = nodeAt(doc, offset);
  if (node && (node.kind === 'comment' || node.kind === 'cdata' || node.kind === 'pi' || node.kind === 'declaration' || node.kind === 'doctype') && offset > node.start) return [];
  const el = elementAt(doc, offset);
  if (!el) return [];
  // Inside a start tag, after its name.
  const inStartTag = offset > el.nameSpan.end && (offset < el.startTag.end || (el.startTagUnterminated && offset <= el.startTag.end));
  if (inStartTag) {
    for (const a of el.attributes) {
      if (a.valueSpan && offset >= a.valueSpan.start && offset <= a.valueSpan.end && a.quote) {
        return valueItems(file, el, a.name, a.valueSpan.start, a.valueSpan.end);
      }
    }
    const typing = el.attributes.find(a => a.nameSpan.start === ws);
    const present = new Set(el.attributes.filter(a => a !== typing).map(a => a.name.toLowerCase()));
    return attributeInfos(el)
      .filter(a => !present.has(a.name.toLowerCase()))
      .map(a => ({
        label: a.name,
        kind: 'attribute' as const,
        insertText: typing ? a.name : `${a.name}=""`,
        snippet: typing ? undefined : `${a.name}="$1"`,
        replaceStart: ws,
        replaceEnd: typing ? typing.nameSpan.end : we,
        detail: a.default !== undefined ? `default ${a.default}` : a.required ? 'required' : undefined,
        documentation: a.doc,
      }));
  }
  // In content: elements that may go here, with their "<".
  if (offset >= el.content.start && offset <= el.content.end && !el.selfClosing) {
    return childElementsOf(canonical(el.name)).map(e => ({
      label: e.name,
      kind: 'element' as const,
      insertText: `<${e.name}`,
      snippet: `<${e.name}${e.attributes.filter(a => a.required).map((a, k) => ` ${a.name}="$${k + 1}"`).join('')}`,
      replaceStart: ws,
      replaceEnd: we,
      detail: `in <${canonical(el.name)}>`,
      documentation: e.doc,
    }));
  }
  return [];
}
