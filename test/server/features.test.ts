// The feature registration API and handler guards, in-process: a test feature adds a capability, a
// guarded request handler that throws on demand, and two server commands (one applies a WorkspaceEdit
// through the client, one fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  createConnection,
  createMessageConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
} from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import type { Feature } from '../../server/src/lsp/features';

const URI = 'untitled:Untitled-1';
// A whole server (it listens) that sets what the security rules ask for, so only the typo is reported.
const TEXT = 'ServerNmae a.example\nListen 80\nServerTokens Prod\nTraceEnable Off\n';

const testFeature: Feature = {
  name: 'test',
  capabilities: client => ({ hoverProvider: !!client.textDocument?.hover }),
  register(s) {
    s.connection.onHover(
      s.guard('hover', null, params => {
        if (params.position.line === 0) throw new Error('boom on line 0');
        return { contents: `language ${s.sourceFile(params.textDocument.uri)?.language}` };
      }),
    );
    s.commands.register({
      id: 'upkeep.server.test.applyFirstFix',
      async run(args, ctx) {
        const uri = String(args[0]);
        const result = ctx.services.lint(uri);
        const fix = result?.findings.find(f => f.fixes?.length)?.fixes?.[0];
        if (!result || !fix) return { applied: false };
        const edit = ctx.services.workspaceEditFor(result.path, fix);
        if (!edit) return { applied: false };
        return ctx.applyEdit(edit, fix.title);
      },
    });
    s.commands.register({
      id: 'upkeep.server.test.fail',
      run() {
        throw new Error('nothing to do');
      },
    });
  },
};

test('features add capabilities, handlers and commands; exceptions are logged and answered with the fallback', async t => {
  const c2s = new PassThrough();
  const s2c = new PassThrough();
  const serverConn = createConnection(ProposedFeatures.all, new StreamMessageReader(c2s), new StreamMessageWriter(s2c));
  startServer(serverConn, { features: [testFeature] });
  const client = createMessageConnection(new StreamMessageReader(s2c), new StreamMessageWriter(c2s));
  const logs: string[] = [];
  const shown: string[] = [];
  const applied: ApplyWorkspaceEditParams[] = [];
  client.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  client.onNotification('window/showMessage', (p: { message: string }) => {
    shown.push(p.message);
  });
  client.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
    applied.push(p);
    return { applied: true };
  });
  let published: unknown[] | undefined;
  const gotDiagnostics = new Promise<void>(resolve =>
    client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      if (p.uri === URI) {
        published = p.diagnostics;
        resolve();
      }
    }),
  );
  client.listen();
  t.after(() => {
    client.dispose();
    serverConn.dispose();
  });

  const init = (await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {
      textDocument: { hover: {}, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
      workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } },
    },
  })) as { capabilities: Record<string, unknown> };
  assert.equal(init.capabilities.hoverProvider, true);
  assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ['upkeep.server.test.applyFirstFix', 'upkeep.server.test.fail'] });
  await client.sendNotification('initialized', {});

  // An unsaved buffer: no file path, language from the editor's language id.
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'apacheconf', version: 1, text: TEXT } });
  await gotDiagnostics;
  assert.deepEqual((published as { code: string }[]).map(d => d.code), ['httpd/unknown-directive']);

  assert.deepEqual(await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 0 } }), {
    contents: 'language apacheconf',
  });
  assert.equal(await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } }), null);
  assert.ok(logs.some(l => /upkeep: hover failed: boom on line 0/.test(l)), logs.join('\n'));

  const r = await client.sendRequest('workspace/executeCommand', { command: 'upkeep.server.test.applyFirstFix', arguments: [URI] });
  assert.deepEqual(r, { applied: true });
  assert.deepEqual(applied, [
    {
      label: 'Change to ServerName',
      edit: {
        documentChanges: [
          { textDocument: { uri: URI, version: 1 }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 10 } }, newText: 'ServerName' }] },
        ],
      },
    },
  ]);

  assert.equal(await client.sendRequest('workspace/executeCommand', { command: 'upkeep.server.test.fail', arguments: [] }), null);
  assert.equal(await client.sendRequest('workspace/executeCommand', { command: 'upkeep.server.nope', arguments: [] }), null);
  assert.deepEqual(shown, ['Upkeep: upkeep.server.test.fail failed: nothing to do', 'Upkeep: upkeep.server.nope failed: unknown command upkeep.server.nope']);
});
