// The editor face of the request simulator: the server command answers for the configuration the open
// file belongs to, from the editor's text (unsaved changes included), with the same report as the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLIENT_CAPABILITIES, startServer } from './harness';

test('upkeep.server.simulate.request simulates on the open (unsaved) configuration', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-sim-lsp-'));
  const conf = path.join(dir, 'conf', 'httpd.conf');
  const site = path.join(dir, 'conf', 'site.conf');
  fs.mkdirSync(path.join(dir, 'htdocs'), { recursive: true });
  fs.mkdirSync(path.dirname(conf), { recursive: true });
  fs.writeFileSync(path.join(dir, 'htdocs', 'index.html'), 'home');
  fs.writeFileSync(path.join(dir, 'htdocs', 'maintenance.html'), 'down');
  fs.writeFileSync(conf, `ServerRoot "${dir}"\nListen 80\nDocumentRoot "${dir}/htdocs"\nInclude conf/site.conf\n`);
  fs.writeFileSync(site, 'ErrorDocument 503 /maintenance.html\n');
  const h = startServer('stdio');
  try {
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    h.conn.sendNotification('initialized', {});
    // The included file is open with a maintenance rule not saved yet.
    const uri = pathToFileURL(site).toString();
    const text = 'RewriteEngine On\nRewriteCond %{REMOTE_ADDR} !^10\\.1\\.1\\.1$\nRewriteCond %{REQUEST_URI} !^/maintenance\\.html$\nRewriteRule ^ - [R=503,L]\nErrorDocument 503 /maintenance.html\n';
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text } });
    const run = (arg: unknown) =>
      h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.simulate.request', arguments: [uri, arg] }) as Promise<{
        ok: boolean;
        message?: string;
        status?: number | null;
        text?: string;
        root?: string;
      }>;
    const stranger = await run({ from: '10.9.9.9', url: 'http://www.example.test/' });
    assert.equal(stranger.ok, true, stranger.message);
    assert.equal(stranger.status, 503);
    assert.equal(stranger.root, pathToFileURL(conf).toString());
    assert.match(stranger.text!, /body: file .*htdocs\/maintenance\.html/);
    assert.match(stranger.text!, /site\.conf:4\)/);
    const admin = await run({ from: '10.1.1.1', url: '/', headers: { Host: 'www.example.test' } });
    assert.equal(admin.status, 200);
    const bad = await run({ from: 'somebody', url: '/' });
    assert.equal(bad.ok, false);
    assert.match(bad.message!, /IP address/);
  } finally {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
