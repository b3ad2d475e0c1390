// The bundled server (dist/server.js) over LSP on stdio with a managed-settings.xml pasted from a blog:
// diagnostics while the file is not well-formed, the quote fix, "Bump lastModDate" as a code action,
// snippet completion, hover, outline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, DocumentSymbol, Hover, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver/node';
import { applyTextEdits } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, startServer, type Harness } from '../server/harness';

const PASTED = [
  '<?xml version=”1.0″ encoding=”UTF-8″?>', //                                                       0
  '<ManagedSettings>', //                                                                            1
  '  # chat history, March window', //                                                               2
  '  <settingGroup name="com.ibm.collaboration.realtime.chat.logging" lastModDate="20240312T091500">', // 3
  '    <setting name=”logging.enabled” value=”true” isLocked="yes"/>', //                            4
  '  </settingGroup>', //                                                                            5
  '</ManagedSettings>', //                                                                           6
  '',
].join('\n');

const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}@${d.range.start.line}`).sort();

async function initialize(h: Harness, dir: string) {
  const result = (await h.conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
    capabilities: { ...CLIENT_CAPABILITIES, textDocument: { ...CLIENT_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: true } } } },
  })) as { capabilities: Record<string, any> };
  await h.conn.sendNotification('initialized', {});
  return result;
}

test('stdio: a pasted managed-settings.xml, its fixes, Bump lastModDate, completion, hover, outline', async t => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-sametime-'));
  mkdirSync(nodePath.join(dir, 'updates'));
  const file = nodePath.join(dir, 'updates', 'managed-settings.xml');
  writeFileSync(file, PASTED);
  const uri = pathToFileURL(file).href;
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  h.settings.upkeep = { rules: {} };
  const init = await initialize(h, dir);
  assert.ok(init.capabilities.codeActionProvider.codeActionKinds.includes('refactor.rewrite.upkeep.lastModDate'));
  assert.ok(init.capabilities.hoverProvider);

  let version = 1;
  let text = PASTED;
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version, text } });
  const first = await h.waitForDiagnostics(p => p.uri === uri && p.version === version);
  // Not well-formed, and still every problem is there, each once.
  assert.deepEqual(summary(first), [
    'sametime/hash-comment@2',
    'sametime/invalid-value@4',
    'sametime/typographic-quotes@0',
    'sametime/typographic-quotes@4',
  ]);
  const quotes = first.diagnostics.find(d => d.code === 'sametime/typographic-quotes' && d.range.start.line === 4)!;
  assert.equal(quotes.severity, 1);
  assert.match(String(quotes.codeDescription?.href), /docs\/rules\/sametime\/typographic-quotes\.md$/);

  const edit = async (edits: TextEdit[]) => {
    text = applyTextEdits(text, edits);
    version++;
    await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return h.waitForDiagnostics(p => p.uri === uri && p.version === version);
  };
  const editsOf = (a: CodeAction) => (a.edit!.documentChanges![0] as { edits: TextEdit[] }).edits;

  // "Fix all" makes it well-formed: quotes straightened, # turned into a comment.
  const all = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  })) as CodeAction[];
  assert.deepEqual(all.map(a => a.kind), ['source.fixAll.upkeep']);
  const afterFix = await edit(editsOf(all[0]));
  assert.deepEqual(summary(afterFix), ['sametime/invalid-value@4']);
  assert.equal(text.split('\n')[0], '<?xml version="1.0" encoding="UTF-8"?>');
  assert.equal(text.split('\n')[2], '  <!-- chat history, March window -->');
  assert.equal(text.split('\n')[4], '    <setting name="logging.enabled" value="true" isLocked="yes"/>');

  // The did-you-mean for the boolean is offered as a quick fix (unsafe: not part of fix all).
  const bool = afterFix.diagnostics[0];
  const quick = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: bool.range, context: { diagnostics: [bool] } })) as CodeAction[];
  assert.deepEqual(quick.map(a => [a.title, a.kind]), [
    ['Change to "true" (unsafe)', 'quickfix'],
    ['Suppress sametime/invalid-value on this line', 'quickfix'],
    ['Suppress sametime/invalid-value in this file', 'quickfix'],
    ['Bump lastModDate of settingGroup "com.ibm.collaboration.realtime.chat.logging"', 'refactor.rewrite.upkeep.lastModDate'],
  ]);
  await edit(editsOf(quick[0]));

  // Having changed the group, bump its lastModDate: a new value in the same compact form.
  const bumpReq = (await h.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } },
    context: { diagnostics: [], only: ['refactor'] },
  })) as CodeAction[];
  assert.deepEqual(bumpReq.map(a => a.title), ['Bump lastModDate of settingGroup "com.ibm.collaboration.realtime.chat.logging"']);
  const bumpEdits = editsOf(bumpReq[0]);
  assert.equal(bumpEdits.length, 1);
  assert.equal(bumpEdits[0].range.start.line, 3);
  const clean = await edit(bumpEdits);
  assert.deepEqual(summary(clean), []);
  const stamp = /lastModDate="([^"]*)"/.exec(text.split('\n')[3])![1];
  assert.match(stamp, /^\d{8}T\d{6}$/);
  assert.ok(stamp > '20240312T091500', stamp);
  // Only the value changed on that line.
  assert.equal(text.split('\n')[3].replace(stamp, '20240312T091500'), PASTED.split('\n')[3]);
  // A quick-fix-only request does not get the refactoring.
  const onlyQuick = (await h.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: bumpEdits[0].range, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
  assert.deepEqual(onlyQuick, []);

  // Completion: a settingGroup snippet after "<" in ManagedSettings, as a snippet.
  await edit([{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '  <\n' }]);
  const completion = (await h.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 3 } })) as CompletionList;
  const sg = completion.items.find(i => i.label === 'settingGroup');
  assert.ok(sg, completion.items.map(i => i.label).join(', '));
  assert.equal(sg.insertTextFormat, 2);
  assert.equal(sg.insertTextMode, 1);
  assert.match((sg.textEdit as TextEdit).newText, /^<settingGroup name="\$\{1:com\.ibm\.collaboration\.realtime\.chat\.logging\}" lastModDate="\$\{2:\d{8}T\d{6}\}">\n {4}<setting /);
  assert.deepEqual((sg.textEdit as TextEdit).range, { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } });

  // Hover on a setting key, and the outline.
  const hov = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 22 } })) as Hover;
  assert.match((hov.contents as { value: string }).value, /^\*\*logging\.enabled\*\* \(`com\.ibm\.collaboration\.realtime\.chat\.logging`\)/);
  const outline = (await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  assert.deepEqual(outline.map(s => [s.name, s.children?.map(c => c.name)]), [['com.ibm.collaboration.realtime.chat.logging', ['logging.enabled']]]);

  await h.conn.sendRequest('shutdown');
  await h.conn.sendNotification('exit');
  assert.equal(await h.exited, 0);
  assert.doesNotMatch(h.logs.join('\n'), /failed|uncaught|unhandled/i, h.logs.join('\n'));
});
