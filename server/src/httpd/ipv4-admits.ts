// What an allowlist pattern on %{REMOTE_ADDR} really admits, counted in IPv4 addresses as Apache writes
// them (dotted quad, no leading zeros). Used by httpd/allowlist-regex to say which real client addresses an
// unescaped dot or a missing anchor lets in, and to stay quiet when it lets in none (`^192.168.157.139`:
// each dot could match any character, and the end is open, yet no other IPv4 address matches it).
//
// Only patterns made of digits, escaped dots, unescaped dots, anchors and top-level alternation are analysed
// (the shape of hand-written allowlists); anything else returns null and the caller falls back to reading
// the pattern's text.

/** An inclusive range of IPv4 addresses as 32-bit numbers. */
export type Range = [number, number];

interface Alt {
  /** Tokens: a literal character, or null for an unescaped dot (any character). */
  tokens: (string | null)[];
  start: boolean;
  end: boolean;
}

/** Splits at top-level `|`; null when a group or class is nested (not the simple shape). */
function splitAlternatives(p: string): string[] | null {
  if (/[()[\]]/.test(p)) return null;
  return p.split('|');
}

/** Parses the simple shape; null for anything else. */
export function parseAllowlistPattern(pattern: string): Alt[] | null {
  let groupStart = false;
  let groupEnd = false;
  let body = pattern;
  const group = /^(\^?)\((?:\?:)?([^()]*)\)(\$?)$/.exec(pattern);
  if (group) {
    groupStart = group[1] === '^';
    groupEnd = group[3] === '$';
    body = group[2];
  }
  const parts = splitAlternatives(body);
  if (!parts) return null;
  const alts: Alt[] = [];
  for (let part of parts) {
    let start = groupStart;
    let end = groupEnd;
    if (part.startsWith('^')) {
      start = true;
      part = part.slice(1);
    }
    if (part.endsWith('$') && !part.endsWith('\\$')) {
      end = true;
      part = part.slice(0, -1);
    }
    const tokens: (string | null)[] = [];
    for (let i = 0; i < part.length; i++) {
      const c = part[i];
      if (c === '\\') {
        if (part[i + 1] !== '.') return null;
        tokens.push('.');
        i++;
      } else if (c === '.') {
        if (/[*+?{]/.test(part[i + 1] ?? '')) return null;
        tokens.push(null);
      } else if (/[0-9]/.test(c)) tokens.push(c);
      else return null; // letters, colons (IPv6), classes, quantifiers: not analysed here
    }
    if (!tokens.length) return null;
    alts.push({ tokens, start, end });
  }
  return alts;
}

const octetOk = (s: string): boolean => /^(?:0|[1-9][0-9]{0,2})$/.test(s) && Number(s) <= 255;

/** Addresses whose text starts with `s` (`open`), or equals it, as ranges; [] when none. */
function completions(s: string, open: boolean): Range[] {
  const pieces = s.split('.');
  if (pieces.length > 4) return [];
  const full = pieces.slice(0, -1);
  if (!full.every(octetOk)) return [];
  const last = pieces[pieces.length - 1];
  const base = full.reduce((a, o) => a * 256 + Number(o), 0);
  const free = 4 - pieces.length;
  const span = 256 ** free;
  if (!open) {
    if (free !== 0 || !octetOk(last)) return [];
    return [[base * 256 + Number(last), base * 256 + Number(last)]];
  }
  // Octet values whose text starts with `last`: all of them, or `last` itself and the values one or two
  // digits longer (none longer when it is 0, which takes no digit after it).
  let values: Range[];
  if (last === '') values = [[0, 255]];
  else if (!octetOk(last)) return [];
  else if (last === '0') values = [[0, 0]];
  else {
    const n = Number(last);
    values = [[n, n], [n * 10, n * 10 + 9], [n * 100, n * 100 + 99]].filter(([lo]) => lo <= 255).map(([lo, hi]) => [lo, Math.min(hi, 255)] as Range);
  }
  return values.map(([lo, hi]) => [(base * 256 + lo) * span, (base * 256 + hi) * span + span - 1] as Range);
}

/** Sorts and merges overlapping or adjacent ranges. */
export function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** a minus b (both normalized). */
export function subtract(a: Range[], b: Range[]): Range[] {
  const out: Range[] = [];
  for (const [lo0, hi] of a) {
    let lo = lo0;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = bhi + 1;
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export const size = (rs: Range[]): number => rs.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);

/** Can an IPv4 address start with this text? (Pruning only: completions() decides.) */
function viablePrefix(s: string): boolean {
  const pieces = s.split('.');
  if (pieces.length > 4) return false;
  const last = pieces[pieces.length - 1];
  return pieces.slice(0, -1).every(octetOk) && (last === '' || octetOk(last));
}

/** Every text an alternative's tokens can stand for, over the characters of IPv4 addresses; null past `cap`. */
function expansions(tokens: (string | null)[], cap = 20000): string[] | null {
  let out = [''];
  for (const t of tokens) {
    const chars = t === null ? '0123456789.'.split('') : [t];
    if (out.length * chars.length > cap) return null;
    out = out.flatMap(s => chars.map(c => s + c)).filter(viablePrefix);
  }
  return out;
}

/** Text put before a match when the pattern has no ^: digits joining the first octet, whole octets before it. */
const LEADS: string[] = (() => {
  const digits = ['', ...Array.from({ length: 99 }, (_, i) => String(i + 1))];
  const out: string[] = [];
  for (const pre of ['', '1.', '1.1.', '1.1.1.']) for (const d of digits) out.push(pre + d);
  return out.filter(x => x !== '');
})();

/**
 * What the alternatives admit. Exact for anchored-start alternatives; for an alternative without ^, the
 * addresses found by putting digits or octets before it (the ways an address can hold the match later on).
 * Null when the pattern is too open to expand.
 */
export function admitted(alts: Alt[]): Range[] | null {
  const out: Range[] = [];
  for (const a of alts) {
    const texts = expansions(a.tokens);
    if (!texts) return null;
    for (const s of texts) out.push(...completions(s, !a.end));
    if (!a.start) {
      // Without ^ the match may sit after other text; digits and dots are all an address holds.
      const lits = texts.length <= 8 ? texts : [a.tokens.map(t => t ?? '.').join('')];
      for (const s of lits) for (const lead of LEADS) out.push(...completions(lead + s, !a.end));
    }
  }
  return normalize(out);
}

/** The addresses the author meant: the literal (dots as dots) as one address, or as a prefix. */
export function intended(alts: Alt[]): Range[] {
  const out: Range[] = [];
  for (const a of alts) {
    const lit = a.tokens.map(t => t ?? '.').join('');
    const pieces = lit.split('.');
    if (lit.endsWith('.')) out.push(...completions(lit, true));
    else if (pieces.length === 4) out.push(...completions(lit, false));
    else out.push(...completions(`${lit}.`, true));
  }
  return normalize(out);
}

export function formatAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** `10.0.0.10-10.0.0.19`, or a single address. */
export function formatRange([lo, hi]: Range): string {
  return lo === hi ? formatAddress(lo) : `${formatAddress(lo)}-${formatAddress(hi)}`;
}

/** At most `max` ranges, then "and N more addresses". */
export function describe(ranges: Range[], max = 3): string {
  const shown = ranges.slice(0, max).map(formatRange);
  const rest = size(ranges.slice(max));
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  return rest ? `${shown.join(', ')} and ${rest} more address${rest === 1 ? '' : 'es'}` : list;
}

export interface Admission {
  /** Addresses admitted beyond the intended ones (normalized). */
  extra: Range[];
  /** Which of the pattern's traits let extra addresses in. */
  because: { dots: boolean; end: boolean; start: boolean };
  intended: Range[];
}

/** The IPv4 addresses a simple allowlist pattern admits beyond the ones it names, or null (not analysed). */
export function analyseAllowlist(pattern: string): Admission | null {
  const alts = parseAllowlistPattern(pattern);
  if (!alts) return null;
  const meant = intended(alts);
  const all = admitted(alts);
  if (!all || !meant.length) return null;
  const extra = subtract(all, meant);
  const extraOf = (variant: Alt[]): number => {
    const r = admitted(variant);
    return r ? size(subtract(r, meant)) : size(extra);
  };
  const n = size(extra);
  const because = {
    dots: alts.some(a => a.tokens.includes(null)) && extraOf(alts.map(a => ({ ...a, tokens: a.tokens.map(t => t ?? '.') }))) < n,
    end: alts.some(a => !a.end) && extraOf(alts.map(a => ({ ...a, end: true }))) < n,
    start: alts.some(a => !a.start) && extraOf(alts.map(a => ({ ...a, start: true }))) < n,
  };
  return { extra, because, intended: meant };
}
