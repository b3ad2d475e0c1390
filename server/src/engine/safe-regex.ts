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
  // Most allowlist patterns are a plain string, anchored or not (`^10\.1\.2\.3$`): compared as strings,
  // without a regex or a remembered answer (a thousand virtual hosts times thousands of addresses).
  const lit = literalPattern(pattern);
  if (lit) return literalTest(lit, input, caseInsensitive);
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

/** A pattern that only matches one string: `text`, at the start (`^`) and/or the end (`$`) or anywhere. */
export interface LiteralPattern {
  text: string;
  lower: string;
  start: boolean;
  end: boolean;
}

const literals = new Map<string, LiteralPattern | null>();

/**
 * The literal a pattern stands for, or null when it has any regex operator: characters other than
 * `. ^ $ * + ? ( ) [ ] { } | \`, backslash-escaped punctuation (`\.`, `\-`, `\/`), an optional leading `^`
 * and trailing `$`. `\d`, `\w`, `\b` ... are classes or assertions, not literals.
 */
export function literalPattern(pattern: string): LiteralPattern | null {
  let hit = literals.get(pattern);
  if (hit !== undefined) return hit;
  hit = parseLiteral(pattern);
  if (literals.size > 20000) literals.clear();
  literals.set(pattern, hit);
  return hit;
}

function parseLiteral(pattern: string): LiteralPattern | null {
  if (pattern.length > 1024) return null;
  let i = 0;
  let n = pattern.length;
  const start = pattern.startsWith('^');
  if (start) i = 1;
  // A trailing `$` anchors unless it is escaped (`\$`: an odd number of backslashes before it).
  let end = false;
  if (n > i && pattern.charCodeAt(n - 1) === 36 /* $ */) {
    let bs = 0;
    for (let k = n - 2; k >= i && pattern.charCodeAt(k) === 92; k--) bs++;
    if (bs % 2 === 0) {
      end = true;
      n--;
    }
  }
  let text = '';
  for (; i < n; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (i + 1 >= n || /[0-9A-Za-z]/.test(next)) return null;
      text += next;
      i++;
    } else if ('.^$*+?()[]{}|'.includes(c)) {
      return null;
    } else {
      text += c;
    }
  }
  return { text, lower: asciiLower(text), start, end };
}

function literalTest(lit: LiteralPattern, input: string, caseInsensitive: boolean): boolean {
  // The regex path folds ASCII letters only (caseFold): so does this one.
  const s = caseInsensitive ? asciiLower(input) : input;
  const t = caseInsensitive ? lit.lower : lit.text;
  if (lit.start && lit.end) return s === t;
  if (lit.start) return s.startsWith(t);
  if (lit.end) return s.endsWith(t);
  return s.includes(t);
}

function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]/g, c => String.fromCharCode(c.charCodeAt(0) + 32)) : s;
}
