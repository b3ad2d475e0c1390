import * as nodePath from 'node:path';
import { defineRule, makeFinding } from '../../engine/rules';
import { directiveInfo, modulesOf, moduleByAnyName } from '../directives';
import { moduleState } from '../config';
import type { HttpdRule } from '../lint';
import { guardingModules, inMacro } from './util';

const meta = defineRule({
  code: 'httpd/module-not-loaded',
  language: 'apacheconf',
  title: 'A directive whose module the configuration never loads',
  defaultSeverity: 'error',
  fix: 'none',
});

export const moduleNotLoaded: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, config, project, report, reach }) {
    if (project.options.httpdAssumeAllModules) return;
    // Only a main configuration shows every module it loads: a drop-in seen without its main config, or one
    // that includes what this workspace cannot follow, gets no finding here (moduleState says maybe).
    // The configuration's modules do not change during a lint: each directive's answer is worked out once
    // (a file has a few dozen directive names and thousands of directives).
    const mayBeLoaded = new Map<object, boolean>();
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      const info = directiveInfo(d.name);
      if (!info || inMacro(d)) continue;
      // Apache reads the directive only where the conditions around it hold: known false, it never sees it;
      // unknown, it may not.
      if (reach(d).reach !== 'yes') continue;
      let loaded = mayBeLoaded.get(info);
      if (loaded === undefined) {
        const states = modulesOf(info).map(m => moduleState(config, m));
        loaded = states.includes('yes') || states.includes('maybe');
        mayBeLoaded.set(info, loaded);
      }
      if (loaded) continue;
      const guards = guardingModules(d);
      if (modulesOf(info).some(m => guards.includes(m.toLowerCase()) || guards.includes(moduleByAnyName(m)?.id.toLowerCase() ?? '\0'))) continue;
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
