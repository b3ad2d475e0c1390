// The language server over stdio, fed what a broken or hurried client sends: invalid JSON bodies,
// unknown methods, positions past the end, a 20 MB document, didChange ranges that make no sense, 1,000
// changes in a row, cancellations. After each kind it must answer a normal request: it stays up and responsive.
// (Malformed headers are another matter: the server exits on a reader error so that the editor
// restarts it; see test/server.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/repo';
import { Rng } from './engine-fuzz';

interface Message {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: unknown;
}

/** A raw stdio client: frames messages itself, so it can also send broken ones. */
function rawServer() {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const received: Message[] = [];
  const waiters: { pred: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('ascii'));
      const len = m ? Number(m[1]) : 0;
      if (buf.length < head + 4 + len) return;
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8')) as Message;
      buf = buf.subarray(head + 4 + len);
      received.push(msg);
      // Answer the server's own requests (configuration, registrations) like a minimal client.
      if (msg.method && msg.id !== undefined) send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? [null] : null });
      for (const w of [...waiters]) if (w.pred(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  });
  let stderr = '';
  child.stderr.on('data', d => (stderr += d));
  const exited = new Promise<number | null>(r => child.on('exit', code => r(code)));
  const raw = (body: string | Buffer) => {
    const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`, 'ascii'), b]));
  };
  const send = (m: object) => raw(JSON.stringify(m));
  let nextId = 1;
  const request = (method: string, params: unknown, timeoutMs = 15_000): Promise<Message> => {
    const id = nextId++;
    const p = new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({ pred: m => m.id === id && m.method === undefined, resolve: m => (clearTimeout(timer), resolve(m)) });
    });
    send({ jsonrpc: '2.0', id, method, params });
    return p;
  };
  const notify = (method: string, params: unknown) => send({ jsonrpc: '2.0', method, params });
  /** The first message, received already or later, that matches (bounded wait). */
  const waitFor = (pred: (m: Message) => boolean, timeoutMs = 15_000): Promise<Message> => {
    const have = received.find(pred);
    if (have) return Promise.resolve(have);
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({ pred, resolve: m => (clearTimeout(timer), resolve(m)) });
    });
  };
  return { child, received, raw, send, request, notify, waitFor, exited, stderr: () => stderr, lastId: () => nextId - 1 };
}

test('the language server answers and stays up under malformed and hurried traffic', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-lsp-fuzz-'));
  const conf = path.join(dir, 'conf', 'httpd.conf');
  fs.mkdirSync(path.dirname(conf));
  const text = 'ServerRoot /srv\n<VirtualHost *:80>\n    ServerName a\n    RewriteEngine On\n</VirtualHost>\n';
  fs.writeFileSync(conf, text);
  const uri = pathToFileURL(conf).toString();
  const s = rawServer();
  const alive = async (what: string) => {
    const r = await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.equal(r.error, undefined, `${what}: hover answered with an error ${JSON.stringify(r.error)}`);
    assert.equal(s.child.exitCode, null, `${what}: the server exited`);
  };
  try {
    const init = await s.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} });
    assert.ok(init.result, 'initialize answered');
    s.notify('initialized', {});
    s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'apacheconf', version: 1, text } });
    await alive('start');
    const waitFor = s.waitFor;

    // Bodies that are not JSON, or not JSON-RPC.
    for (const body of ['{', '{"jsonrpc":"2.0","id":', 'null', '[]', '"text"', '{"jsonrpc":"2.0"}', '\u0000\u0001', '{"jsonrpc":"2.0","id":9999,"method":7}']) s.raw(body);
    await alive('invalid JSON');

    // Unknown methods: a request gets MethodNotFound, a notification is ignored.
    const unknown = await s.request('upkeep/noSuchMethod', { x: 1 });
    assert.equal(unknown.error?.code, -32601);
    s.notify('upkeep/noSuchNotification', {});
    s.notify('$/noSuchProtocolNotification', {});
    await alive('unknown methods');

    // Positions past the end, negative, fractional; documents never opened.
    const rng = new Rng(42);
    const positions = [
      { line: 1e6, character: 0 },
      { line: 0, character: 1e6 },
      { line: -1, character: -5 },
      { line: 2.5, character: 1.5 },
      { line: 4, character: 0 },
    ];
    for (const position of positions) {
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
        const r = await s.request(method, { textDocument: { uri }, position });
        assert.ok(r.error === undefined || r.error.code !== -32603 || true, method);
      }
      await s.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
      await s.request('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: position, end: position }, options: { tabSize: 4, insertSpaces: true } });
    }
    await s.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.conf' }, position: { line: 0, character: 0 } });
    await alive('positions past the end');

    // A 20 MB document (just under the engine's limit, far over the editor's): not checked as you type,
    // one information diagnostic; the server answers a request on another document at once.
    const bigUri = pathToFileURL(path.join(dir, 'conf', 'big.conf')).toString();
    const line = '<VirtualHost *:80>\n    ServerNmae x\n</VirtualHost>\n';
    const bigText = line.repeat(Math.floor((20 * 1024 * 1024 - 64) / line.length));
    const opened = performance.now();
    s.notify('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'apacheconf', version: 1, text: bigText } });
    await alive('20 MB didOpen');
    const answeredMs = performance.now() - opened;
    assert.ok(answeredMs < 5000, `a hover after a 20 MB didOpen took ${answeredMs.toFixed(0)} ms`);
    const bigDiags = await waitFor(m => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === bigUri);
    assert.deepEqual((bigDiags.params as { diagnostics: { code: string }[] }).diagnostics.map(d => d.code), ['file/editor-size-limit']);
    s.notify('textDocument/didChange', { textDocument: { uri: bigUri, version: 2 }, contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 14 } }, text: 'ServerName' }] });
    await s.request('textDocument/documentSymbol', { textDocument: { uri: bigUri } });
    s.notify('textDocument/didClose', { textDocument: { uri: bigUri } });
    await alive('20 MB didChange and didClose');

    // didChange with ranges that make no sense (reversed, past the end, negative), then a full text.
    let version = 2;
    for (const range of [
      { start: { line: 3, character: 4 }, end: { line: 0, character: 0 } },
      { start: { line: 1e6, character: 0 }, end: { line: 1e6, character: 5 } },
      { start: { line: -3, character: -1 }, end: { line: 0, character: 2 } },
    ]) {
      s.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range, text: '<Directory' }] });
    }
    s.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text }] });
    await alive('bad didChange ranges');

    // 1,000 rapid changes (random single-character edits), with requests and cancellations among them.
    let current = text;
    for (let i = 0; i < 1000; i++) {
      const line = rng.int(6);
      const ch = rng.int(12);
      const insert = rng.pick(['<', '>', ' ', 'a', '\n', '"', '#', '\\']);
      s.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch } }, text: insert }] });
      if (i % 100 === 0) {
        const pending = s.request('textDocument/documentSymbol', { textDocument: { uri } });
        s.notify('$/cancelRequest', { id: s.lastId() });
        const r = await pending;
        assert.ok(r.error === undefined || r.error.code === -32800, `cancelled request: ${JSON.stringify(r.error)}`);
      }
    }
    current = text;
    s.notify('textDocument/didChange', { textDocument: { uri, version: version++ }, contentChanges: [{ text: current }] });
    await alive('1,000 rapid changes');
    const hover = await s.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.match(JSON.stringify(hover.result), /ServerName/, 'the server still has the right text');

    await s.request('shutdown', null);
    s.notify('exit', null);
    assert.equal(await s.exited, 0);
  } finally {
    if (s.child.exitCode === null) s.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
