import { defineRule, makeFinding, suggest, type Fix } from '../../engine/rules';
import { attr } from '../../xml/parser';
import type { SametimeRule } from '../lint';
import { elementInfo } from '../schema';

const meta = defineRule({
  code: 'sametime/unknown-attribute',
  language: 'sametime',
  title: 'An attribute the client does not read on this element (often a misspelling)',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const unknownAttribute: SametimeRule = {
  meta,
  check({ doc, quotes, report }) {
    // Words of a value between typographic quotes (value=“I’m in a meeting”) read as attribute names
    // to an XML parser; sametime/typographic-quotes reports that value once, so they are not repeated here.
    const inQuotedValue = (at: number) => quotes.some(q => at > q.region.start && at < q.region.end);
    for (const el of doc.elements) {
      const info = elementInfo(el.name);
      if (!info) continue;
      const known = info.attributes.map(a => a.name);
      for (const a of el.attributes) {
        if (!a.name || known.includes(a.name) || a.name.includes(':') || inQuotedValue(a.nameSpan.start)) continue;
        const caseOnly = known.find(k => k.toLowerCase() === a.name.toLowerCase());
        const best = caseOnly ? [caseOnly] : suggest(a.name, known);
        const target = best[0];
        let fixes: Fix[] | undefined;
        if (target && !attr(el, target)) {
          fixes = [{ title: `Rename to ${target}`, edits: [{ start: a.nameSpan.start, end: a.nameSpan.end, newText: target }], safe: !!caseOnly }];
        }
        const list = known.length ? `<${el.name}> reads ${known.join(', ')}` : `<${el.name}> takes no attributes`;
        let message = `${a.name} is not an attribute of <${el.name}>, so the client ignores it (${list}).`;
        if (caseOnly) message = `${a.name} should be written ${caseOnly}: attribute names are case-sensitive, so the client ignores this spelling.`;
        else if (target) message += ` Did you mean ${target}?`;
        if (target && !fixes) message += ` This element also has ${target}; remove one of the two.`;
        report(makeFinding(meta, a.nameSpan.start, a.nameSpan.end, message, fixes ? { fixes } : {}));
      }
    }
  },
};
