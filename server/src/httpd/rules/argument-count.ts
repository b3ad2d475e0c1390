import { defineRule, makeFinding } from '../../engine/rules';
import { directiveInfo } from '../directives';
import type { HttpdRule } from '../lint';
import { inMacro } from './util';

const meta = defineRule({
  code: 'httpd/argument-count',
  language: 'apacheconf',
  title: 'A directive with fewer or more arguments than Apache accepts, or a flag that is not On/Off',
  defaultSeverity: 'error',
  fix: 'none',
});

function expected(min: number, max: number | null): string {
  if (max === null) return min === 1 ? 'at least one argument' : `at least ${min} arguments`;
  if (min === max) return min === 0 ? 'no arguments' : min === 1 ? 'one argument' : `${min} arguments`;
  return `${min} to ${max} arguments`;
}

export const argumentCount: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, report, reach }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      const info = directiveInfo(d.name);
      if (!info?.args || inMacro(d) || reach(d).reach === 'no') continue;
      // A ${VAR} may stand for several words; Apache counts after substitution.
      if (d.args.some(a => a.value.includes('${'))) continue;
      const n = d.args.length;
      const { min, max } = info.args;
      const end = d.args.length ? d.args[d.args.length - 1].end : d.nameSpan.end;
      if (n < min || (max !== null && n > max)) {
        report(makeFinding(meta, d.nameSpan.start, end, `${info.name} takes ${expected(min, max)}; here it has ${n}.`));
        continue;
      }
      if (info.flag && n === 1 && !/^(on|off)$/i.test(d.args[0].value)) {
        const a = d.args[0];
        const fixTo = /^(yes|true|1|enabled?)$/i.test(a.value) ? 'On' : /^(no|false|0|disabled?)$/i.test(a.value) ? 'Off' : null;
        report(
          makeFinding(meta, a.start, a.end, `${info.name} takes On or Off, not "${a.value}".`, {
            fixes: fixTo ? [{ title: `Change to ${fixTo}`, edits: [{ start: a.start, end: a.end, newText: fixTo }], safe: true }] : undefined,
          }),
        );
      }
    }
  },
};
