// Diagnostics computed in a worker thread (lsp/diagnostics-worker.ts) and in the server's own thread
// (UPKEEP_LINT_WORKER=0, or after the worker dies) must be the same to the client: the same diagnostics
// for each version, the light bulb's quick fixes from the published findings, an empty list on close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DiagnosticsWorker, workerWanted } from '../../server/src/lsp/diagnostics-worker';
import { CLIENT_CAPABILITIES, startServer } from './harness';

const TEXT = 'ServerName www.example.test\nServerNmae www.example.test\nKeepAlive On\n';
const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => `${d.code}@${d.range.start.line}`).sort();

async function session(env: NodeJS.ProcessEnv): Promise<{ logs: string[]; seen: string[][]; automatic: string[]; closed: number; trace: string; versions: number[] }> {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-worker-'));
  const file = nodePath.join(dir, 'httpd.conf');
  writeFileSync(file, TEXT);
  const uri = pathToFileURL(file).href;
  const h = startServer('stdio', { env });
  try {
    h.settings.upkeep = { rules: {} };
    await h.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: CLIENT_CAPABILITIES,
    });
    await h.conn.sendNotification('initialized', {});
    await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: TEXT } });
    const seen: string[][] = [];
    const first = await h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
    seen.push(summary(first));
    // The light bulb asks automatically: it must get the quick fix of the published finding without a lint.
    const typo = first.diagnostics.find(d => d.code === 'httpd/unknown-directive')!;
    const actions = (await h.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: typo.range,
      context: { diagnostics: [typo], triggerKind: 2 },
    })) as CodeAction[];
    // Typing a second misspelled line: the diagnostics of version 3 (the last) arrive.
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'Liste' }],
    });
    await h.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 3, character: 5 }, end: { line: 3, character: 5 } }, text: 'nn 80\n' }],
    });
    seen.push(summary(await h.waitForDiagnostics(p => p.uri === uri && p.version === 3)));
    const before = h.diagnostics.length;
    await h.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await h.waitForDiagnostics(p => p.uri === uri && p.version === undefined && h.diagnostics.indexOf(p) >= before);
    await h.conn.sendRequest('shutdown');
    await h.conn.sendNotification('exit');
    assert.equal(await h.exited, 0, h.stderr());
    const trace = h.diagnostics.filter(p => p.uri === uri).map(p => `v${p.version ?? '-'}:[${summary(p).join(',')}]`).join(' ') + (before >= 0 ? ` (closed after ${before})` : '');
    return { logs: h.logs, seen, automatic: actions.map(a => a.title), closed: cleared.diagnostics.length, trace, versions: h.diagnostics.filter(p => p.uri === uri && p.version !== undefined).map(p => p.version!) };
  } finally {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('diagnostics from the worker thread and from the server thread are the same; the light bulb gets the quick fixes', async () => {
  const inWorker = await session({});
  const here = await session({ UPKEEP_LINT_WORKER: '0' });
  assert.ok(inWorker.logs.includes('upkeep: diagnostics are computed in a worker thread'), inWorker.logs.join('\n'));
  assert.ok(here.logs.includes("upkeep: diagnostics are computed in the server's own thread"), here.logs.join('\n'));
  assert.deepEqual(inWorker.seen, [['httpd/unknown-directive@1'], ['httpd/unknown-directive@1', 'httpd/unknown-directive@3']]);
  assert.deepEqual(here.seen, inWorker.seen);
  assert.deepEqual(inWorker.automatic[0], 'Change to ServerName (unsafe)');
  assert.deepEqual(here.automatic, inWorker.automatic);
  // Each version is published once: a lint that ran the newer text as it arrived is not sent again by that text's own timer.
  for (const [who, s] of [['worker', inWorker], ['server thread', here]] as const) {
    assert.equal(new Set(s.versions).size, s.versions.length, `${who}: ${s.trace}`);
  }
  assert.equal(inWorker.closed, 0, `worker: ${inWorker.trace}`);
  assert.equal(here.closed, 0, `server thread: ${here.trace}`);
});

test('a worker that dies is reported once, with its exit code', async () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-worker-dies-'));
  const script = nodePath.join(dir, 'dies.js');
  writeFileSync(script, 'process.exit(3);\n');
  try {
    const reasons: string[] = [];
    await new Promise<void>((resolve, reject) => {
      // The worker is unref'd (it must not keep a server alive): this timer keeps the test's loop running.
      const keep = setTimeout(() => reject(new Error('the worker was not reported dead within 10 s')), 10_000);
      const w = new DiagnosticsWorker({
        script,
        packageRoot: dir,
        diagnostics: () => assert.fail('no diagnostics from a dead worker'),
        log: () => undefined,
        died: reason => {
          reasons.push(reason);
          setTimeout(() => {
            clearTimeout(keep);
            resolve();
          }, 100);
        },
      });
      // Messages to a dead worker are dropped, not thrown.
      setTimeout(() => w.post({ t: 'relintAll' }), 50);
    });
    assert.deepEqual(reasons, ['it exited with code 3']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(workerWanted({}), true);
  assert.equal(workerWanted({ UPKEEP_LINT_WORKER: '0' }), false);
});
