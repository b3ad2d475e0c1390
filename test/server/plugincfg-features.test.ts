// plugin-cfg.xml through the real protocol, on a copy of the example deployment: outline, code lens,
// hover, the swap action (twice gives the same bytes), and the rolling update: drain node 1 (dry run,
// then one WorkspaceEdit creating the copy and repointing httpd.conf), which server a cookie names,
// and restore (httpd.conf back byte for byte).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyTextEdits, type TextEdit } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, REPO, startServer } from './harness';

type Change = { textDocument?: { uri: string }; edits?: TextEdit[]; kind?: string; uri?: string };

/** Applies a WorkspaceEdit to the disk, as an editor would (create files, then text edits). */
function applyToDisk(edit: { documentChanges?: Change[] }): string[] {
  const touched: string[] = [];
  for (const c of edit.documentChanges ?? []) {
    if (c.kind === 'create') {
      const p = new URL(c.uri!).pathname;
      if (!fs.existsSync(p)) fs.writeFileSync(p, '');
      touched.push(p);
    } else if (c.textDocument) {
      const p = new URL(c.textDocument.uri).pathname;
      fs.writeFileSync(p, applyTextEdits(fs.readFileSync(p, 'utf8'), c.edits ?? []));
      touched.push(p);
    }
  }
  return touched;
}

test('plugin-cfg.xml over LSP: outline, lens, hover, swap, drain, which, restore', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-plugin-lsp-'));
  fs.cpSync(path.join(REPO, 'examples', 'ihs'), dir, { recursive: true });
  const plugin = path.join(dir, 'plugin-cfg.xml');
  const httpd = path.join(dir, 'conf', 'httpd.conf');
  const pluginText = fs.readFileSync(plugin, 'utf8');
  const httpdText = fs.readFileSync(httpd, 'utf8');
  const uri = pathToFileURL(plugin).toString();
  const h = startServer('stdio');
  const applied: { documentChanges?: Change[] }[] = [];
  h.conn.onRequest('workspace/applyEdit', (p: { edit: { documentChanges?: Change[] } }) => {
    applied.push(p.edit);
    applyToDisk(p.edit);
    return { applied: true };
  });
  try {
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ihs' }],
      capabilities: { ...CLIENT_CAPABILITIES, textDocument: { ...CLIENT_CAPABILITIES.textDocument, documentSymbol: { hierarchicalDocumentSymbolSupport: true } } },
    });
    h.conn.sendNotification('initialized', {});
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text: pluginText } });
    await h.waitForDiagnostics(p => p.uri === uri);

    const symbols = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; children?: { name: string; detail?: string }[] }[];
    const names = JSON.stringify(symbols);
    for (const c of ['InfraCluster', 'AppsCluster', 'UtilCluster']) assert.ok(names.includes(c), `outline lists ${c}`);
    assert.match(names, /10\.20\.0\.11:9082/, 'servers show host:port');

    const lenses = (await h.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string; command: string; arguments: unknown[] } }[];
    assert.equal(lenses.length, 3);
    assert.equal(lenses[1].command.title, 'Requests go to 10.20.0.11 (1 server) · backup 10.20.0.12 (1 server) takes over if it fails · click to swap');
    assert.deepEqual(lenses[1].command.arguments, [uri, 'AppsCluster']);

    const lines = pluginText.split('\n');
    const cloneLine = lines.findIndex(l => /CloneI[Dd]=/.test(l));
    const hover = (await h.conn.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: cloneLine, character: lines[cloneLine].search(/CloneI[Dd]=/) + 10 },
    })) as { contents: { value: string } } | null;
    assert.ok(hover, 'hover on a CloneID');
    assert.match(hover!.contents.value, /10\.20\.0\.1[12]/);

    // Swap in AppsCluster through the code action; twice gives back the same bytes.
    const appsLine = lines.findIndex(l => l.includes('ServerCluster') && l.includes('AppsCluster'));
    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: appsLine + 1, character: 0 }, end: { line: appsLine + 1, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; edit: { documentChanges: Change[] } }[];
    const swap = actions.find(a => a.title === 'Swap primary and backup servers of AppsCluster');
    assert.ok(swap, actions.map(a => a.title).join(', '));
    const once = applyTextEdits(pluginText, swap!.edit.documentChanges[0].edits!);
    assert.match(once, /<PrimaryServers>\s*<Server Name="was-node2_AppsCluster_server2"\/>\s*<\/PrimaryServers>/);
    h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: once }] });
    const again = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: appsLine + 1, character: 0 }, end: { line: appsLine + 1, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; edit: { documentChanges: Change[] } }[];
    const back = applyTextEdits(once, again.find(a => a.title.endsWith('of AppsCluster'))!.edit.documentChanges[0].edits!);
    assert.equal(back, pluginText, 'swap twice = same bytes');
    h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: pluginText }] });

    // Drain node 1: dry run, then the real thing.
    const nodes = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.plugin.nodes', arguments: [uri] })) as { host: string }[];
    assert.deepEqual(nodes.map(n => n.host).sort(), ['10.20.0.11', '10.20.0.12']);
    const dry = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.plugin.drain', arguments: [uri, '10.20.0.11', true] })) as { dryRun: boolean; message: string };
    assert.equal(dry.dryRun, true);
    assert.match(dry.message, /points WebSpherePluginConfig in httpd\.conf at it/);
    assert.equal(applied.length, 0, 'a dry run applies nothing');
    const drained = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.plugin.drain', arguments: [uri, '10.20.0.11'] })) as { applied: boolean; message: string };
    assert.equal(drained.applied, true, drained.message);
    const copy = path.join(dir, 'plugin-cfg-drain-10.20.0.11.xml');
    assert.ok(fs.existsSync(copy), 'the drain copy exists');
    assert.match(fs.readFileSync(copy, 'utf8'), /<PrimaryServers>\s*<Server Name="was-node2_AppsCluster_server2"\/>/);
    assert.match(fs.readFileSync(httpd, 'utf8'), /WebSpherePluginConfig \S*plugin-cfg-drain-10\.20\.0\.11\.xml/);
    assert.equal(fs.readFileSync(plugin, 'utf8'), pluginText, 'the original plugin-cfg.xml is untouched');

    const which = (await h.conn.sendRequest('workspace/executeCommand', {
      command: 'upkeep.server.plugin.which',
      arguments: [uri, `0000A1b2C3d4E5f6G7h8I9j0K1l:${pluginText.match(/CloneI[Dd]="([^"]+)"/)![1]}`],
    })) as { lines: string[] };
    assert.match(which.lines.join('\n'), /was-node1/);

    const restored = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.plugin.restore', arguments: [pathToFileURL(httpd).toString()] })) as { applied: boolean; message: string };
    assert.equal(restored.applied, true, restored.message);
    assert.equal(fs.readFileSync(httpd, 'utf8'), httpdText, 'restore gives back httpd.conf byte for byte');
  } finally {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
