// The TextMate grammar (syntaxes/apacheconf.tmLanguage.json) run through the same engine VS Code uses
// (vscode-textmate with the oniguruma WASM regex library), asserting the scopes of sample lines.
import { corpusPath } from '../../support/repo';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { LineIndex } from '../../../server/src/engine/text';
import { parseHttpd } from '../../../server/src/httpd/syntax';

const CORPUS = corpusPath('httpd');

const GRAMMAR = nodePath.resolve(__dirname, '../../../../syntaxes/apacheconf.tmLanguage.json');

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
}

let grammar: Grammar | null = null;
let INITIAL: unknown;
let missing = '';

before(async () => {
  let vsctm: any;
  let onig: any;
  try {
    // Loaded by name at run time: they are dev tools, not dependencies of the extension.
    const load = (m: string) => require(m);
    vsctm = load('vscode-textmate');
    onig = load('vscode-oniguruma');
  } catch {
    missing = 'vscode-textmate / vscode-oniguruma are not installed: npm install --no-save vscode-textmate vscode-oniguruma';
    return;
  }
  const wasm = readFileSync(nodePath.join(nodePath.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new onig.OnigScanner(p),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      scope === 'source.apacheconf' ? vsctm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
  });
  grammar = await registry.loadGrammar('source.apacheconf');
  INITIAL = vsctm.INITIAL;
});

/** Tokenizes lines in sequence (the rule stack carries over, as in the editor). */
function tokenize(text: string): { line: string; tokens: Token[] }[] {
  let stack = INITIAL;
  return text.split('\n').map(line => {
    const r = grammar!.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens };
  });
}

/** The scopes of the token holding the first character of `needle` on line `n` (0-based). */
function scopes(text: string, n: number, needle: string, occurrence = 0): string[] {
  const lines = tokenize(text);
  const { line, tokens } = lines[n];
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = line.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${JSON.stringify(needle)} not on line ${n}: ${JSON.stringify(line)}`);
  const tok = tokens.find(t => t.startIndex <= at && at < t.endIndex)!;
  return tok.scopes;
}
const has = (s: string[], scope: string) => s.some(x => x === scope || x.startsWith(scope + '.'));

/** Skips locally when the tokenizer packages are missing; in CI (CI=true) that is a broken set-up. */
function skipIfMissing(t: { skip(m: string): void }): boolean {
  if (grammar) return false;
  if (process.env.CI === 'true') throw new Error(missing || 'grammar not loaded');
  t.skip(missing || 'grammar not loaded');
  return true;
}

test('only the first word of a line is a directive: Header set X-Content-Type-Options', t => {
  if (skipIfMissing(t)) return;
  const text = 'Header set X-Content-Type-Options nosniff';
  assert.ok(has(scopes(text, 0, 'Header'), 'keyword.other.directive'));
  const opt = scopes(text, 0, 'Options');
  assert.ok(!has(opt, 'keyword.other.directive'), `Options coloured as a directive: ${opt}`);
  assert.ok(has(opt, 'meta.directive'));
  assert.ok(!has(scopes(text, 0, 'set'), 'keyword.other.directive'));
  // indented, and inside a section
  assert.ok(has(scopes('<Directory />\n    Options None\n</Directory>', 1, 'Options'), 'keyword.other.directive'));
});

test('continuation lines continue the argument state; a double backslash does not continue', t => {
  if (skipIfMissing(t)) return;
  const text = 'Header set X-Foo \\\n    Options \\\n    nosniff\nOptions None';
  assert.ok(has(scopes(text, 0, '\\'), 'punctuation.separator.continuation'));
  assert.ok(!has(scopes(text, 1, 'Options'), 'keyword.other.directive'), 'continued line is arguments');
  assert.ok(!has(scopes(text, 2, 'nosniff'), 'keyword.other.directive'));
  assert.ok(has(scopes(text, 3, 'Options'), 'keyword.other.directive'), 'the next logical line starts a directive');
  const dbl = 'Alias /x C:\\\\\nOptions None';
  assert.ok(has(scopes(dbl, 1, 'Options'), 'keyword.other.directive'));
});

test('comments only at line start; a comment ending in a backslash continues', t => {
  if (skipIfMissing(t)) return;
  assert.ok(has(scopes('  # a comment', 0, 'a comment'), 'comment.line.number-sign'));
  assert.ok(has(scopes('  # a comment', 0, '#'), 'punctuation.definition.comment'));
  const trailing = 'Listen 80 # not a comment';
  assert.ok(!has(scopes(trailing, 0, '#'), 'comment'), 'a # after a directive is an argument in Apache');
  const cont = '# comment \\\nListen 80\nListen 81';
  assert.ok(has(scopes(cont, 1, 'Listen'), 'comment'), 'Apache reads the continued line as comment');
  assert.ok(has(scopes(cont, 2, 'Listen'), 'keyword.other.directive'));
});

test('sections: opening and closing tags, arguments, variables inside <If> expressions', t => {
  if (skipIfMissing(t)) return;
  const text = '<VirtualHost *:443>\n</VirtualHost>\n<If "%{HTTP_HOST} == \'shop.example.com\'">\n</If>';
  assert.ok(has(scopes(text, 0, '<'), 'punctuation.definition.tag.begin'));
  assert.ok(has(scopes(text, 0, 'VirtualHost'), 'entity.name.tag.section'));
  assert.ok(has(scopes(text, 0, '*:443'), 'meta.tag.section.open'));
  assert.ok(has(scopes(text, 0, '>'), 'punctuation.definition.tag.end'));
  assert.ok(has(scopes(text, 1, 'VirtualHost'), 'entity.name.tag.section'));
  assert.ok(has(scopes(text, 1, '</'), 'meta.tag.section.close'));
  const iff = scopes(text, 2, 'HTTP_HOST');
  assert.ok(has(iff, 'variable.language.server') && has(iff, 'string.quoted.double'), iff.join(' '));
  const vm = scopes('<IfVersion >= 2.4>\n</IfVersion>', 0, '2.4');
  assert.ok(has(vm, 'meta.tag.section.open') && !has(vm, 'punctuation.definition.tag.end'), 'an inner > does not end the tag');
  assert.ok(has(scopes('<FilesMatch "\\.(php|phtml)$">', 0, 'php'), 'string.regexp'));
  assert.ok(has(scopes('<Directory ~ "^/var/www/.+">', 0, 'var'), 'string.regexp'));
});

test('quoted strings with escapes; unterminated strings end with the line', t => {
  if (skipIfMissing(t)) return;
  const text = 'Header set X-Note "a \\"quoted\\" word" \'single\'\nErrorDocument 503 "Down for maintenance\nListen 80';
  assert.ok(has(scopes(text, 0, 'a \\'), 'string.quoted.double'));
  assert.ok(has(scopes(text, 0, '\\"'), 'constant.character.escape'));
  assert.ok(has(scopes(text, 0, 'single'), 'string.quoted.single'));
  assert.ok(has(scopes(text, 2, 'Listen'), 'keyword.other.directive'), 'an unterminated quote does not swallow the next line');
  // Apache's escapes: \\ then " closes the string
  assert.ok(has(scopes('ServerName "a\\\\" b', 0, 'b'), 'meta.directive') && !has(scopes('ServerName "a\\\\" b', 0, 'b'), 'string'));
  // a quoted string continued over a line break
  assert.ok(has(scopes('Header set X "a \\\n  Options b"', 1, 'Options'), 'string.quoted.double'));
});

test('variables: ${DEFINE}, %{SERVER_VAR}, back-references', t => {
  if (skipIfMissing(t)) return;
  const text = 'DocumentRoot ${APP_ROOT}/htdocs\nRewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$\nRewriteRule ^/old/(.*)$ /new/$1 [R=301,L]';
  assert.ok(has(scopes(text, 0, 'APP_ROOT'), 'variable.other.define'));
  assert.ok(has(scopes(text, 0, '${'), 'punctuation.definition.variable.begin'));
  assert.ok(has(scopes(text, 1, 'REMOTE_ADDR'), 'variable.language.server'));
  assert.ok(has(scopes(text, 2, '$1'), 'variable.other.backreference'));
});

test('RewriteRule / RewriteCond: regex arguments, negation, [flags]', t => {
  if (skipIfMissing(t)) return;
  const text = 'RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$ [NC,OR]\nRewriteRule ^/old/(.*)$ /new/$1 [R=301,L]\nRewriteRule !^/maintenance\\.html$ - [R=503,L]';
  const cond = scopes(text, 0, '^10');
  assert.ok(has(cond, 'string.regexp'), cond.join(' '));
  assert.ok(has(scopes(text, 0, '!'), 'keyword.operator.negation'));
  assert.ok(has(scopes(text, 0, '\\.'), 'constant.character.escape.regexp'));
  assert.ok(has(scopes(text, 0, 'NC'), 'keyword.control.flag'));
  assert.ok(has(scopes(text, 0, ','), 'punctuation.separator.flags'));
  assert.ok(!has(scopes(text, 0, 'REMOTE_ADDR'), 'string.regexp'), 'the test string is not the regex');
  const rule = scopes(text, 1, '^/old');
  assert.ok(has(rule, 'string.regexp'), rule.join(' '));
  assert.ok(!has(scopes(text, 1, '/new'), 'string.regexp'));
  assert.ok(has(scopes(text, 1, 'R=301'), 'keyword.control.flag'));
  assert.ok(has(scopes(text, 1, '301'), 'constant.other.flag-value'));
  assert.ok(has(scopes(text, 1, '['), 'punctuation.definition.flags.begin'));
  assert.ok(has(scopes(text, 2, '!'), 'keyword.operator.negation'));
  assert.ok(has(scopes(text, 2, 'maintenance'), 'string.regexp'));
  // case-insensitive directive names, as Apache
  assert.ok(has(scopes('rewriterule ^ - [F]', 0, '^'), 'string.regexp'));
  // a bracket in the middle of other directives is not a flag list
  assert.ok(!has(scopes('Listen [::1]:80', 0, '::1'), 'keyword.control.flag'));
  assert.ok(!has(scopes('<VirtualHost [2001:db8::1]:443>', 0, '2001'), 'keyword.control.flag'));
});

test('other regex directives: RedirectMatch, AliasMatch, SetEnvIf, BrowserMatch', t => {
  if (skipIfMissing(t)) return;
  assert.ok(has(scopes('RedirectMatch permanent ^/old(.*)$ https://x/$1', 0, '^/old'), 'string.regexp'));
  assert.ok(has(scopes('RedirectMatch permanent ^/old(.*)$ https://x/$1', 0, 'permanent'), 'constant.language.status'));
  assert.ok(has(scopes('AliasMatch ^/img/(.*)$ /srv/img/$1', 0, '^/img'), 'string.regexp'));
  assert.ok(has(scopes('SetEnvIf Remote_Addr "^10\\.1\\." internal', 0, '^10'), 'string.regexp'));
  assert.ok(!has(scopes('SetEnvIf Remote_Addr "^10\\.1\\." internal', 0, 'Remote_Addr'), 'string.regexp'));
  assert.ok(has(scopes('BrowserMatch "MSIE [2-5]" nokeepalive', 0, 'MSIE'), 'string.regexp'));
});

test('On/Off and numbers as constants', t => {
  if (skipIfMissing(t)) return;
  assert.ok(has(scopes('RewriteEngine On', 0, 'On'), 'constant.language.boolean'));
  assert.ok(has(scopes('KeepAliveTimeout 5', 0, '5'), 'constant.numeric'));
  assert.ok(!has(scopes('ServerName online.example', 0, 'online'), 'constant'));
});

test('corpus: the grammar agrees with the parser on which words are directives', t => {
  if (skipIfMissing(t)) return;
  if (!existsSync(CORPUS)) return t.skip(`${CORPUS} is absent (shared corpus of real configs)`);
  let checked = 0;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(e =>
      e.isDirectory() ? walk(nodePath.join(dir, e.name)) : e.isFile() && e.name !== 'PROVENANCE.tsv' ? [nodePath.join(dir, e.name)] : [],
    );
  for (const f of walk(CORPUS)) {
    const text = readFileSync(f, 'latin1');
    if (/\r(?!\n)/.test(text) || text.includes('\0')) continue;
    const tree = parseHttpd(text);
    const index = new LineIndex(text);
    const lines = tokenize(text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    const scopeAt = (offset: number) => {
      const p = index.positionAt(offset);
      const col = p.character - (p.line === 0 ? bom : 0);
      return lines[p.line].tokens.find(tk => tk.startIndex <= col && col < tk.endIndex)?.scopes ?? [];
    };
    for (const d of tree.directives) {
      if (/^lua/i.test(d.parent?.name ?? '')) continue;
      assert.ok(has(scopeAt(d.nameSpan.start), 'keyword.other.directive'), `${f}:${index.positionAt(d.start).line + 1}: ${d.name} is not coloured as a directive`);
      for (const a of d.args) {
        assert.ok(!has(scopeAt(a.start), 'keyword.other.directive'), `${f}:${index.positionAt(a.start).line + 1}: argument ${a.value} coloured as a directive`);
      }
      checked++;
    }
    for (const c of tree.comments) assert.ok(has(scopeAt(c.start), 'comment'), `${f}:${index.positionAt(c.start).line + 1}: comment not coloured as one`);
  }
  t.diagnostic(`${checked} directives of the corpus checked`);
});
