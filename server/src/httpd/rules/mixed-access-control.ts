import { defineRule, makeFinding } from '../../engine/rules';
import { evalIfVersion, isConditionalSection, targetVersion } from '../config';
import { moduleByAnyName } from '../directives';
import type { HttpdRule } from '../lint';
import { lowerName, type DirectiveNode, type Node, type SectionNode } from '../syntax';

const meta = defineRule({
  code: 'httpd/mixed-access-control',
  language: 'apacheconf',
  title: 'Order/Allow/Deny mixed with Require in one scope (Apache 2.4 answers 403, AH01797)',
  defaultSeverity: 'warning',
  fix: 'none',
});

const COMPAT = new Set(['order', 'allow', 'deny', 'satisfy']);

/**
 * Require lines that check who the user is (valid-user, user, group, LDAP and DBM groups...). Apache 2.2
 * had them too, next to Order/Allow/Deny: host check and login together (Satisfy All, or either with
 * Satisfy Any) is the 2.2 idiom, and 2.4 still runs it the same way with mod_access_compat. The trap is a
 * Require that decides by host, address or condition (all, ip, host, local, env, expr...): the old
 * directives are checked first and their deny wins.
 */
const USER_PROVIDERS = /^(?:valid-user|user|group|file-owner|file-group|ldap-[\w-]+|dbm-group|dbd-group)$/i;

function userRequire(d: DirectiveNode): boolean {
  const args = d.args.map(a => a.value);
  const provider = /^not$/i.test(args[0] ?? '') ? args[1] : args[0];
  return !!provider && USER_PROVIDERS.test(provider);
}

interface Scoped {
  node: DirectiveNode;
  /** The conditional sections between the scope and the directive, outermost first. */
  conds: SectionNode[];
}

/** Directives of a scope, looking through conditional sections but not into nested scopes (iterative). */
function scopeDirectives(nodes: Node[]): Scoped[] {
  const out: Scoped[] = [];
  const stack: { nodes: Node[]; i: number; conds: SectionNode[] }[] = [{ nodes, i: 0, conds: [] }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.nodes.length) {
      stack.pop();
      continue;
    }
    const n = top.nodes[top.i++];
    if (n.kind === 'directive') out.push({ node: n, conds: top.conds });
    else if (n.kind === 'section' && isConditionalSection(n.name)) stack.push({ nodes: n.children, i: 0, conds: [...top.conds, n] });
  }
  return out;
}

/**
 * Does the scope hold an Order, Allow, Deny or Satisfy (looking through conditional sections as
 * scopeDirectives does)? Asked first, without building anything: most scopes of a large configuration
 * have none, and the rule runs again at every lint of an open file.
 */
function mentionsCompat(nodes: Node[]): boolean {
  const stack: Node[][] = [nodes];
  while (stack.length) {
    const list = stack.pop()!;
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (n.kind === 'directive') {
        if (COMPAT.has(lowerName(n.name))) return true;
      } else if (n.kind === 'section' && isConditionalSection(n.name)) stack.push(n.children);
    }
  }
  return false;
}

/** The condition a section tests, normalised: kind, subject, negation. */
function condKey(sec: SectionNode): { kind: string; subject: string; negated: boolean } {
  const raw = sec.args[0]?.value ?? '';
  const negated = raw.startsWith('!');
  let subject = (negated ? raw.slice(1) : raw).toLowerCase();
  const kind = lowerName(sec.name);
  if (kind === 'ifmodule') subject = moduleByAnyName(subject)?.id.toLowerCase() ?? subject;
  return { kind, subject, negated };
}

const VERSIONS = ['2.2', '2.4'] as const;

/**
 * Can two sets of conditions never hold together? `<IfModule mod_authz_core.c>` and `<IfModule
 * !mod_authz_core.c>`, `<IfVersion >= 2.4>` and `<IfVersion < 2.4>`: the standard cross-version pattern,
 * whose branches Apache never reads both.
 */
function exclusive(a: SectionNode[], b: SectionNode[]): boolean {
  for (const x of a) {
    const kx = condKey(x);
    for (const y of b) {
      if (x === y) continue;
      const ky = condKey(y);
      if (kx.kind !== ky.kind) continue;
      if (kx.kind === 'ifversion') {
        const xa = x.args.map(v => v.value);
        const ya = y.args.map(v => v.value);
        if (VERSIONS.every(t => evalIfVersion(xa, t) === 'no' || evalIfVersion(ya, t) === 'no')) return true;
      } else if (kx.subject === ky.subject && kx.negated !== ky.negated) return true;
    }
  }
  return false;
}

export const mixedAccessControl: HttpdRule = {
  meta,
  check({ project, config, tree, report, reach }) {
    if (targetVersion(project, config) !== '2.4') return;
    const scopes: Node[][] = [tree.children, ...tree.sections.filter(s => !isConditionalSection(s.name)).map(s => s.children)];
    for (let _nodesi = 0, _nodess = scopes; _nodesi < _nodess.length; _nodesi++) {
      const nodes = _nodess[_nodesi];
      if (!mentionsCompat(nodes)) continue;
      const ds = scopeDirectives(nodes).filter(d => reach(d.node).reach !== 'no');
      const compats = ds.filter(d => COMPAT.has(lowerName(d.node.name)));
      if (!compats.length) continue;
      for (const r of ds) {
        if (lowerName(r.node.name) !== 'require' || userRequire(r.node)) continue;
        // Bounded: a scope with thousands of both is reported from the first pairs it finds.
        const compat = compats.slice(0, 200).find(c => !exclusive(c.conds, r.conds));
        if (!compat) continue;
        report(
          makeFinding(
            meta,
            r.node.nameSpan.start,
            r.node.nameSpan.end,
            `Require is mixed with ${compat.node.name} (mod_access_compat) in the same scope. On Apache 2.4 the old directives win when the configurations merge and clients get 403 (AH01797). Use Require alone (e.g. Require ip 10.0.0.0/8) or the old style alone.`,
          ),
        );
        break;
      }
    }
  },
};
