import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseHttpd, nodeAt, sectionAt, type Node } from '../../server/src/httpd/syntax';

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

test('directives keep name and argument ranges; quotes and escapes follow Apache', () => {
  const text = 'ServerName  www.example.com:80\nHeader set X-Note "a \\"quoted\\" word" \'single one\'\n';
  const t = parseHttpd(text);
  assert.equal(t.directives.length, 2);
  const [sn, hd] = t.directives;
  assert.equal(sn.name, 'ServerName');
  assert.equal(slice(text, sn.nameSpan), 'ServerName');
  assert.deepEqual(sn.args.map(a => a.value), ['www.example.com:80']);
  assert.equal(slice(text, sn.args[0]), 'www.example.com:80');
  assert.deepEqual(hd.args.map(a => a.value), ['set', 'X-Note', 'a "quoted" word', 'single one']);
  assert.equal(slice(text, hd.args[2]), '"a \\"quoted\\" word"');
  assert.equal(hd.args[2].quote, '"');
  assert.equal(hd.args[3].quote, "'");
  assert.equal(t.problems.length, 0);
});

test('an unterminated quote runs to the end of the line and is marked', () => {
  const t = parseHttpd('ErrorDocument 503 "Down for maintenance\nListen 80\n');
  assert.equal(t.directives.length, 2);
  assert.equal(t.directives[0].args[1].unterminated, true);
  assert.equal(t.directives[0].args[1].value, 'Down for maintenance');
  assert.equal(t.directives[1].name, 'Listen');
});

test('backslash continuation joins lines; offsets map back into the original text', () => {
  const text = 'RewriteRule ^/old \\\n    /new [R=301,\\\nL]\nListen 80\n';
  const t = parseHttpd(text);
  assert.equal(t.directives.length, 2);
  const rr = t.directives[0];
  assert.deepEqual(rr.args.map(a => a.value), ['^/old', '/new', '[R=301,L]']);
  assert.equal(slice(text, rr.args[1]), '/new');
  // an argument split across a continuation spans the backslash and line break in the source
  assert.equal(slice(text, rr.args[2]), '[R=301,\\\nL]');
  assert.equal(t.directives[1].name, 'Listen');
  assert.equal(text.slice(t.directives[1].nameSpan.start, t.directives[1].nameSpan.end), 'Listen');
});

// Checked with apache2 -t (2.4): `ServerAdmin x\\` followed by `ServerTokens Prod` is one line to Apache
// ("ServerAdmin takes one argument"), so a doubled backslash continues the line too.
test('a double backslash at the end of a line continues it, as in Apache 2.4', () => {
  const t = parseHttpd('Alias /x C:\\\\\nListen 80\n');
  assert.equal(t.directives.length, 1);
  assert.deepEqual(t.directives[0].args.map(a => a.value), ['/x', 'C:\\Listen', '80']);
});

test('a comment ending with a backslash swallows the next line, as in Apache', () => {
  const t = parseHttpd('# a comment \\\nListen 80\nServerName a\n');
  assert.equal(t.comments.length, 1);
  assert.deepEqual(t.directives.map(d => d.name), ['ServerName']);
});

test('CRLF and BOM: ranges point at the right characters', () => {
  const text = '\uFEFF# c\r\nServerRoot "/opt/IBM/HTTPServer"\r\n<Directory />\r\n  Options None\r\n</Directory>\r\n';
  const t = parseHttpd(text);
  assert.equal(t.problems.length, 0);
  const sr = t.directives[0];
  assert.equal(slice(text, sr.nameSpan), 'ServerRoot');
  assert.equal(sr.args[0].value, '/opt/IBM/HTTPServer');
  assert.equal(slice(text, sr.args[0]), '"/opt/IBM/HTTPServer"');
  const dir = t.sections[0];
  assert.equal(slice(text, dir.open), '<Directory />');
  assert.equal(slice(text, dir.close!), '</Directory>');
  assert.equal(slice(text, t.directives[1].nameSpan), 'Options');
  assert.equal(t.directives[1].parent, dir);
});

test('sections nest to any depth and keep their arguments', () => {
  const text = [
    '<IfModule mod_rewrite.c>',
    '  <VirtualHost *:443 [::1]:8443>',
    '    <Location / >',
    '      <If "%{REMOTE_ADDR} == \'10.0.0.1\'">',
    '        Require all granted',
    '      </If>',
    '    </Location>',
    '  </VirtualHost>',
    '</IfModule>',
    '<IfVersion < 2.4>',
    '</IfVersion>',
  ].join('\n');
  const t = parseHttpd(text);
  assert.equal(t.problems.length, 0);
  assert.deepEqual(t.sections.map(s => s.name), ['IfModule', 'VirtualHost', 'Location', 'If', 'IfVersion']);
  assert.deepEqual(t.sections[1].args.map(a => a.value), ['*:443', '[::1]:8443']);
  assert.deepEqual(t.sections[2].args.map(a => a.value), ['/']);
  assert.deepEqual(t.sections[3].args.map(a => a.value), ["%{REMOTE_ADDR} == '10.0.0.1'"]);
  assert.deepEqual(t.sections[4].args.map(a => a.value), ['<', '2.4']);
  const req = t.directives[0];
  assert.equal(req.parent?.name, 'If');
  assert.equal(req.parent?.parent?.parent?.parent?.name, 'IfModule');
});

test('unclosed, unmatched and crossed sections are problems, not exceptions', () => {
  const crossed = parseHttpd('<VirtualHost *:80>\n<Location />\n</VirtualHost>\n</Location>\n');
  assert.deepEqual(crossed.problems.map(p => p.kind), ['crossed-close', 'unmatched-close']);
  assert.match(crossed.problems[0].message, /<Location> is not closed before <\/VirtualHost>/);

  const unclosed = parseHttpd('<Directory /var/www>\n  Options None\n');
  assert.deepEqual(unclosed.problems.map(p => p.kind), ['unclosed-section']);
  assert.equal(unclosed.sections[0].close, null);

  const stray = parseHttpd('Listen 80\n</Files>\n');
  assert.deepEqual(stray.problems.map(p => p.kind), ['unmatched-close']);

  const noGt = parseHttpd('<Directory /var/www\nOptions None\n</Directory>\n');
  assert.deepEqual(noGt.problems.map(p => p.kind), ['missing-gt']);
});

test('section names match case-insensitively, as in Apache', () => {
  const t = parseHttpd('<virtualhost *:80>\n</VirtualHost>\n');
  assert.equal(t.problems.length, 0);
});

test('nodeAt and sectionAt find the node under the cursor', () => {
  const text = '<VirtualHost *:80>\n  ServerName a\n  \n</VirtualHost>\n';
  const t = parseHttpd(text);
  const at = nodeAt(t, text.indexOf('Name a'));
  assert.equal(at?.kind, 'directive');
  assert.equal((at as { name: string }).name, 'ServerName');
  assert.equal(sectionAt(t, text.indexOf('\n  \n') + 2)?.name, 'VirtualHost');
  assert.equal(sectionAt(t, 0), null);
});

/** Every node's spans lie inside the text, in order, and children inside their parent. */
function checkSpans(text: string, nodes: Node[], lo: number, hi: number): void {
  let prev = lo;
  for (const n of nodes) {
    assert.ok(n.start >= prev && n.start <= n.end && n.end <= hi, `span ${n.start}-${n.end} outside ${prev}-${hi}`);
    prev = n.start;
    if (n.kind === 'section') checkSpans(text, n.children, n.open.end, n.end);
  }
}

test('property: any input parses without throwing, with spans inside the text', () => {
  const alphabet = fc.constantFrom('<', '>', '/', '\\', '\n', '\r', ' ', '"', "'", '#', 'a', 'Dir', 'If', '\uFEFF', '\0', '\t');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 200 }).map(a => a.join('')), text => {
      const t = parseHttpd(text);
      checkSpans(text, t.children, 0, text.length);
      for (const d of t.directives) for (const a of d.args) assert.ok(a.start >= d.nameSpan.end && a.end <= text.length);
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), text => {
      parseHttpd(text);
    }),
    { numRuns: 2000 },
  );
});

test('a large generated config parses into the expected number of nodes', () => {
  const block = '<VirtualHost *:80>\n  ServerName a\n  RewriteRule ^/x /y [L]\n  # c\n</VirtualHost>\n';
  const text = block.repeat(20000);
  const t = parseHttpd(text);
  assert.equal(t.sections.length, 20000);
  assert.equal(t.directives.length, 40000);
  assert.equal(t.comments.length, 20000);
  assert.equal(t.problems.length, 0);
});

test('inside quotes, \\\\ is one backslash and does not escape the closing quote (as Apache reads it)', () => {
  const t = parseHttpd('ServerName "a\\\\" b\nServerAdmin "x\\\\"\n');
  assert.deepEqual(t.directives[0].args.map(a => a.value), ['a\\', 'b']);
  assert.equal(t.directives[0].args[0].unterminated, undefined);
  assert.deepEqual(t.directives[1].args.map(a => a.value), ['x\\']);
});
