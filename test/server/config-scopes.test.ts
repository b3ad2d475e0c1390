// Settings per file in the language server, over stdio against dist/server.js: the nearest .upkeep.json
// above each file wins (as in the CLI), each workspace folder has its own editor settings (asked with its
// scopeUri), a bad .upkeep.json gets config/invalid diagnostics in itself (the CLI's messages) while the
// server keeps its valid entries and keeps answering, and creating, changing or deleting a settings file
// (workspace/didChangeWatchedFiles, didSave) re-lints the documents it governs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CLIENT_CAPABILITIES, REPO, startServer, type Harness } from './harness';

// ServerNmae: httpd/unknown-directive (error by default); Retry-After without "always": httpd/retry-after (warning).
const TEXT = 'ServerAdmin ops@example.test\nServerNmae www.example.test\nHeader set Retry-After "600"\n';
const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}:${d.severity}`).sort();
const uriOf = (path: string) => pathToFileURL(path).href;

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-lsp-scopes-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function write(path: string, text: string): string {
  mkdirSync(nodePath.dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

async function start(t: { after(fn: () => void): void }, folders: string[], setup?: (h: Harness) => void): Promise<Harness> {
  const h = startServer('stdio');
  t.after(() => h.kill());
  setup?.(h);
  await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(folders[0]),
    workspaceFolders: folders.map((f, i) => ({ uri: uriOf(f), name: `ws${i}` })),
    capabilities: CLIENT_CAPABILITIES,
  });
  await h.conn.sendNotification('initialized', {});
  return h;
}

async function open(h: Harness, path: string, text = TEXT, languageId = 'apacheconf'): Promise<PublishDiagnosticsParams> {
  const uri = uriOf(path);
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
}

/** The next diagnostics of `path` published after the `before`-th notification that satisfy `pred`. */
function next(h: Harness, path: string, before: number, pred: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
  const uri = uriOf(path);
  return h.waitForDiagnostics(p => p.uri === uri && h.diagnostics.indexOf(p) >= before && pred(p));
}

async function watched(h: Harness, changes: [string, 1 | 2 | 3][]): Promise<void> {
  await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map(([path, type]) => ({ uri: uriOf(path), type })) });
}

async function status(h: Harness, path: string): Promise<{ apacheVersion?: string; versionSource?: string; settingsFile: string | null }> {
  return h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.status', arguments: [uriOf(path)] });
}

test('server: the nearest .upkeep.json above each file applies; creating, changing and deleting one re-lints what it governs', async t => {
  const ws = tempDir(t);
  write(nodePath.join(ws, '.upkeep.json'), JSON.stringify({ rules: { 'httpd/unknown-directive': 'off' } }));
  const nested = write(nodePath.join(ws, 'sites', 'shop', '.upkeep.json'), JSON.stringify({ rules: { 'httpd/retry-after': 'error' } }));
  const shop = write(nodePath.join(ws, 'sites', 'shop', 'conf', 'httpd.conf'), TEXT);
  const blog = write(nodePath.join(ws, 'sites', 'blog', 'conf', 'httpd.conf'), TEXT);
  const top = write(nodePath.join(ws, 'conf', 'httpd.conf'), TEXT);
  const h = await start(t, [ws]);

  // The nearest file wins whole (no merging with the one above): shop sees unknown-directive again.
  assert.deepEqual(summary(await open(h, shop)), ['httpd/retry-after:1', 'httpd/unknown-directive:1']);
  assert.deepEqual(summary(await open(h, blog)), ['httpd/retry-after:2']);
  assert.deepEqual(summary(await open(h, top)), ['httpd/retry-after:2']);
  assert.equal((await status(h, shop)).settingsFile, 'sites/shop/.upkeep.json');
  assert.equal((await status(h, blog)).settingsFile, '.upkeep.json');

  // A new .upkeep.json for blog: only the documents below it change.
  let before = h.diagnostics.length;
  const blogCfg = write(nodePath.join(ws, 'sites', 'blog', '.upkeep.json'), JSON.stringify({ rules: { 'httpd/': 'hint' } }));
  await watched(h, [[blogCfg, 1]]);
  assert.deepEqual(summary(await next(h, blog, before, p => summary(p).includes('httpd/unknown-directive:4'))), ['httpd/retry-after:4', 'httpd/unknown-directive:4']);
  assert.equal((await status(h, blog)).settingsFile, 'sites/blog/.upkeep.json');

  // The shop file changes.
  before = h.diagnostics.length;
  writeFileSync(nested, JSON.stringify({ rules: { 'httpd/retry-after': 'off' } }));
  await watched(h, [[nested, 2]]);
  assert.deepEqual(summary(await next(h, shop, before, p => !summary(p).some(s => s.startsWith('httpd/retry-after')))), ['httpd/unknown-directive:1']);

  // The shop file goes: the one at the top governs shop again.
  before = h.diagnostics.length;
  unlinkSync(nested);
  await watched(h, [[nested, 3]]);
  assert.deepEqual(summary(await next(h, shop, before, p => !summary(p).some(s => s.startsWith('httpd/unknown-directive')))), ['httpd/retry-after:2']);
  assert.equal((await status(h, shop)).settingsFile, '.upkeep.json');
  // Documents a settings change does not concern keep their diagnostics.
  const topNow = [...h.diagnostics].reverse().find(p => p.uri === uriOf(top))!;
  assert.deepEqual(summary(topNow), ['httpd/retry-after:2']);
});

test('server: multi-root, each folder its own settings (workspace/configuration with its scopeUri) over its own .upkeep.json', async t => {
  const base = tempDir(t);
  const a = nodePath.join(base, 'a');
  const b = nodePath.join(base, 'b');
  const confA = write(nodePath.join(a, 'conf', 'httpd.conf'), TEXT);
  const confB = write(nodePath.join(b, 'conf', 'httpd.conf'), TEXT);
  // a's file says warning; a's folder settings say off: VS Code settings override the file.
  write(nodePath.join(a, '.upkeep.json'), JSON.stringify({ rules: { 'httpd/unknown-directive': 'warning', 'httpd/retry-after': 'hint' } }));
  const h = await start(t, [a, b], h => {
    h.settings.upkeep = { rules: {} };
    h.folderSettings[uriOf(a)] = { rules: { 'httpd/unknown-directive': 'off' }, httpd: { version: '2.2' } };
    h.folderSettings[uriOf(b)] = { rules: { 'httpd/retry-after': 'error' } };
  });
  assert.deepEqual(summary(await open(h, confA)), ['httpd/retry-after:4'], 'the folder setting turns unknown-directive off; the file makes retry-after a hint');
  assert.deepEqual(summary(await open(h, confB)), ['httpd/retry-after:1', 'httpd/unknown-directive:1']);
  const scopes = h.requests
    .filter(r => r.method === 'workspace/configuration')
    .flatMap(r => (r.params as { items: { scopeUri?: string }[] }).items.map(i => i.scopeUri));
  assert.ok(scopes.includes(uriOf(a)) && scopes.includes(uriOf(b)), JSON.stringify(scopes));
  // Requests about a document use its folder's settings too (here the targeted Apache version).
  const sa = await status(h, confA);
  assert.deepEqual([sa.apacheVersion, sa.versionSource], ['2.2', 'setting']);
  assert.notEqual((await status(h, confB)).versionSource, 'setting');

  // didChangeConfiguration: the folders are asked again; b changes, a stays.
  const before = h.diagnostics.length;
  h.folderSettings[uriOf(b)] = { rules: { 'httpd/retry-after': 'off' } };
  await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(summary(await next(h, confB, before, p => summary(p).length === 1)), ['httpd/unknown-directive:1']);
  const lastA = [...h.diagnostics].reverse().find(p => p.uri === uriOf(confA))!;
  assert.deepEqual(summary(lastA), ['httpd/retry-after:4']);

  // A folder added later is asked for its settings too.
  const c = nodePath.join(base, 'c');
  const confC = write(nodePath.join(c, 'conf', 'httpd.conf'), TEXT);
  h.folderSettings[uriOf(c)] = { rules: { 'httpd/unknown-directive': 'information' } };
  const asked = h.requests.length;
  await h.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(c), name: 'c' }], removed: [] } });
  const deadline = Date.now() + 10_000;
  const askedForC = () => h.requests.slice(asked).some(r => JSON.stringify(r.params).includes(JSON.stringify(uriOf(c))));
  while (!askedForC() && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
  assert.ok(askedForC(), 'the new folder\'s settings are asked for');
  assert.deepEqual(summary(await open(h, confC)), ['httpd/retry-after:2', 'httpd/unknown-directive:3']);
});

test('server: a bad .upkeep.json gets config/invalid diagnostics in itself (the CLI\'s messages); its valid entries apply and the server keeps answering', async t => {
  const ws = tempDir(t);
  const bad = '{\n  "rules": {\n    "httpd/unknown-directive": "loud",\n    "httpd/retry-after": "error",\n    "httpd/unknwon-directive": "off"\n  },\n  "maintenace": { "allow": [] }\n}\n';
  const cfg = write(nodePath.join(ws, '.upkeep.json'), bad);
  const conf = write(nodePath.join(ws, 'conf', 'httpd.conf'), TEXT);
  const h = await start(t, [ws]);

  // The valid entry (retry-after: error) applies; the bad severity leaves unknown-directive at its default.
  assert.deepEqual(summary(await open(h, conf)), ['httpd/retry-after:1', 'httpd/unknown-directive:1']);
  const own = await open(h, cfg, bad, 'json');
  assert.equal(((await status(h, cfg)) as { language?: string }).language, 'settings');
  assert.equal(own.diagnostics.length, 3, JSON.stringify(own.diagnostics));
  for (const d of own.diagnostics) {
    assert.equal(d.code, 'config/invalid');
    assert.equal(d.source, 'upkeep');
    assert.equal(d.severity, 1);
    assert.match(String(d.codeDescription?.href), /docs\/rules\/config\/invalid\.md$/);
  }
  const lines = bad.split('\n');
  const textOf = (d: PublishDiagnosticsParams['diagnostics'][number]) => lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
  const byLine = new Map(own.diagnostics.map(d => [d.range.start.line, d]));
  assert.equal(textOf(byLine.get(2)!), '"httpd/unknown-directive": "loud"', 'the bad severity: key and value');
  assert.match(String(byLine.get(2)!.message), /"loud" is not a severity/);
  assert.equal(textOf(byLine.get(4)!), '"httpd/unknwon-directive": "off"');
  assert.match(String(byLine.get(4)!.message), /did you mean httpd\/unknown-directive/);
  assert.equal(textOf(byLine.get(6)!), '"maintenace"', 'an object value: the key only');
  assert.match(String(byLine.get(6)!.message), /unknown setting "maintenace" \(did you mean "maintenance"\?\)/);

  // The CLI says the same of the same file (and refuses it).
  const cli = spawnSync(process.execPath, [nodePath.join(REPO, 'bin', 'upkeep.js'), 'lint', conf], { cwd: ws, encoding: 'utf8' });
  assert.equal(cli.status, 2, cli.stderr);
  for (const d of own.diagnostics) assert.ok(cli.stderr.includes(String(d.message)), `CLI stderr lacks "${d.message}":\n${cli.stderr}`);

  // Typing breaks the JSON: one diagnostic where the parser stopped; nothing else is re-linted for it.
  const broken = '{\n  "rules": {\n    "httpd/retry-after": "error",\n  }\n}\n';
  await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(cfg), version: 2 }, contentChanges: [{ text: broken }] });
  const parsed = await h.waitForDiagnostics(p => p.uri === uriOf(cfg) && p.version === 2);
  assert.equal(parsed.diagnostics.length, 1);
  assert.match(String(parsed.diagnostics[0].message), /^not valid JSON/);
  assert.equal(parsed.diagnostics[0].range.start.line, 3, 'at the closing brace after the trailing comma');

  // Saved that way: the whole file is ignored (defaults apply), and the server still answers requests.
  const before = h.diagnostics.length;
  writeFileSync(cfg, broken);
  await watched(h, [[cfg, 2]]);
  assert.deepEqual(summary(await next(h, conf, before, p => summary(p).includes('httpd/retry-after:2'))), ['httpd/retry-after:2', 'httpd/unknown-directive:1']);
  const hover = await h.conn.sendRequest('textDocument/hover', { textDocument: { uri: uriOf(conf) }, position: { line: 0, character: 3 } });
  assert.ok(hover, 'hover still answered');
  assert.ok(h.logs.some(l => /\.upkeep\.json: not valid JSON/.test(l)), h.logs.join('\n'));

  // Fixed and saved: a client that watches no files says so with didSave.
  const fixed = JSON.stringify({ rules: { 'httpd/unknown-directive': 'off' } });
  await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf(cfg), version: 3 }, contentChanges: [{ text: fixed }] });
  assert.deepEqual((await h.waitForDiagnostics(p => p.uri === uriOf(cfg) && p.version === 3)).diagnostics, []);
  const beforeSave = h.diagnostics.length;
  writeFileSync(cfg, fixed);
  await h.conn.sendNotification('textDocument/didSave', { textDocument: { uri: uriOf(cfg) } });
  assert.deepEqual(summary(await next(h, conf, beforeSave, p => summary(p).length === 1)), ['httpd/retry-after:2']);
  assert.equal(h.child.exitCode, null, 'the server is still running');
});
