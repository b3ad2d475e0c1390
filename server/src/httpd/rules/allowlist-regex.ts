import { defineRule, makeFinding, type Fix } from '../../engine/rules';
import { analyseAllowlist, describe } from '../ipv4-admits';
import type { HttpdRule } from '../lint';
import { allowlistConds, isMaintenanceChain, rewriteChains, type Cond } from '../rewrite';

const meta = defineRule({
  code: 'httpd/allowlist-regex',
  language: 'apacheconf',
  title: 'An allowlist condition that admits more clients than it names',
  defaultSeverity: 'warning',
  fix: 'unsafe',
});

/** Splits a pattern at top-level `|` (outside groups and classes). */
function topLevelAlternatives(p: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      cur += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

function hasUnescapedDot(p: string): boolean {
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '.') {
      const next = p[i + 1];
      // `.*`, `.+` and `.?` are deliberate wildcards, not a forgotten escape between octets.
      if (next !== '*' && next !== '+' && next !== '?' && next !== '{') return true;
    }
  }
  return false;
}

/** An alternative that is an address or an address prefix once anchors and escapes are removed. */
function literalOf(alt: string): string | null {
  const s = alt.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\./g, '.');
  return /^[0-9a-fA-F:.]+$/.test(s) && /[0-9]/.test(s) ? s : null;
}

function escapeDots(s: string): string {
  return s.replace(/\./g, '\\.');
}

/** The escaped, anchored form of an allowlist pattern made of literal addresses or prefixes. */
export function fixedPattern(pattern: string): string | null {
  const inner = pattern.replace(/^\^\(\?:(.*)\)\$$/, '$1').replace(/^\^\((.*)\)\$$/, '$1');
  const alts = topLevelAlternatives(inner).map(literalOf);
  if (alts.some(a => a === null)) return null;
  const parts = (alts as string[]).map(a => escapeDots(a) + (/[.:]$/.test(a) ? '' : '$'));
  if (parts.length === 1) return `^${parts[0]}`;
  const allFull = parts.every(p => p.endsWith('$'));
  return allFull ? `^(?:${parts.map(p => p.slice(0, -1)).join('|')})$` : `^(?:${parts.join('|')})`;
}

/** Findings by pattern: a thousand virtual hosts repeating one allowlist pay for its analysis once. */
const problemCache = new Map<string, string[]>();

function problems(c: Cond): string[] {
  const hit = problemCache.get(c.pattern);
  if (hit) return hit;
  const found = analyse(c.pattern);
  if (problemCache.size > 5000) problemCache.clear();
  problemCache.set(c.pattern, found);
  return found;
}

function analyse(p: string): string[] {
  // `=10.1.2.3` (string equality), `<`/`>` comparisons, `-ipmatch 10.0.0.0/8` and the other tests: no regex.
  if (/^[=<>-]/.test(p)) return [];
  // Digits, dots and anchors: count what it really admits among IPv4 addresses.
  const a = analyseAllowlist(p);
  if (a) {
    if (!a.extra.length) return [];
    const why: string[] = [];
    if (a.because.dots) why.push('its dots are not escaped (each one matches any character)');
    if (a.because.end) why.push(a.intended.length > 1 || p.includes('|') ? 'it is not anchored with $' : 'it has no $');
    if (a.because.start) why.push('it has no ^');
    const admits = `besides ${describe(a.intended, 2)} it also admits ${describe(a.extra)}`;
    return [why.length ? `${why.join(' and ')}, so ${admits}` : admits];
  }
  const out: string[] = [];
  const alts = topLevelAlternatives(p);
  if (hasUnescapedDot(p)) out.push('its dots are not escaped, so each one matches any character');
  if (alts.length > 1) {
    if (!alts.every(a => a.startsWith('^') && a.endsWith('$'))) out.push('its alternation is not anchored as a whole (write ^(?:a|b)$)');
  } else {
    if (!p.startsWith('^')) out.push('it has no ^, so it also matches addresses that merely end with it');
    const lit = literalOf(p);
    if (!p.endsWith('$') && lit && /[0-9a-fA-F]$/.test(lit)) {
      out.push(`it has no $, so ${lit} also admits ${lit}0-${lit}9 and longer addresses`);
    }
  }
  return out;
}

export const allowlistRegex: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, report }) {
    for (const ch of rewriteChains(tree)) {
      if (!isMaintenanceChain(ch)) continue;
      const allow = allowlistConds(ch);
      for (const c of allow) {
        const found = problems(c);
        if (found.length) {
          const fixed = fixedPattern(c.pattern);
          const fixes: Fix[] | undefined = fixed
            ? [{ title: `Change to !${fixed}`, edits: [{ start: c.patternArg.start, end: c.patternArg.end, newText: `!${fixed}` }], safe: false }]
            : undefined;
          report(
            makeFinding(meta, c.patternArg.start, c.patternArg.end, `This allowlist condition lets more clients in than it names: ${found.join('; ')}.`, { fixes }),
          );
        }
        if (c.flags.map.has('or') && allow.length > 1 && c.flags.arg) {
          const arg = c.flags.arg;
          const rest = [...c.flags.map.keys()].filter(k => k !== 'or');
          const start = rest.length ? arg.start : c.node.args[1].end;
          const newText = rest.length ? `[${arg.value.slice(1, -1).split(',').filter(f => !/^\s*(or|ornext)\s*$/i.test(f)).join(',')}]` : '';
          report(
            makeFinding(
              meta,
              arg.start,
              arg.end,
              '[OR] joins negated allowlist conditions: the rule then applies to every client that misses any one entry, which locks everybody out (or, reversed, lets everybody in). Allowlist conditions must be ANDed.',
              { fixes: [{ title: 'Remove [OR]', edits: [{ start, end: arg.end, newText }], safe: false }] },
            ),
          );
        }
      }
    }
  },
};
