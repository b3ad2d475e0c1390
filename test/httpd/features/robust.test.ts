// Every feature answers on any input (half-typed, invalid, binary-looking) at any offset without
// throwing, and every range it returns lies inside the document with start <= end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from '../../../server/src/engine/text';
import { httpdCompletions } from '../../../server/src/httpd/complete';
import { formatHttpd } from '../../../server/src/httpd/format';
import { httpdHover } from '../../../server/src/httpd/hover';
import { httpdDefinition, httpdDocumentLinks } from '../../../server/src/httpd/links';
import { httpdDocumentSymbols, httpdFoldingRanges } from '../../../server/src/httpd/symbols';
import { setup } from './cursor';

const pieces = fc.constantFrom(
  '<', '</', '>', '<VirtualHost *:80>', '</VirtualHost>', '<IfModule ', '<If "%{', 'RewriteRule ', 'RewriteCond ',
  '%{', '${', '}', '[', ']', ',', '=', 'R=', 'L', '"', "'", '\\', '\\\n', '\n', '\r\n', '\r', ' ', '\t', '#',
  'LoadModule ', 'ErrorDocument ', 'Include ', 'WebSpherePluginConfig ', 'Options ', '+', '-', '!', '\uFEFF', '\0', 'é', '😀',
  'Listen 80', 'Require all ', 'conf/*.conf', '/x.html', 'Define A b', 'ServerName a',
);
const doc = fc.array(pieces, { maxLength: 30 }).map(a => a.join(''));

function checkRange(text: string, r: Range, what: string) {
  const ix = new LineIndex(text);
  const s = ix.offsetAt(r.start);
  const e = ix.offsetAt(r.end);
  assert.ok(s <= e, `${what}: start after end`);
  assert.ok(r.start.line < ix.lineCount && r.end.line < ix.lineCount, `${what}: line outside the document`);
  assert.equal(ix.positionAt(s).character, r.start.character, `${what}: start character past the end of its line`);
  assert.equal(ix.positionAt(e).character, r.end.character, `${what}: end character past the end of its line`);
}

test('property: no feature throws, every range is inside the document', () => {
  fc.assert(
    fc.property(doc, fc.nat(), (text, n) => {
      const s = setup(text, { marker: '\u0001never\u0001', files: { '/ws/conf/extra/a.conf': 'Listen 1\n' } });
      // A position an editor can send: never inside a CRLF pair.
      const lines = new LineIndex(text);
      const offset = lines.offsetAt(lines.positionAt(text.length ? n % (text.length + 1) : 0));
      for (const snippets of [true, false]) {
        for (const item of httpdCompletions(s.project, s.file, offset, { snippets })) {
          const r = (item.textEdit as TextEdit).range;
          checkRange(text, r, `completion ${item.label}`);
          const cur = lines.positionAt(offset);
          assert.ok(r.start.line === cur.line && r.end.line === cur.line, `completion ${item.label}: range not on the cursor's line`);
          assert.ok(r.start.character <= cur.character && cur.character <= r.end.character, `completion ${item.label}: range does not hold the cursor`);
          assert.ok(item.label.length > 0);
        }
      }
      const h = httpdHover(s.project, s.file, offset);
      if (h) assert.ok(h.start <= offset && offset <= h.end && h.markdown.length > 0);
      for (const l of [...httpdDefinition(s.project, s.file, offset), ...httpdDocumentLinks(s.project, s.file)]) {
        assert.ok(l.start <= l.end && l.end <= text.length);
      }
      const ix = new LineIndex(text);
      const walk = (list: ReturnType<typeof httpdDocumentSymbols>) => {
        for (const sym of list) {
          assert.ok(sym.name.length > 0);
          checkRange(text, sym.range, sym.name);
          checkRange(text, sym.selectionRange, sym.name);
          walk(sym.children ?? []);
        }
      };
      walk(httpdDocumentSymbols(s.file.tree, ix));
      for (const f of httpdFoldingRanges(s.file.tree, ix)) assert.ok(f.startLine < f.endLine && f.endLine < ix.lineCount);
      for (const e of formatHttpd(s.file.tree, { tabSize: 2, insertSpaces: true })) assert.ok(e.start <= e.end && e.end <= text.length);
    }),
    { numRuns: 500 },
  );
});
