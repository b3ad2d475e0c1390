// The flags of RewriteRule and RewriteCond (the `[...]` argument), explained for Upkeep in our own words.
// Names and aliases are mod_rewrite's; flags are case-insensitive.
import { REWRITE_FLAGS_DOCS } from './urls';

export interface FlagDoc {
  /** Short form, as usually written. */
  name: string;
  /** Long form, if any. */
  long?: string;
  /** `required`: the flag needs `=value`; `optional`: it may take one. */
  value?: 'required' | 'optional';
  /** What the value is, for the hover. */
  valueText?: string;
  text: string;
  /** First Apache release that has it, when newer than 2.2. */
  since?: string;
  /** The anchor on the flags page. */
  anchor: string;
}

export const RULE_FLAGS: FlagDoc[] = [
  { name: 'B', value: 'optional', valueText: 'characters to escape (2.4.26+)', anchor: 'flag_b', text: 'Escapes non-alphanumeric characters in back-references (`$1`) before they are put into the substitution; useful when a captured part becomes a query-string value.' },
  { name: 'BCTLS', since: '2.4.57', anchor: 'flag_bctls', text: 'Like `B`, but escapes only control characters and spaces.' },
  { name: 'BNE', value: 'required', valueText: 'characters not to escape', since: '2.4.57', anchor: 'flag_bne', text: 'Characters that `B` or `BCTLS` must leave as they are.' },
  { name: 'BNP', since: '2.4.26', anchor: 'flag_bnp', text: 'With `B`: escapes a space as `%20` instead of `+` (for back-references used in a path).' },
  { name: 'C', long: 'chain', anchor: 'flag_c', text: 'Chains this rule to the next: if this rule does not match, the following chained rules are skipped.' },
  { name: 'CO', long: 'cookie', value: 'required', valueText: 'NAME:VALUE:domain[:lifetime[:path[:secure[:httponly[:samesite]]]]]', anchor: 'flag_co', text: 'Sets a cookie on the response when the rule matches.' },
  { name: 'DPI', long: 'discardpath', anchor: 'flag_dpi', text: 'Drops the PATH_INFO part of the rewritten URI.' },
  { name: 'E', long: 'env', value: 'required', valueText: '[!]VAR[:VALUE]', anchor: 'flag_e', text: 'Sets (or with `!` unsets) an environment variable when the rule matches, e.g. `E=MAINTENANCE:1`, for use in logs, `Header ... env=` or later conditions.' },
  { name: 'END', since: '2.4', anchor: 'flag_end', text: 'Stops rewriting like `L`, and also prevents any further rewrite round (per-directory rules and internal redirects are not rewritten again).' },
  { name: 'F', long: 'forbidden', anchor: 'flag_f', text: 'Answers 403 Forbidden; implies `L`. Use `-` as the substitution.' },
  { name: 'G', long: 'gone', anchor: 'flag_g', text: 'Answers 410 Gone; implies `L`. Use `-` as the substitution.' },
  { name: 'H', long: 'handler', value: 'required', valueText: 'handler name', anchor: 'flag_h', text: 'Hands the request to a handler, e.g. `H=application/x-httpd-php`.' },
  { name: 'L', long: 'last', anchor: 'flag_l', text: 'Stops processing the rules of this round when the rule matches. In `.htaccess` and `<Directory>` the rewritten request starts a new round, so rules can still run again; use `END` to stop for good.' },
  { name: 'N', long: 'next', value: 'optional', valueText: 'maximum number of rounds (2.4.8+)', anchor: 'flag_n', text: 'Restarts rule processing from the first rule with the rewritten URL. Beware of endless loops.' },
  { name: 'NC', long: 'nocase', anchor: 'flag_nc', text: 'Matches the pattern case-insensitively.' },
  { name: 'NE', long: 'noescape', anchor: 'flag_ne', text: 'Does not percent-encode special characters (such as `#` or `%`) in the substitution; needed for redirects to URLs with fragments.' },
  { name: 'NS', long: 'nosubreq', anchor: 'flag_ns', text: 'Skips the rule for internal sub-requests (e.g. from mod_include or DirectoryIndex look-ups).' },
  { name: 'P', long: 'proxy', anchor: 'flag_p', text: 'Proxies the rewritten URL through mod_proxy (implies `L`). Needs mod_proxy and the protocol module; prefer ProxyPass when no regex logic is needed.' },
  { name: 'PT', long: 'passthrough', anchor: 'flag_pt', text: 'Treats the result as a URL again, so Alias, ScriptAlias and other URL mappers still apply to it. Implies `L`.' },
  { name: 'QSA', long: 'qsappend', anchor: 'flag_qsa', text: 'Appends the original query string to a substitution that has its own query string (instead of replacing it).' },
  { name: 'QSD', long: 'qsdiscard', since: '2.4', anchor: 'flag_qsd', text: 'Drops the original query string.' },
  { name: 'QSL', long: 'qslast', since: '2.4.19', anchor: 'flag_qsl', text: 'Splits the query string at the last `?` of the substitution instead of the first.' },
  { name: 'R', long: 'redirect', value: 'optional', valueText: 'status code (default 302) or permanent|temp|seeother', anchor: 'flag_r', text: 'Sends an external redirect (302 unless a code is given). Combine with `L`, since `R` alone does not stop processing. A code outside 300-399 (e.g. `R=503`) drops the substitution and answers with that status, as if `L` were given: the usual maintenance form is `RewriteRule ^ - [R=503,L]`.' },
  { name: 'S', long: 'skip', value: 'required', valueText: 'number of rules', anchor: 'flag_s', text: 'Skips the next N rules when this rule matches (an if/else construction).' },
  { name: 'T', long: 'type', value: 'required', valueText: 'media type', anchor: 'flag_t', text: 'Sets the media type of the response.' },
  { name: 'UnsafeAllow3F', since: '2.4.60', anchor: 'flag_unsafe_allow_3f', text: 'Allows a substitution that turns an encoded `%3F` into a real `?`; refused by default since the 2.4.60 security fixes.' },
  { name: 'UnsafePrefixStat', since: '2.4.60', anchor: 'flag_unsafe_prefix_stat', text: 'Allows a server-level substitution that starts with a variable or back-reference to be looked up as a file path; refused by default since 2.4.60.' },
  { name: 'UNC', since: '2.4.62', anchor: 'flag_unc', text: 'Keeps a leading `//` of a substitution (a Windows UNC path) instead of collapsing it.' },
];

export const COND_FLAGS: FlagDoc[] = [
  { name: 'NC', long: 'nocase', anchor: 'rewritecond', text: 'Compares case-insensitively.' },
  { name: 'OR', long: 'ornext', anchor: 'rewritecond', text: 'Combines this condition with the next one by OR instead of AND. Never put `[OR]` on negated allowlist conditions (`!^10\\.1\\.2\\.3$`): a client always differs from at least one address, so the chain matches everybody.' },
  { name: 'NV', long: 'novary', anchor: 'rewritecond', text: 'When the test string is an HTTP header, does not add it to the Vary response header.' },
];

function index(list: FlagDoc[]): Map<string, FlagDoc> {
  const m = new Map<string, FlagDoc>();
  for (const f of list) {
    m.set(f.name.toLowerCase(), f);
    if (f.long) m.set(f.long.toLowerCase(), f);
  }
  return m;
}
const ruleIndex = index(RULE_FLAGS);
const condIndex = index(COND_FLAGS);

/** A flag by any of its names (case-insensitive), for a RewriteRule or a RewriteCond. */
export function flagDoc(kind: 'rule' | 'cond', name: string): FlagDoc | undefined {
  return (kind === 'rule' ? ruleIndex : condIndex).get(name.toLowerCase());
}

export function flagDocUrl(kind: 'rule' | 'cond', f: FlagDoc): string {
  return kind === 'rule' ? `${REWRITE_FLAGS_DOCS}#${f.anchor}` : 'https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewritecond';
}
