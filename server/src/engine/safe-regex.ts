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

/** Compiles a PCRE-style pattern for linear-time matching, or returns null when that is not possible. */
export function safeRegex(pattern: string, caseInsensitive = false): RegExp | null {
  const key = `${caseInsensitive ? 'i' : '-'}${pattern}`;
  if (cache.has(key)) return cache.get(key)!;
  let re: RegExp | null = null;
  if (linearAvailable() && pattern.length <= 4096) {
    try {
      re = new RegExp(pattern, caseInsensitive ? 'il' : 'l');
    } catch {
      re = null;
    }
  }
  if (cache.size > 2000) cache.clear();
  cache.set(key, re);
  return re;
}

/** true/false when the pattern could be run safely, null when it could not. */
export function safeTest(pattern: string, input: string, caseInsensitive = false): boolean | null {
  const re = safeRegex(pattern, caseInsensitive);
  return re ? re.test(input) : null;
}
