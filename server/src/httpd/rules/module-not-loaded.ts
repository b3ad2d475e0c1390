import * as nodePath from 'node:path';
import { defineRule, makeFinding } from '../../engine/rules';
import { directiveInfo, modulesOf, moduleByAnyName } from '../directives';
import { isModuleLoaded } from '../config';
import type { HttpdRule } from '../lint';
import { guardingModules, inMacro, skippableConditional } from './util';

const meta = defineRule({
  code: 'httpd/module-not-loaded',
  language: 'apacheconf',
  title: 'A directive whose module the configuration never loads',
  defaultSeverity: 'error',
  fix: 'none',
});

export const moduleNotLoaded: HttpdRule = {
  meta,
  check({ tree, config, project, report }) {
    // Only a configuration that loads modules says which ones it has; fragments are left alone.
    if (config.modules.size === 0 || project.options.httpdAssumeAllModules) return;
    for (const d of tree.directives) {
      const info = directiveInfo(d.name);
      if (!info || inMacro(d) || skippableConditional(d)) continue;
      const mods = modulesOf(info);
      if (mods.some(m => isModuleLoaded(config, m))) continue;
      const guards = guardingModules(d);
      if (mods.some(m => guards.includes(m.toLowerCase()) || guards.includes(moduleByAnyName(m)?.id.toLowerCase() ?? '\0'))) continue;
      const mod = moduleByAnyName(info.module);
      const load = mod ? ` Add "LoadModule ${mod.id} modules/${mod.so}" or wrap it in <IfModule ${mod.source}>.` : '';
      report(
        makeFinding(
          meta,
          d.nameSpan.start,
          d.nameSpan.end,
          `${info.name} comes from ${info.module}, which ${nodePath.basename(config.root)} never loads: Apache refuses to start ("Invalid command").${load}`,
        ),
      );
    }
  },
};
