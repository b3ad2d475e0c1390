import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { lowerName } from '../syntax';

const meta = defineRule({
  code: 'httpd/errordocument-url',
  language: 'apacheconf',
  title: 'ErrorDocument pointing to a full URL, which turns the error status into a redirect',
  defaultSeverity: 'warning',
  fix: 'none',
});

export const errordocumentUrl: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'errordocument' || d.args.length < 2) continue;
      const code = Number(d.args[0].value);
      const target = d.args[1];
      if (!/^https?:\/\//i.test(target.value) || !(code >= 400)) continue;
      const msg =
        code === 401
          ? 'ErrorDocument 401 must be a local path: with a URL the browser never sees the 401 and never asks for credentials.'
          : `ErrorDocument ${code} to a full URL makes Apache answer with a 302 redirect instead of ${code}: monitors, load balancers and caches see a redirect, and clients never get the ${code} (nor Retry-After). Use a local path such as /maintenance.html.`;
      report(makeFinding(meta, target.start, target.end, msg));
    }
  },
};
