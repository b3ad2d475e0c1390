// Navigation through the real protocol (dist/server.js over stdio): definition, references, highlights,
// prepareRename and rename of Define variables across the files of a Debian-style configuration (one of
// them open with unsaved edits, one CRLF, envvars, whose change on disk re-lints), of plugin-cfg.xml names, refused renames with their
// message, workspace symbols with a query, and the httpd/undefined-variable diagnostic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyTextEdits, type TextEdit } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, startServer } from './harness';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Change = { textDocument: { uri: string; version: number | null }; edits: TextEdit[] };

const MAIN = 'Define HTTP_PORT 8080\nDefine WEB_ROOT /srv/www\nInclude ports.conf\nIncludeOptional sites-enabled/*.conf\n';
const SITE = '<VirtualHost *:${HTTP_PORT}>\r\n  ServerName shop.example.com\r\n  DocumentRoot "${WEB_ROOT}/shop"\r\n  ErrorLog ${APACHE_LOG_DIR}/shop.log\r\n</VirtualHost>\r\n';
const PLUGIN = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Config>',
  "   <ServerCluster Name='ShopCluster'>",
  '      <Server CloneID="s1" Name="shop_node1"><Transport Hostname="10.0.0.1" Port="9080" Protocol="http"/></Server>',
  '      <PrimaryServers><Server Name="shop_node1"/></PrimaryServers>',
  '   </ServerCluster>',
  '   <ServerCluster Name="Other"/>',
  '   <UriGroup Name="Shop_URIs"><Uri Name="/shop/*"/></UriGroup>',
  '   <Route ServerCluster="ShopCluster" UriGroup="Shop_URIs"/>',
  '</Config>',
  '',
].join('\n');

const pos = (text: string, find: string, into = 1) => {
  const at = text.indexOf(find);
  assert.ok(at >= 0, find);
  const before = text.slice(0, at + into).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};
const slice = (text: string, r: Range) => {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(off(r.start), off(r.end));
};

test('navigation over LSP: Define variables across files, plugin-cfg names, refusals, workspace symbols, undefined-variable', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-nav-lsp-'));
  const files: Record<string, string> = {
    'apache2/apache2.conf': MAIN,
    'apache2/ports.conf': 'Listen ${HTTP_PORT}\n',
    'apache2/envvars': 'export APACHE_LOG_DIR=/var/log/apache2\n',
    'apache2/sites-enabled/shop.conf': SITE,
    'plugin-cfg.xml': PLUGIN,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  const h = startServer('stdio');
  try {
    const init = (await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'nav' }],
      capabilities: { ...CLIENT_CAPABILITIES, textDocument: { ...CLIENT_CAPABILITIES.textDocument, rename: { prepareSupport: true } } },
    })) as { capabilities: Record<string, unknown> };
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    assert.equal(init.capabilities.referencesProvider, true);
    assert.equal(init.capabilities.documentHighlightProvider, true);
    assert.equal(init.capabilities.workspaceSymbolProvider, true);
    h.conn.sendNotification('initialized', {});

    // shop.conf open with an unsaved line that uses an undefined variable.
    const site = SITE.replace('</VirtualHost>', '  ServerAdmin ${SHOP_ADMIN}\r\n</VirtualHost>');
    const siteUri = uri('apache2/sites-enabled/shop.conf');
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: siteUri, languageId: 'apacheconf', version: 3, text: site } });
    const diags = await h.waitForDiagnostics(p => p.uri === siteUri && p.diagnostics.some(d => d.code === 'httpd/undefined-variable'));
    const undef = diags.diagnostics.filter(d => d.code === 'httpd/undefined-variable');
    assert.equal(undef.length, 1, JSON.stringify(undef));
    assert.equal(slice(site, undef[0].range), '${SHOP_ADMIN}');
    assert.equal(undef[0].severity, 2, 'a warning, as Apache\'s AH00111');

    // Definition of ${WEB_ROOT}: the Define line in apache2.conf (not open).
    const onWebRoot = { textDocument: { uri: siteUri }, position: pos(site, '${WEB_ROOT}', 4) };
    const def = (await h.conn.sendRequest('textDocument/definition', onWebRoot)) as { uri: string; range: Range }[];
    assert.equal(def.length, 1);
    assert.equal(def[0].uri, uri('apache2/apache2.conf'));
    assert.equal(slice(MAIN, def[0].range), 'Define WEB_ROOT /srv/www');
    const envDef = (await h.conn.sendRequest('textDocument/definition', { textDocument: { uri: siteUri }, position: pos(site, '${APACHE_LOG_DIR}', 5) })) as { uri: string; range: Range }[];
    assert.equal(envDef[0].uri, uri('apache2/envvars'));

    // References of ${HTTP_PORT}: Define, ports.conf, shop.conf.
    const refs = (await h.conn.sendRequest('textDocument/references', {
      textDocument: { uri: siteUri },
      position: pos(site, '${HTTP_PORT}', 3),
      context: { includeDeclaration: true },
    })) as { uri: string; range: Range }[];
    assert.deepEqual(refs.map(r => path.relative(dir, new URL(r.uri).pathname)).sort(), ['apache2/apache2.conf', 'apache2/ports.conf', 'apache2/sites-enabled/shop.conf']);

    const hl = (await h.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri: siteUri }, position: pos(site, '${HTTP_PORT}', 3) })) as { range: Range; kind: number }[];
    assert.deepEqual(hl.map(x => [slice(site, x.range), x.kind]), [['${HTTP_PORT}', 2]]);

    // prepareRename: the name inside ${}; elsewhere a refusal with a message.
    const prep = (await h.conn.sendRequest('textDocument/prepareRename', { textDocument: { uri: siteUri }, position: pos(site, '${HTTP_PORT}', 3) })) as { range: Range; placeholder: string };
    assert.equal(prep.placeholder, 'HTTP_PORT');
    assert.equal(slice(site, prep.range), 'HTTP_PORT');
    await assert.rejects(
      h.conn.sendRequest('textDocument/prepareRename', { textDocument: { uri: siteUri }, position: pos(site, 'ServerName', 3) }),
      (e: { code: number; message: string }) => e.code === -32803 && /Only Define variables can be renamed/.test(e.message),
    );

    // Rename: one WorkspaceEdit over three files, the open one versioned; applied, the bytes are as expected.
    const edit = (await h.conn.sendRequest('textDocument/rename', { textDocument: { uri: siteUri }, position: pos(site, '${HTTP_PORT}', 3), newName: 'SHOP_PORT' })) as { documentChanges: Change[] };
    const byFile = new Map(edit.documentChanges.map(c => [path.relative(dir, new URL(c.textDocument.uri).pathname), c]));
    assert.deepEqual([...byFile.keys()].sort(), ['apache2/apache2.conf', 'apache2/ports.conf', 'apache2/sites-enabled/shop.conf']);
    assert.equal(byFile.get('apache2/sites-enabled/shop.conf')!.textDocument.version, 3);
    assert.equal(byFile.get('apache2/apache2.conf')!.textDocument.version, null);
    assert.equal(applyTextEdits(site, byFile.get('apache2/sites-enabled/shop.conf')!.edits), site.replace('${HTTP_PORT}', '${SHOP_PORT}'));
    assert.equal(applyTextEdits(MAIN, byFile.get('apache2/apache2.conf')!.edits), MAIN.replace('Define HTTP_PORT', 'Define SHOP_PORT'));
    assert.equal(applyTextEdits(files['apache2/ports.conf'], byFile.get('apache2/ports.conf')!.edits), 'Listen ${SHOP_PORT}\n');

    // A name already used: refused with the reason.
    await assert.rejects(
      h.conn.sendRequest('textDocument/rename', { textDocument: { uri: siteUri }, position: pos(site, '${HTTP_PORT}', 3), newName: 'WEB_ROOT' }),
      (e: { code: number; message: string }) => e.code === -32803 && /WEB_ROOT is already used/.test(e.message),
    );

    // plugin-cfg.xml: definition from the Route, highlights, rename, refusal.
    const pUri = uri('plugin-cfg.xml');
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: pUri, languageId: 'xml', version: 1, text: PLUGIN } });
    const onRoute = pos(PLUGIN, 'ServerCluster="ShopCluster"', 16);
    const pdef = (await h.conn.sendRequest('textDocument/definition', { textDocument: { uri: pUri }, position: onRoute })) as { uri: string; range: Range }[];
    assert.equal(pdef.length, 1);
    assert.equal(pdef[0].range.start.line, 2);
    assert.equal(slice(PLUGIN, pdef[0].range), 'ShopCluster');
    const phl = (await h.conn.sendRequest('textDocument/documentHighlight', { textDocument: { uri: pUri }, position: pos(PLUGIN, 'Name="shop_node1"', 8) })) as { range: Range; kind: number }[];
    assert.deepEqual(phl.map(x => [x.range.start.line, x.kind]), [[3, 3], [4, 2]]);
    const pedit = (await h.conn.sendRequest('textDocument/rename', { textDocument: { uri: pUri }, position: onRoute, newName: 'WebShop' })) as { documentChanges: Change[] };
    assert.equal(pedit.documentChanges.length, 1);
    assert.equal(applyTextEdits(PLUGIN, pedit.documentChanges[0].edits), PLUGIN.replace("Name='ShopCluster'", "Name='WebShop'").replace('ServerCluster="ShopCluster"', 'ServerCluster="WebShop"'));
    await assert.rejects(
      h.conn.sendRequest('textDocument/rename', { textDocument: { uri: pUri }, position: onRoute, newName: 'Other' }),
      (e: { code: number; message: string }) => e.code === -32803 && /a ServerCluster named Other already exists/.test(e.message),
    );
    await assert.rejects(
      h.conn.sendRequest('textDocument/rename', { textDocument: { uri: pUri }, position: onRoute, newName: 'Web Shop' }),
      (e: { code: number; message: string }) => e.code === -32803 && /white space/.test(e.message),
    );

    // Workspace symbols: the query filters; locations point into the files.
    const syms = (await h.conn.sendRequest('workspace/symbol', { query: 'shop' })) as { name: string; kind: number; containerName: string; location: { uri: string; range: Range } }[];
    assert.deepEqual(syms.map(x => x.name).sort(), ['ShopCluster', 'shop.example.com', 'shop_node1']);
    const vh = syms.find(x => x.name === 'shop.example.com')!;
    assert.equal(vh.location.uri, siteUri);
    assert.equal(vh.containerName, 'apache2/sites-enabled/shop.conf');
    assert.equal(slice(site, vh.location.range), '<VirtualHost *:${HTTP_PORT}>');
    assert.deepEqual(((await h.conn.sendRequest('workspace/symbol', { query: 'zzz' })) as unknown[]).length, 0);

    // envvars changes on disk (the server asks the client to watch it)
    const watched = JSON.stringify(h.requests.filter(r => r.method === 'client/registerCapability'));
    assert.ok(watched.includes('**/envvars'), watched);
    // ... and after it changes, the variable it now exports is no longer reported.
    fs.appendFileSync(path.join(dir, 'apache2/envvars'), 'export SHOP_ADMIN=admin@example.com\n');
    h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('apache2/envvars'), type: 2 }] });
    await h.waitForDiagnostics(p => p.uri === siteUri && !p.diagnostics.some(d => d.code === 'httpd/undefined-variable'));
    assert.ok(!h.stderr().includes('failed'), h.stderr());
  } finally {
    h.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
