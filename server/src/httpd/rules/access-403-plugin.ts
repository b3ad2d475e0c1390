import { defineRule, makeFinding } from '../../engine/rules';
import { detectEol } from '../../engine/text';
import { allowRegex, parseAllowEntry } from '../addresses';
import type { HttpdRule } from '../lint';
import { lowerName } from '../syntax';

const meta = defineRule({
  code: 'httpd/access-403-plugin',
  language: 'apacheconf',
  title: 'A Deny-based maintenance block in front of the WebSphere plug-in (plug-ins show a login prompt on 403)',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const access403Plugin: HttpdRule = {
  meta,
  check({ project, config, tree, file, report }) {
    // Facts of the whole configuration, computed once per configuration version (not once per file).
    const { plugin, errorPage } = project.memo(`access-403-plugin:${config.root}`, () => ({
      plugin: config.directives.some(
        d => lowerName(d.node.name) === 'webspherepluginconfig' || (lowerName(d.node.name) === 'loadmodule' && /^was_ap\d+_module$/i.test(d.node.args[0]?.value ?? '')),
      ),
      errorPage: config.directives.find(
        d => lowerName(d.node.name) === 'errordocument' && d.node.args[0]?.value === '403' && d.node.args[1]?.value.startsWith('/'),
      )?.node.args[1]?.value,
    }));
    if (!plugin) return;
    for (let _seci = 0, _secs = tree.sections; _seci < _secs.length; _seci++) {
      const sec = _secs[_seci];
      if (!/^(location|locationmatch)$/i.test(sec.name) || !sec.close) continue;
      const ds = sec.children.filter(n => n.kind === 'directive');
      const denyAll = ds.find(d => lowerName(d.name) === 'deny' && d.args.map(a => a.value.toLowerCase()).join(' ') === 'from all');
      const allows = ds.filter(d => lowerName(d.name) === 'allow' && d.args[0]?.value.toLowerCase() === 'from');
      if (!denyAll || allows.length === 0) continue;
      const eol = detectEol(file.text);
      const indent = file.text.slice(sec.lineStart, sec.open.start).match(/^[ \t]*/)?.[0] ?? '';
      const page = errorPage ?? '/maintenance.html';
      const loc = sec.args[0]?.value ?? '/';
      const pattern = lowerName(sec.name) === 'locationmatch' ? loc : `^${escapeRegex(loc)}`;
      const lines = ['RewriteEngine On'];
      for (const a of allows.flatMap(d => d.args.slice(1))) {
        const entry = parseAllowEntry(a.value);
        const re = allowRegex(entry);
        if (re) lines.push(`RewriteCond %{REMOTE_ADDR} !${re}`);
        else lines.push(`# not converted: ${a.value} (${entry.kind === 'hostname' ? 'a host name; add its address' : 'not an address'})`);
      }
      lines.push(`RewriteCond %{REQUEST_URI} !^${escapeRegex(page)}$`, `RewriteRule ${pattern} - [R=500,L]`, `ErrorDocument 500 ${page}`);
      const newText = lines.map((l, i) => (i === 0 ? l : indent + l)).join(eol);
      report(
        makeFinding(
          meta,
          sec.open.start,
          sec.open.end,
          'This <Location> keeps users out with Deny/Allow, so they get 403 Forbidden. The WebSphere and HCL Connections plug-ins answer a 403 with a login prompt that never succeeds. Use the mod_rewrite form that answers 500 (or 503) with the maintenance page.',
          { fixes: [{ title: 'Convert to the mod_rewrite maintenance form (status 500)', edits: [{ start: sec.open.start, end: sec.close.end, newText }], safe: false }] },
        ),
      );
    }
  },
};
