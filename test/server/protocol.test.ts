// The bundled server (dist/server.js) over real LSP on stdio: diagnostics on open and change, code
// actions, settings, a 2 MB binary-looking document, 4.5 MB of text (checked) and 10 MB (over the editor's limit), shutdown/exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver/node';
import { applyTextEdits } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, REPO, startServer, type Harness } from './harness';

const HTTPD = [
  '# maintenance test config', //                      line 0
  'Listen 8080', //                                    line 1
  'ServerNmae www.example.test', //                    line 2: misspelled ServerName
  '<Location "/status">', //                           line 3
  '    ServerRoot "/tmp"', //                          line 4: not allowed in <Location>
  '</Location>', //                                    line 5
  'ServerTokens Prod', //                              lines 6-7: what the security rules ask of a server
  'TraceEnable Off',
  '',
].join('\n');

const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}@${d.range.start.line}`).sort();

function workspace(): { dir: string; uri: string } {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-lsp-'));
  mkdirSync(nodePath.join(dir, 'conf'));
  writeFileSync(nodePath.join(dir, 'conf', 'httpd.conf'), HTTPD);
  return { dir, uri: pathToFileURL(nodePath.join(dir, 'conf', 'httpd.conf')).href };
}

async function initialize(h: Harness, dir: string, extra: Record<string, unknown> = {}) {
  const result = (await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: CLIENT_CAPABILITIES,
    ...extra,
  })) as { capabilities: Record<string, any>; serverInfo?: { name: string } };
  await h.conn.sendNotification('initialized', {});
  return result;
}

async function shutdownAndExit(h: Harness): Promise<number | null> {
  await h.conn.sendRequest('shutdown');
  await h.conn.sendNotification('exit');
  const timeout = new Promise<'timeout'>(r => setTimeout(() => r('timeout'), 10_000).unref());
  const code = await Promise.race([h.exited, timeout]);
  assert.notEqual(code, 'timeout', 'the server did not exit within 10 s of `exit`');
  return code as number | null;
}

test('stdio: diagnostics, did-you-mean quick fix, fix removes the diagnostic, settings, binary and huge documents, exit 0', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  h.settings.upkeep = { rules: {} };

  const init = await initialize(h, dir);
  assert.equal(init.serverInfo?.name, 'upkeep');
  assert.deepEqual(init.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
  const kinds: string[] = init.capabilities.codeActionProvider.codeActionKinds;
  for (const k of ['quickfix', 'source.fixAll.upkeep', 'refactor.rewrite.upkeep.maintenance', 'refactor.rewrite.upkeep.swap']) assert.ok(kinds.includes(k), k);
  const commands: string[] = init.capabilities.executeCommandProvider.commands;
  for (const c of ['upkeep.server.maintenance.enter', 'upkeep.server.maintenance.leave', 'upkeep.server.plugin.swap', 'upkeep.server.plugin.drain']) {
    assert.ok(commands.includes(c), c);
  }

  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: HTTPD } });
  const first = await h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
  assert.deepEqual(summary(first), ['httpd/directive-context@4', 'httpd/unknown-directive@2']);
  const typo = first.diagnostics.find(d => d.code === 'httpd/unknown-directive')!;
  assert.deepEqual(typo.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } });
  assert.equal(typo.severity, 1);
  assert.equal(typo.source, 'upkeep');
  assert.match(String(typo.message), /Did you mean ServerName/);
  assert.equal(typo.codeDescription?.href, pathToFileURL(nodePath.join(REPO, 'docs/rules/httpd/unknown-directive.md')).href);
  const ctx = first.diagnostics.find(d => d.code === 'httpd/directive-context')!;
  assert.deepEqual(ctx.range.start, { line: 4, character: 4 });

  // The server asked for `upkeep` settings (pull model) and registered watchers for a generic client.
  assert.ok(h.requests.some(r => r.method === 'workspace/configuration'));
  const regs = h.requests.filter(r => r.method === 'client/registerCapability').flatMap(r => (r.params as any).registrations.map((x: any) => x.method));
  assert.deepEqual(regs.sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);

  // Quick fix at the typo: did-you-mean, unsafe (a rename could be wrong), versioned edit.
  const actions = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: typo.range,
    context: { diagnostics: [typo] },
  })) as CodeAction[];
  assert.deepEqual(actions.map(a => [a.title, a.kind]), [
    ['Change to ServerName (unsafe)', 'quickfix'],
    ['Suppress httpd/unknown-directive on this line', 'quickfix'],
    ['Suppress httpd/unknown-directive in this file', 'quickfix'],
  ]);
  const change = actions[0].edit!.documentChanges![0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
  assert.deepEqual(change.textDocument, { uri, version: 1 });
  assert.deepEqual(change.edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } }, newText: 'ServerName' }]);
  assert.deepEqual(actions[0].diagnostics?.map(d => d.code), ['httpd/unknown-directive']);
  // Nothing to fix at a line without findings.
  assert.deepEqual(await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }), []);

  // Apply the fix as an incremental change: the unknown-directive diagnostic goes away.
  await h.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: change.edits[0].range, text: change.edits[0].newText }],
  });
  const fixed = await h.waitForDiagnostics(p => p.uri === uri && p.version === 2);
  assert.deepEqual(summary(fixed), ['httpd/directive-context@4']);

  // Settings: the rule turned off through workspace/configuration + didChangeConfiguration.
  h.settings.upkeep = { rules: { 'httpd/directive-context': 'off' } };
  const before = h.diagnostics.length;
  await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const off = await h.waitForDiagnostics(p => p.uri === uri && h.diagnostics.indexOf(p) >= before);
  assert.deepEqual(summary(off), []);
  h.settings.upkeep = { rules: { 'httpd/directive-context': 'hint' } };
  const before2 = h.diagnostics.length;
  await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const hint = await h.waitForDiagnostics(p => p.uri === uri && h.diagnostics.indexOf(p) >= before2);
  assert.deepEqual(hint.diagnostics.map(d => [d.code, d.severity]), [['httpd/directive-context', 4]]);

  // 2 MB of binary-looking text (NUL bytes, control characters, long lines): the server answers.
  const bytes: string[] = [];
  let seed = 12345;
  for (let i = 0; i < 2 * 1024 * 1024; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const b = (seed >>> 16) & 0xff;
    bytes.push(b === 13 ? '\n' : String.fromCharCode(b));
  }
  const blobUri = pathToFileURL(nodePath.join(dir, 'conf', 'blob.conf')).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: blobUri, languageId: 'apacheconf', version: 1, text: bytes.join('') } });
  const blob = await h.waitForDiagnostics(p => p.uri === blobUri, 30_000);
  // Not parsed: one file-level finding says why.
  assert.deepEqual(summary(blob), ['file/binary@0']);
  const later = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: blobUri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  assert.deepEqual(later, []);
  // 4.5 MB of plain configuration text (under the editor's 5 MB limit): parsed and linted, and the server
  // still answers.
  const blocks = (mb: number) => {
    const out: string[] = [];
    for (let n = 0, size = 0; size < mb * 1024 * 1024; n++) {
      const block = `<VirtualHost *:${8000 + (n % 1000)}>\n    ServerName h${n}.example.test\n    DocumentRoot "/srv/h${n}"\n</VirtualHost>\n`;
      out.push(block);
      size += block.length;
    }
    return out;
  };
  const big = blocks(4.5);
  big.push('ServerNmae last.example.test\n');
  const bigText = big.join('');
  const bigUri = pathToFileURL(nodePath.join(dir, 'conf', 'big.conf')).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'apacheconf', version: 1, text: bigText } });
  const bigDiags = await h.waitForDiagnostics(p => p.uri === bigUri, 60_000);
  const lastLine = (big.length - 1) * 4;
  assert.deepEqual(summary(bigDiags), [`httpd/unknown-directive@${lastLine}`]);
  const bigActions = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: bigUri },
    range: { start: { line: lastLine, character: 2 }, end: { line: lastLine, character: 2 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  assert.deepEqual(bigActions.map(a => a.title), ['Change to ServerName (unsafe)', 'Suppress httpd/unknown-directive on this line', 'Suppress httpd/unknown-directive in this file']);
  // 10 MB: over the editor's limit, not checked as you type; one information says to run upkeep lint.
  const huge = blocks(10);
  huge.push('ServerNmae last.example.test\n');
  const hugeUri = pathToFileURL(nodePath.join(dir, 'conf', 'huge.conf')).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: hugeUri, languageId: 'apacheconf', version: 1, text: huge.join('') } });
  const hugeDiags = await h.waitForDiagnostics(p => p.uri === hugeUri, 60_000);
  assert.deepEqual(hugeDiags.diagnostics.map(d => [d.code, d.severity, d.range.start.line]), [['file/editor-size-limit', 3, 0]]);
  assert.match(String(hugeDiags.diagnostics[0].message), /more than the 5 MB Upkeep checks as you type.*Run `upkeep lint huge\.conf` on it/);
  // ... and still serves the first document.
  const again = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 4, character: 4 }, end: { line: 4, character: 4 } }, context: { diagnostics: [] } })) as CodeAction[];
  assert.deepEqual(again.map(a => a.title), ['Suppress httpd/directive-context on this line', 'Suppress httpd/directive-context in this file']);

  // Closing clears the document's diagnostics.
  await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  const cleared = await h.waitForDiagnostics(p => p.uri === uri && p.diagnostics.length === 0 && p.version === undefined);
  assert.deepEqual(cleared.diagnostics, []);

  assert.equal(await shutdownAndExit(h), 0);
  assert.doesNotMatch(h.logs.join('\n'), /failed|uncaught|unhandled/i, h.logs.join('\n'));
});

test('stdio without workspace/configuration: settings come from initializationOptions; requests on unknown documents answer empty', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await initialize(h, dir, {
    capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
    initializationOptions: { settings: { upkeep: { rules: { 'httpd/unknown-directive': 'warning', 'httpd/directive-context': 'nonsense' } } } },
  });
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: HTTPD } });
  const first = await h.waitForDiagnostics(p => p.uri === uri);
  assert.deepEqual(
    first.diagnostics.map((d: Diagnostic) => [d.code, d.range.start.line, d.severity]),
    [
      ['httpd/unknown-directive', 2, 2],
      ['httpd/directive-context', 4, 1],
    ],
  );
  assert.ok(h.logs.some(l => l.includes('upkeep.rules["httpd/directive-context"]')), h.logs.join('\n'));
  assert.equal(h.requests.length, 0, 'no workspace/configuration or registration requests to a client that lacks them');
  // A document the server never saw.
  assert.deepEqual(
    await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri + '.nope' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }),
    [],
  );
  // didChangeConfiguration with pushed settings (no pull model).
  const before = h.diagnostics.length;
  await h.conn.sendNotification('workspace/didChangeConfiguration', { settings: { upkeep: { rules: { 'httpd/': 'off' } } } });
  const off = await h.waitForDiagnostics(p => p.uri === uri && h.diagnostics.indexOf(p) >= before);
  assert.deepEqual(off.diagnostics, []);
  assert.equal(await shutdownAndExit(h), 0);
});

test('node IPC (the transport VS Code uses): initialize, diagnostics, exit 0', async t => {
  const { dir, uri } = workspace();
  const h = startServer('ipc');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await initialize(h, dir, { initializationOptions: { client: 'upkeep-vscode' } });
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: HTTPD } });
  const first = await h.waitForDiagnostics(p => p.uri === uri);
  assert.deepEqual(summary(first), ['httpd/directive-context@4', 'httpd/unknown-directive@2']);
  // Our VS Code client syncs settings and file events itself: no dynamic registrations.
  assert.deepEqual(h.requests.filter(r => r.method === 'client/registerCapability'), []);
  assert.equal(await shutdownAndExit(h), 0);
});

test('stdio: fix-all applies every safe fix and no unsafe one; a rename fix becomes a RenameFile operation', async t => {
  const { dir } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await initialize(h, dir);

  const text = 'KeepAlive yes\r\nExtendedStatus true\r\nRewriteEngine yes\r\nServerNmae x\r\n';
  const uri = pathToFileURL(nodePath.join(dir, 'conf', 'flags.conf')).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text } });
  const first = await h.waitForDiagnostics(p => p.uri === uri);
  assert.deepEqual(summary(first), ['httpd/argument-count@0', 'httpd/argument-count@1', 'httpd/argument-count@2', 'httpd/unknown-directive@3']);

  const quick = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } },
    context: { diagnostics: [], only: ['quickfix'] },
  })) as CodeAction[];
  assert.deepEqual(quick.map(a => [a.title, a.isPreferred]), [
    ['Change to On', true],
    ['Fix all httpd/argument-count problems in this file (3)', undefined],
    ['Suppress httpd/argument-count on this line', undefined],
    ['Suppress httpd/argument-count in this file', undefined],
  ]);

  const all = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.deepEqual(all.map(a => [a.title, a.kind]), [['Fix all safe Upkeep problems', 'source.fixAll.upkeep']]);
  const docEdit = all[0].edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
  assert.equal(docEdit.textDocument.version, 1);
  const fixedText = applyTextEdits(text, docEdit.edits);
  assert.equal(fixedText, 'KeepAlive On\r\nExtendedStatus On\r\nRewriteEngine On\r\nServerNmae x\r\n');
  await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixedText }] });
  const after = await h.waitForDiagnostics(p => p.uri === uri && p.version === 2);
  assert.deepEqual(summary(after), ['httpd/unknown-directive@3']);

  // An update script whose phase is misspelled: the fix renames the file.
  const scripts = nodePath.join(dir, 'updates', 'scripts');
  mkdirSync(scripts, { recursive: true });
  const oldPath = nodePath.join(scripts, 'PREINSTAL_ecommerce.ps1');
  const newPath = nodePath.join(scripts, 'PREINSTALL_ecommerce.ps1');
  const script = 'Write-Host "updating"\n';
  writeFileSync(oldPath, script);
  const oldUri = pathToFileURL(oldPath).href;
  const newUri = pathToFileURL(newPath).href;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: oldUri, languageId: 'powershell', version: 1, text: script } });
  const phase = await h.waitForDiagnostics(p => p.uri === oldUri);
  assert.deepEqual(summary(phase), ['phase/unknown-phase@0']);
  const renameActions = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri: oldUri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: phase.diagnostics },
  })) as CodeAction[];
  // A finding about the file's name has no line to suppress on; the file-wide comment is offered.
  assert.deepEqual(renameActions.map(a => a.title), ['Rename to PREINSTALL_ecommerce.ps1 (unsafe)', 'Suppress phase/unknown-phase in this file']);
  assert.deepEqual(renameActions[0].edit, {
    documentChanges: [{ kind: 'rename', oldUri, newUri, options: { overwrite: false, ignoreIfExists: false } }],
  });
  // What the editor does with it: rename on disk, close the old document, open the new one.
  renameSync(oldPath, newPath);
  await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri: oldUri } });
  await h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: oldUri, type: 3 }, { uri: newUri, type: 1 }] });
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: newUri, languageId: 'powershell', version: 1, text: script } });
  const renamed = await h.waitForDiagnostics(p => p.uri === newUri);
  assert.deepEqual(summary(renamed), []);
  assert.equal(await shutdownAndExit(h), 0);
});
