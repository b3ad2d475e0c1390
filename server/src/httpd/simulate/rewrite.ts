// mod_rewrite for the simulator: RewriteCond/RewriteRule chains of one scope evaluated against a request,
// step by step, with the reasons. Patterns run only through safe-regex (linear time); a pattern it
// cannot run, a map, an expression or a variable we do not know makes the step "cannot tell".
import { safeRegex } from '../../engine/safe-regex';
import { parseFlags, type Flags } from '../rewrite';
import type { Dir } from './model';

export interface Chain {
  conds: { dir: Dir; test: string; pattern: string; negated: boolean; flags: Flags }[];
  rule: Dir;
  pattern: string;
  negated: boolean;
  substitution: string;
  flags: Flags;
}

/** Chains of a list of directives (RewriteCond lines not followed by a RewriteRule are dropped). */
export function chainsOf(dirs: Dir[]): Chain[] {
  const out: Chain[] = [];
  let pending: Chain['conds'] = [];
  for (const d of dirs) {
    if (d.name === 'rewritecond' && d.args.length >= 2) {
      const raw = d.args[1];
      const negated = raw.startsWith('!');
      pending.push({ dir: d, test: d.args[0], pattern: negated ? raw.slice(1) : raw, negated, flags: parseFlags(d.node.args[2]) });
    } else if (d.name === 'rewriterule' && d.args.length >= 2) {
      const raw = d.args[0];
      const negated = raw.startsWith('!');
      out.push({ conds: pending, rule: d, pattern: negated ? raw.slice(1) : raw, negated, substitution: d.args[1], flags: parseFlags(d.node.args[2]) });
      pending = [];
    }
  }
  return out;
}

export interface RewriteEnv {
  /** %{NAME} lookups; undefined: not known here (cannot tell). */
  variable(name: string): string | undefined;
  /** -f/-d/-s checks on a path. */
  stat(path: string): 'file' | 'dir' | undefined;
  size(path: string): number | undefined;
  /** Is this an internal subrequest (DirectoryIndex lookups): rules with [NS] are skipped. */
  subrequest: boolean;
}

export interface RewriteStep {
  text: string;
  dir: Dir;
  verdict: 'match' | 'no match' | 'cannot tell' | 'skipped';
}

export type RewriteOutcome =
  | { kind: 'none' } // no rule changed anything
  | { kind: 'status'; status: number; dir: Dir }
  | { kind: 'redirect'; status: number; location: string; query?: string; dir: Dir }
  | { kind: 'rewrite'; value: string; query?: string; passThrough: boolean; dir: Dir }
  | { kind: 'unknown'; why: string; dir?: Dir };

class CannotTell extends Error {}

function expandVars(s: string, env: RewriteEnv, rule: string[], cond: string[]): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      out += s[++i];
    } else if (c === '$' && /[0-9]/.test(s[i + 1] ?? '')) {
      out += rule[Number(s[++i])] ?? '';
    } else if (c === '$' && s[i + 1] === '{') {
      throw new CannotTell(`${s}: RewriteMap lookups are not evaluated`);
    } else if (c === '%' && /[0-9]/.test(s[i + 1] ?? '')) {
      out += cond[Number(s[++i])] ?? '';
    } else if (c === '%' && s[i + 1] === '{') {
      const close = s.indexOf('}', i);
      if (close < 0) {
        out += c;
        continue;
      }
      const name = s.slice(i + 2, close);
      const v = env.variable(name);
      if (v === undefined) throw new CannotTell(`%{${name}} is not known to the simulator`);
      out += v;
      i = close;
    } else out += c;
  }
  return out;
}

function statusFromR(v: string | undefined): number {
  if (v === undefined || v === '') return 302;
  const named: Record<string, number> = { permanent: 301, temp: 302, seeother: 303 };
  if (named[v.toLowerCase()]) return named[v.toLowerCase()];
  const n = Number(v);
  return Number.isInteger(n) ? n : 302;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Runs the chains against `input` (the URL-path in server context, the path relative to the directory
 * in a <Directory>). `perDir` gives the directory prefix for per-directory rules.
 */
export function runRewrite(chains: Chain[], input: string, env: RewriteEnv, steps: RewriteStep[]): RewriteOutcome {
  let value = input;
  let changed = false;
  let query: string | undefined;
  let redirectStatus: number | null = null;
  let lastDir: Dir | undefined;
  let skip = 0;
  let chainFailed = false;
  for (let i = 0; i < chains.length; i++) {
    const ch = chains[i];
    const f = ch.flags.map;
    if (skip > 0) {
      skip--;
      steps.push({ text: `skipped by a previous [S] flag`, dir: ch.rule, verdict: 'skipped' });
      continue;
    }
    if (chainFailed) {
      steps.push({ text: `skipped: the rule it is chained to ([C]) did not match`, dir: ch.rule, verdict: 'skipped' });
      chainFailed = f.has('c');
      continue;
    }
    if (env.subrequest && f.has('ns')) {
      steps.push({ text: `skipped for the internal subrequest ([NS])`, dir: ch.rule, verdict: 'skipped' });
      continue;
    }
    const re = safeRegex(ch.pattern, f.has('nc'));
    if (!re) return unknown(steps, ch.rule, `pattern ${ch.pattern} cannot run in the linear-time regex engine (backreference, lookaround or PCRE-only syntax)`);
    const m = re.exec(value);
    const ruleMatched = ch.negated ? !m : !!m;
    if (!ruleMatched) {
      steps.push({ text: `RewriteRule ${ch.negated ? '!' : ''}${ch.pattern}: ${ch.negated ? 'matches' : 'does not match'} "${value}"${f.has('nc') ? ' [NC]' : ''}`, dir: ch.rule, verdict: 'no match' });
      if (f.has('c')) chainFailed = true;
      continue;
    }
    const captures = ch.negated || !m ? [] : [...m].map(x => x ?? '');
    steps.push({
      text: `RewriteRule ${ch.negated ? '!' : ''}${ch.pattern}: ${ch.negated ? 'does not match' : 'matches'} "${value}"${f.has('nc') ? ' [NC]' : ''}${captures.slice(1).map((c, k) => ` $${k + 1}="${c}"`).join('')}`,
      dir: ch.rule,
      verdict: 'match',
    });
    // Conditions.
    let condCaptures: string[] = [];
    let ok = true;
    try {
      for (let k = 0; k < ch.conds.length; k++) {
        const c = ch.conds[k];
        const r = evalCond(c, env, captures, condCaptures, steps);
        if (r.captures) condCaptures = r.captures;
        if (c.flags.map.has('or')) {
          if (r.result) {
            while (k < ch.conds.length && ch.conds[k].flags.map.has('or')) k++;
          }
          continue;
        }
        if (!r.result) {
          ok = false;
          break;
        }
      }
    } catch (e) {
      if (e instanceof CannotTell) return unknown(steps, ch.rule, e.message);
      throw e;
    }
    if (!ok) {
      steps.push({ text: `conditions not met: the rule does nothing`, dir: ch.rule, verdict: 'no match' });
      if (f.has('c')) chainFailed = true;
      continue;
    }
    lastDir = ch.rule;
    for (const flag of ['p', 'n']) {
      if (f.has(flag)) return unknown(steps, ch.rule, flag === 'p' ? 'proxying ([P]) is not simulated' : 'the [N] flag (loop) is not simulated');
    }
    if (f.has('f')) {
      steps.push({ text: `[F]: 403 Forbidden`, dir: ch.rule, verdict: 'match' });
      return { kind: 'status', status: 403, dir: ch.rule };
    }
    if (f.has('g')) {
      steps.push({ text: `[G]: 410 Gone`, dir: ch.rule, verdict: 'match' });
      return { kind: 'status', status: 410, dir: ch.rule };
    }
    if (f.has('r')) {
      const st = statusFromR(f.get('r'));
      if (st < 300 || st > 399) {
        steps.push({ text: `[R=${st}]: answers ${st} (a status outside 3xx drops the substitution and stops)`, dir: ch.rule, verdict: 'match' });
        return { kind: 'status', status: st, dir: ch.rule };
      }
      redirectStatus = st;
    }
    if (ch.substitution !== '-') {
      let sub: string;
      try {
        sub = expandVars(ch.substitution, env, captures, condCaptures);
      } catch (e) {
        if (e instanceof CannotTell) return unknown(steps, ch.rule, e.message);
        throw e;
      }
      const q = sub.indexOf('?');
      if (q >= 0) {
        const qs = sub.slice(q + 1);
        query = f.has('qsa') && env.variable('QUERY_STRING') ? (qs ? `${qs}&${env.variable('QUERY_STRING')}` : env.variable('QUERY_STRING')) : qs;
        sub = sub.slice(0, q);
      } else if (f.has('qsd')) query = '';
      value = sub;
      changed = true;
      steps.push({ text: `rewrites to "${sub}"${q >= 0 ? ` with query "${query}"` : ''}`, dir: ch.rule, verdict: 'match' });
    }
    if (f.has('pt') && changed) {
      return { kind: 'rewrite', value, query, passThrough: true, dir: ch.rule };
    }
    if (f.has('l') || f.has('end')) break;
    if (f.has('s')) skip = Number(f.get('s')) || 0;
  }
  if (redirectStatus !== null && lastDir) return { kind: 'redirect', status: redirectStatus, location: value, query, dir: lastDir };
  if (!changed || !lastDir) return { kind: 'none' };
  if (ABSOLUTE.test(value)) return { kind: 'redirect', status: 302, location: value, query, dir: lastDir };
  return { kind: 'rewrite', value, query, passThrough: false, dir: lastDir };
}

function unknown(steps: RewriteStep[], dir: Dir, why: string): RewriteOutcome {
  steps.push({ text: `cannot tell: ${why}`, dir, verdict: 'cannot tell' });
  return { kind: 'unknown', why, dir };
}

function evalCond(
  c: Chain['conds'][number],
  env: RewriteEnv,
  rule: string[],
  cond: string[],
  steps: RewriteStep[],
): { result: boolean; captures?: string[] } {
  const nc = c.flags.map.has('nc');
  if (c.test.toLowerCase() === 'expr') throw new CannotTell(`RewriteCond expr "${c.pattern}" is not evaluated`);
  const test = expandVars(c.test, env, rule, cond);
  const p = c.pattern;
  let raw: boolean;
  let captures: string[] | undefined;
  let how: string;
  if (/^-[fdsFUlLhxH]$/.test(p) || p === '-l') {
    const k = env.stat(test);
    if (p === '-f') raw = k === 'file';
    else if (p === '-d') raw = k === 'dir';
    else if (p === '-s') raw = k === 'file' && (env.size(test) ?? 0) > 0;
    else throw new CannotTell(`the ${p} test is not simulated`);
    how = `"${test}" ${raw ? 'is' : 'is not'} ${p === '-d' ? 'a directory' : p === '-s' ? 'a non-empty file' : 'a file'} on disk`;
  } else if (/^[<>=]/.test(p) && !/^(=|<|>)~/.test(p)) {
    const op = p.startsWith('<=') || p.startsWith('>=') ? p.slice(0, 2) : p[0];
    let operand = p.slice(op.length);
    if (op === '=' && operand === '""') operand = '';
    const a = nc ? test.toLowerCase() : test;
    const b = nc ? operand.toLowerCase() : operand;
    raw = op === '=' ? a === b : op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    how = `"${test}" ${op} "${operand}" is ${raw}`;
  } else if (/^-(eq|ne|lt|le|gt|ge|ipmatch|strmatch|strcmatch|fnmatch)/.test(p)) {
    throw new CannotTell(`the ${p} comparison is not simulated`);
  } else {
    const re = safeRegex(p, nc);
    if (!re) throw new CannotTell(`pattern ${p} cannot run in the linear-time regex engine`);
    const m = re.exec(test);
    raw = !!m;
    if (m && !c.negated) captures = [...m].map(x => x ?? '');
    how = `"${test}" ${raw ? 'matches' : 'does not match'} ${p}${nc ? ' [NC]' : ''}`;
  }
  const result = c.negated ? !raw : raw;
  steps.push({
    text: `RewriteCond ${c.test} ${c.negated ? '!' : ''}${p}: ${how}${c.negated ? ', negated' : ''} -> ${result ? 'true' : 'false'}${c.flags.map.has('or') ? ' [OR]' : ''}`,
    dir: c.dir,
    verdict: result ? 'match' : 'no match',
  });
  return { result, captures };
}
