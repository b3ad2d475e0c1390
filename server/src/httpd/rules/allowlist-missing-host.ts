import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { safeTest } from '../../engine/safe-regex';
import { detectEol } from '../../engine/text';
import type { Project } from '../../engine/workspace';
import { allowRegex, entryContains, parseAllowEntry, type AllowEntry } from '../addresses';
import type { HttpdConfig } from '../config';
import { requiredHosts, type RequiredHost } from '../deployment';
import type { HttpdRule } from '../lint';
import { allowlistConds, isMaintenanceChain, rewriteChains, type Cond } from '../rewrite';
import { lowerName } from '../syntax';

const meta = defineRule({
  code: 'httpd/allowlist-missing-host',
  language: 'apacheconf',
  title: 'A host that must keep access during maintenance has no allowlist entry',
  defaultSeverity: 'warning',
  fix: 'safe',
});

/** Hosts named in a message; the rest are counted ("and 480 more"). */
const LISTED = 8;

interface Host {
  h: RequiredHost;
  entry: AllowEntry;
  /** The anchored regex that allowlists exactly this host (null for host names). */
  re: string | null;
}

function describe(h: RequiredHost): string {
  return `${h.host} (from ${h.source})`;
}

/** The required hosts, each once (by lower-case name), parsed once per configuration version. */
function uniqueHosts(project: Project, config: HttpdConfig): Host[] {
  return project.memo(`allowlist-hosts:${config.root}`, () => {
    const seen = new Set<string>();
    const out: Host[] = [];
    for (const h of requiredHosts(project, config)) {
      const key = h.host.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = parseAllowEntry(h.host);
      if (entry.kind !== 'invalid') out.push({ h, entry, re: allowRegex(entry) });
    }
    return out;
  });
}

/**
 * The required hosts an allowlist (its negated client conditions) lets through to the maintenance page.
 * Memoized by the conditions' patterns: a thousand virtual hosts with the same allowlist cost one check.
 */
function missingFrom(project: Project, config: HttpdConfig, allow: Cond[]): Host[] {
  const key = allow.map(c => (c.flags.map.has('nc') ? 'i' : '-') + c.pattern).join('\n');
  return project.memo(`allowlist-missing:${config.root}\n${key}`, () =>
    uniqueHosts(project, config).filter(({ h, entry }) => {
      const subject = entry.kind === 'hostname' ? h.host : entry.kind === 'invalid' ? entry.text : entry.address;
      let covered: boolean | null = false;
      for (const c of allow) {
        const m = safeTest(c.pattern, subject, c.flags.map.has('nc') || entry.kind === 'hostname');
        if (m === null) covered = covered || null;
        else if (m) covered = true;
        if (covered) break;
      }
      // null: some pattern could not be run safely; that is "cannot tell", never a finding.
      return covered === false;
    }),
  );
}

/** The RewriteCond lines that allowlist the hosts, built once per missing-host list and indentation. */
const linesCache = new WeakMap<Host[], Map<string, { text: string; count: number }>>();
function conditionLines(missing: Host[], pad: string, eol: string): { text: string; count: number } {
  let byPad = linesCache.get(missing);
  if (!byPad) linesCache.set(missing, (byPad = new Map()));
  const key = pad + '\0' + eol;
  let hit = byPad.get(key);
  if (!hit) {
    const res = missing.map(x => x.re).filter((re): re is string => !!re);
    hit = { text: res.map(re => `${pad}RewriteCond %{REMOTE_ADDR} !${re}${eol}`).join(''), count: res.length };
    byPad.set(key, hit);
  }
  return hit;
}

/**
 * The message and fix title of a chain that misses `missing`, worked out once per missing-host list: a
 * thousand virtual hosts with the same allowlist miss the same (memoized) list, and each of its thousands of
 * hosts would otherwise be looked at again for every chain.
 */
const messageCache = new WeakMap<Host[], { message: string; fixTitle: string }>();
function chainMessage(missing: Host[], addable: number): { message: string; fixTitle: string } {
  let hit = messageCache.get(missing);
  if (hit) return hit;
  let names = 0;
  for (let i = 0; i < missing.length; i++) if (missing[i].entry.kind === 'hostname') names++;
  let message: string;
  if (missing.length === 1) {
    message =
      names === 1
        ? `${describe(missing[0].h)} has no allowlist entry, and %{REMOTE_ADDR} compares addresses: add a condition with its IP address, or it gets the maintenance page too.`
        : `${describe(missing[0].h)} has no allowlist entry: during maintenance it gets the maintenance page too.`;
  } else {
    message = `${missing.length} hosts that must keep access have no allowlist entry: ${listHosts(missing)}. During maintenance they get the maintenance page too.`;
    if (names) message += ` ${names === 1 ? 'One is a host name' : `${names} are host names`}, and %{REMOTE_ADDR} compares addresses: allowlist their IP addresses.`;
  }
  const fixTitle = addable === 1 ? `Allowlist ${missing.find(x => x.re)!.h.host}` : `Allowlist the ${addable} missing hosts`;
  messageCache.set(missing, (hit = { message, fixTitle }));
  return hit;
}

function listHosts(hosts: Host[]): string {
  const shown = hosts.slice(0, LISTED).map(x => describe(x.h)).join(', ');
  return hosts.length > LISTED ? `${shown} and ${hosts.length - LISTED} more` : shown;
}

export const allowlistMissingHost: HttpdRule = {
  meta,
  unitLocal: true,
  check({ project, config, file, tree, report }) {
    const required = uniqueHosts(project, config);
    if (!required.length) return;
    const eol = detectEol(file.text);

    // mod_rewrite allowlists: negated client conditions in front of an error-status rule. One finding per
    // chain, naming every host it misses, with one fix that adds them all.
    for (const ch of rewriteChains(tree)) {
      if (!isMaintenanceChain(ch)) continue;
      const allow = allowlistConds(ch);
      if (!allow.length) continue;
      const missing = missingFrom(project, config, allow);
      if (!missing.length) continue;
      const first = allow[0].node;
      const indent = file.text.slice(first.lineStart, first.start);
      const pad = /^[ \t]*$/.test(indent) ? indent : '';
      const lines = conditionLines(missing, pad, eol);
      const { message, fixTitle } = chainMessage(missing, lines.count);
      const fixes: Fix[] | undefined = lines.count ? [{ title: fixTitle, edits: [{ start: first.lineStart, end: first.lineStart, newText: lines.text }], safe: true }] : undefined;
      report(makeFinding(meta, ch.rule.nameSpan.start, ch.rule.nameSpan.end, message, { fixes }));
    }

    // Deny-based allowlists: <Location> with Deny from all and Allow from lines.
    for (let _seci = 0, _secs = tree.sections; _seci < _secs.length; _seci++) {
      const sec = _secs[_seci];
      const ds = sec.children.filter(n => n.kind === 'directive');
      const denyAll = ds.some(d => lowerName(d.name) === 'deny' && d.args.map(a => a.value.toLowerCase()).join(' ') === 'from all');
      if (!denyAll) continue;
      const allows = ds.filter(d => lowerName(d.name) === 'allow' && d.args[0]?.value.toLowerCase() === 'from');
      if (!allows.length) continue;
      const entries = allows.flatMap(d => d.args.slice(1).map(a => parseAllowEntry(a.value)));
      const last = allows[allows.length - 1];
      const indent = file.text.slice(last.lineStart, last.start);
      const pad = /^[ \t]*$/.test(indent) ? indent : '';
      const missing = required.filter(({ h, entry }) =>
        entry.kind === 'hostname'
          ? !entries.some(e => e.kind === 'hostname' && e.text.toLowerCase() === h.host.toLowerCase())
          : entry.kind !== 'invalid' && !entries.some(e => entryContains(e, entry.address)),
      );
      if (!missing.length) continue;
      const lineEnd = file.text.indexOf('\n', last.end);
      const message =
        missing.length === 1
          ? `${describe(missing[0].h)} has no Allow from entry in this block: during maintenance it is refused too.`
          : `${missing.length} hosts that must keep access have no Allow from entry in this block: ${listHosts(missing)}. During maintenance they are refused too.`;
      report(
        makeFinding(meta, sec.open.start, sec.open.end, message, {
          fixes:
            lineEnd >= 0
              ? [
                  {
                    title: missing.length === 1 ? `Allow ${missing[0].h.host}` : `Allow the ${missing.length} missing hosts`,
                    edits: [{ start: lineEnd + 1, end: lineEnd + 1, newText: missing.map(x => `${pad}Allow from ${x.h.host}${eol}`).join('') }],
                    safe: true,
                  },
                ]
              : undefined,
        }),
      );
    }
  },
};
