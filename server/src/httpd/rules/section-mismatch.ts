import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';

const meta = defineRule({
  code: 'httpd/section-mismatch',
  language: 'apacheconf',
  title: 'A section is not closed, a closing tag closes nothing, or tags cross',
  defaultSeverity: 'error',
  fix: 'none',
});

export const sectionMismatch: HttpdRule = {
  meta,
  check({ tree, report }) {
    for (const p of tree.problems) {
      if (p.kind === 'syntax') continue;
      report(makeFinding(meta, p.start, p.end, p.message));
    }
  },
};
