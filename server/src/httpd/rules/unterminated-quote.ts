import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import type { DirectiveNode, SectionNode } from '../syntax';

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
    // Indexed loops: this runs over every argument of the file, and most files have no unterminated quote.
    const scan = (nodes: readonly (DirectiveNode | SectionNode)[]) => {
      for (let k = 0; k < nodes.length; k++) {
        const node = nodes[k];
        const args = node.args;
        for (let i = 0; i < args.length; i++) {
          const a = args[i];
          if (!a.unterminated) continue;
          // `ErrorDocument 404 "Not found` is the message syntax of Apache 1.3, still accepted: the message is
          // the rest of the line either way, which is what was meant.
          if (i === 1 && node.kind === 'directive' && /^errordocument$/i.test(node.name)) continue;
          report(
            makeFinding(meta, a.start, a.end, `The ${a.quote === '"' ? 'double' : 'single'} quote opened here is never closed: the argument runs to the end of the line.`),
          );
        }
      }
    };
    scan(tree.directives);
    scan(tree.sections);
  },
};
