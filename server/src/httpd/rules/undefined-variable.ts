import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { undefinedUses } from '../variables';

// A real apache2 -t (2.4) logs "AH00111: Config variable ${X} is not defined" as a warning and still says
// "Syntax OK": the text stays as written and only fails later if the directive cannot use it. Hence a
// warning, not an error.
const meta = defineRule({
  code: 'httpd/undefined-variable',
  language: 'apacheconf',
  title: '${VAR} that no Define (or envvars export) sets where Apache reads it',
  defaultSeverity: 'warning',
  fix: 'none',
});

export const undefinedVariable: HttpdRule = {
  meta,
  check({ project, config, file, report }) {
    for (const u of undefinedUses(project, config, file.path)) {
      const related = u.related
        ? [{ path: u.related.path, start: u.related.start, end: u.related.end, message: u.related.role === 'undefine' ? 'removed here' : 'defined here' }]
        : undefined;
      report(makeFinding(meta, u.use.outerStart, u.use.outerEnd, u.message, { related }));
    }
  },
};
