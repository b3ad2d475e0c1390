// The editor's side of guarded maintenance, over the real protocol: the verify setting (used only when
// the client says the workspace is trusted) rolls a failed change back with one WorkspaceEdit, and a
// hand-written stanza is offered as "Replace ... with a managed block".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyTextEdits, type TextEdit } from '../../server/src/engine/text';
import { CLIENT_CAPABILITIES, startServer } from './harness';

type DocChange = { textDocument: { uri: string }; edits: TextEdit[] };

/** Applies a WorkspaceEdit's text edits to the files on disk, as the client does when it saves. */
function applyToDisk(edit: { documentChanges?: DocChange[] }): void {
  for (const dc of edit.documentChanges ?? []) {
    if (!dc.textDocument) continue;
    const p = new URL(dc.textDocument.uri).pathname;
    fs.writeFileSync(p, applyTextEdits(fs.readFileSync(p, 'utf8'), dc.edits));
  }
}

async function session(files: Record<string, string>, settings: unknown, body: (h: ReturnType<typeof startServer>, dir: string, applied: unknown[]) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-verify-lsp-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text.replace(/@DIR@/g, dir));
  }
  const h = startServer('stdio');
  h.settings.upkeep = settings;
  const applied: unknown[] = [];
  h.conn.onRequest('workspace/applyEdit', (p: { edit: { documentChanges?: DocChange[] } }) => {
    applied.push(p.edit);
    applyToDisk(p.edit);
    return { applied: true };
  });
  try {
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'ws' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    h.conn.sendNotification('initialized', {});
    // The settings are pulled after "initialized": wait until the server has asked for them.
    for (let i = 0; i < 100 && !h.requests.some(r => r.method === 'workspace/configuration'); i++) await new Promise(r => setTimeout(r, 50));
    await new Promise(r => setTimeout(r, 200));
    await body(h, dir, applied);
  } finally {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CONF = 'ServerRoot "@DIR@"\nListen 80\n';

test('verify setting: a failing check rolls the saved change back byte for byte; an untrusted workspace does not run it', () =>
  session({ 'conf/httpd.conf': CONF }, { maintenance: { verify: 'echo "AH00526: Syntax error" >&2; exit 1' } }, async (h, dir, applied) => {
    const conf = path.join(dir, 'conf', 'httpd.conf');
    const before = fs.readFileSync(conf);
    const uri = pathToFileURL(conf).toString();
    const enter = async () =>
      (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.maintenance.enter', arguments: [uri, { status: 503 }] })) as {
        applied: boolean;
        message: string;
        verifyToken?: string;
      };
    const untrusted = await enter();
    assert.equal(untrusted.applied, true, untrusted.message);
    assert.ok(untrusted.verifyToken, 'a verify command is configured');
    const notRun = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.maintenance.verify', arguments: [untrusted.verifyToken, { trusted: false }] })) as { ok: unknown; message: string };
    assert.equal(notRun.ok, null);
    assert.match(notRun.message, /not trusted/);
    assert.equal(applied.length, 1, 'no rollback when the check did not run');
    // Back to the start (the saved change stays in an untrusted workspace; the test undoes it by hand).
    fs.writeFileSync(conf, before);
    h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });

    const trusted = await enter();
    assert.equal(trusted.applied, true, trusted.message);
    assert.notDeepEqual(fs.readFileSync(conf), before);
    h.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    const failed = (await h.conn.sendRequest('workspace/executeCommand', { command: 'upkeep.server.maintenance.verify', arguments: [trusted.verifyToken, { trusted: true }] })) as {
      ok: unknown;
      rolledBack: boolean;
      output: string;
      files: string[];
    };
    assert.equal(failed.ok, false);
    assert.equal(failed.rolledBack, true);
    assert.match(failed.output, /AH00526/);
    assert.deepEqual(failed.files, [uri]);
    assert.ok(fs.readFileSync(conf).equals(before), 'the rollback edit gives back the bytes');
  }));

test('a hand-written <Location> stanza is offered as "Replace ... with a managed block"', () =>
  session({ 'conf/httpd.conf': CONF + '<Location />\nOrder Deny,Allow\nDeny from all\nAllow from 10.1.2.3\n</Location>\n' }, {}, async (h, dir) => {
    const conf = path.join(dir, 'conf', 'httpd.conf');
    const uri = pathToFileURL(conf).toString();
    h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: fs.readFileSync(conf, 'utf8') } });
    await h.waitForDiagnostics(p => p.uri === uri);
    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; edit: { documentChanges: DocChange[] } }[];
    assert.deepEqual(actions.map(a => a.title), [
      'Upkeep: Replace the hand-written maintenance stanza with a managed block (503)',
      'Upkeep: Replace the hand-written maintenance stanza with a managed block (500)',
    ]);
    applyToDisk(actions[0].edit);
    const text = fs.readFileSync(conf, 'utf8');
    assert.match(text, /# upkeep-replaced: Deny from all\n/);
    assert.match(text, /RewriteCond %\{REMOTE_ADDR\} !\^10\\\.1\\\.2\\\.3\$/, 'the stanza\'s allowlist is kept');
  }));
