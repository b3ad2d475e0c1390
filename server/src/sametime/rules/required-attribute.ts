import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { attr, escapeAttr, type XmlElement } from '../../xml/parser';
import type { SametimeRule } from '../lint';
import { elementInfo } from '../schema';
import { escapeFor, properlyQuoted } from './util';

const meta = defineRule({
  code: 'sametime/required-attribute',
  language: 'sametime',
  title: 'An attribute the client needs (id, host, name, type, managed-community-id) is missing or empty',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

const WHY: Record<string, string> = {
  'settingGroup/name': 'the client does not know which plug-in the settings are for, so none of them is applied',
  'setting/name': 'the client does not know which preference to set',
  'managed-community/id': 'no action can name this community',
  'managed-community/host': 'the client matches communities by host, so this entry matches none',
  'managed-community-action/type': 'the client does not know what to do',
  'managed-community-action/managed-community-id': 'the action names no community, so it does nothing',
};

/** Where a new attribute goes: after the last attribute of the start tag (or the element name). */
function insertionPoint(el: XmlElement): number {
  const last = el.attributes[el.attributes.length - 1];
  return last ? last.end : el.nameSpan.end;
}

/** id and host of a managed-community should be equal (HCL): one can be filled in from the other. */
function companionFix(el: XmlElement, missing: string): Fix | undefined {
  if (el.name !== 'managed-community' || (missing !== 'id' && missing !== 'host')) return undefined;
  const other = attr(el, missing === 'id' ? 'host' : 'id');
  const value = other?.value?.trim();
  if (!value) return undefined;
  const own = attr(el, missing);
  if (own && properlyQuoted(own)) {
    return { title: `Set ${missing} to "${value}"`, edits: [{ start: own.valueSpan.start, end: own.valueSpan.end, newText: escapeFor(value, own.quote) }], safe: false };
  }
  if (own) return undefined;
  // After an attribute whose value is not closed, an insertion would land inside that value.
  if (el.attributes.some(a => a.valueSpan && !properlyQuoted(a))) return undefined;
  const at = insertionPoint(el);
  return { title: `Add ${missing}="${value}"`, edits: [{ start: at, end: at, newText: ` ${missing}="${escapeAttr(value)}"` }], safe: false };
}

export const requiredAttribute: SametimeRule = {
  meta,
  check({ doc, report }) {
    for (const el of doc.elements) {
      const info = elementInfo(el.name);
      if (!info) continue;
      for (const a of info.attributes) {
        if (!a.required) continue;
        const present = attr(el, a.name);
        const why = WHY[`${el.name}/${a.name}`] ?? 'the client needs it';
        const fix = companionFix(el, a.name);
        const extra = fix ? { fixes: [fix] } : {};
        if (!present) {
          report(makeFinding(meta, el.nameSpan.start, el.nameSpan.end, `<${el.name}> has no ${a.name}: ${why}.`, extra));
        } else if ((present.value ?? '').trim() === '') {
          const span = present.valueSpan && present.valueSpan.end > present.valueSpan.start ? present.valueSpan : present.nameSpan;
          report(makeFinding(meta, span.start, span.end, `${a.name} of <${el.name}> is empty: ${why}.`, extra));
        }
      }
    }
  },
};
