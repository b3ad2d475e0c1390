// The bundled server over stdio: the diagnostics delay setting from both sources, malformed message
// headers (the server exits non-zero instead of going silent), a body that is not JSON (skipped), and
// a document over the size limit (one finding, the server keeps answering).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_FILE_BYTES } from '../../server/src/engine/workspace';
import { assertBuilt, CLIENT_CAPABILITIES, SERVER_JS, startServer, type Harness } from './harness';

const TEXT = 'ServerAdmin ops@example.test\nServerNmae www.example.test\n';
const FIXED = 'ServerAdmin ops@example.test\nServerName www.example.test\n';

function workspace(): { dir: string; uri: string } {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'upkeep-robust-'));
  mkdirSync(nodePath.join(dir, 'conf'));
  writeFileSync(nodePath.join(dir, 'conf', 'httpd.conf'), TEXT);
  return { dir, uri: pathToFileURL(nodePath.join(dir, 'conf', 'httpd.conf')).href };
}

async function initialize(h: Harness, dir: string, extra: Record<string, unknown>) {
  await h.conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: CLIENT_CAPABILITIES, ...extra });
  await h.conn.sendNotification('initialized', {});
}

/** The server's CPU time so far (Linux), for the test's log only. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}

const DELAY = 1500;

/** Opens, changes once, and returns how long the changed version's diagnostics took to arrive. */
async function changeToDiagnostics(h: Harness, uri: string): Promise<number> {
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: TEXT } });
  const first = await h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
  assert.deepEqual(first.diagnostics.map(d => d.code), ['httpd/unknown-directive'], 'on open, diagnostics come at once');
  const start = performance.now();
  await h.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FIXED }] });
  const second = await h.waitForDiagnostics(p => p.uri === uri && p.version === 2, DELAY + 20_000);
  assert.deepEqual(second.diagnostics, []);
  return performance.now() - start;
}

for (const source of ['workspace/configuration', 'initializationOptions'] as const) {
  test(`upkeep.diagnostics.delay from ${source}: a change's diagnostics do not arrive before the delay, and do arrive after it`, async t => {
    const { dir, uri } = workspace();
    const h = startServer('stdio');
    t.after(() => {
      h.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    const settings = { upkeep: { diagnostics: { delay: DELAY } } };
    if (source === 'workspace/configuration') {
      h.settings.upkeep = settings.upkeep;
      await initialize(h, dir, {});
    } else {
      await initialize(h, dir, { capabilities: { ...CLIENT_CAPABILITIES, workspace: undefined }, initializationOptions: { settings } });
    }
    const elapsed = await changeToDiagnostics(h, uri);
    // The server's timer starts after the client sent the change, and timers do not fire early; the
    // margin covers clock granularity.
    assert.ok(elapsed >= DELAY - 50, `diagnostics after ${elapsed.toFixed(0)} ms, before the ${DELAY} ms delay`);
    t.diagnostic(`change -> diagnostics: ${elapsed.toFixed(0)} ms with a ${DELAY} ms delay (${source})`);
    assert.equal(h.requests.some(r => r.method === 'workspace/configuration'), source === 'workspace/configuration');
    assert.doesNotMatch(h.logs.join('\n'), /failed|delay must/i, h.logs.join('\n'));
  });
}

/** Starts the server on stdio without an LSP client and writes raw bytes to it. */
function rawServer() {
  assertBuilt();
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', d => (stdout += d));
  child.stderr.on('data', d => (stderr += d));
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const within = async (ms: number) => {
    const timeout = new Promise<'running'>(r => setTimeout(() => r('running'), ms).unref());
    return Promise.race([exited, timeout]);
  };
  return { child, exited, within, stdout: () => stdout, stderr: () => stderr };
}

function message(body: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${json.length}\r\n\r\n`, 'ascii'), json]);
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };

test('malformed headers over stdio: the server exits with status 1 (the editor restarts it) instead of going silent', async t => {
  const cases: [string, string][] = [
    ['Content-Length: abc', 'Content-Length: abc\r\n\r\n{}'],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}'],
    ['LF-only header lines', 'Content-Length: 2\n\n{}'],
    ['no header at all', 'x'.repeat(20_000)],
  ];
  for (const [name, bytes] of cases) {
    // Each after a working initialize: the server answered, then the stream breaks.
    const s = rawServer();
    t.after(() => s.child.kill('SIGKILL'));
    s.child.stdin.write(message(INITIALIZE));
    for (let i = 0; i < 100 && !s.stdout().includes('"id":1'); i++) await new Promise(r => setTimeout(r, 100));
    assert.match(s.stdout(), /"capabilities"/, `${name}: initialize answered`);
    s.child.stdin.write(bytes);
    const code = await s.within(15_000);
    assert.equal(code, 1, `${name}: the server must exit with status 1, got ${code}; stderr: ${s.stderr()}`);
    assert.match(s.stderr(), /unreadable input/, name);
  }
});

test('a body that is not JSON is skipped and the server keeps answering; closing stdin without shutdown exits 1', async t => {
  const s = rawServer();
  t.after(() => s.child.kill('SIGKILL'));
  s.child.stdin.write(Buffer.from('Content-Length: 9\r\n\r\n{not json'));
  s.child.stdin.write(message(INITIALIZE));
  for (let i = 0; i < 100 && !s.stdout().includes('"id":1'); i++) await new Promise(r => setTimeout(r, 100));
  assert.match(s.stdout(), /"serverInfo":\{"name":"upkeep"/);
  assert.match(s.stdout(), /not JSON/, 'the skipped body is logged to the client');
  s.child.stdin.end();
  assert.equal(await s.within(15_000), 1);
});

test('a document over the size limit: one file/too-large finding, and requests on other documents are answered', async t => {
  const { dir, uri } = workspace();
  const h = startServer('stdio');
  t.after(() => {
    h.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  await initialize(h, dir, {});
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text: TEXT } });
  await h.waitForDiagnostics(p => p.uri === uri && p.version === 1);
  const line = 'ServerName www.example.test\n';
  const big = line.repeat(Math.ceil((MAX_FILE_BYTES + 1024) / line.length));
  const bigUri = pathToFileURL(nodePath.join(dir, 'conf', 'big.conf')).href;
  const before = cpuMs(h.child.pid);
  const started = performance.now();
  await h.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'apacheconf', version: 1, text: big } });
  const hover = (await h.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } })) as { contents: { value: string } } | null;
  assert.match(hover?.contents.value ?? '', /ServerAdmin/);
  const answered = performance.now() - started;
  const diags = await h.waitForDiagnostics(p => p.uri === bigUri, 60_000);
  assert.deepEqual(diags.diagnostics.map(d => d.code), ['file/too-large']);
  assert.match(String(diags.diagnostics[0].message), /Upkeep analyses files up to 20 MB/);
  const after = cpuMs(h.child.pid);
  t.diagnostic(`${(big.length / 1048576).toFixed(1)} MB didOpen: hover on another document answered after ${answered.toFixed(0)} ms` +
    (before !== undefined && after !== undefined ? `; server CPU ${after - before} ms` : ''));
  // Requests on the big document answer too (from its empty tree), and a change keeps it too large.
  const symbols = await h.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: bigUri } });
  assert.deepEqual(symbols, []);
  await h.conn.sendNotification('textDocument/didChange', {
    textDocument: { uri: bigUri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# more\n' }],
  });
  const again = await h.waitForDiagnostics(p => p.uri === bigUri && p.version === 2, 60_000);
  assert.deepEqual(again.diagnostics.map(d => d.code), ['file/too-large']);
  await h.conn.sendRequest('shutdown');
  await h.conn.sendNotification('exit');
  assert.equal(await h.exited, 0);
});
