import { defineRule, makeFinding } from '../../engine/rules';
import { safeTest } from '../../engine/safe-regex';
import { detectEol } from '../../engine/text';
import { allowRegex, entryContains, parseAllowEntry } from '../addresses';
import { requiredHosts, type RequiredHost } from '../deployment';
import type { HttpdRule } from '../lint';
import { allowlistConds, isMaintenanceChain, rewriteChains } from '../rewrite';

const meta = defineRule({
  code: 'httpd/allowlist-missing-host',
  language: 'apacheconf',
  title: 'A host that must keep access during maintenance has no allowlist entry',
  defaultSeverity: 'warning',
  fix: 'safe',
});

function describe(h: RequiredHost): string {
  return `${h.host} (from ${h.source})`;
}

export const allowlistMissingHost: HttpdRule = {
  meta,
  check({ project, config, file, tree, report }) {
    const required = requiredHosts(project, config);
    if (!required.length) return;
    const eol = detectEol(file.text);

    // mod_rewrite allowlists: negated client conditions in front of an error-status rule.
    for (const ch of rewriteChains(tree)) {
      if (!isMaintenanceChain(ch)) continue;
      const allow = allowlistConds(ch);
      if (!allow.length) continue;
      const first = allow[0].node;
      const indent = file.text.slice(first.lineStart, first.start);
      const seen = new Set<string>();
      for (const h of required) {
        if (seen.has(h.host.toLowerCase())) continue;
        seen.add(h.host.toLowerCase());
        const entry = parseAllowEntry(h.host);
        if (entry.kind === 'invalid') continue;
        const subject = entry.kind === 'hostname' ? h.host : entry.address;
        let covered: boolean | null = false;
        for (const c of allow) {
          const m = safeTest(c.pattern, subject, c.flags.map.has('nc') || entry.kind === 'hostname');
          if (m === null) covered = covered || null;
          else if (m) covered = true;
        }
        if (covered !== false) continue;
        const re = allowRegex(entry);
        report(
          makeFinding(
            meta,
            ch.rule.nameSpan.start,
            ch.rule.nameSpan.end,
            entry.kind === 'hostname'
              ? `${describe(h)} has no allowlist entry, and %{REMOTE_ADDR} compares addresses: add a condition with its IP address, or it gets the maintenance page too.`
              : `${describe(h)} has no allowlist entry: during maintenance it gets the maintenance page too.`,
            {
              fixes: re
                ? [
                    {
                      title: `Allowlist ${h.host}`,
                      edits: [{ start: first.lineStart, end: first.lineStart, newText: `${/^[ \t]*$/.test(indent) ? indent : ''}RewriteCond %{REMOTE_ADDR} !${re}${eol}` }],
                      safe: true,
                    },
                  ]
                : undefined,
            },
          ),
        );
      }
    }

    // Deny-based allowlists: <Location> with Deny from all and Allow from lines.
    for (const sec of tree.sections) {
      const ds = sec.children.filter(n => n.kind === 'directive');
      const denyAll = ds.some(d => d.name.toLowerCase() === 'deny' && d.args.map(a => a.value.toLowerCase()).join(' ') === 'from all');
      const allows = ds.filter(d => d.name.toLowerCase() === 'allow' && d.args[0]?.value.toLowerCase() === 'from');
      if (!denyAll || !allows.length) continue;
      const entries = allows.flatMap(d => d.args.slice(1).map(a => parseAllowEntry(a.value)));
      const last = allows[allows.length - 1];
      const indent = file.text.slice(last.lineStart, last.start);
      for (const h of required) {
        const entry = parseAllowEntry(h.host);
        const ok =
          entry.kind === 'hostname'
            ? entries.some(e => e.kind === 'hostname' && e.text.toLowerCase() === h.host.toLowerCase())
            : entry.kind !== 'invalid' && entries.some(e => entryContains(e, entry.address));
        if (ok || entry.kind === 'invalid') continue;
        const lineEnd = file.text.indexOf('\n', last.end);
        report(
          makeFinding(meta, sec.open.start, sec.open.end, `${describe(h)} has no Allow from entry in this block: during maintenance it is refused too.`, {
            fixes:
              lineEnd >= 0
                ? [{ title: `Allow ${h.host}`, edits: [{ start: lineEnd + 1, end: lineEnd + 1, newText: `${/^[ \t]*$/.test(indent) ? indent : ''}Allow from ${h.host}${eol}` }], safe: true }]
                : undefined,
          }),
        );
      }
    }
  },
};
