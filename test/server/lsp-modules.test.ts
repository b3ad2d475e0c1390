// The server's modules without a connection: document store and the paths it touches, the lint
// scheduler on a hand-driven clock, the adaptive diagnostics delay and its setting, the configuration
// sources, workspace events and the strict stdio framing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintFile } from '../../server/src/languages';
import { EDITOR_MAX_BYTES, MAX_FILE_BYTES, MemoryFileSystem, Project, type FileSystem } from '../../server/src/engine/workspace';
import { Configuration } from '../../server/src/lsp/configuration';
import { ADAPTIVE_DELAY_CAP_MS, diagnosticsDelay, lintDelay, SIZE_DELAY_CAP_MS, type Timers } from '../../server/src/lsp/debounce';
import { dependentDocuments } from '../../server/src/lsp/dependents';
import { DocumentStore, EditorOverlay, editorByteSize } from '../../server/src/lsp/documents';
import { DocumentLinter } from '../../server/src/lsp/linter';
import type { UpkeepServices } from '../../server/src/lsp/features';
import { codeActionHandler } from '../../server/src/lsp/requests';
import { DEPENDENTS_DELAY_MS, LintScheduler, type SchedulerOptions } from '../../server/src/lsp/scheduler';
import { parseSettings, settingsSectionOf } from '../../server/src/lsp/settings';
import { FramingError, parseHeaders, StrictStreamMessageReader } from '../../server/src/lsp/transport';
import { pathToUri } from '../../server/src/lsp/uri';
import { changedPaths, rootsAfterChange, rootsOf } from '../../server/src/lsp/workspace-events';

test('adaptive diagnostics delay: 0-30 ms for small files, 50-100 ms at 10,000 lines, capped; never shorter than the last lint', () => {
  assert.equal(lintDelay(0), 0);
  for (const lines of [1, 50, 500, 2000, 4000]) assert.ok(lintDelay(lines) <= 30, `${lines} lines: ${lintDelay(lines)} ms`);
  const at10k = lintDelay(10_000);
  assert.ok(at10k >= 50 && at10k <= 100, `10k lines: ${at10k} ms`);
  // Grows with size, never past the cap.
  let prev = -1;
  for (let lines = 0; lines <= 1_000_000; lines += 997) {
    const d = lintDelay(lines);
    assert.ok(d >= prev && d <= SIZE_DELAY_CAP_MS, `${lines} lines: ${d} ms`);
    prev = d;
  }
  assert.equal(lintDelay(250_000), SIZE_DELAY_CAP_MS);
  // A document whose lint took longer waits that long, up to 1 s.
  assert.equal(lintDelay(100, 240), 240);
  assert.equal(lintDelay(10_000, 5), lintDelay(10_000));
  assert.equal(lintDelay(100, 60_000), ADAPTIVE_DELAY_CAP_MS);
  assert.equal(lintDelay(-5, Number.NaN), 0);
  // An explicit setting wins, 0 included; null is the adaptive default.
  assert.equal(diagnosticsDelay(0, 10_000, 500), 0);
  assert.equal(diagnosticsDelay(400, 10, 0), 400);
  assert.equal(diagnosticsDelay(null, 10_000), lintDelay(10_000));
  assert.equal(diagnosticsDelay(undefined, 10, 300), 300);
});

test('upkeep.diagnostics.delay: a number of ms or null; bad values reported; a bare section is recognised', () => {
  assert.equal(parseSettings({}).settings.diagnostics.delay, null);
  assert.equal(parseSettings({ diagnostics: { delay: 120 } }).settings.diagnostics.delay, 120);
  assert.equal(parseSettings({ diagnostics: { delay: 0 } }).settings.diagnostics.delay, 0);
  assert.equal(parseSettings({ diagnostics: { delay: null } }).settings.diagnostics.delay, null);
  for (const bad of [-1, '100', Number.NaN, true]) {
    const r = parseSettings({ diagnostics: { delay: bad } });
    assert.equal(r.settings.diagnostics.delay, null, String(bad));
    assert.match(r.problems.join('\n'), /upkeep\.diagnostics\.delay/);
  }
  const huge = parseSettings({ diagnostics: { delay: 1e9 } });
  assert.equal(huge.settings.diagnostics.delay, 10_000);
  assert.equal(huge.problems.length, 1);
  assert.deepEqual(settingsSectionOf({ diagnostics: { delay: 5 } }), { diagnostics: { delay: 5 } });
  assert.deepEqual(settingsSectionOf({ upkeep: { diagnostics: { delay: 5 } } }), { diagnostics: { delay: 5 } });
});

test('Configuration: initializationOptions for a client that cannot be asked; workspace/configuration otherwise, falling back to initializationOptions when it answers nothing', async () => {
  const applied: (number | null)[] = [];
  const warnings: string[] = [];
  let answer: unknown = null;
  const make = () =>
    new Configuration({ pull: async () => answer, apply: s => applied.push(s.diagnostics.delay), warn: m => warnings.push(m), error: () => undefined, readyTimeoutMs: 5000 });

  const push = make();
  push.initialize({ settings: { upkeep: { diagnostics: { delay: 70 } } } }, false);
  assert.equal(push.current.diagnostics.delay, 70);
  await push.ready();
  await push.refresh({ upkeep: { diagnostics: { delay: 90 } } });
  assert.equal(push.current.diagnostics.delay, 90);

  const pull = make();
  pull.initialize({ settings: { upkeep: { diagnostics: { delay: 70 } } } }, true);
  let ready = false;
  void pull.ready().then(() => (ready = true));
  await new Promise(r => setImmediate(r));
  assert.equal(ready, false, 'not ready before the first pull');
  answer = { diagnostics: { delay: 250 } };
  await pull.initialized();
  assert.equal(pull.current.diagnostics.delay, 250);
  // The client answers null (no such section in its settings): the initialization options hold.
  answer = null;
  await pull.refresh();
  assert.equal(pull.current.diagnostics.delay, 70);
  answer = { diagnostics: { delay: 'soon' } };
  await pull.refresh();
  assert.equal(pull.current.diagnostics.delay, null);
  assert.match(warnings.join('\n'), /delay.*\(workspace\/configuration\)/);
  assert.deepEqual(applied, [70, 90, 250, 70, null]);
});

class SpyProject extends Project {
  touched: (string[] | undefined)[] = [];
  override touch(paths?: Iterable<string>): void {
    this.touched.push(paths ? [...paths] : undefined);
    super.touch(paths);
  }
}

class Docs {
  private map = new Map<string, TextDocument>();
  get(uri: string) {
    return this.map.get(uri);
  }
  all() {
    return [...this.map.values()];
  }
  open(uri: string, languageId: string, text: string) {
    const d = TextDocument.create(uri, languageId, 1, text);
    this.map.set(uri, d);
    return d;
  }
  change(uri: string, text: string) {
    const d = this.map.get(uri)!;
    TextDocument.update(d, [{ text }], d.version + 1);
    return d;
  }
  close(uri: string) {
    this.map.delete(uri);
  }
}

function fakeClock() {
  let now = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => (pending.set(++seq, { at: now + ms, fn }), seq),
    clear: h => void pending.delete(h as number),
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...pending].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      pending.delete(next[0]);
      next[1].fn();
      await new Promise(r => setImmediate(r)); // the scheduler waits for settings (a promise)
    }
    now = end;
  };
  return { timers, advance, now: () => now };
}

function setup(files: Record<string, string> = {}, delaySetting: number | null = null) {
  const disk = new MemoryFileSystem(files);
  const overlay = new EditorOverlay(disk as FileSystem);
  const project = new SpyProject(overlay, { roots: ['/ws'] });
  const docs = new Docs();
  const store = new DocumentStore(docs, overlay, project);
  const linter = new DocumentLinter(store, '/pkg');
  const clock = fakeClock();
  const sent: (PublishDiagnosticsParams & { at: number })[] = [];
  const setting = { delay: delaySetting };
  const scheduler = new LintScheduler(store, linter, {
    send: p => void sent.push({ ...p, at: clock.now() }),
    delaySetting: () => setting.delay,
    ready: () => Promise.resolve(),
    error: e => assert.fail(e),
    timers: clock.timers,
    now: clock.now,
    defer: fn => fn(),
  });
  const open = (path: string, text: string, languageId = 'apacheconf') => {
    const uri = pathToUri(path);
    const d = docs.open(uri, languageId, text);
    store.opened(uri);
    store.changed(d);
    scheduler.changed(uri);
    return uri;
  };
  const change = (uri: string, text: string) => {
    const d = docs.change(uri, text);
    store.changed(d);
    scheduler.changed(uri);
  };
  const close = (uri: string) => {
    docs.close(uri);
    const st = store.closed(uri);
    scheduler.closed(uri, st?.language ?? null, (st?.publishedCount ?? 0) > 0);
  };
  return { disk, overlay, project, docs, store, linter, scheduler, clock, sent, setting, open, change, close };
}

test('documents touch exactly the path that changed; a parse-only view serves requests without linting', async () => {
  const s = setup({ '/ws/conf/httpd.conf': 'ServerAdmin ops@example.test\nInclude conf/extra.conf\n', '/ws/conf/extra.conf': 'ServerName a\n' });
  const uri = s.open('/ws/conf/httpd.conf', 'ServerAdmin ops@example.test\nServerNmae x\n');
  assert.deepEqual(s.project.touched, [['/ws/conf/httpd.conf']]);
  await s.clock.advance(0);
  assert.equal(s.sent.length, 1);
  assert.deepEqual(s.sent[0].diagnostics.map(d => d.code), ['httpd/unknown-directive']);
  s.change(uri, 'ServerAdmin ops@example.test\nServerNmae y\nListne 81\n');
  assert.deepEqual(s.project.touched.at(-1), ['/ws/conf/httpd.conf']);
  // Before the delayed lint runs, a request gets the parsed current text and no lint happens.
  const before = s.store.state(uri)!.cache;
  const file = s.linter.sourceFile(uri)!;
  assert.match(file.text, /Listne 81/);
  assert.equal(s.store.state(uri)!.cache, before, 'sourceFile must not lint');
  s.close(uri);
  assert.deepEqual(s.project.touched.at(-1), ['/ws/conf/httpd.conf']);
  assert.ok(s.project.touched.every(t => t !== undefined), 'no whole-project touch from documents');
  assert.equal(s.overlay.has('/ws/conf/httpd.conf'), false);
  // Closing a document with diagnostics clears them.
  assert.deepEqual(s.sent.at(-1), { uri, diagnostics: [], at: s.clock.now() });
});

test('scheduler: open lints at once, a change after the delay (setting or adaptive); newer versions win; dependents later', async () => {
  const s = setup({}, 300);
  const a = s.open('/ws/conf/httpd.conf', 'ServerNmae x\n');
  const b = s.open('/ws/conf/other.conf', 'ServerAdmin ops@example.test\nListne 1\n');
  await s.clock.advance(0);
  assert.deepEqual(s.sent.map(p => [p.uri, p.version, p.at]), [[a, 1, 0], [b, 1, 0]]);
  s.change(a, 'ServerName x\n');
  await s.clock.advance(299);
  assert.equal(s.sent.length, 2, 'nothing before the configured delay');
  s.change(a, 'ServerName x\nListne 2\n'); // typing restarts the delay
  await s.clock.advance(299);
  assert.equal(s.sent.length, 2);
  await s.clock.advance(1);
  assert.deepEqual(s.sent.slice(2).map(p => [p.uri, p.version, p.at, p.diagnostics.length]), [[a, 3, 599, 1]]);
  // The other httpd document is linted again later (an Include could have changed).
  await s.clock.advance(DEPENDENTS_DELAY_MS);
  assert.deepEqual(s.sent.slice(3).map(p => [p.uri, p.version]), [[b, 1]]);
  // Adaptive: a small file waits 0-30 ms.
  s.setting.delay = null;
  assert.ok(s.scheduler.delayFor(a) <= 30, String(s.scheduler.delayFor(a)));
  s.change(a, 'ServerName z\n');
  await s.clock.advance(31);
  assert.deepEqual(s.sent.at(-1)!.version, 4);
  s.scheduler.stop();
  s.change(a, 'Listne\n');
  await s.clock.advance(10_000);
  assert.equal(s.sent.at(-1)!.version, 4, 'nothing after shutdown');
});

/**
 * A scheduler of its own on `s` (whose own scheduler is stopped), with a linter whose lint takes `cost` ms of
 * fake time, and the options given; open and change feed it a document.
 */
function ownScheduler(s: ReturnType<typeof setup>, opts: Partial<SchedulerOptions> = {}) {
  const t = { now: 0, cost: 0 };
  const linter = {
    lint: (uri: string) => {
      t.now += t.cost;
      return s.linter.lint(uri);
    },
  } as unknown as DocumentLinter;
  s.scheduler.stop();
  const scheduler = new LintScheduler(s.store, linter, {
    send: () => undefined,
    delaySetting: () => null,
    ready: () => Promise.resolve(),
    error: e => assert.fail(e),
    timers: s.clock.timers,
    now: () => t.now,
    defer: fn => fn(),
    ...opts,
  });
  const uri = pathToUri('/ws/conf/httpd.conf');
  const open = (text: string) => {
    const d = s.docs.open(uri, 'apacheconf', text);
    s.store.opened(uri);
    s.store.changed(d);
    scheduler.changed(uri);
  };
  const change = (text: string) => {
    s.store.changed(s.docs.change(uri, text));
    scheduler.changed(uri);
  };
  return { scheduler, t, uri, open, change };
}

test('adaptive delay off the request thread (the diagnostics worker): half the last lint counts, the size floor stays', async () => {
  for (const offThread of [false, true]) {
    const s = setup();
    const { scheduler, t, uri, open, change } = ownScheduler(s, { offThread });
    open('ServerName a\n');
    await s.clock.advance(0);
    t.cost = 300;
    change('ServerName b\n');
    await s.clock.advance(1000);
    assert.equal(scheduler.delayFor(uri), offThread ? 150 : 300, `offThread ${offThread}`);
    // A 10,000-line document keeps its size floor (50 ms) however fast its lint.
    t.cost = 10;
    change('ServerName c\n'.repeat(10_000));
    await s.clock.advance(1000);
    assert.equal(scheduler.delayFor(uri), 50, `offThread ${offThread}`);
    scheduler.stop();
  }
});

test('scheduler: a due lint that runs after the next keystroke arrived publishes that version once, not again when its own timer fires', async () => {
  const s = setup();
  const deferred: (() => void)[] = [];
  const sent: PublishDiagnosticsParams[] = [];
  const { scheduler, open, change } = ownScheduler(s, {
    send: p => void sent.push(p),
    delaySetting: () => 100,
    now: s.clock.now,
    defer: fn => void deferred.push(fn),
  });
  open('ServerNmae x\n');
  await s.clock.advance(0);
  deferred.splice(0).forEach(fn => fn());
  assert.deepEqual(sent.map(p => p.version), [1]);
  // Version 2's delay runs out; its lint is deferred behind the messages already received, one of which is version 3.
  change('ServerNmae x\nListne 1\n');
  await s.clock.advance(100);
  change('ServerNmae x\nListne 1\nListne 2\n');
  deferred.splice(0).forEach(fn => fn());
  assert.deepEqual(sent.map(p => [p.version, p.diagnostics.length]), [[1, 1], [3, 3]]);
  // Version 3's own timer: the same result for the same version is not sent again.
  await s.clock.advance(100);
  deferred.splice(0).forEach(fn => fn());
  assert.deepEqual(sent.map(p => p.version), [1, 3]);
  scheduler.stop();
});

test('adaptive delay: the cold first lint of a document sets no delay; a slow lint after a change does', async () => {
  const s = setup();
  const { scheduler, t, uri, open, change } = ownScheduler(s);
  t.cost = 500;
  open('ServerName x\n');
  await s.clock.advance(0);
  assert.equal(t.now, 500, 'the first lint ran');
  assert.ok(scheduler.delayFor(uri) <= 30, `a 500 ms first lint gave a delay of ${scheduler.delayFor(uri)} ms`);
  t.cost = 200;
  change('ServerName y\n');
  await s.clock.advance(1000);
  assert.equal(scheduler.delayFor(uri), 200, 'a lint after a change that takes 200 ms: the next waits as long');
  scheduler.stop();
});

test('a document over the size limit is kept as its size: no line index or tree of its text, one finding', () => {
  const s = setup();
  const big = 'ServerName x\n'.repeat(Math.ceil((MAX_FILE_BYTES + 10) / 13));
  assert.equal(editorByteSize('é'.repeat(10)), 10, 'short texts are not measured');
  assert.equal(editorByteSize('é'.repeat(8 * 1024 * 1024)), 16 * 1024 * 1024);
  assert.ok(editorByteSize('é'.repeat(11 * 1024 * 1024)) > MAX_FILE_BYTES);
  const uri = s.open('/ws/conf/big.conf', big);
  assert.equal(s.overlay.isTooLarge('/ws/conf/big.conf'), true);
  const r = lintFile(s.project, '/ws/conf/big.conf', 'apacheconf')!;
  assert.deepEqual(r.findings.map(f => f.code), ['file/too-large']);
  assert.equal(r.file.size, big.length);
  assert.equal(r.file.text, '');
  // Back under the limit: analysed again.
  s.change(uri, 'ServerNmae x\n');
  assert.equal(s.overlay.isTooLarge('/ws/conf/big.conf'), false);
  assert.deepEqual(lintFile(s.project, '/ws/conf/big.conf', 'apacheconf')!.findings.map(f => f.code), ['httpd/unknown-directive']);
});

test('a document over the editor size limit (5 MB): withheld from the engine, one file/editor-size-limit information, linted again below it', () => {
  const s = setup({ '/ws/conf/httpd.conf': 'ServerName a\nInclude conf/big.conf\n' });
  const line = 'ServerNmae x\n';
  const big = line.repeat(Math.ceil((EDITOR_MAX_BYTES + 10) / line.length));
  assert.ok(big.length < MAX_FILE_BYTES);
  const uri = s.open('/ws/conf/big.conf', big);
  assert.equal(s.overlay.isTooLarge('/ws/conf/big.conf'), true);
  const r = lintFile(s.project, '/ws/conf/big.conf', 'apacheconf')!;
  assert.deepEqual(r.findings.map(f => [f.code, f.severity, f.start, f.end]), [['file/editor-size-limit', 'information', 0, 0]]);
  assert.match(r.findings[0].message, /^This document has 5\.0 MB, more than the 5 MB Upkeep checks as you type, so it is not checked in the editor\. Run `upkeep lint big\.conf` on it/);
  assert.equal(r.file.text, '', 'no text, line index or tree of 5 MB');
  assert.equal(r.file.size, big.length);
  // Multi-byte text is measured in UTF-8 bytes: 2 M characters of é are 4 MB (checked), 3 M are 6 MB (not).
  const e = s.open('/ws/conf/e.conf', '# ' + 'é'.repeat(2 * 1024 * 1024) + '\nServerNmae x\n');
  assert.deepEqual(lintFile(s.project, '/ws/conf/e.conf', 'apacheconf')!.findings.map(f => f.code), ['httpd/unknown-directive']);
  s.change(e, '# ' + 'é'.repeat(3 * 1024 * 1024) + '\n');
  assert.deepEqual(lintFile(s.project, '/ws/conf/e.conf', 'apacheconf')!.findings.map(f => f.code), ['file/editor-size-limit']);
  // Back under the limit: checked again.
  s.change(uri, 'ServerNmae x\n');
  assert.equal(s.overlay.isTooLarge('/ws/conf/big.conf'), false);
  assert.deepEqual(lintFile(s.project, '/ws/conf/big.conf', 'apacheconf')!.findings.map(f => f.code), ['httpd/unknown-directive']);
  // The same text on disk (the command line): linted, not withheld.
  const disk = new Project(new MemoryFileSystem({ '/ws/conf/big.conf': big }), { roots: ['/ws'] });
  const cli = lintFile(disk, '/ws/conf/big.conf', 'apacheconf')!;
  assert.ok(!cli.findings.some(f => f.code === 'file/editor-size-limit'));
  assert.ok(cli.findings.some(f => f.code === 'httpd/unknown-directive'), 'the typos are found');
});

test('dependents, workspace folders and watched-file paths', () => {
  const open = [
    { uri: 'a', language: 'apacheconf' as const },
    { uri: 'b', language: 'plugincfg' as const },
    { uri: 'c', language: 'sametime' as const },
    { uri: 'd', language: null },
  ];
  assert.deepEqual(dependentDocuments(open, 'a', 'apacheconf'), []);
  assert.deepEqual(dependentDocuments(open, 'b', 'plugincfg'), ['a']);
  assert.deepEqual(dependentDocuments(open, 'c', 'sametime'), []);
  assert.deepEqual(dependentDocuments(open, null, null), ['a', 'b', 'c', 'd']);
  assert.deepEqual(rootsOf(undefined, 'file:///ws'), ['/ws']);
  assert.deepEqual(rootsOf([{ uri: 'file:///a', name: 'a' }], 'file:///ws'), ['/a']);
  assert.deepEqual(
    rootsAfterChange(['/a', '/b'], { added: [{ uri: 'file:///c', name: 'c' }], removed: [{ uri: 'file:///a/', name: 'a' }] }),
    ['/b', '/c'],
  );
  assert.deepEqual(
    changedPaths([
      { uri: 'file:///ws/conf/httpd.conf', type: 2 },
      { uri: 'file:///ws/conf/httpd.conf', type: 2 },
      { uri: 'file:///ws/x%20y.conf', type: 1 },
    ]),
    ['/ws/conf/httpd.conf', '/ws/x y.conf'],
  );
  assert.deepEqual(changedPaths(undefined), []);
});

function frame(body: string, header = `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`): Buffer {
  return Buffer.from(header + body, 'utf8');
}

function readAll(chunks: Buffer[]) {
  const stream = new PassThrough();
  const bad: string[] = [];
  const reader = new StrictStreamMessageReader(stream, r => bad.push(r));
  const messages: unknown[] = [];
  const errors: Error[] = [];
  reader.onError(e => errors.push(e));
  reader.listen(m => messages.push(m));
  for (const c of chunks) stream.write(c);
  return { messages, errors, bad };
}

test('strict framing: messages split anywhere are read; malformed headers are errors; a body that is not JSON is skipped', async () => {
  const m1 = JSON.stringify({ jsonrpc: '2.0', method: 'a', params: { text: 'é€😀' } });
  const m2 = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'b' });
  const all = Buffer.concat([frame(m1), frame(m2, `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: ${m2.length}\r\n\r\n`)]);
  for (const size of [1, 3, 7, all.length]) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < all.length; i += size) chunks.push(all.subarray(i, i + size));
    const r = readAll(chunks);
    await new Promise(res => setImmediate(res));
    assert.deepEqual(r.messages, [JSON.parse(m1), JSON.parse(m2)], `chunks of ${size}`);
    assert.deepEqual(r.errors, []);
  }
  const cases: [string, Buffer, RegExp][] = [
    ['Content-Length: abc', frame('{}', 'Content-Length: abc\r\n\r\n'), /not a number/],
    ['no Content-Length', frame('{}', 'Content-Type: application/json\r\n\r\n'), /without Content-Length/],
    ['LF-only header', frame('{}', 'Content-Length: 2\n\n'), /LF only/],
    ['no header end', Buffer.from('x'.repeat(9000)), /no end of LSP header/],
    ['garbage line', frame('{}', 'hello world\r\n\r\n'), /malformed LSP header line/],
    ['other charset', frame('{}', 'Content-Length: 2\r\nContent-Type: text/plain; charset=latin1\r\n\r\n'), /charset/],
    ['too long', frame('{}', 'Content-Length: 999999999999\r\n\r\n'), /over the/],
  ];
  for (const [name, bytes, re] of cases) {
    const r = readAll([bytes, frame(m2)]);
    assert.equal(r.errors.length, 1, name);
    assert.ok(r.errors[0] instanceof FramingError, name);
    assert.match(r.errors[0].message, re, name);
    assert.deepEqual(r.messages, [], `${name}: nothing is read after a framing error`);
  }
  const r = readAll([frame('{not json'), frame('[1]'), frame(m2)]);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.messages, [JSON.parse(m2)]);
  assert.equal(r.bad.length, 2);
  assert.deepEqual(parseHeaders('Content-Length:  12 '), { contentLength: 12 });
});

test('code actions: automatic requests use the lint of the current text and never start one; invoked ones and fix-all lint', async () => {
  const s = setup({}, 500);
  const uri = s.open('/ws/conf/httpd.conf', 'KeepAlive yes\n');
  await s.clock.advance(0);
  const services = { clientCapabilities: () => ({}), error: (m: string) => assert.fail(m) } as unknown as UpkeepServices;
  const handler = codeActionHandler(s.linter, [], services);
  const range = { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } };
  const ask = (triggerKind: 1 | 2 | undefined, only?: string[]) =>
    handler({ textDocument: { uri }, range, context: { diagnostics: [], ...(triggerKind ? { triggerKind } : {}), ...(only ? { only } : {}) } });
  assert.deepEqual(ask(2).map(a => a.title), ['Change to On', 'Suppress httpd/argument-count on this line', 'Suppress httpd/argument-count in this file', 'Fix all safe Upkeep problems']);
  s.change(uri, 'KeepAlive yes\nExtendedStatus true\n'); // the lint waits 500 ms
  const stale = s.store.state(uri)!.cache;
  assert.deepEqual(ask(2), [], 'automatic: nothing until the lint of this version ran');
  assert.equal(s.store.state(uri)!.cache, stale, 'an automatic request must not lint');
  assert.deepEqual(ask(2, ['source.fixAll']).map(a => a.title), ['Fix all safe Upkeep problems']);
  assert.equal(s.store.state(uri)!.cache!.version, 2, 'fix-all lints the current text');
  s.change(uri, 'KeepAlive yes\n');
  assert.deepEqual(ask(1).map(a => a.title), ['Change to On', 'Suppress httpd/argument-count on this line', 'Suppress httpd/argument-count in this file', 'Fix all safe Upkeep problems']);
  assert.deepEqual(ask(undefined).map(a => a.title), ['Change to On', 'Suppress httpd/argument-count on this line', 'Suppress httpd/argument-count in this file', 'Fix all safe Upkeep problems']);
});
