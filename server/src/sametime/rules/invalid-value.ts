import { defineRule, editDistance, makeFinding, suggest, type Finding, type Fix } from '../../engine/rules';
import { attr, type XmlAttribute } from '../../xml/parser';
import { parseLastModDate } from '../dates';
import type { SametimeRule } from '../lint';
import { ACTION_TYPES, attributeInfo, elementInfo, type ValueKind } from '../schema';
import { shown, valueSpan } from './util';

const meta = defineRule({
  code: 'sametime/invalid-value',
  language: 'sametime',
  title: 'A value the client cannot use: booleans, ports, lastModDate, action type, connection type',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

/** Settings whose value is a port wherever they appear. */
const PORT_SETTINGS = new Set(['port', 'proxyPort']);

function replaceValue(a: XmlAttribute, newText: string, title: string, safe: boolean): Fix[] | undefined {
  if (!a.valueSpan) return undefined;
  return [{ title, edits: [{ start: a.valueSpan.start, end: a.valueSpan.end, newText }], safe }];
}

function checkPort(a: XmlAttribute, what: string): Finding | null {
  const v = a.value ?? '';
  const span = valueSpan(a);
  if (/^\d{1,5}$/.test(v) && Number(v) >= 1 && Number(v) <= 65535) return null;
  if (/^\d{1,5}$/.test(v.trim()) && Number(v.trim()) >= 1 && Number(v.trim()) <= 65535) {
    return makeFinding(meta, span.start, span.end, `${what} ${shown(v)} has blanks around the number: the client cannot read it as a port.`, {
      fixes: replaceValue(a, v.trim(), `Change to "${v.trim()}"`, true),
    });
  }
  return makeFinding(meta, span.start, span.end, `${what} ${shown(v)} is not a port: ports run from 1 to 65535.`);
}

const BOOLEAN_GUESS: Record<string, string> = { yes: 'true', y: 'true', on: 'true', '1': 'true', no: 'false', n: 'false', off: 'false', '0': 'false' };

/** `ture`, `flase`, `fals`: a word within two edits of exactly one of true and false. */
function misspeltBoolean(v: string): string | undefined {
  const w = v.toLowerCase();
  if (w.length < 3) return undefined;
  const close = ['true', 'false'].filter(b => editDistance(w, b, 2) <= 2);
  return close.length === 1 ? close[0] : undefined;
}

function checkValue(kind: ValueKind, a: XmlAttribute, element: string): Finding | null {
  const v = a.value ?? '';
  const span = valueSpan(a);
  const what = `${a.name} of <${element}>`;
  switch (kind.type) {
    case 'boolean': {
      if (/^(true|false)$/i.test(v)) return null;
      const t = v.trim();
      if (/^(true|false)$/i.test(t)) {
        return makeFinding(meta, span.start, span.end, `${what} is ${shown(v)}: with the blanks it is not the word true or false (Java, which the client is written in, reads it as false).`, {
          fixes: replaceValue(a, t, `Change to "${t}"`, true),
        });
      }
      const guess = BOOLEAN_GUESS[t.toLowerCase()] ?? misspeltBoolean(t);
      return makeFinding(meta, span.start, span.end, `${what} takes true or false, not ${shown(v)}: what the client makes of other values is not documented (Java, which it is written in, reads them as false).${guess ? ` Did you mean "${guess}"?` : ''}`, {
        ...(guess ? { fixes: replaceValue(a, guess, `Change to "${guess}"`, false) } : {}),
      });
    }
    case 'port':
      return checkPort(a, what);
    case 'integer':
      if (/^\d+$/.test(v)) return null;
      return makeFinding(meta, span.start, span.end, `${what} takes a whole number, not ${shown(v)}.`, { severity: 'warning' });
    case 'date': {
      const r = parseLastModDate(v);
      if (r.ok) return null;
      return makeFinding(
        meta,
        span.start,
        span.end,
        `lastModDate ${shown(v)}: ${r.reason}. The client may not read it, and whether it then applies the group is not documented; use 20210211T173921 (or "Bump lastModDate").`,
        { severity: 'warning' },
      );
    }
    case 'action': {
      if ((ACTION_TYPES as readonly string[]).includes(v)) return null;
      const lower = v.trim().toLowerCase();
      if ((ACTION_TYPES as readonly string[]).includes(lower)) {
        return makeFinding(meta, span.start, span.end, `Action type ${shown(v)}: HCL writes the action types in lower case (add, update, delete, reset); whether the client accepts ${shown(v)} is not documented.`, {
          severity: 'warning',
          fixes: replaceValue(a, lower, `Change to "${lower}"`, true),
        });
      }
      const best = suggest(v, ACTION_TYPES);
      return makeFinding(meta, span.start, span.end, `Action type ${shown(v)} is not one of add, update, delete, reset: the client ignores this action.${best.length ? ` Did you mean "${best[0]}"?` : ''}`, {
        ...(best.length ? { fixes: replaceValue(a, best[0], `Change to "${best[0]}"`, false) } : {}),
      });
    }
    case 'enum': {
      if (kind.values.includes(v)) return null;
      const ci = kind.values.find(x => x.toLowerCase() === v.trim().toLowerCase());
      const best = ci ? [ci] : suggest(v, kind.values);
      return makeFinding(meta, span.start, span.end, `${what} ${shown(v)} is not a value HCL documents (${kind.values.join(', ')}).${best.length ? ` Did you mean "${best[0]}"?` : ''}`, {
        severity: 'warning',
        ...(best.length ? { fixes: replaceValue(a, best[0], `Change to "${best[0]}"`, false) } : {}),
      });
    }
    default:
      return null;
  }
}

export const invalidValue: SametimeRule = {
  meta,
  check({ doc, report }) {
    for (const el of doc.elements) {
      const info = elementInfo(el.name);
      if (!info) continue;
      for (const a of el.attributes) {
        if (a.value === null) continue;
        const ai = attributeInfo(info, a.name);
        if (!ai) continue;
        if (ai.required && a.value.trim() === '') continue; // sametime/required-attribute
        const f = checkValue(ai.kind, a, el.name);
        if (f) report(f);
      }
      if (el.name === 'setting') {
        const name = attr(el, 'name')?.value ?? '';
        const value = attr(el, 'value');
        if (PORT_SETTINGS.has(name) && value && value.value !== null && value.value !== '') {
          const f = checkPort(value, `The ${name} setting`);
          if (f) report(f);
        }
      }
    }
  },
};
