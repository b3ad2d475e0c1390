import { defineRule, makeFinding } from '../../engine/rules';
import { attrCI, type XmlElement } from '../../xml/parser';
import type { PluginCfgRule } from '../lint';
import { attributeInfo, canonicalElement, checkValue, elementInfo, type ElementInfo } from '../schema';
import { tagSpan, valueSpan } from './util';

const meta = defineRule({
  code: 'plugincfg/invalid-value',
  language: 'plugincfg',
  title: 'An attribute value the plug-in does not accept (enumerations, numbers, ports) or a required one missing',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

/** Attributes whose value list is only partly verified: a warning, not an error. */
const SOFT = new Set(['LogLevel', 'traceLevel', 'type', 'IISPluginPriority']);

/** Attributes an element cannot do without. */
const REQUIRED: Record<string, string[]> = {
  Transport: ['Hostname', 'Port', 'Protocol'],
  ServerCluster: ['Name'],
};

/** The schema entry of an element, matching names ignoring case. */
export function infoOf(el: XmlElement): ElementInfo | undefined {
  const name = canonicalElement(el.name);
  const parent = el.parent ? canonicalElement(el.parent.name) : '';
  const info = elementInfo(name, parent);
  return info && (info.parents.includes(parent) || parent === '') ? info : undefined;
}

export const invalidValue: PluginCfgRule = {
  meta,
  check({ doc, report }) {
    for (let _eli = 0, _els = doc.elements; _eli < _els.length; _eli++) {
      const el = _els[_eli];
      const info = infoOf(el);
      if (!info) continue;
      for (const a of el.attributes) {
        const ai = attributeInfo(info, a.name);
        if (!ai || a.value === null) continue;
        if (ai.required && a.value.trim() === '' && (ai.kind.type === 'string' || ai.kind.type === 'port' || ai.kind.type === 'enum')) {
          const span = valueSpan(a);
          report(makeFinding(meta, span.start, span.end, `${ai.name} of <${info.name}> is empty.`));
          continue;
        }
        const r = checkValue(ai, a.value);
        if (r.ok) continue;
        const span = valueSpan(a);
        let message = `"${a.value}" is not a valid ${ai.name}: ${r.reason}.`;
        if (r.suggestion) message += ` Did you mean "${r.suggestion}"?`;
        const fixes =
          r.suggestion && a.valueSpan
            ? [{ title: `Change to "${r.suggestion}"`, edits: [{ start: a.valueSpan.start, end: a.valueSpan.end, newText: r.suggestion }], safe: false }]
            : undefined;
        report(makeFinding(meta, span.start, span.end, message, { fixes, ...(SOFT.has(ai.name) ? { severity: 'warning' as const } : {}) }));
      }
      const required = REQUIRED[info.name];
      if (required && info.name !== 'Server') {
        const missing = required.filter(n => !attrCI(el, n));
        if (missing.length) {
          const span = tagSpan(el);
          report(makeFinding(meta, span.start, span.end, `<${info.name}> has no ${missing.join(', ')}: the plug-in needs ${missing.length === 1 ? 'it' : 'them'} to reach the server.`));
        }
      }
    }
  },
};
