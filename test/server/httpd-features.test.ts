// The httpd editor features through the bundled server (dist/server.js) over real LSP on stdio: hover,
// completion, document symbols, folding, definition, document links and formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionList, DocumentLink, DocumentSymbol, FoldingRange, Hover, LocationLink, SymbolInformation, TextEdit } from 'vscode-languageserver/node';
import { applyTextEdits } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, startServer, type Harness } from './harness';

const CONF = [
  'ServerRoot "/etc/httpd"', //                                  0
  'Include conf/extra/ssl.conf', //                              1
  'WebSpherePluginConfig /opt/IBM/Plugins/config/web1/plugin-cfg.xml', // 2
  '<VirtualHost *:80>', //                                       3
  'ServerName shop.example.com   ', //                           4
  '  RewriteEngine On', //                                       5
  '  RewriteRule ^ - [R=503,L]', //                              6
  '  ', //                                                       7
  '</VirtualHost>', //                                           8
  '',
].join('\r\n');

const CAPS = {
  ...CLIENT_CAPABILITIES,
  textDocument: {
    ...CLIENT_CAPABILITIES.textDocument,
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    definition: { linkSupport: true },
  },
};

function workspace(): { dir: string; uri: string } {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-httpd-lsp-'));
  mkdirSync(nodePath.join(dir, 'conf', 'extra'), { recursive: true });
  mkdirSync(nodePath.join(dir, 'plugins', 'config', 'web1'), { recursive: true });
  writeFileSync(nodePath.join(dir, 'conf', 'httpd.conf'), CONF);
  writeFileSync(nodePath.join(dir, 'conf', 'extra', 'ssl.conf'), 'Listen 443\n');
  writeFileSync(nodePath.join(dir, 'plugins', 'config', 'web1', 'plugin-cfg.xml'), '<Config/>\n');
  return { dir, uri: pathToFileURL(nodePath.join(dir, 'conf', 'httpd.conf')).href };
}

async function open(h: Harness, dir: string, uri: string, caps: object = CAPS) {
  const init = (await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: caps,
  })) as { capabilities: Record<string, any> };
  await h.conn.sendNotification('initialized', {});
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: CONF } });
  return init.capabilities;
}

test('httpd features over stdio: capabilities, hover, completion, symbols, folding, definition, links, formatting', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  h.settings.upkeep = { rules: {} };
  const caps = await open(h, dir, uri);
  assert.equal(caps.hoverProvider, true);
  for (const ch of ['<', '/', '{', '[', ',', '=', ' ', '!']) assert.ok(caps.completionProvider.triggerCharacters.includes(ch), ch);
  assert.ok(caps.documentSymbolProvider && caps.foldingRangeProvider && caps.definitionProvider);
  assert.deepEqual(caps.documentLinkProvider, { resolveProvider: false });
  assert.equal(caps.documentFormattingProvider, true);
  assert.equal(caps.documentRangeFormattingProvider, true);
  const doc = { textDocument: { uri } };

  // Hover on a directive name and on a flag.
  const hover = (await h.conn.sendRequest('textDocument/hover', { ...doc, position: { line: 5, character: 4 } })) as Hover;
  assert.deepEqual(hover.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 15 } });
  const md = (hover.contents as { kind: string; value: string }).value;
  assert.match(md, /^\*\*RewriteEngine\*\* · directive of `mod_rewrite`/);
  assert.match(md, /\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mod_rewrite\.html#rewriteengine\)/);
  const flag = (await h.conn.sendRequest('textDocument/hover', { ...doc, position: { line: 6, character: 26 } })) as Hover;
  assert.match((flag.contents as { value: string }).value, /^\*\*L\*\* \(last\) · RewriteRule flag/);
  assert.equal(await h.conn.sendRequest('textDocument/hover', { ...doc, position: { line: 7, character: 0 } }), null);

  // Completion in the virtual host: allowed directives only, snippets because the client supports them.
  const list = (await h.conn.sendRequest('textDocument/completion', { ...doc, position: { line: 7, character: 2 } })) as CompletionList;
  const labels = list.items.map(i => i.label);
  assert.ok(labels.includes('ServerAlias') && labels.includes('<Location>'));
  assert.ok(!labels.includes('Listen') && !labels.includes('<VirtualHost>'));
  const loc = list.items.find(i => i.label === '<Location>')!;
  assert.equal(loc.insertTextFormat, 2);
  assert.equal((loc.textEdit as TextEdit).newText, '<Location ${1:/}>\n\t$0\n</Location>');
  const flags = (await h.conn.sendRequest('textDocument/completion', { ...doc, position: { line: 6, character: 25 } })) as CompletionList;
  assert.ok(flags.items.some(i => i.label === 'NC') && !flags.items.some(i => i.label === 'R'));

  // Outline: the virtual host with its ServerName as detail, directives nested.
  const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', doc)) as DocumentSymbol[];
  assert.deepEqual(
    symbols.map(s => [s.name, s.detail, (s.children ?? []).map(c => c.name)]),
    [
      ['ServerRoot', '"/etc/httpd"', []],
      ['Include', 'conf/extra/ssl.conf', []],
      ['WebSpherePluginConfig', '/opt/IBM/Plugins/config/web1/plugin-cfg.xml', []],
      ['<VirtualHost *:80>', 'shop.example.com', ['ServerName', 'RewriteEngine', 'RewriteRule']],
    ],
  );
  const folds = (await h.conn.sendRequest('textDocument/foldingRange', doc)) as FoldingRange[];
  assert.deepEqual(folds, [{ startLine: 3, endLine: 7 }]);

  // Definition and links: Include relative to the workspace copy of ServerRoot, the plug-in file by its tail.
  const def = (await h.conn.sendRequest('textDocument/definition', { ...doc, position: { line: 1, character: 12 } })) as LocationLink[];
  assert.equal(def.length, 1);
  assert.equal(def[0].targetUri, pathToFileURL(nodePath.join(dir, 'conf', 'extra', 'ssl.conf')).href);
  assert.deepEqual(def[0].originSelectionRange, { start: { line: 1, character: 8 }, end: { line: 1, character: 27 } });
  const links = (await h.conn.sendRequest('textDocument/documentLink', doc)) as DocumentLink[];
  assert.deepEqual(
    links.map(l => [l.range.start.line, l.target]),
    [
      [1, pathToFileURL(nodePath.join(dir, 'conf', 'extra', 'ssl.conf')).href],
      [2, pathToFileURL(nodePath.join(dir, 'plugins', 'config', 'web1', 'plugin-cfg.xml')).href],
    ],
  );

  // Formatting: indentation and trailing blanks, CRLF kept; range formatting touches its line only.
  const edits = (await h.conn.sendRequest('textDocument/formatting', { ...doc, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
  assert.equal(
    applyTextEdits(CONF, edits),
    [
      'ServerRoot "/etc/httpd"',
      'Include conf/extra/ssl.conf',
      'WebSpherePluginConfig /opt/IBM/Plugins/config/web1/plugin-cfg.xml',
      '<VirtualHost *:80>',
      '    ServerName shop.example.com',
      '    RewriteEngine On',
      '    RewriteRule ^ - [R=503,L]',
      '',
      '</VirtualHost>',
      '',
    ].join('\r\n'),
  );
  const ranged = (await h.conn.sendRequest('textDocument/rangeFormatting', {
    ...doc,
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } },
    options: { tabSize: 2, insertSpaces: true },
  })) as TextEdit[];
  assert.deepEqual(ranged, [
    { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '  ' },
    { range: { start: { line: 4, character: 27 }, end: { line: 4, character: 30 } }, newText: '' },
  ]);
});

test('a client without hierarchical symbols, snippets or link support gets the flat and plain forms', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await open(h, dir, uri, CLIENT_CAPABILITIES);
  const doc = { textDocument: { uri } };
  const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', doc)) as SymbolInformation[];
  assert.deepEqual(
    symbols.filter(s => s.containerName).map(s => `${s.containerName} > ${s.name}`),
    ['<VirtualHost *:80> > ServerName', '<VirtualHost *:80> > RewriteEngine', '<VirtualHost *:80> > RewriteRule'],
  );
  const list = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 2 } })) as CompletionList;
  assert.ok(list.items.every(i => i.insertTextFormat !== 2), 'no snippets for a client that cannot expand them');
  const def = (await h.conn.sendRequest('textDocument/definition', { ...doc, position: { line: 2, character: 30 } })) as { uri: string }[];
  assert.deepEqual(def.map(d => d.uri), [pathToFileURL(nodePath.join(dir, 'plugins', 'config', 'web1', 'plugin-cfg.xml')).href]);
});

test('completion documentation comes on completionItem/resolve when the client asks for it that way', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const lazy = {
    ...CAPS,
    textDocument: { ...CAPS.textDocument, completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation'] } } } },
  };
  const caps = await open(h, dir, uri, lazy);
  assert.equal(caps.completionProvider.resolveProvider, true);
  const list = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 2 } })) as CompletionList;
  const alias = list.items.find(i => i.label === 'ServerAlias')!;
  assert.equal(alias.documentation, undefined, 'the list carries no documentation');
  const resolved = (await h.conn.sendRequest('completionItem/resolve', alias)) as { documentation?: { value: string } };
  assert.match(resolved.documentation!.value, /httpd\.apache\.org\/docs\/2\.4\/mod\/core\.html#serveralias/);
  // An item of an older list is given back as it is.
  await h.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 2 } });
  const stale = (await h.conn.sendRequest('completionItem/resolve', alias)) as { documentation?: unknown };
  assert.equal(stale.documentation, undefined);

  // Right after an edit, completion and hover answer on the new text.
  const edited = CONF.replace('  RewriteEngine On', '  RewriteEngine On\r\n  Heade');
  await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const after = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 7 } })) as CompletionList;
  assert.ok(after.items.some(i => i.label === 'Header'));
  const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 4 } })) as Hover;
  assert.match((hover.contents as { value: string }).value, /^\*\*RewriteRule\*\*/);
});
