import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';

const meta = defineRule({
  code: 'httpd/unterminated-quote',
  language: 'apacheconf',
  title: 'A quoted argument without its closing quote',
  defaultSeverity: 'warning',
  fix: 'none',
});

export const unterminatedQuote: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, report }) {
    for (const node of [...tree.directives, ...tree.sections]) {
      for (const a of node.args) {
        if (!a.unterminated) continue;
        report(
          makeFinding(meta, a.start, a.end, `The ${a.quote === '"' ? 'double' : 'single'} quote opened here is never closed: the argument runs to the end of the line.`),
        );
      }
    }
  },
};
