import { defineRule, makeFinding } from '../../engine/rules';
import type { SametimeRule } from '../lint';

const meta = defineRule({
  code: 'sametime/typographic-quotes',
  language: 'sametime',
  title: 'Curly quotes (“ ” ″ ‘ ’) where XML needs straight ones: the client cannot read the file',
  defaultSeverity: 'error',
  fix: 'safe',
});

export const typographicQuotes: SametimeRule = {
  meta,
  check({ quotes, text, report }) {
    for (const p of quotes) {
      const chars = [...new Set(p.delimiters.map(d => text[d]))].join(' ');
      const where = p.tag === '?xml' ? 'the XML declaration' : `<${p.tag}>`;
      const names = p.attributes.length ? ` (${p.attributes.join(', ')})` : '';
      const message = `Typographic quotes ${chars} around attribute values of ${where}${names}: XML only accepts straight quotes ", so the client rejects the whole file. Text copied from a web page or word processor does this.`;
      const fixes = p.replacements
        ? [{ title: 'Replace with straight quotes', edits: p.replacements.map(r => ({ start: r.at, end: r.at + 1, newText: r.with })), safe: true }]
        : undefined;
      report(makeFinding(meta, p.region.start, p.region.end, message, fixes ? { fixes } : {}));
    }
  },
};
