import * as nodePath from 'node:path';
import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { safeTest } from '../../engine/safe-regex';
import type { HttpdRule } from '../lint';
import { documentRoots, PAGE_TEMPLATE } from '../maintenance';
import { configChains, enclosingVirtualHost, isMaintenanceChain, type RuleChain } from '../rewrite';
import type { DirectiveNode, SectionNode } from '../syntax';

const meta = defineRule({
  code: 'httpd/maintenance-page',
  language: 'apacheconf',
  title: 'The maintenance page is named differently in the rule, its exemption, ErrorDocument and DocumentRoot, or is not exempted',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

/**
 * The page a pattern like ^/upgrading\.html$ names (a path with an extension), else null. An unescaped
 * dot counts as the dot it was meant to be, as in the vendor's `!^/upgrading.htm$`.
 */
function literalPage(pattern: string): string | null {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  if (!/^(?:[\w\-/]|\\\.|\.)+$/.test(body)) return null;
  const lit = body.replace(/\\\./g, '.');
  return /^\/[\w\-./]*\.[A-Za-z0-9]+$/.test(lit) ? lit : null;
}

/** Is `page` kept out of the chain (the rule does not apply to it)? null when a pattern cannot be checked. */
function exempts(ch: RuleChain, page: string, perDir: boolean): boolean | null {
  const subject = perDir ? page.replace(/^\//, '') : page;
  const nc = (c: { flags: { map: Map<string, string> } }) => c.flags.map.has('nc');
  const ruleMatches = safeTest(ch.pattern, subject, nc(ch));
  if (ruleMatches === null) return null;
  if (ch.negated ? ruleMatches : !ruleMatches) return true;
  for (const c of ch.conds) {
    if (!/^%\{REQUEST_URI\}$/i.test(c.testString)) continue;
    const m = safeTest(c.pattern, page, nc(c));
    if (m === null) return null;
    if (c.negated ? m : !m) return true;
  }
  return false;
}

export const maintenancePage: HttpdRule = {
  meta,
  check({ project, config, file, report }) {
    const chains = configChains(project, config).filter(c => c.file === file.path && isMaintenanceChain(c.chain));
    if (!chains.length) return;
    const errorDocs = config.directives.filter(d => d.node.name.toLowerCase() === 'errordocument' && d.node.args.length >= 2);
    const docRoots = documentRoots(project, config);
    const stem = (p: string) => p.replace(/\.[^./]+$/, '').toLowerCase();
    // Indexes built once: ErrorDocument by (virtual host of this file | server level) and status, and
    // local ErrorDocument pages by stem, so each chain costs constant work.
    const inVhost = new Map<SectionNode, Map<string, (typeof errorDocs)[number]>>();
    const serverLevel = new Map<string, (typeof errorDocs)[number]>();
    /** stem -> distinct local page names with the first ErrorDocument that names each. */
    const byStem = new Map<string, Map<string, (typeof errorDocs)[number]>>();
    for (const d of errorDocs) {
      const status = d.node.args[0].value;
      const vh = enclosingVirtualHost(d.node);
      if (vh && d.file === file.path) {
        const m = inVhost.get(vh) ?? new Map();
        if (!m.has(status)) m.set(status, d);
        inVhost.set(vh, m);
      } else if (!vh && !serverLevel.has(status)) serverLevel.set(status, d);
      const page = d.node.args[1].value;
      if (page.startsWith('/')) {
        const pages = byStem.get(stem(page)) ?? new Map();
        if (!pages.has(page)) pages.set(page, d);
        byStem.set(stem(page), pages);
      }
    }
    for (const { chain } of chains) {
      const vh = enclosingVirtualHost(chain.rule);
      const status = String(chain.status);
      const ownDoc = (vh && inVhost.get(vh)?.get(status)) || serverLevel.get(status);
      const rule = chain.rule;
      const at = (n: DirectiveNode) => [n.nameSpan.start, n.args[n.args.length - 1]?.end ?? n.nameSpan.end] as const;
      const page = ownDoc?.node.args[1].value.startsWith('/') ? ownDoc.node.args[1].value : null;

      // 1. Names that disagree: exemption literals, the substitution, ErrorDocument pages with the same stem.
      const names = new Map<string, string>();
      if (chain.negated) {
        const lit = literalPage(chain.pattern);
        if (lit) names.set(lit, 'the rule\'s exemption');
      }
      for (const c of chain.conds) {
        if (c.negated && /^%\{REQUEST_URI\}$/i.test(c.testString)) {
          const lit = literalPage(c.pattern);
          if (lit && !names.has(lit)) names.set(lit, 'the REQUEST_URI exemption');
        }
      }
      if (chain.substitution.startsWith('/') && !names.has(chain.substitution)) names.set(chain.substitution, 'the rule\'s target');
      if (page && !names.has(page)) names.set(page, `ErrorDocument ${status}`);
      for (const st of new Set([...names.keys()].map(stem))) {
        for (const [p, d] of byStem.get(st) ?? []) {
          if (!names.has(p)) names.set(p, `ErrorDocument ${d.node.args[0].value} in ${nodePath.basename(d.file)}`);
        }
      }
      if (names.size > 1) {
        const list = [...names].map(([p, where]) => `${p} (${where})`).join(', ');
        report(makeFinding(meta, ...at(rule), `The maintenance page has more than one name: ${list}. Users get a missing page or a second error; use one name everywhere.`));
      }

      if (!page) continue;
      // 2. The page must be exempted, or its own request is answered with the error again.
      const perDir = !!rule.parent && !/^virtualhost$/i.test(rule.parent.name) && !/^if/i.test(rule.parent.name);
      const ex = exempts(chain, page, perDir);
      if (ex === false) {
        report(
          makeFinding(
            meta,
            ...at(rule),
            `This rule also catches ${page}, the page ErrorDocument ${status} serves: Apache answers with its plain "Additionally, a ${status} error was encountered" text instead of the page. Exempt it with RewriteCond %{REQUEST_URI} !^${page.replace(/\./g, '\\.')}$.`,
          ),
        );
      }
      // 3. The page must exist in DocumentRoot (when the workspace has that folder).
      for (const dir of docRoots) {
        const target = nodePath.join(dir, page);
        if (project.fs.stat(target) === 'file') continue;
        const alt = /\.html$/i.test(page) ? page.replace(/\.html$/i, '.htm') : /\.htm$/i.test(page) ? page + 'l' : null;
        const fixes: Fix[] = [];
        let msg = `${page} does not exist in DocumentRoot ${project.display(dir)}: clients get a 404 text instead of the maintenance page.`;
        if (alt && project.fs.stat(nodePath.join(dir, alt)) === 'file') {
          msg = `ErrorDocument ${status} names ${page}, but DocumentRoot ${project.display(dir)} has ${alt}.`;
          const arg = ownDoc!.node.args[1];
          if (ownDoc!.file === file.path) fixes.push({ title: `Change ErrorDocument to ${alt}`, edits: [{ start: arg.start, end: arg.end, newText: alt }], safe: false });
        } else {
          fixes.push({ title: `Create ${page} from Upkeep's template`, edits: [], otherFiles: [{ path: target, create: PAGE_TEMPLATE(chain.status ?? 503) }], safe: false });
        }
        report(makeFinding(meta, ...at(rule), msg, { fixes: fixes.length ? fixes : undefined }));
      }
    }
  },
};
