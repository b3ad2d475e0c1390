import { defineRule, makeFinding } from '../../engine/rules';
import { detectEol } from '../../engine/text';
import { targetVersion } from '../config';
import type { HttpdRule } from '../lint';
import { configChains, enclosingVirtualHost, isMaintenanceChain, rewriteChains } from '../rewrite';
import { lowerName, type SectionNode } from '../syntax';

const meta = defineRule({
  code: 'httpd/rewrite-not-inherited',
  language: 'apacheconf',
  title: 'A server-level maintenance rule that a <VirtualHost> does not inherit, so that site stays open',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const rewriteNotInherited: HttpdRule = {
  meta,
  check(ctx) {
    const { project, config, file, tree, report } = ctx;
    // The configuration's server-level maintenance rule, looked up once per configuration version.
    const serverLevel = project.memo(`server-maintenance-chain:${config.root}`, () =>
      configChains(project, config).find(
        c => isMaintenanceChain(c.chain) && c.chain.scope === null && (config.includeContext.get(c.file)?.context ?? 'server') === 'server',
      ) ?? null,
    );
    if (!serverLevel) return;
    const version = targetVersion(project, config);
    // Virtual hosts of this file that have their own maintenance rule, or inherit the server's rules.
    const covered = new Set<SectionNode | null>();
    for (const ch of rewriteChains(tree)) if (isMaintenanceChain(ch)) covered.add(enclosingVirtualHost(ch.rule));
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) === 'rewriteoptions' && d.args.some(a => /^inherit/i.test(a.value))) covered.add(enclosingVirtualHost(d));
    }
    for (let _vhi = 0, _vhs = tree.sections; _vhi < _vhs.length; _vhi++) {
      const vh = _vhs[_vhi];
      if (lowerName(vh.name) !== 'virtualhost' || covered.has(vh) || ctx.reach(vh).reach === 'no') continue;
      const nl = file.text.indexOf('\n', vh.open.end);
      const fixes =
        nl >= 0 && vh.close
          ? [
              {
                title: `Inherit the server's rewrite rules (RewriteOptions ${version === '2.4' ? 'InheritBefore' : 'Inherit'})`,
                edits: [
                  {
                    start: nl + 1,
                    end: nl + 1,
                    newText: ['RewriteEngine On', `RewriteOptions ${version === '2.4' ? 'InheritBefore' : 'Inherit'}`]
                      .map(l => '    ' + l + detectEol(file.text))
                      .join(''),
                  },
                ],
                safe: false,
              },
            ]
          : undefined;
      const ruleFile = project.file(serverLevel.file);
      const line = ruleFile ? ruleFile.index.positionAt(serverLevel.chain.rule.start).line + 1 : 0;
      const where = serverLevel.file === file.path ? `line ${line}` : `${project.display(serverLevel.file)}:${line}`;
      report(
        makeFinding(
          meta,
          vh.open.start,
          vh.open.end,
          `The maintenance rule at server level (${where}) does not apply here: rewrite rules are not inherited into <VirtualHost>, so this site stays open during maintenance. Repeat the rule inside the virtual host or add RewriteOptions ${version === '2.4' ? 'InheritBefore' : 'Inherit'}.`,
          { fixes },
        ),
      );
    }
  },
};
