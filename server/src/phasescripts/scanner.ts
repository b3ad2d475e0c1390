// A light PowerShell scanner: just enough to find where a script reads or sets an environment
// variable, and to know whether that place is code, an expandable string or text PowerShell never
// expands (comments, single-quoted strings and here-strings). It is not a PowerShell parser (the
// PowerShell extension does that); it never throws and visits each character a bounded number of
// times, with an explicit stack instead of recursion, so any input (binary, huge, half-typed) is fine.

export type EnvRefForm =
  /** `$env:NAME` */
  | 'variable'
  /** `${env:NAME}` */
  | 'braced'
  /** `env:NAME` or `env:\NAME`, a path of the Env: drive (Get-Item, Test-Path ...) */
  | 'provider'
  /** `[Environment]::GetEnvironmentVariable('NAME')` and its Set counterpart */
  | 'dotnet';

export interface EnvRef {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** The whole reference (`$env:NAME`, `${env:NAME}`, `env:NAME`, the name in the .NET call). */
  start: number;
  end: number;
  form: EnvRefForm;
  /** In an expandable string ("..." or @"..."@): there a `$env:` name ends at the first non-name character. */
  inString: boolean;
  /** The script sets the variable here (`$env:X = ...`, `Set-Item env:X`, `SetEnvironmentVariable`). */
  assigned: boolean;
}

export interface PhaseScriptTree {
  envRefs: EnvRef[];
}

type Frame =
  /** Code; `sub` when it is a `$( )` inside an expandable string, closed by the `)` at depth 0. */
  | { kind: 'code'; sub: boolean; parens: number }
  | { kind: 'string'; here: boolean; start: number };

const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);
const isSingle = (c: string | undefined) => c !== undefined && SINGLE_QUOTES.has(c);
const isDouble = (c: string | undefined) => c !== undefined && DOUBLE_QUOTES.has(c);

/** A character that can continue an unbraced variable name (`$env:E_MODULE_PATH`). */
export function isNameChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return /[\p{L}\p{N}]/u.test(c);
}

const COMMENT_BEFORE = new Set([' ', '\t', '\r', '\n', '\f', '\v', ';', '(', ')', '{', '}', '|', '&', ',', '=', '\u00A0', '\uFEFF']);
const MAX_LOOKBACK = 200;

export function scanPowerShell(text: string): PhaseScriptTree {
  const refs: EnvRef[] = [];
  const n = text.length;
  const stack: Frame[] = [{ kind: 'code', sub: false, parens: 0 }];
  const lower4 = (at: number) => text.slice(at, at + 4).toLowerCase();

  /** Reads an unbraced name from `from`; returns its end. */
  const nameEnd = (from: number) => {
    let j = from;
    while (j < n && isNameChar(text[j])) j++;
    return j;
  };
  /** After `$env:NAME` in code: is it the target of `=`, `+=`, `??=` ...? */
  const assignedAfter = (from: number) => {
    let k = from;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    if (text[k] === '=') return text[k + 1] !== '=';
    if (/^(?:[+\-*/%]|\?\?)=/.test(text.slice(k, k + 3))) return true;
    return false;
  };
  /** Is the `env:` path at `at` the target of Set-Item / New-Item on the same line? */
  const setByCmdlet = (at: number) => {
    const from = Math.max(0, at - MAX_LOOKBACK);
    const before = text.slice(from, at);
    const line = before.slice(Math.max(before.lastIndexOf('\n'), before.lastIndexOf(';')) + 1);
    return /\b(?:Set|New)-Item\b/i.test(line);
  };
  /** `${...}` starting at `at` (the `$`): returns the index after `}`; records `${env:NAME}`. */
  const braced = (at: number, inString: boolean) => {
    let j = at + 2;
    while (j < n && text[j] !== '}') j += text[j] === '`' ? 2 : 1;
    const end = Math.min(j + 1, n);
    if (j < n && lower4(at + 2) === 'env:' && j > at + 6) {
      const nameStart = at + 6;
      refs.push({
        name: text.slice(nameStart, j),
        nameStart,
        nameEnd: j,
        start: at,
        end,
        form: 'braced',
        inString,
        assigned: !inString && assignedAfter(end),
      });
    }
    return end;
  };
  /** `$env:NAME` at `at` (the `$`); returns the index after the name. */
  const dollarEnv = (at: number, inString: boolean) => {
    const nameStart = at + 5;
    const e = nameEnd(nameStart);
    if (e > nameStart) {
      refs.push({
        name: text.slice(nameStart, e),
        nameStart,
        nameEnd: e,
        start: at,
        end: e,
        form: 'variable',
        inString,
        assigned: !inString && assignedAfter(e),
      });
    }
    return e;
  };
  /** A string literal's content seen from code: a whole `env:NAME` path, or the name given to a .NET call. */
  const literal = (quoteAt: number, contentStart: number, contentEnd: number) => {
    const content = text.slice(contentStart, contentEnd);
    const m = /^env:[\\/]?([A-Za-z0-9_]+)$/i.exec(content);
    if (m) {
      const nameStart = contentEnd - m[1].length;
      refs.push({ name: m[1], nameStart, nameEnd: contentEnd, start: contentStart, end: contentEnd, form: 'provider', inString: false, assigned: setByCmdlet(quoteAt) });
      return;
    }
    if (!/^[A-Za-z0-9_]+$/.test(content)) return;
    const before = text.slice(Math.max(0, quoteAt - 60), quoteAt);
    const call = /\b(Get|Set)EnvironmentVariable\s*\(\s*$/i.exec(before);
    if (call) {
      refs.push({
        name: content,
        nameStart: contentStart,
        nameEnd: contentEnd,
        start: contentStart,
        end: contentEnd,
        form: 'dotnet',
        inString: false,
        assigned: call[1].toLowerCase() === 'set',
      });
    }
  };
  /** Only blanks between `from` and the end of the line (what a here-string opener needs). */
  const blankToEol = (from: number) => {
    let k = from;
    while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
    return k >= n || text[k] === '\n' || text[k] === '\r';
  };
  /** Index after the closing `'@` / `"@` of a here-string whose body starts at `from`, or n. */
  const hereEnd = (from: number, closing: (c: string | undefined) => boolean) => {
    let k = from;
    while (k < n) {
      const nl = text.indexOf('\n', k);
      if (nl < 0) return n;
      let m = nl + 1;
      while (m < n && (text[m] === ' ' || text[m] === '\t')) m++;
      if (closing(text[m]) && text[m + 1] === '@') return m + 2;
      k = nl + 1;
    }
    return n;
  };

  let i = 0;
  while (i < n) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.kind === 'string') {
      if (c === '`') {
        i += 2;
      } else if (!top.here && isDouble(c)) {
        if (isDouble(text[i + 1])) {
          i += 2; // "" is a quote inside the string
        } else {
          stack.pop();
          literal(top.start, top.start + 1, i);
          i++;
        }
      } else if (top.here && c === '\n') {
        let m = i + 1;
        while (m < n && (text[m] === ' ' || text[m] === '\t')) m++;
        if (isDouble(text[m]) && text[m + 1] === '@') {
          stack.pop();
          i = m + 2;
        } else i++;
      } else if (c === '$') {
        const next = text[i + 1];
        if (next === '(') {
          stack.push({ kind: 'code', sub: true, parens: 0 });
          i += 2;
        } else if (next === '{') {
          i = braced(i, true);
        } else if (lower4(i + 1) === 'env:') {
          i = Math.max(i + 5, dollarEnv(i, true));
        } else i++;
      } else i++;
      continue;
    }

    // code
    if (c === '#') {
      const prev = text[i - 1];
      if (i === 0 || COMMENT_BEFORE.has(prev)) {
        const nl = text.indexOf('\n', i);
        i = nl < 0 ? n : nl;
        continue;
      }
      i++;
    } else if (c === '<' && text[i + 1] === '#') {
      const close = text.indexOf('#>', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '`') {
      i += 2;
    } else if (c === '@' && isSingle(text[i + 1]) && blankToEol(i + 2)) {
      i = hereEnd(i + 2, isSingle);
    } else if (c === '@' && isDouble(text[i + 1]) && blankToEol(i + 2)) {
      stack.push({ kind: 'string', here: true, start: i + 1 });
      i += 2;
    } else if (isSingle(c)) {
      let j = i + 1;
      while (j < n) {
        if (isSingle(text[j])) {
          if (isSingle(text[j + 1])) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      if (j < n) literal(i, i + 1, j);
      i = j + 1;
    } else if (isDouble(c)) {
      stack.push({ kind: 'string', here: false, start: i });
      i++;
    } else if (c === '$') {
      const next = text[i + 1];
      if (next === '{') i = braced(i, false);
      else if (lower4(i + 1) === 'env:') i = Math.max(i + 5, dollarEnv(i, false));
      else if (next === '(') {
        top.parens++;
        i += 2;
      } else i++;
    } else if (c === '(') {
      top.parens++;
      i++;
    } else if (c === ')') {
      if (top.sub && top.parens === 0) stack.pop();
      else if (top.parens > 0) top.parens--;
      i++;
    } else if ((c === 'e' || c === 'E') && lower4(i) === 'env:' && !isNameChar(text[i - 1]) && !'$:{-.'.includes(text[i - 1] ?? ' ')) {
      let nameStart = i + 4;
      if (text[nameStart] === '\\' || text[nameStart] === '/') nameStart++;
      const e = nameEnd(nameStart);
      if (e > nameStart) {
        refs.push({ name: text.slice(nameStart, e), nameStart, nameEnd: e, start: i, end: e, form: 'provider', inString: false, assigned: setByCmdlet(i) });
      }
      i = Math.max(i + 4, e);
    } else {
      i++;
    }
  }
  return { envRefs: refs };
}
