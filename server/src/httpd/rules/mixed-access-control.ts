import { defineRule, makeFinding } from '../../engine/rules';
import { targetVersion } from '../config';
import type { HttpdRule } from '../lint';
import type { DirectiveNode, Node } from '../syntax';

const meta = defineRule({
  code: 'httpd/mixed-access-control',
  language: 'apacheconf',
  title: 'Order/Allow/Deny mixed with Require in one scope (Apache 2.4 answers 403, AH01797)',
  defaultSeverity: 'warning',
  fix: 'none',
});

const COMPAT = new Set(['order', 'allow', 'deny', 'satisfy']);
const TRANSPARENT = /^if(module|define|version|file|directive|section)$/i;

/** Directives of a scope, looking through conditional sections but not into nested scopes. */
function scopeDirectives(nodes: Node[], out: DirectiveNode[] = []): DirectiveNode[] {
  for (const n of nodes) {
    if (n.kind === 'directive') out.push(n);
    else if (n.kind === 'section' && TRANSPARENT.test(n.name)) scopeDirectives(n.children, out);
  }
  return out;
}

export const mixedAccessControl: HttpdRule = {
  meta,
  check({ project, config, tree, report }) {
    if (targetVersion(project, config) !== '2.4') return;
    const scopes: Node[][] = [tree.children, ...tree.sections.filter(s => !TRANSPARENT.test(s.name)).map(s => s.children)];
    for (const nodes of scopes) {
      const ds = scopeDirectives(nodes);
      const compat = ds.find(d => COMPAT.has(d.name.toLowerCase()));
      const require = ds.find(d => d.name.toLowerCase() === 'require');
      if (!compat || !require) continue;
      report(
        makeFinding(
          meta,
          require.nameSpan.start,
          require.nameSpan.end,
          `Require is mixed with ${compat.name} (mod_access_compat) in the same scope. On Apache 2.4 the old directives win when the configurations merge and clients get 403 (AH01797). Use Require alone (e.g. Require ip 10.0.0.0/8) or the old style alone.`,
        ),
      );
    }
  },
};
