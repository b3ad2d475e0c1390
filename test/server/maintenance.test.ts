// Maintenance mode through the real protocol: the code action and the server command produce the same
// edits as `upkeep maintenance on` (one implementation), across the files of the configuration, with
// the WebSphere hosts of plugin-cfg.xml allowlisted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyTextEdits, type TextEdit } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, REPO, startServer } from './harness';

const PLUGIN = `<?xml version="1.0" encoding="UTF-8"?>
<Config>
  <ServerCluster Name="AppsCluster" LoadBalance="Round Robin">
    <Server Name="node1_apps" CloneID="a1"><Transport Hostname="10.20.0.11" Port="9080" Protocol="http"/></Server>
    <Server Name="node2_apps" CloneID="a2"><Transport Hostname="10.20.0.12" Port="9080" Protocol="http"/></Server>
    <PrimaryServers><Server Name="node1_apps"/></PrimaryServers>
    <BackupServers><Server Name="node2_apps"/></BackupServers>
  </ServerCluster>
</Config>
`;

function workspace(): { dir: string; conf: string; site: string; files: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-maint-lsp-'));
  const files: Record<string, string> = {
    'conf/httpd.conf': `ServerRoot "${dir}"\nListen 80\nInclude conf/sites/*.conf\nWebSpherePluginConfig ${dir}/plugin-cfg.xml\n`,
    'conf/sites/a.conf': '<VirtualHost *:443>\r\n    ServerName a.example.test\r\n</VirtualHost>\r\n',
    'plugin-cfg.xml': PLUGIN,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, conf: path.join(dir, 'conf/httpd.conf'), site: path.join(dir, 'conf/sites/a.conf'), files };
}

type DocChange = { textDocument: { uri: string }; edits: TextEdit[] };

/** Applies a WorkspaceEdit's text edits to copies of the files on disk; returns the new texts by path. */
function applyWorkspaceEdit(edit: { documentChanges?: DocChange[] }): Map<string, string> {
  const out = new Map<string, string>();
  for (const dc of edit.documentChanges ?? []) {
    const p = new URL(dc.textDocument.uri).pathname;
    out.set(p, applyTextEdits(out.get(p) ?? fs.readFileSync(p, 'utf8'), dc.edits));
  }
  return out;
}

test('maintenance: code action, server command and CLI make the same edits', async () => {
  const ws = workspace();
  const h = startServer('stdio');
  try {
    const applied: unknown[] = [];
    h.conn.onRequest('workspace/applyEdit', (p: { edit: unknown }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(ws.dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(ws.dir).toString(), name: 'ws' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    h.conn.sendNotification('initialized', {});
    const uri = pathToFileURL(ws.conf).toString();
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: fs.readFileSync(ws.conf, 'utf8') } });
    await h.waitForDiagnostics(p => p.uri === uri);

    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; kind: string; edit: { documentChanges: DocChange[] } }[];
    assert.deepEqual(
      actions.map(a => a.title),
      ['Upkeep: Enter maintenance mode (503)', 'Upkeep: Enter maintenance mode (500, for HCL Connections plug-ins)'],
    );
    const viaAction = applyWorkspaceEdit(actions[0].edit);
    assert.deepEqual([...viaAction.keys()].sort(), [ws.conf, ws.site].sort(), 'httpd.conf and the included virtual host');
    assert.match(viaAction.get(ws.conf)!, /RewriteCond %\{REMOTE_ADDR\} !\^10\\\.20\\\.0\\\.11\$/, 'WebSphere node 1 from plugin-cfg.xml');
    assert.match(viaAction.get(ws.conf)!, /RewriteCond %\{REMOTE_ADDR\} !\^10\\\.20\\\.0\\\.12\$/, 'WebSphere node 2 from plugin-cfg.xml');
    assert.match(viaAction.get(ws.site)!, /<VirtualHost \*:443>\r\n    # >>> Upkeep maintenance mode/);

    const result = (await h.conn.sendRequest('workspace/executeCommand', {
      command: 'upkeep.server.maintenance.enter',
      arguments: [uri, { status: 503 }],
    })) as { applied: boolean; message: string };
    assert.equal(result.applied, true, result.message);
    assert.match(result.message, /allowlisted: 127\.0\.0\.1, ::1, 10\.20\.0\.11, 10\.20\.0\.12/);
    assert.equal(applied.length, 1);
    const viaCommand = applyWorkspaceEdit(applied[0] as { documentChanges: DocChange[] });

    // The CLI on the same files writes the same bytes.
    const cli = spawnSync(process.execPath, [path.join(REPO, 'bin/upkeep.js'), 'maintenance', 'on', ws.conf], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    for (const p of [ws.conf, ws.site]) {
      const disk = fs.readFileSync(p, 'utf8');
      assert.equal(viaAction.get(p), disk, `code action vs CLI: ${p}`);
      assert.equal(viaCommand.get(p), disk, `command vs CLI: ${p}`);
    }

    // In maintenance, the action offered is "Leave", and it gives back the original bytes.
    h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fs.readFileSync(ws.conf, 'utf8') }] });
    h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ws.site).toString(), type: 2 }] });
    const leave = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; edit: { documentChanges: DocChange[] } }[];
    assert.deepEqual(leave.map(a => a.title), ['Upkeep: Leave maintenance mode']);
    const back = applyWorkspaceEdit(leave[0].edit);
    assert.equal(back.get(ws.conf), ws.files['conf/httpd.conf']);
    assert.equal(back.get(ws.site), ws.files['conf/sites/a.conf']);
  } finally {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(ws.dir, { recursive: true, force: true });
  }
});

test('editing plugin-cfg.xml updates the allowlist findings of the open httpd.conf', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-dep-lsp-'));
  const conf = path.join(dir, 'conf', 'httpd.conf');
  const plugin = path.join(dir, 'plugin-cfg.xml');
  fs.mkdirSync(path.dirname(conf), { recursive: true });
  const httpdText = [
    `ServerRoot "${dir}"`,
    `WebSpherePluginConfig ${plugin}`,
    'RewriteEngine On',
    'RewriteCond %{REMOTE_ADDR} !^10\\.20\\.0\\.11$',
    'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$',
    'RewriteRule ^ - [R=503,L]',
    'ErrorDocument 503 /maintenance.html',
    '',
  ].join('\n');
  fs.writeFileSync(conf, httpdText);
  const onlyNode1 = PLUGIN.replace(/\s*<Server Name="node2_apps"[^\n]*\n/, '\n').replace('<BackupServers><Server Name="node2_apps"/></BackupServers>', '');
  fs.writeFileSync(plugin, onlyNode1);
  const h = startServer('stdio');
  try {
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    h.conn.sendNotification('initialized', {});
    const confUri = pathToFileURL(conf).toString();
    const pluginUri = pathToFileURL(plugin).toString();
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: confUri, languageId: 'apacheconf', version: 1, text: httpdText } });
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: pluginUri, languageId: 'xml', version: 1, text: onlyNode1 } });
    const before = await h.waitForDiagnostics(p => p.uri === confUri);
    assert.deepEqual(before.diagnostics.filter(d => d.code === 'httpd/allowlist-missing-host'), [], 'node 1 is allowlisted');
    // Node 2 joins the cluster in the editor (not saved): httpd.conf learns of it.
    h.conn.sendNotification('textDocument/didChange', { textDocument: { uri: pluginUri, version: 2 }, contentChanges: [{ text: PLUGIN }] });
    const after = await h.waitForDiagnostics(p => p.uri === confUri && p.diagnostics.some(d => d.code === 'httpd/allowlist-missing-host'));
    const missing = after.diagnostics.filter(d => d.code === 'httpd/allowlist-missing-host');
    assert.equal(missing.length, 1);
    assert.match(String(missing[0].message), /10\.20\.0\.12 \(from plugin-cfg\.xml \(Server node2_apps of AppsCluster\)\)/);
  } finally {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
