// Client addresses for maintenance allowlists: parsing IPs and CIDR ranges, and writing the anchored,
// escaped regular expression that matches exactly those addresses in %{REMOTE_ADDR}.
import ipaddr from 'ipaddr.js';

export type AllowEntry =
  | { kind: 'ipv4' | 'ipv6'; text: string; address: string; prefix: number }
  | { kind: 'hostname'; text: string }
  | { kind: 'invalid'; text: string; reason: string };

const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?:\.(?!-)[A-Za-z0-9-]{1,63})*\.?$/;

/** Classifies an allowlist entry: an address, a CIDR range, a partial IPv4 (Apache's `10.1`), or a host name. */
export function parseAllowEntry(raw: string): AllowEntry {
  const text = raw.trim();
  try {
    if (text.includes('/')) {
      const [addr, bits] = ipaddr.parseCIDR(text);
      if (bits === 0) return { kind: 'invalid', text, reason: `${text} would admit every client` };
      return { kind: addr.kind(), text, address: networkAddress(addr, bits), prefix: bits };
    }
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { kind: 'ipv4', text, address: text, prefix: 32 };
    if (/^\d{1,3}(\.\d{1,3}){0,2}\.?$/.test(text)) {
      // Apache's partial address: `10.1` means 10.1.0.0/16.
      const parts = text.replace(/\.$/, '').split('.').map(Number);
      if (parts.every(p => p <= 255)) {
        const full = [...parts, 0, 0, 0].slice(0, 4).join('.');
        return { kind: 'ipv4', text, address: full, prefix: parts.length * 8 };
      }
    }
    if (ipaddr.IPv6.isValid(text)) {
      return { kind: 'ipv6', text, address: ipaddr.IPv6.parse(text).toString(), prefix: 128 };
    }
  } catch {
    return { kind: 'invalid', text, reason: `${text} is not a valid address or CIDR range` };
  }
  if (/^[\d.]+$/.test(text)) return { kind: 'invalid', text, reason: `${text} is not a valid IPv4 address` };
  if (HOSTNAME.test(text)) return { kind: 'hostname', text };
  return { kind: 'invalid', text, reason: `${text} is not an address, a CIDR range or a host name` };
}

function networkAddress(addr: ipaddr.IPv4 | ipaddr.IPv6, bits: number): string {
  const bytes = addr.toByteArray();
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    bytes[i] &= keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
  }
  return ipaddr.fromByteArray(bytes).toString();
}

/** Does `address` (an IP) fall in the entry's range? */
export function entryContains(entry: AllowEntry, address: string): boolean {
  if (entry.kind !== 'ipv4' && entry.kind !== 'ipv6') return false;
  try {
    const a = ipaddr.parse(address);
    const n = ipaddr.parse(entry.address);
    if (a.kind() !== n.kind()) return false;
    return a.match(n, entry.prefix);
  } catch {
    return false;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Regex alternatives for the integers lo..hi written without leading zeros. */
export function numberRangeRegex(lo: number, hi: number): string {
  const parts: string[] = [];
  for (let len = String(lo).length; len <= String(hi).length; len++) {
    const a = Math.max(lo, len === 1 ? 0 : 10 ** (len - 1));
    const b = Math.min(hi, 10 ** len - 1);
    if (a <= b) parts.push(...sameLength(String(a), String(b)));
  }
  return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
}

function sameLength(a: string, b: string): string[] {
  if (a === b) return [a];
  if (a.length === 1) return [a === '0' && b === '9' ? '[0-9]' : `[${a}-${b}]`];
  const restA = a.slice(1);
  const restB = b.slice(1);
  if (a[0] === b[0]) return sameLength(restA, restB).map(p => a[0] + p);
  const n = restA.length;
  const allLow = /^0*$/.test(restA);
  const allHigh = /^9*$/.test(restB);
  const any = `[0-9]${n > 1 ? `{${n}}` : ''}`;
  if (allLow && allHigh) return [`[${a[0]}-${b[0]}]${any}`];
  const out: string[] = [];
  let first = Number(a[0]);
  let last = Number(b[0]);
  if (!allLow) {
    out.push(...sameLength(restA, '9'.repeat(n)).map(p => a[0] + p));
    first++;
  }
  if (!allHigh) last--;
  if (first <= last) out.push(`${first === last ? first : `[${first}-${last}]`}${any}`);
  if (!allHigh) out.push(...sameLength('0'.repeat(n), restB).map(p => b[0] + p));
  return out;
}

/**
 * The anchored regex (without `!`) that matches exactly the entry's addresses in %{REMOTE_ADDR}.
 * IPv4 ranges of any prefix length are exact; IPv6 supports single addresses only (null otherwise).
 */
export function allowRegex(entry: AllowEntry): string | null {
  if (entry.kind === 'ipv6') return entry.prefix === 128 ? `^${escapeRegex(entry.address)}$` : null;
  if (entry.kind !== 'ipv4') return null;
  const octets = entry.address.split('.').map(Number);
  const full = Math.floor(entry.prefix / 8);
  const rest = entry.prefix % 8;
  const parts: string[] = octets.slice(0, full).map(String);
  if (full < 4) {
    if (rest > 0) {
      const lo = octets[full];
      parts.push(numberRangeRegex(lo, lo + 2 ** (8 - rest) - 1));
    } else parts.push('[0-9]{1,3}');
    for (let i = parts.length; i < 4; i++) parts.push('[0-9]{1,3}');
  }
  return `^${parts.join('\\.')}$`;
}

/** `Require ip` form (2.4) of an entry, for messages. */
export function cidrText(entry: AllowEntry): string {
  if (entry.kind !== 'ipv4' && entry.kind !== 'ipv6') return entry.text;
  const max = entry.kind === 'ipv4' ? 32 : 128;
  return entry.prefix === max ? entry.address : `${entry.address}/${entry.prefix}`;
}
