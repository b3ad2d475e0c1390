import { corpusPath } from '../../support/repo';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { applyOffsetEdits, decodeBytes } from '../../../server/src/engine/text';
import { formatHttpd, type FormatOptions } from '../../../server/src/httpd/format';
import { parseHttpd } from '../../../server/src/httpd/syntax';
import { defaultScratch, requireApache } from '../../support/apache';

const SPACES2: FormatOptions = { tabSize: 2, insertSpaces: true };
const TABS: FormatOptions = { tabSize: 4, insertSpaces: false };

function format(text: string, opts: FormatOptions = SPACES2, range?: { start: number; end: number }): string {
  return applyOffsetEdits(text, formatHttpd(parseHttpd(text), opts, range));
}

/** The text without any white space: what formatting must never change. */
const ink = (s: string) => s.replace(/[ \t\f\v]/g, '');
/** Line endings in order: formatting keeps every one of them. */
const eols = (s: string) => s.match(/\r\n|\n|\r/g) ?? [];

test('nested sections are indented; trailing white space and blank-line white space go', () => {
  const src = [
    '# top comment   ',
    'ServerName example.test',
    '<VirtualHost *:80>',
    'ServerName a.example.test  ',
    '      <Location /status>',
    '# inner comment',
    '\t\tRequire ip 10.1.2.3',
    '</Location>',
    '   ',
    '    <IfModule mod_rewrite.c>',
    'RewriteEngine On',
    '  </IfModule>',
    '</VirtualHost>',
    '',
  ].join('\n');
  assert.equal(
    format(src),
    [
      '# top comment',
      'ServerName example.test',
      '<VirtualHost *:80>',
      '  ServerName a.example.test',
      '  <Location /status>',
      '    # inner comment',
      '    Require ip 10.1.2.3',
      '  </Location>',
      '',
      '  <IfModule mod_rewrite.c>',
      '    RewriteEngine On',
      '  </IfModule>',
      '</VirtualHost>',
      '',
    ].join('\n'),
  );
});

test('tabs when insertSpaces is false; the tab size sets the width of spaces', () => {
  const src = '<Directory />\nOptions None\n<Files x>\nRequire all denied\n</Files>\n</Directory>\n';
  assert.equal(format(src, TABS), '<Directory />\n\tOptions None\n\t<Files x>\n\t\tRequire all denied\n\t</Files>\n</Directory>\n');
  assert.equal(format(src, { tabSize: 4, insertSpaces: true }), '<Directory />\n    Options None\n    <Files x>\n        Require all denied\n    </Files>\n</Directory>\n');
});

test('edits are minimal: only lines whose white space changes, and only the changed part', () => {
  const src = '<Directory />\n  Options None\n Require all denied   \n</Directory>\n';
  const edits = formatHttpd(parseHttpd(src), SPACES2);
  assert.deepEqual(edits, [
    { start: 30, end: 30, newText: ' ' }, // ' Require' gets one more space
    { start: 48, end: 51, newText: '' }, // trailing blanks
  ]);
  assert.equal(formatHttpd(parseHttpd('<Directory />\n  Options None\n</Directory>\n'), SPACES2).length, 0);
});

test('continuation lines keep their content; the first physical line is indented', () => {
  const src = '<VirtualHost *:80>\nRewriteRule ^/old(.*) \\\n      /new$1 \\\n   [R=301,L]   \n</VirtualHost>\n';
  assert.equal(format(src), '<VirtualHost *:80>\n  RewriteRule ^/old(.*) \\\n      /new$1 \\\n   [R=301,L]   \n</VirtualHost>\n');
  // a quoted argument continued over lines: the white space inside the quotes is argument text
  const quoted = '<Location />\nHeader set X "a  \\\n   b"\n</Location>\n';
  assert.equal(format(quoted), '<Location />\n  Header set X "a  \\\n   b"\n</Location>\n');
});

test('blanks after a trailing backslash stay: removing them would continue the line', () => {
  const src = 'Alias /x C:/dir\\ \nListen 80\n';
  assert.equal(format(src), src);
});

test('CRLF, a BOM and a file without final newline survive', () => {
  const src = '\uFEFF<IfModule x>  \r\nListen 80\r\n</IfModule>';
  assert.equal(format(src), '\uFEFF<IfModule x>\r\n  Listen 80\r\n</IfModule>');
});

test('comment text is not touched, only its indentation', () => {
  const src = '<Directory />\n#    Options   Indexes   \n</Directory>\n';
  assert.equal(format(src), '<Directory />\n  #    Options   Indexes\n</Directory>\n');
});

test('unclosed and crossed sections: lines the tree does not place keep their indentation', () => {
  const src = '<Directory />\nOptions None\n   </Location>\n';
  assert.equal(format(src), '<Directory />\n  Options None\n   </Location>\n');
});

test('mod_lua inline sections keep their body as written', () => {
  const src = '<LuaHookTranslateName handler>\n  local s = [[\n    text]]\n</LuaHookTranslateName>\n';
  assert.equal(format(src), src);
});

test('range formatting touches only the lines in the range', () => {
  const src = '<Directory />\nOptions None\nRequire all denied  \nDirectoryIndex x\n</Directory>\n';
  const start = src.indexOf('Require');
  const out = format(src, SPACES2, { start, end: start + 3 });
  assert.equal(out, '<Directory />\nOptions None\n  Require all denied\nDirectoryIndex x\n</Directory>\n');
  // a range ending at the start of a line does not include that line
  const lineAfter = src.indexOf('DirectoryIndex');
  assert.equal(format(src, SPACES2, { start: src.indexOf('Options'), end: lineAfter }), '<Directory />\n  Options None\n  Require all denied\nDirectoryIndex x\n</Directory>\n');
});

// ---- properties -------------------------------------------------------------------------------------

const indent = fc.constantFrom('', ' ', '  ', '\t', '    ', ' \t ');
const trailing = fc.constantFrom('', ' ', '\t', '  \t');
const eol = fc.constantFrom('\n', '\r\n');
const directive = fc.constantFrom(
  'Listen 80',
  'ServerName a.example.test',
  'RewriteRule ^/(.*)$ /x/$1 [R=301,L]',
  'Header always set Retry-After "3600"',
  'ErrorDocument 503 "Down  for   maintenance"',
  'Require ip 10.1.2.3',
  '# a comment   with  spaces',
  'Alias /x C:\\\\dir\\\\',
  'RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$ \\',
  'Header set X "a \\',
  '   b"',
  'Options -Indexes',
  '',
);
const open = fc.constantFrom('<VirtualHost *:80>', '<Directory "/var/www">', '<IfModule mod_rewrite.c>', '<Location />', '<If "%{HTTPS} == \'on\'">');
const close = fc.constantFrom('</VirtualHost>', '</Directory>', '</IfModule>', '</Location>', '</If>');
const line = fc.oneof({ weight: 6, arbitrary: directive }, { weight: 1, arbitrary: open }, { weight: 1, arbitrary: close });
const config = fc
  .array(fc.tuple(indent, line, trailing, eol), { maxLength: 40 })
  .chain(lines => fc.constantFrom(...[true, false]).map(bom => (bom ? '\uFEFF' : '') + lines.map(([i, l, t, e]) => i + l + t + e).join('')));
const formatOptions = fc.record({ tabSize: fc.integer({ min: 1, max: 8 }), insertSpaces: fc.boolean() });

test('property: formatting twice is the same as once, and changes only white space', () => {
  fc.assert(
    fc.property(config, formatOptions, (src, opts) => {
      const once = format(src, opts);
      assert.equal(format(once, opts), once, 'not idempotent');
      assert.equal(ink(once), ink(src), 'a non-white-space character changed');
      assert.deepEqual(eols(once), eols(src), 'line endings changed');
      // the parse is the same: directive names and argument values
      const summary = (t: string) => parseHttpd(t).directives.map(d => [d.name, ...d.args.map(a => a.value)].join('\u0001'));
      assert.deepEqual(summary(once), summary(src), 'the configuration means something else');
    }),
    { numRuns: 400 },
  );
});

test('property: range formatting of the whole text equals document formatting', () => {
  fc.assert(
    fc.property(config, src => {
      assert.equal(format(src, SPACES2, { start: 0, end: src.length }), format(src, SPACES2));
    }),
    { numRuns: 200 },
  );
});

// ---- the real Apache ----------------------------------------------------------------------------------

const CORPUS = corpusPath('httpd');

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = nodePath.join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && name !== 'PROVENANCE.tsv') out.push(p);
    }
  };
  walk(CORPUS);
  return out;
}

test('corpus: formatting keeps every non-white-space byte and line ending, and is idempotent', t => {
  if (!existsSync(CORPUS)) return t.skip(`${CORPUS} is absent (shared corpus of real configs)`);
  const files = corpusFiles();
  assert.ok(files.length > 50, `expected the corpus to hold configs, found ${files.length}`);
  for (const f of files) {
    const { text, binary } = decodeBytes(readFileSync(f));
    if (binary) continue;
    for (const opts of [SPACES2, TABS]) {
      const once = format(text, opts);
      assert.equal(ink(once), ink(text), `${f}: a non-white-space character changed`);
      assert.deepEqual(eols(once), eols(text), `${f}: line endings changed`);
      assert.equal(format(once, opts), once, `${f}: formatting twice differs from once`);
    }
  }
});

test('corpus: apache2 -t accepts every formatted file it accepted before', t => {
  if (!existsSync(CORPUS)) return t.skip(`${CORPUS} is absent (shared corpus of real configs)`);
  if (!requireApache(t)) return;
  const scratch = defaultScratch();
  let accepted = 0;
  let changed = 0;
  for (const f of corpusFiles()) {
    const bytes = readFileSync(f);
    const { text, binary } = decodeBytes(bytes);
    if (binary) continue;
    // The file is checked from a copy next to the formatted one, so both resolve relative paths alike.
    const rel = nodePath.relative(CORPUS, f).replace(/[^\w.-]+/g, '_');
    const before = scratch.checkConfig(scratch.write(`fmt/before/${rel}`, text));
    if (!before.ok) continue;
    accepted++;
    const formatted = format(text, SPACES2);
    if (formatted === text) continue;
    changed++;
    const after = scratch.checkConfig(scratch.write(`fmt/after/${rel}`, formatted));
    assert.ok(after.ok, `${f}: apache2 -t accepted it before formatting but not after: ${after.message ?? after.stderr}`);
    assert.equal(ink(formatted), ink(text), `${f}: formatting changed a non-white-space character`);
  }
  assert.ok(accepted > 0, 'apache2 -t accepted none of the corpus files; the check proves nothing');
  t.diagnostic(`apache2 -t accepted ${accepted} corpus files; formatting changed ${changed} of them; all still accepted`);
});
