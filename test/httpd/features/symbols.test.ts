import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { LineIndex } from '../../../server/src/engine/text';
import { parseHttpd } from '../../../server/src/httpd/syntax';
import { httpdDocumentSymbols, httpdFoldingRanges, MAX_SYMBOLS } from '../../../server/src/httpd/symbols';
import { rangeText } from './cursor';

function symbols(text: string): DocumentSymbol[] {
  return httpdDocumentSymbols(parseHttpd(text), new LineIndex(text));
}
/** name [detail] (kind) range / selection, children indented. */
function outline(list: DocumentSymbol[], depth = 0): string[] {
  return list.flatMap(s => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` [${s.detail}]` : ''} (${s.kind}) ${rangeText(s.range)} ${rangeText(s.selectionRange)}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

const CONF = [
  'ServerRoot "/etc/httpd"', //                       0
  'Listen 80', //                                     1
  '<VirtualHost *:443>', //                           2
  '  <IfModule mod_ssl.c>', //                        3
  '    ServerName shop.example.com', //               4
  '  </IfModule>', //                                 5
  '  ServerAlias www.shop.example.com', //            6
  '  <Location "/admin">', //                         7
  '    Require ip 10.1.2.0/24', //                    8
  '  </Location>', //                                 9
  '  Include conf/extra/*.conf', //                   10
  '</VirtualHost>', //                                11
  '<VirtualHost *:80>', //                            12
  '  ServerAlias only-alias.example.com', //          13
  '</VirtualHost>', //                                14
  '',
].join('\n');

test('outline: nested sections with their arguments, VirtualHost with its ServerName, directives as leaves', () => {
  assert.deepEqual(outline(symbols(CONF)), [
    'ServerRoot ["/etc/httpd"] (7) 0:0-0:23 0:0-0:10',
    'Listen [80] (7) 1:0-1:9 1:0-1:6',
    '<VirtualHost *:443> [shop.example.com] (5) 2:0-11:14 2:0-2:19',
    '  <IfModule mod_ssl.c> (4) 3:2-5:13 3:2-3:22',
    '    ServerName [shop.example.com] (7) 4:4-4:31 4:4-4:14',
    '  ServerAlias [www.shop.example.com] (7) 6:2-6:34 6:2-6:13',
    '  <Location "/admin"> (3) 7:2-9:13 7:2-7:21',
    '    Require [ip 10.1.2.0/24] (7) 8:4-8:26 8:4-8:11',
    '  Include [conf/extra/*.conf] (1) 10:2-10:27 10:2-10:9',
    '<VirtualHost *:80> [only-alias.example.com] (5) 12:0-14:14 12:0-12:18',
    '  ServerAlias [only-alias.example.com] (7) 13:2-13:36 13:2-13:13',
  ]);
});

test('outline: unclosed and half-typed sections still give valid symbols (selection inside range, non-empty names)', () => {
  const text = '<VirtualHost *:80>\n  <\n  Listen 80\n';
  const all = symbols(text);
  const check = (list: DocumentSymbol[]) => {
    for (const s of list) {
      assert.ok(s.name.length > 0);
      const inside = (a: { line: number; character: number }) =>
        (a.line > s.range.start.line || (a.line === s.range.start.line && a.character >= s.range.start.character)) &&
        (a.line < s.range.end.line || (a.line === s.range.end.line && a.character <= s.range.end.character));
      assert.ok(inside(s.selectionRange.start) && inside(s.selectionRange.end), `${s.name}: selection outside range`);
      check(s.children ?? []);
    }
  };
  check(all);
  assert.deepEqual(outline(all), ['<VirtualHost *:80> (5) 0:0-2:11 0:0-0:18', '  <> (23) 1:2-2:11 1:2-1:3', '    Listen [80] (7) 2:2-2:11 2:2-2:8']);
});

test('outline: a huge generated file is capped', () => {
  const text = 'Listen 80\n'.repeat(MAX_SYMBOLS + 100);
  assert.equal(symbols(text).length, MAX_SYMBOLS);
});

test('folding: sections up to the line before their closing tag, comment runs of two or more lines', () => {
  const text = [
    '# Global settings', //            0
    '# for the shop', //               1
    'Listen 80', //                    2
    '<VirtualHost *:80>', //           3
    '  # one comment line', //         4
    '  <Directory /var/www>', //       5
    '    # a', //                      6
    '    # b', //                      7
    '    # c', //                      8
    '    Options None', //             9
    '  </Directory>', //               10
    '  <Location /x>', //              11
    '  </Location>', //                12
    '</VirtualHost>', //               13
    '<IfModule mod_ssl.c>', //         14
    '  Listen 443', //                 15
    '',
  ].join('\n');
  assert.deepEqual(httpdFoldingRanges(parseHttpd(text), new LineIndex(text)), [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 3, endLine: 12 },
    { startLine: 5, endLine: 9 },
    { startLine: 6, endLine: 8, kind: 'comment' },
    // <Location /x> is empty: nothing to fold. The unclosed <IfModule> folds to its last line.
    { startLine: 14, endLine: 15 },
  ]);
});

test('folding: a comment continued by a backslash counts as one comment over two lines', () => {
  const text = '# a comment \\\nstill the comment\nListen 80\n';
  assert.deepEqual(httpdFoldingRanges(parseHttpd(text), new LineIndex(text)), [{ startLine: 0, endLine: 1, kind: 'comment' }]);
});
