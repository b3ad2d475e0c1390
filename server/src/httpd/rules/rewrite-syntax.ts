import { defineRule, makeFinding, suggest } from '../../engine/rules';
import type { HttpdRule } from '../lint';
import { lowerName, type DirectiveNode } from '../syntax';
import { inMacro } from './util';

const meta = defineRule({
  code: 'httpd/rewrite-syntax',
  language: 'apacheconf',
  title: 'A RewriteRule or RewriteCond that mod_rewrite cannot read (arguments, flag brackets, unknown flags, bad status)',
  defaultSeverity: 'error',
  fix: 'unsafe',
});

// Flag names Apache 2.4 accepts (probed with apache2 -t), short and long forms, case-insensitive.
const RULE_FLAGS = [
  'B', 'BCTLS', 'BNE', 'BNP', 'C', 'chain', 'CO', 'cookie', 'DPI', 'discardpath', 'END', 'E', 'env', 'F', 'forbidden',
  'G', 'gone', 'H', 'handler', 'L', 'last', 'N', 'next', 'NC', 'nocase', 'NE', 'noescape', 'NS', 'nosubreq', 'P',
  'proxy', 'PT', 'passthrough', 'QSA', 'qsappend', 'QSD', 'qsdiscard', 'QSL', 'qslast', 'R', 'redirect', 'S', 'skip',
  'T', 'type', 'UnsafeAllow3F', 'UnsafePrefixStat', 'UNC',
];
const COND_FLAGS = ['NC', 'nocase', 'OR', 'ornext', 'NV', 'novary'];
const RULE_SET = new Set(RULE_FLAGS.map(f => f.toLowerCase()));
const COND_SET = new Set(COND_FLAGS.map(f => f.toLowerCase()));
/** Above this many unknown flags in one list, one finding names the first few. */
const MAX_UNKNOWN_FLAGS = 20;

/** White space as mod_rewrite's tokenizer (apr_isspace) sees it: space, tab, LF, CR, FF, VT. */
function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;

/**
 * The arguments as mod_rewrite reads them (it does not use the core's tokenizer): a word may be quoted
 * with " or ', and ends at the same quote character, escaped or not; a backslash escapes only white
 * space. At most three words are read; anything after the third is ignored.
 */
export function rewriteWords(line: string): string[] {
  const words: string[] = [];
  const n = line.length;
  let i = 0;
  while (words.length < 3) {
    while (i < n && isSpaceCode(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const q = line.charCodeAt(i);
    const quote = q === DQUOTE || q === SQUOTE ? q : -1;
    if (quote >= 0) i++;
    const start = i;
    for (; i < n; i++) {
      const c = line.charCodeAt(i);
      if (c === quote || (quote < 0 && isSpaceCode(c))) break;
      if (c === BACKSLASH && i + 1 < n && isSpaceCode(line.charCodeAt(i + 1))) i++;
    }
    words.push(line.slice(start, i));
    if (i < n) i++; // the space or quote that ended the word
  }
  return words;
}

/** The directive's argument text as Apache sees it: continuation backslashes and line breaks removed. */
function argumentText(text: string, d: DirectiveNode): string {
  const raw = text.slice(d.nameSpan.end, d.end);
  return raw.includes('\\') ? raw.replace(/\\\r?\n/g, '') : raw;
}

export const rewriteSyntax: HttpdRule = {
  meta,
  unitLocal: true,
  check({ tree, file, report }) {
    for (let _di = 0, _ds = tree.directives; _di < _ds.length; _di++) {
      const d = _ds[_di];
      const name = lowerName(d.name);
      if ((name !== 'rewriterule' && name !== 'rewritecond') || inMacro(d)) continue;
      const isRule = name === 'rewriterule';
      const raw = argumentText(file.text, d);
      const words = rewriteWords(raw);
      const end = d.args.length ? d.args[d.args.length - 1].end : d.nameSpan.end;
      const at = (msg: string, fix?: { title: string; start: number; end: number; newText: string }) =>
        report(
          makeFinding(meta, d.nameSpan.start, end, msg, {
            fixes: fix ? [{ title: fix.title, edits: [{ start: fix.start, end: fix.end, newText: fix.newText }], safe: false }] : undefined,
          }),
        );
      const quoteHint = () => (/\\["']/.test(raw) ? ' mod_rewrite does not read \\" as an escaped quote: the quoted argument ends there.' : '');
      if (words.length < 2) {
        at(
          `${d.name} needs ${isRule ? 'a pattern and a substitution' : 'a test string and a condition pattern'}: Apache refuses to start ("bad argument line").${quoteHint()}`,
        );
        continue;
      }
      if (words.length < 3) continue;
      const flags = words[2];
      if (!flags.startsWith('[') || !flags.endsWith(']')) {
        at(`The flags of ${d.name} must be one word in square brackets, without spaces (e.g. [R=503,L]): Apache refuses to start ("bad flag delimiters").${quoteHint()}`);
        continue;
      }
      const known = isRule ? RULE_SET : COND_SET;
      // One pass classifies every flag (linear in the line); the costlier did-you-mean and fix are
      // worked out for a few unknown flags only, so a 32 KB flag list is not quadratic.
      const parts = flags.slice(1, -1).split(',').map(part => {
        const eq = part.indexOf('=');
        const key = (eq >= 0 ? part.slice(0, eq) : part).trim();
        return { key, lower: key.toLowerCase(), value: eq >= 0 ? part.slice(eq + 1) : undefined };
      });
      const unknown = parts.filter(p => !known.has(p.lower));
      if (unknown.length > MAX_UNKNOWN_FLAGS) {
        const shown = unknown.slice(0, 5).map(p => `"${p.key.length > 40 ? p.key.slice(0, 40) + '…' : p.key}"`).join(', ');
        at(`${d.name} has ${unknown.length} unknown flags (${shown}, ...): Apache refuses to start ("unknown flag").`);
      }
      const arg = unknown.length && unknown.length <= MAX_UNKNOWN_FLAGS ? d.args.find(a => a.value === flags) : undefined;
      for (let pi = 0; pi < parts.length; pi++) {
        const { key, lower: k, value } = parts[pi];
        if (!known.has(k)) {
          if (unknown.length > MAX_UNKNOWN_FLAGS) continue;
          const mean = key ? suggest(key, isRule ? RULE_FLAGS : COND_FLAGS, 2) : [];
          const first = arg && key ? arg.value.indexOf(key) : -1;
          const canFix = mean.length && arg && !arg.quote && first >= 0 && arg.value.indexOf(key, first + key.length) === -1;
          at(
            `${d.name} has no flag "${key}"${mean.length ? ` (did you mean ${mean.join(' or ')}?)` : ''}: Apache refuses to start ("unknown flag"). ${isRule ? '' : 'RewriteCond knows only NC, OR and NV.'}`.trim(),
            canFix ? { title: `Change to ${mean[0]}`, start: arg!.start + first, end: arg!.start + first + key.length, newText: mean[0] } : undefined,
          );
          continue;
        }
        if ((k === 'r' || k === 'redirect') && value !== undefined && /^\d+$/.test(value) && (Number(value) < 100 || Number(value) > 599)) {
          at(`${value} is not an HTTP status code: Apache refuses to start ("invalid HTTP response code for flag 'R'"). Maintenance rules use R=503 (or R=500).`);
        }
        if (k === 'bne' && !value) at('The BNE flag needs the characters it applies to (BNE=...): Apache refuses to start.');
      }
    }
  },
};
