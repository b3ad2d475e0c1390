import { defineRule, makeFinding } from '../../engine/rules';
import { detectEol } from '../../engine/text';
import { targetVersion } from '../config';
import type { HttpdRule } from '../lint';
import { configChains, enclosingVirtualHost, isMaintenanceChain } from '../rewrite';

const meta = defineRule({
  code: 'httpd/rewrite-not-inherited',
  language: 'apacheconf',
  title: 'A server-level maintenance rule that a <VirtualHost> does not inherit, so that site stays open',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

export const rewriteNotInherited: HttpdRule = {
  meta,
  check({ project, config, file, tree, report }) {
    const chains = configChains(project, config);
    const serverLevel = chains.find(
      c => isMaintenanceChain(c.chain) && c.chain.scope === null && (config.includeContext.get(c.file)?.context ?? 'server') === 'server',
    );
    if (!serverLevel) return;
    const version = targetVersion(project, config);
    for (const vh of tree.sections) {
      if (vh.name.toLowerCase() !== 'virtualhost') continue;
      const own = chains.some(c => c.file === file.path && isMaintenanceChain(c.chain) && enclosingVirtualHost(c.chain.rule) === vh);
      if (own) continue;
      const inherits = tree.directives.some(
        d => d.name.toLowerCase() === 'rewriteoptions' && enclosingVirtualHost(d) === vh && d.args.some(a => /^inherit/i.test(a.value)),
      );
      if (inherits) continue;
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
