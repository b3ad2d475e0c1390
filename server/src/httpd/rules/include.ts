import { defineRule, makeFinding } from '../../engine/rules';
import { reachOf } from '../config';
import type { HttpdRule } from '../lint';

const missing = defineRule({
  code: 'httpd/include-missing',
  language: 'apacheconf',
  title: 'Include of a file or pattern that does not exist',
  defaultSeverity: 'error',
  fix: 'safe',
});

const cycle = defineRule({
  code: 'httpd/include-cycle',
  language: 'apacheconf',
  title: 'Include that pulls in a file already being read (a cycle)',
  defaultSeverity: 'error',
  fix: 'none',
});

export const includeMissing: HttpdRule = {
  meta: missing,
  check({ config, file, report }) {
    for (const e of config.edgesFrom.get(file.path) ?? []) {
      if (!e.problem) continue;
      const arg = e.directive.args[0];
      const { kind, message } = e.problem;
      if (kind === 'cycle') continue;
      if (kind === 'unverifiable' && message.includes('variable')) continue;
      // Inside a conditional section that may be skipped, Apache fails only when it reads the Include.
      const guard = reachOf(config, file.path, e.directive);
      // A path Upkeep cannot look at (outside ServerRoot, not on this machine) is a warning where Apache
      // reads it for certain, and only information inside a condition: two unknowns are no finding to act on.
      const conditional = guard.reach !== 'yes';
      const severity = kind === 'unverifiable' ? (conditional ? 'information' : 'warning') : conditional ? 'warning' : 'error';
      const why = guard.reach !== 'yes' && guard.guard ? ` (Only when <${guard.guard.name} ${guard.guard.args.map(a => a.value).join(' ')}> holds.)` : '';
      const name = e.directive.nameSpan;
      // For a wildcard that matches nothing, IncludeOptional states the intent; safe: same files read.
      const fixes =
        kind === 'no-match'
          ? [{ title: 'Change to IncludeOptional', edits: [{ start: name.start, end: name.end, newText: 'IncludeOptional' }], safe: true }]
          : undefined;
      report(makeFinding(missing, arg.start, arg.end, message + why, { severity, fixes }));
    }
  },
};

export const includeCycle: HttpdRule = {
  meta: cycle,
  check({ config, file, report }) {
    for (const e of config.edgesFrom.get(file.path) ?? []) {
      if (e.problem?.kind !== 'cycle') continue;
      const arg = e.directive.args[0];
      report(makeFinding(cycle, arg.start, arg.end, e.problem.message));
    }
  },
};
