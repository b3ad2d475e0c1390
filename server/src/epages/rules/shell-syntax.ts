import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import type { EpagesRule } from '../lint';

const meta = defineRule({
  code: 'epages/shell-syntax',
  language: 'epages',
  title: 'A line the shell does not read as the assignment it looks like',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

export const shellSyntax: EpagesRule = {
  meta,
  check({ file, tree, report }) {
    const text = file.text;
    for (const a of tree.assignments) {
      if (a.spacedEquals) {
        const s = a.spacedEquals;
        const message = `Spaces around "=": the shell runs a command named ${a.name} instead of setting the variable. Write ${a.name}=value.`;
        const fix: Fix = { title: `Remove the spaces around "="`, edits: [{ start: s.start, end: s.end, newText: '=' }], safe: false };
        report(makeFinding(meta, a.nameStart, s.end, message, { fixes: [fix] }));
        continue;
      }
      if (a.unterminated) {
        const lineEnd = text.slice(a.valueStart).search(/\r|\n/);
        const end = lineEnd < 0 ? text.length : a.valueStart + lineEnd;
        const message = `The value of ${a.name} opens a quote (or a "$(") that is never closed: the shell reads the rest of the file as part of it, or stops with a syntax error.`;
        report(makeFinding(meta, a.valueStart, Math.max(end, a.valueStart + 1), message));
        continue;
      }
      if (a.trailing) {
        const t = a.trailing;
        const words = text.slice(t.start, t.end);
        const shown = words.length > 60 ? `${words.slice(0, 57)}...` : words;
        // "Empty" means a blank right after "=". A value cut short by an operator (`MAILTO=|x`) has no
        // blank to remove: it gets the quotes, not an edit that changes nothing.
        const empty = a.valueStart === a.valueEnd && t.start > a.valueStart;
        const message = empty
          ? `The blank after "=" ends the value: the shell sets ${a.name} to an empty value only for a command "${shown}" that it then tries to run, and the setting is lost.`
          : `The value ends at the first blank: the shell sets ${a.name} to "${a.value}" only for a command "${shown}" that it then tries to run, ` +
            `and the setting is lost. Put the whole value in double quotes.`;
        const fixes: Fix[] = [];
        // Single quotes stay literal inside double quotes, which is how the installed file writes YUM_PARAMETER.
        if (!/["$`\\]/.test(text.slice(a.valueStart, t.end))) {
          const blanks = /\s/.test(words);
          if (empty) {
            fixes.push({
              title: blanks ? 'Remove the blank after "=" and quote the value' : 'Remove the blank after "="',
              edits: [
                { start: a.valueStart, end: t.start, newText: blanks ? '"' : '' },
                ...(blanks ? [{ start: t.end, end: t.end, newText: '"' }] : []),
              ],
              safe: false,
            });
          } else {
            fixes.push({
              title: 'Put the value in double quotes',
              edits: [
                { start: a.valueStart, end: a.valueStart, newText: '"' },
                { start: t.end, end: t.end, newText: '"' },
              ],
              safe: false,
            });
          }
        }
        report(makeFinding(meta, a.valueStart, t.end, message, { fixes: fixes.length ? fixes : undefined }));
      }
    }
  },
};
