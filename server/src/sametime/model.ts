// The Sametime files as Upkeep reads them: the position-keeping XML tree (server/src/xml) and, over it,
// the setting groups with their settings, the communities and the actions, each with the element (and
// so the ranges) it comes from. Rules, hover, completion and the bump action read this model.
import * as nodePath from 'node:path';
import { attr, parseXml, type XmlAttribute, type XmlDocument, type XmlElement } from '../xml/parser';
import type { SametimeFileKind } from './schema';

export interface SettingEntry {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  valueAttr?: XmlAttribute;
}

export interface SettingGroupEntry {
  element: XmlElement;
  name: string;
  nameAttr?: XmlAttribute;
  lastModDate?: XmlAttribute;
  settings: SettingEntry[];
}

export interface CommunityEntry {
  element: XmlElement;
  id: string;
  idAttr?: XmlAttribute;
  host: string;
  hostAttr?: XmlAttribute;
}

export interface ActionEntry {
  element: XmlElement;
  type: string;
  typeAttr?: XmlAttribute;
  ref: string;
  refAttr?: XmlAttribute;
}

export interface SametimeModel {
  root: XmlElement | null;
  /** What the root element says the file is (null when it is neither). */
  rootKind: SametimeFileKind | null;
  groups: SettingGroupEntry[];
  communities: CommunityEntry[];
  actions: ActionEntry[];
}

/** The parsed form of a Sametime file (what Project keeps as the file's tree). */
export interface SametimeTree {
  doc: XmlDocument;
  model: SametimeModel;
}

/** What editor features need: the text and its tree (a SourceFile<SametimeTree> is one). */
export interface SametimeInput {
  text: string;
  tree: SametimeTree;
  path?: string;
}

export function parseSametime(text: string): SametimeTree {
  const doc = parseXml(text);
  return { doc, model: buildModel(doc) };
}

const valueOf = (a: XmlAttribute | undefined) => a?.value ?? '';

function buildModel(doc: XmlDocument): SametimeModel {
  const root = doc.root;
  const rootKind: SametimeFileKind | null = !root
    ? null
    : root.name === 'ManagedSettings'
      ? 'settings'
      : root.name === 'managed-communities' || root.name === 'managed-community-configs'
        ? 'communities'
        : null;
  const groups: SettingGroupEntry[] = [];
  const byElement = new Map<XmlElement, SettingGroupEntry>();
  const communities: CommunityEntry[] = [];
  const actions: ActionEntry[] = [];
  for (const el of doc.elements) {
    if (el.name === 'settingGroup') {
      const nameAttr = attr(el, 'name');
      const g: SettingGroupEntry = { element: el, name: valueOf(nameAttr), nameAttr, lastModDate: attr(el, 'lastModDate'), settings: [] };
      groups.push(g);
      byElement.set(el, g);
    } else if (el.name === 'setting') {
      const g = el.parent ? byElement.get(el.parent) : undefined;
      const nameAttr = attr(el, 'name');
      g?.settings.push({ element: el, name: valueOf(nameAttr), nameAttr, valueAttr: attr(el, 'value') });
    } else if (el.name === 'managed-community') {
      const idAttr = attr(el, 'id');
      const hostAttr = attr(el, 'host');
      communities.push({ element: el, id: valueOf(idAttr), idAttr, host: valueOf(hostAttr), hostAttr });
    } else if (el.name === 'managed-community-action') {
      const typeAttr = attr(el, 'type');
      const refAttr = attr(el, 'managed-community-id');
      actions.push({ element: el, type: valueOf(typeAttr), typeAttr, ref: valueOf(refAttr), refAttr });
    }
  }
  return { root, rootKind, groups, communities, actions };
}

/**
 * Which of the two files this is: by its name (the client only fetches these two names), else by
 * its root element; null when neither tells.
 */
export function fileKindOf(path: string | undefined, model: SametimeModel): SametimeFileKind | null {
  const base = path ? nodePath.basename(path).toLowerCase() : '';
  if (base === 'managed-settings.xml') return 'settings';
  if (base === 'managed-community-configs.xml') return 'communities';
  return model.rootKind;
}

/** The setting group an element is in (the group itself, or the group of a setting). */
export function groupOf(model: SametimeModel, el: XmlElement | null): SettingGroupEntry | undefined {
  for (let e = el; e; e = e.parent) {
    if (e.name === 'settingGroup') return model.groups.find(g => g.element === e);
  }
  return undefined;
}
