import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { lowerName } from '../syntax';

const meta = defineRule({
  code: 'httpd/retry-after',
  language: 'apacheconf',
  title: 'Retry-After set without "always", so it is never sent with a 503',
  defaultSeverity: 'warning',
  fix: 'safe',
});

const ACTIONS = new Set(['set', 'append', 'add', 'merge', 'setifempty']);

export const retryAfter: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'header' || d.args.length < 2) continue;
      const first = d.args[0].value.toLowerCase();
      const hasCondition = first === 'always' || first === 'onsuccess';
      const action = hasCondition ? d.args[1] : d.args[0];
      const header = hasCondition ? d.args[2] : d.args[1];
      if (!header || !ACTIONS.has(action.value.toLowerCase()) || header.value.toLowerCase() !== 'retry-after') continue;
      if (first === 'always') continue;
      const edit = hasCondition
        ? { start: d.args[0].start, end: d.args[0].end, newText: 'always' }
        : { start: action.start, end: action.start, newText: 'always ' };
      report(
        makeFinding(
          meta,
          d.nameSpan.start,
          header.end,
          'Without "always" this header goes only on successful (2xx) responses, so a 503 maintenance answer never carries Retry-After.',
          { fixes: [{ title: 'Add "always"', edits: [edit], safe: true }] },
        ),
      );
    }
  },
};
