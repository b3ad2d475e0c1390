// The maintenance page in the editor, over stdio: a block whose page does not exist in DocumentRoot is
// never inserted without the user knowing. The server asks (window/showMessageRequest: create the page
// from the template / insert anyway / cancel); the code action runs the command that asks instead of
// carrying the edit; with the page there, nothing is asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_TEMPLATE } from '../../server/src/httpd/maintenance';
import { CLIENT_CAPABILITIES, startServer, type Harness } from './harness';

const ENTER = 'upkeep.server.maintenance.enter';

interface ShowMessageRequest {
  type: number;
  message: string;
  actions?: { title: string }[];
}

interface DocumentChange {
  kind?: 'create';
  uri?: string;
  textDocument?: { uri: string };
  edits?: { newText: string }[];
}

function workspace(withPage: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-maint-page-'));
  const conf = path.join(dir, 'conf', 'httpd.conf');
  fs.mkdirSync(path.dirname(conf), { recursive: true });
  fs.mkdirSync(path.join(dir, 'htdocs'));
  const text = `ServerRoot "${dir}"\nListen 80\nDocumentRoot "${dir}/htdocs"\n`;
  fs.writeFileSync(conf, text);
  if (withPage) fs.writeFileSync(path.join(dir, 'htdocs', 'maintenance.html'), '<p>back soon</p>\n');
  return { dir, conf, text, page: path.join(dir, 'htdocs', 'maintenance.html'), uri: pathToFileURL(conf).toString() };
}

/** A server on the workspace, answering the missing-page question with `answer` (a title, null, or an error). */
async function session(ws: ReturnType<typeof workspace>, answer: () => { title: string } | null | Error) {
  const h: Harness = startServer('stdio');
  const asked: ShowMessageRequest[] = [];
  const applied: { documentChanges?: DocumentChange[] }[] = [];
  h.conn.onRequest('window/showMessageRequest', (p: ShowMessageRequest) => {
    asked.push(p);
    const a = answer();
    if (a instanceof Error) throw a;
    return a;
  });
  h.conn.onRequest('workspace/applyEdit', (p: { edit: { documentChanges?: DocumentChange[] } }) => {
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
  h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: ws.uri, languageId: 'apacheconf', version: 1, text: ws.text } });
  await h.waitForDiagnostics(p => p.uri === ws.uri);
  const enter = (options: object = { status: 503 }) =>
    h.conn.sendRequest('workspace/executeCommand', { command: ENTER, arguments: [ws.uri, options] }) as Promise<{
      applied: boolean;
      cancelled?: boolean;
      message: string;
      warnings?: string[];
    }>;
  const close = async () => {
    await h.conn.sendRequest('shutdown').catch(() => undefined);
    h.conn.sendNotification('exit');
    await Promise.race([h.exited, new Promise(r => setTimeout(r, 3000))]);
    h.kill();
    fs.rmSync(ws.dir, { recursive: true, force: true });
  };
  return { h, asked, applied, enter, close };
}

const creates = (edit: { documentChanges?: DocumentChange[] }) => (edit.documentChanges ?? []).filter(c => c.kind === 'create').map(c => c.uri);
const inserted = (edit: { documentChanges?: DocumentChange[] }) =>
  (edit.documentChanges ?? []).flatMap(c => (c.textDocument ? c.edits!.map(e => e.newText) : [])).join('');

test('missing page: the command asks, and "Create the page from the template" creates it with the block', async () => {
  const ws = workspace(false);
  const s = await session(ws, () => ({ title: 'Create the page from the template' }));
  try {
    const r = await s.enter();
    assert.equal(s.asked.length, 1, 'asked once');
    assert.equal(s.asked[0].type, 2, 'a warning');
    assert.match(s.asked[0].message, /maintenance page \/maintenance\.html does not exist in DocumentRoot \(htdocs\)/);
    assert.deepEqual(s.asked[0].actions?.map(a => a.title), ['Create the page from the template', 'Insert anyway', 'Cancel']);
    assert.equal(r.applied, true, r.message);
    assert.match(r.message, /Created .*maintenance\.html from the template/);
    assert.equal(s.applied.length, 1);
    assert.deepEqual(creates(s.applied[0]), [pathToFileURL(ws.page).toString()]);
    const pageText = (s.applied[0].documentChanges ?? []).find(c => c.textDocument?.uri === pathToFileURL(ws.page).toString());
    assert.equal(pageText?.edits?.map(e => e.newText).join(''), PAGE_TEMPLATE(503), 'the template, for status 503');
    assert.match(inserted(s.applied[0]), /ErrorDocument 503 \/maintenance\.html/);
    assert.ok(!(r.warnings ?? []).some(w => /does not exist/.test(w)), 'no missing-page warning after creating it');
  } finally {
    await s.close();
  }
});

test('missing page: "Insert anyway" inserts the block without the page, and says so', async () => {
  const ws = workspace(false);
  const s = await session(ws, () => ({ title: 'Insert anyway' }));
  try {
    const r = await s.enter({ status: 500 });
    assert.equal(s.asked.length, 1);
    assert.match(s.asked[0].message, /bare 500 error/);
    assert.equal(r.applied, true, r.message);
    assert.deepEqual(creates(s.applied[0]), [], 'no page created');
    assert.match(inserted(s.applied[0]), /RewriteRule \^ - \[R=500,L\]/);
    assert.ok((r.warnings ?? []).some(w => /\/maintenance\.html does not exist in DocumentRoot/.test(w)), JSON.stringify(r.warnings));
  } finally {
    await s.close();
  }
});

test('missing page: Cancel, a dismissed question and a client error insert nothing', async () => {
  const ws = workspace(false);
  const answers: ({ title: string } | null | Error)[] = [{ title: 'Cancel' }, null, new Error('no UI here')];
  const s = await session(ws, () => answers.shift()!);
  try {
    for (let i = 0; i < 3; i++) {
      const r = await s.enter();
      assert.equal(r.applied, false);
      assert.equal(r.cancelled, true);
      assert.match(r.message, /Cancelled: \/maintenance\.html does not exist in DocumentRoot; nothing inserted/);
    }
    assert.equal(s.asked.length, 3);
    assert.equal(s.applied.length, 0, 'no edit sent');
    assert.equal(fs.existsSync(ws.page), false);
    // The server is still answering.
    const r = await s.enter({ status: 503, missingPage: 'insert' });
    assert.equal(r.applied, true, 'missingPage: "insert" does not ask');
    assert.equal(s.asked.length, 3);
  } finally {
    await s.close();
  }
});

test('missing page: options that decide it ahead (createPage, missingPage: "create") do not ask', async () => {
  const ws = workspace(false);
  const s = await session(ws, () => {
    throw new Error('must not be asked');
  });
  try {
    for (const options of [{ createPage: true }, { missingPage: 'create' }]) {
      const r = await s.enter(options);
      assert.equal(r.applied, true, r.message);
    }
    assert.equal(s.asked.length, 0);
    assert.deepEqual(s.applied.map(creates), [[pathToFileURL(ws.page).toString()], [pathToFileURL(ws.page).toString()]]);
  } finally {
    await s.close();
  }
});

test('missing page: the refactor action runs the asking command instead of carrying the edit; with the page, it carries the edit', async () => {
  const actionsOf = async (s: Awaited<ReturnType<typeof session>>, uri: string) =>
    (await s.h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    })) as { title: string; edit?: unknown; command?: { command: string; arguments: unknown[] } }[];

  const missing = workspace(false);
  const s = await session(missing, () => ({ title: 'Cancel' }));
  try {
    const actions = await actionsOf(s, missing.uri);
    assert.deepEqual(actions.map(a => a.title), ['Upkeep: Enter maintenance mode (503)', 'Upkeep: Enter maintenance mode (500, for HCL Connections plug-ins)']);
    for (const a of actions) {
      assert.equal(a.edit, undefined, 'no edit inserted without asking');
      assert.equal(a.command?.command, ENTER);
      assert.equal(a.command?.arguments[0], missing.uri);
    }
    assert.deepEqual(actions.map(a => (a.command?.arguments[1] as { status: number }).status), [503, 500]);
    // Running the action's command asks.
    const r = (await s.h.conn.sendRequest('workspace/executeCommand', { command: ENTER, arguments: actions[0].command!.arguments })) as { applied: boolean };
    assert.equal(r.applied, false);
    assert.equal(s.asked.length, 1);
  } finally {
    await s.close();
  }

  const present = workspace(true);
  const t = await session(present, () => {
    throw new Error('must not be asked');
  });
  try {
    const actions = await actionsOf(t, present.uri);
    assert.equal(actions.length, 2);
    for (const a of actions) assert.ok(a.edit && !a.command, 'the page exists: the action carries its edit');
    const r = await t.enter();
    assert.equal(r.applied, true);
    assert.equal(t.asked.length, 0, 'nothing asked when the page exists');
    assert.deepEqual(creates(t.applied[0]), []);
  } finally {
    await t.close();
  }
});
