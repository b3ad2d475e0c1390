import { defineRule, makeFinding } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { lowerName } from '../syntax';

const meta = defineRule({
  code: 'httpd/remote-host',
  language: 'apacheconf',
  title: '%{REMOTE_HOST} compared with IP addresses',
  defaultSeverity: 'warning',
  fix: 'safe',
});

/** A pattern that can only ever match an IP address (digits, dots, escapes, anchors, classes of digits). */
function looksLikeAddressPattern(p: string): boolean {
  const s = p.replace(/^!/, '');
  return /[0-9]/.test(s) && /^[\^$\\.0-9\[\]\-{}(|)?:*+]+$/.test(s) && !/[a-z]/i.test(s.replace(/\\[.d]/g, ''));
}

export const remoteHost: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, config, project, report }) {
    const lookups = project.memo(`hostnamelookups:${config.root}`, () =>
      config.directives.find(d => lowerName(d.node.name) === 'hostnamelookups')?.node.args[0]?.value.toLowerCase(),
    );
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      if (lowerName(d.name) !== 'rewritecond' || d.args.length < 2) continue;
      const test = d.args[0];
      if (!/%\{REMOTE_HOST\}/i.test(test.value) || !looksLikeAddressPattern(d.args[1].value)) continue;
      const why =
        lookups === 'on' || lookups === 'double'
          ? 'With HostnameLookups ' + (lookups === 'on' ? 'On' : 'Double') + ' it holds the client\'s host name, so this address never matches: the admins it should admit are locked out.'
          : 'It holds the address only while HostnameLookups is Off; turning lookups on (or a vhost that does) silently locks the admins out.';
      const at = test.value.search(/%\{REMOTE_HOST\}/i);
      const start = test.start + (test.quote ? 1 : 0) + at + 2;
      report(
        makeFinding(meta, test.start, test.end, `%{REMOTE_HOST} is compared with an IP address. ${why} Compare %{REMOTE_ADDR} instead.`, {
          fixes: [{ title: 'Use %{REMOTE_ADDR}', edits: [{ start, end: start + 'REMOTE_HOST'.length, newText: 'REMOTE_ADDR' }], safe: true }],
        }),
      );
    }
  },
};
