// Access control as Apache 2.4 decides it for one client: mod_authz_core's Require lines and
// <RequireAll>/<RequireAny>/<RequireNone> containers (AuthMerging Off: the last section with
// authorization directives wins), and mod_access_compat's Order/Allow/Deny of Apache 2.2, combined
// by Satisfy (All by default). Three-valued: a check that needs DNS, a user or an expression is
// "cannot tell".
import ipaddr from 'ipaddr.js';
import { entryContains, parseAllowEntry } from '../addresses';
import type { Container, Dir, Item } from './model';

export type Authz = 'granted' | 'denied' | 'neutral' | 'unknown';

export interface AccessStep {
  text: string;
  dir?: Dir;
}

/** The authorization of one scope (a section or the server level): its Require items, if any. */
export interface AuthzScope {
  items: Item[];
  where: string;
}

export interface CompatState {
  order?: { value: 'deny,allow' | 'allow,deny' | 'mutual-failure'; dir: Dir };
  allows?: Dir[];
  denies?: Dir[];
  satisfy?: { value: 'all' | 'any'; dir: Dir };
}

/** Does `client` match one Require ip / Allow from argument? null when it cannot be told (host names). */
export function addressMatches(arg: string, client: string): boolean | null {
  const a = arg.trim();
  const slashMask = /^([\d.]+)\/(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (slashMask) {
    try {
      const net = ipaddr.IPv4.parse(slashMask[1]);
      const mask = ipaddr.IPv4.parse(slashMask[2]).toByteArray();
      const c = ipaddr.parse(client);
      if (c.kind() !== 'ipv4') return false;
      const cb = (c as ipaddr.IPv4).toByteArray();
      const nb = net.toByteArray();
      return cb.every((b, i) => (b & mask[i]) === (nb[i] & mask[i]));
    } catch {
      return null;
    }
  }
  const entry = parseAllowEntry(a);
  if (entry.kind === 'ipv4' || entry.kind === 'ipv6') {
    let c = client;
    try {
      const parsed = ipaddr.parse(client);
      if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() && entry.kind === 'ipv4') {
        c = (parsed as ipaddr.IPv6).toIPv4Address().toString();
      }
    } catch {
      return null;
    }
    return entryContains(entry, c);
  }
  return null;
}

function isLocal(client: string, serverAddr: string): boolean {
  try {
    const c = ipaddr.process(client);
    if (c.kind() === 'ipv4' && c.toString().startsWith('127.')) return true;
    if (c.toString() === '::1') return true;
    return c.toString() === ipaddr.process(serverAddr).toString();
  } catch {
    return false;
  }
}

export interface AccessContext {
  client: string;
  serverAddr: string;
  method: string;
  steps: AccessStep[];
}

function evalRequire(d: Dir, ctx: AccessContext): Authz {
  let args = d.args;
  let negated = false;
  if (args[0]?.toLowerCase() === 'not') {
    negated = true;
    args = args.slice(1);
  }
  const kind = (args[0] ?? '').toLowerCase();
  const rest = args.slice(1);
  let r: boolean | null;
  let why: string;
  switch (kind) {
    case 'all':
      r = rest[0]?.toLowerCase() === 'granted' ? true : rest[0]?.toLowerCase() === 'denied' ? false : null;
      why = `all ${rest[0] ?? ''}`;
      if (r === false) {
        // `Require all denied` is a denial, not merely "no match".
        ctx.steps.push({ text: `${line(d)}: denied`, dir: d });
        return negated ? 'neutral' : 'denied';
      }
      break;
    case 'ip': {
      const hits = rest.map(a => addressMatches(a, ctx.client));
      r = hits.some(h => h === true) ? true : hits.some(h => h === null) ? null : false;
      why = r ? `${ctx.client} is in ${rest.join(' ')}` : r === false ? `${ctx.client} is not in ${rest.join(' ')}` : 'an entry is not an IP address or range';
      break;
    }
    case 'local':
      r = isLocal(ctx.client, ctx.serverAddr);
      why = r ? `${ctx.client} is a local address` : `${ctx.client} is not local`;
      break;
    case 'method':
      r = rest.some(m => m.toUpperCase() === ctx.method.toUpperCase());
      why = `method ${ctx.method}`;
      break;
    default:
      r = null;
      why = `Require ${kind} needs ${kind === 'host' || kind === 'forward-dns' ? 'DNS' : kind === 'env' ? 'environment variables' : kind === 'expr' ? 'an expression evaluated' : 'an authenticated user'}`;
  }
  let out: Authz;
  if (r === null) out = 'unknown';
  else if (negated) out = r ? 'denied' : 'neutral';
  else out = r ? 'granted' : 'neutral';
  ctx.steps.push({ text: `${line(d)}: ${out === 'unknown' ? 'cannot tell' : out} (${why})`, dir: d });
  return out;
}

function line(d: Dir): string {
  return `${d.node.name} ${d.args.join(' ')}`;
}

function combine(kind: 'requireall' | 'requireany' | 'requirenone', results: Authz[]): Authz {
  if (kind === 'requireany') {
    if (results.includes('granted')) return 'granted';
    if (results.includes('unknown')) return 'unknown';
    if (results.includes('denied')) return 'denied';
    return 'neutral';
  }
  if (kind === 'requireall') {
    if (results.includes('denied')) return 'denied';
    if (results.includes('unknown')) return 'unknown';
    if (results.includes('granted')) return 'granted';
    return 'neutral';
  }
  // requirenone
  if (results.includes('granted')) return 'denied';
  if (results.includes('unknown')) return 'unknown';
  return 'neutral';
}

function evalItems(items: Item[], kind: Container['kind'], ctx: AccessContext): Authz {
  const results: Authz[] = [];
  for (const it of items) {
    if ('container' in it) {
      const r = evalItems(it.container.items, it.container.kind, ctx);
      ctx.steps.push({ text: `<${it.container.node.name}>: ${r === 'unknown' ? 'cannot tell' : r}` });
      results.push(r);
    } else if (it.dir.name === 'require') results.push(evalRequire(it.dir, ctx));
  }
  return combine(kind, results);
}

/** Does this scope configure authorization (a Require or a Require container)? */
export function hasAuthz(items: Item[]): boolean {
  return items.some(it => 'container' in it || it.dir.name === 'require');
}

/** mod_authz_core on the scope that won the merge (null: nothing configured, access granted). */
export function evalAuthz(scope: AuthzScope | null, ctx: AccessContext): Authz {
  if (!scope) {
    ctx.steps.push({ text: 'no Require applies: mod_authz_core grants access' });
    return 'granted';
  }
  const r = evalItems(scope.items, 'requireany', ctx);
  const final = r === 'neutral' ? 'denied' : r;
  ctx.steps.push({ text: `Require lines of ${scope.where}: ${final === 'unknown' ? 'cannot tell' : final}` });
  return final;
}

function allowDenyHits(dirs: Dir[] | undefined, ctx: AccessContext): boolean | null {
  let unknown = false;
  for (const d of dirs ?? []) {
    const [from, ...list] = d.args;
    if (from?.toLowerCase() !== 'from') continue;
    for (const a of list) {
      if (a.toLowerCase() === 'all') return true;
      if (/^env=/i.test(a)) {
        unknown = true;
        continue;
      }
      const m = addressMatches(a, ctx.client);
      if (m === true) return true;
      if (m === null) unknown = true;
    }
  }
  return unknown ? null : false;
}

/** mod_access_compat: null when no Order/Allow/Deny applies (it then has no say). */
export function evalCompat(st: CompatState, ctx: AccessContext): 'granted' | 'denied' | 'unknown' | null {
  if (!st.order && !st.allows?.length && !st.denies?.length) return null;
  const order = st.order?.value ?? 'deny,allow';
  const allow = allowDenyHits(st.allows, ctx);
  const deny = allowDenyHits(st.denies, ctx);
  let r: 'granted' | 'denied' | 'unknown';
  if (order === 'deny,allow') {
    if (allow === true) r = 'granted';
    else if (deny === true) r = allow === null ? 'unknown' : 'denied';
    else r = deny === null ? 'unknown' : 'granted';
  } else if (order === 'allow,deny') {
    if (deny === true) r = 'denied';
    else if (allow === true) r = deny === null ? 'unknown' : 'granted';
    else r = allow === null ? 'unknown' : 'denied';
  } else {
    if (deny === true) r = 'denied';
    else if (allow === true && deny === false) r = 'granted';
    else if (allow === false) r = 'denied';
    else r = 'unknown';
  }
  ctx.steps.push({
    text: `Order ${order}: Allow ${allow === null ? 'cannot tell' : allow ? 'matches' : 'does not match'}, Deny ${deny === null ? 'cannot tell' : deny ? 'matches' : 'does not match'} -> ${r === 'unknown' ? 'cannot tell' : r}`,
    dir: st.order?.dir,
  });
  return r;
}

/**
 * Applies one scope's Order/Allow/Deny/Satisfy lines over the merged state. mod_access_compat has no merge
 * function: a section with any of these lines replaces the whole state (defaults: Order Deny,Allow, no
 * Allow, no Deny, Satisfy All); a section without them inherits.
 */
export function mergeCompat(base: CompatState, items: Item[]): CompatState {
  const own = items.filter((it): it is { dir: Dir } => !('container' in it) && /^(order|allow|deny|satisfy)$/.test(it.dir.name));
  if (own.length === 0) return base;
  const out: CompatState = {};
  const allows: Dir[] = [];
  const denies: Dir[] = [];
  for (const { dir: d } of own) {
    if (d.name === 'order') {
      const v = d.args.join('').toLowerCase().replace(/\s+/g, '');
      if (v === 'deny,allow' || v === 'allow,deny' || v === 'mutual-failure') out.order = { value: v, dir: d };
    } else if (d.name === 'allow') allows.push(d);
    else if (d.name === 'deny') denies.push(d);
    else if (d.name === 'satisfy') out.satisfy = { value: d.args[0]?.toLowerCase() === 'any' ? 'any' : 'all', dir: d };
  }
  if (allows.length) out.allows = allows;
  if (denies.length) out.denies = denies;
  return out;
}
