// Running a regular expression written by a user (an Apache RewriteCond pattern, say) without the risk
// of catastrophic backtracking: patterns are compiled with V8's linear-time engine (the `l` flag), which
// refuses what it cannot run in linear time (backreferences, lookarounds). Such a pattern, or PCRE
// syntax JavaScript lacks, gives null: callers treat it as "cannot tell", never as a match.
import * as v8 from 'node:v8';

let linear: boolean | null = null;

function linearAvailable(): boolean {
  if (linear !== null) return linear;
  try {
    v8.setFlagsFromString('--enable-experimental-regexp-engine');
    linear = new RegExp('a', 'l').flags.includes('l');
  } catch {
    linear = false;
  }
  return linear;
}

const cache = new Map<string, RegExp | null>();

/**
 * The linear engine has no `i` flag: letters become two-case classes instead (`a` -> `[aA]`, and a
 * class gets its other-case letters). Escapes (`\d`, `\W` ...) are kept as they are.
 */
export function caseFold(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      const close = findClassEnd(pattern, i);
      const body = pattern.slice(i + 1, close);
      const extra = body.includes('\\') ? '' : body.replace(/^\^/, '').replace(/[a-zA-Z]/g, ch => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()));
      out += `[${body}${extra}]`;
      i = close;
    } else if (/[a-zA-Z]/.test(c)) out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else out += c;
  }
  return out;
}

function findClassEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  for (; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']') return i;
  }
  return p.length;
}

/** Compiles a PCRE-style pattern for linear-time matching, or returns null when that is not possible. */
export function safeRegex(pattern: string, caseInsensitive = false): RegExp | null {
  const key = `${caseInsensitive ? 'i' : '-'}${pattern}`;
  if (cache.has(key)) return cache.get(key)!;
  let re: RegExp | null = null;
  if (linearAvailable() && pattern.length <= 4096) {
    try {
      re = new RegExp(caseInsensitive ? caseFold(pattern) : pattern, 'l');
    } catch {
      re = null;
    }
  }
  if (cache.size > 2000) cache.clear();
  cache.set(key, re);
  return re;
}

const results = new Map<string, boolean | null>();

/**
 * true/false when the pattern could be run safely, null when it could not. Answers are remembered: the
 * linear engine is slow to start a match, and a configuration asks the same question of every virtual
 * host (does this allowlist pattern admit that address, does this rule catch that page).
 */
export function safeTest(pattern: string, input: string, caseInsensitive = false): boolean | null {
  const re0 = () => safeRegex(pattern, caseInsensitive);
  if (pattern.length + input.length > 1024) {
    const re = re0();
    return re ? re.test(input) : null;
  }
  const key = `${caseInsensitive ? 'i' : '-'}${pattern}\0${input}`;
  const known = results.get(key);
  if (known !== undefined) return known;
  const re = re0();
  const answer = re ? re.test(input) : null;
  if (results.size > 20000) results.clear();
  results.set(key, answer);
  return answer;
}
