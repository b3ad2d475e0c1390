import { defineRule, makeFinding } from '../../engine/rules';
import type { SametimeRule } from '../lint';

const meta = defineRule({
  code: 'sametime/hash-comment',
  language: 'sametime',
  title: 'A `#` comment line, which XML does not know (its comments are `<!-- -->`)',
  defaultSeverity: 'error',
  fix: 'safe',
});

export const hashComment: SametimeRule = {
  meta,
  check({ hashes, doc, report }) {
    const errorStarts = doc.errors.map(e => e.start).sort((a, b) => a - b);
    const errorIn = (from: number, to: number) => {
      let lo = 0;
      let hi = errorStarts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (errorStarts[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      return lo < errorStarts.length && errorStarts[lo] < to;
    };
    for (const h of hashes) {
      // Inside an element the line is harmless text unless it breaks the XML itself.
      const breaks = h.outsideRoot || errorIn(h.hash, h.end);
      const message = h.outsideRoot
        ? 'XML has no # comments: outside the root element this line is stray text, so the client rejects the whole file. Write <!-- ... --> instead.'
        : breaks
          ? 'XML has no # comments: this line is read as text, and what it holds makes the file unreadable. Write <!-- ... --> instead.'
          : h.hasMarkup
            ? 'XML has no # comments: the markup on this line is still read by the client (it is not commented out). Write <!-- ... --> instead.'
            : 'XML has no # comments: this line is text inside the element, not a comment. Write <!-- ... --> instead.';
      const fixes = h.edits ? [{ title: 'Convert to <!-- --> comment', edits: h.edits, safe: !h.hasMarkup }] : undefined;
      report(makeFinding(meta, h.hash, h.end, message, { ...(fixes ? { fixes } : {}), ...(breaks || h.hasMarkup ? {} : { severity: 'warning' as const }) }));
    }
  },
};
