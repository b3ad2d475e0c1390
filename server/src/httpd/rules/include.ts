import { defineRule, makeFinding } from '../../engine/rules';
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
    for (const e of config.edges) {
      if (e.from !== file.path || !e.problem) continue;
      const arg = e.directive.args[0];
      const { kind, message } = e.problem;
      if (kind === 'cycle') continue;
      if (kind === 'unverifiable' && message.includes('variable')) continue;
      const severity = kind === 'unverifiable' ? 'warning' : 'error';
      const name = e.directive.nameSpan;
      // For a wildcard that matches nothing, IncludeOptional states the intent; safe: same files read.
      const fixes =
        kind === 'no-match'
          ? [{ title: 'Change to IncludeOptional', edits: [{ start: name.start, end: name.end, newText: 'IncludeOptional' }], safe: true }]
          : undefined;
      report(makeFinding(missing, arg.start, arg.end, message, { severity, fixes }));
    }
  },
};

export const includeCycle: HttpdRule = {
  meta: cycle,
  check({ config, file, report }) {
    for (const e of config.edges) {
      if (e.from !== file.path || e.problem?.kind !== 'cycle') continue;
      const arg = e.directive.args[0];
      report(makeFinding(cycle, arg.start, arg.end, e.problem.message));
    }
  },
};
