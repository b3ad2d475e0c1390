// The language server reads the workspace's .upkeep.json (the same file the CLI reads), the editor's
// settings override it code by code, and a change to the file re-lints open documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { CLIENT_CAPABILITIES, startServer } from './harness';
import { mergeFileConfig, parseSettings } from '../../server/src/lsp/settings';

const TEXT = 'ServerAdmin ops@example.test\nServerNmae www.example.test\nHeader set Retry-After "600"\n';
const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}:${d.severity}`).sort();

test('server: .upkeep.json of the workspace applies, editor settings override it, editing it re-lints', async t => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-lsp-config-'));
  mkdirSync(nodePath.join(dir, 'conf'));
  const conf = nodePath.join(dir, 'conf', 'httpd.conf');
  writeFileSync(conf, TEXT);
  const cfg = nodePath.join(dir, '.upkeep.json');
  writeFileSync(cfg, JSON.stringify({ rules: { 'httpd/unknown-directive': 'off', 'httpd/retry-after': 'error' } }));
  const uri = pathToFileURL(conf).href;
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  h.settings.upkeep = { rules: { 'httpd/retry-after': 'hint' } };
  await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: CLIENT_CAPABILITIES,
  });
  await h.conn.sendNotification('initialized', {});
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: TEXT } });
  const first = await h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
  assert.deepEqual(summary(first), ['httpd/retry-after:4'], 'the file turns unknown-directive off; the editor setting (hint) wins over the file (error)');

  writeFileSync(cfg, JSON.stringify({ rules: { 'httpd/unknown-directive': 'warning' } }));
  const before = h.diagnostics.length;
  await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
  const next = await h.waitForDiagnostics(p => p.uri === uri && h.diagnostics.indexOf(p) >= before && summary(p).includes('httpd/unknown-directive:2'));
  assert.deepEqual(summary(next), ['httpd/retry-after:4', 'httpd/unknown-directive:2']);

  writeFileSync(cfg, JSON.stringify({ rules: { 'httpd/unknown-directive': 'loud' } }));
  await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
  const deadline = Date.now() + 10_000;
  while (!h.logs.some(l => /"loud" is not a severity/.test(l)) && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
  assert.ok(h.logs.some(l => /\.upkeep\.json: rules\["httpd\/unknown-directive"\]: "loud" is not a severity/.test(l)), h.logs.join('\n'));
});

test('mergeFileConfig: editor values that differ from the defaults win; the file fills the rest', () => {
  const editor = parseSettings({ rules: { 'httpd/': 'warning' }, maintenance: { status: 503 } }).settings;
  const merged = mergeFileConfig({ rules: { 'httpd/retry-after': 'off', 'httpd/': 'error' }, maintenance: { status: 500, allow: ['10.0.0.1'] }, httpd: { version: '2.2' } }, editor);
  assert.deepEqual(merged.rules, { 'httpd/retry-after': 'off', 'httpd/': 'warning' });
  assert.equal(merged.maintenance.status, 500, 'the editor has the default: the file decides');
  assert.deepEqual(merged.maintenance.allow, ['10.0.0.1']);
  assert.equal(merged.httpdVersion, '2.2');
  const explicit = mergeFileConfig({ httpd: { version: '2.2' } }, parseSettings({ httpd: { version: '2.4' } }).settings);
  assert.equal(explicit.httpdVersion, '2.4');
});
