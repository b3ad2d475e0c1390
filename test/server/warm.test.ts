// The warm-up after didOpen (LanguageHandlers.warm, lsp/router.ts), in-process: its steps run one per turn
// of the event loop, so a request sent right after didOpen is answered between two steps; a closed
// document ends the warm-up; and the httpd warm-up leaves the document's own tree and answers as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection, createMessageConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/server';
import type { UpkeepServices } from '../../server/src/lsp/features';
import { httpdHandlers } from '../../server/src/lsp/httpd-features';
import { routedFeature, type LanguageHandlers } from '../../server/src/lsp/router';
import type { HttpdTree } from '../../server/src/httpd/syntax';

const URI = 'untitled:Warm-1';

function connect(language: LanguageHandlers): { client: MessageConnection; services: UpkeepServices; dispose(): void } {
  const c2s = new PassThrough();
  const s2c = new PassThrough();
  const serverConn = createConnection(ProposedFeatures.all, new StreamMessageReader(c2s), new StreamMessageWriter(s2c));
  const services = startServer(serverConn, { features: [routedFeature([language])] });
  const client = createMessageConnection(new StreamMessageReader(s2c), new StreamMessageWriter(c2s));
  client.onNotification('textDocument/publishDiagnostics', () => undefined);
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  return {
    client,
    services,
    dispose() {
      client.dispose();
      serverConn.dispose();
    },
  };
}

async function initialize(client: MessageConnection, text: string): Promise<void> {
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { textDocument: { hover: {} } } });
  await client.sendNotification('initialized', {});
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'apacheconf', version: 1, text } });
}

const until = async (cond: () => boolean, what: string) => {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
};

test('warm-up steps run one per event-loop turn; a request in between is answered; close ends them', async t => {
  const events: string[] = [];
  // Each step takes ~2 ms, as a real step (a parse, a completion) does: 50 steps take 100 ms, so a request
  // or a close that comes in meanwhile is seen between steps, not after all of them.
  const busy = () => {
    const end = performance.now() + 2;
    while (performance.now() < end);
  };
  let closeAt = Infinity;
  let onClose = () => undefined as unknown;
  const lang: LanguageHandlers = {
    name: 'probe',
    hover(_s, p) {
      events.push('hover');
      return p.textDocument.uri === URI ? { contents: 'probe' } : null;
    },
    *warm(s, uri) {
      for (let i = 0; i < 50; i++) {
        // Each step sees the document as it is now; after close it is gone and the router stops asking.
        events.push(s.documents.get(uri) ? `step ${i}` : `step ${i} after close`);
        if (i === closeAt) {
          events.push('closing');
          onClose();
        }
        busy();
        yield;
      }
    },
  };
  const { client, dispose } = connect(lang);
  t.after(dispose);
  await initialize(client, 'Listen 80\n');
  // A hover sent at once: answered before the 50 steps are done, not after them.
  const answer = await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 0 } });
  assert.deepEqual(answer, { contents: 'probe' });
  await until(() => events.includes('step 49'), 'the last step');
  assert.ok(events.indexOf('hover') < events.indexOf('step 49'), `the hover waited for the whole warm-up: ${events.join(', ')}`);
  assert.deepEqual(
    events.filter(e => e.startsWith('step')),
    Array.from({ length: 50 }, (_, i) => `step ${i}`),
  );

  // Opened again, and closed by the client during its third step: the steps stop once the server has the
  // close, and none runs on the closed document.
  events.length = 0;
  closeAt = 2;
  let closed!: () => void;
  const closeSent = new Promise<void>(resolve => (closed = resolve));
  onClose = () => void client.sendNotification('textDocument/didClose', { textDocument: { uri: URI } }).then(closed);
  await client.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
  await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'apacheconf', version: 2, text: 'Listen 81\n' } });
  await closeSent;
  await new Promise(r => setTimeout(r, 200));
  assert.ok(events.includes('closing'), events.join(', '));
  assert.ok(!events.some(e => e.endsWith('after close')), events.join(', '));
  assert.ok(events.filter(e => e.startsWith('step')).length < 50, events.join(', '));
});

test('the httpd warm-up leaves the document tree as it was, and hover and completion answer the same after it', async t => {
  const lines = ['ServerRoot "/etc/httpd"', 'Listen 80'];
  for (let i = 0; i < 400; i++) {
    lines.push(`<VirtualHost *:80>`, `    ServerName site${i}.example.com`, `    RewriteEngine On`, `    RewriteRule ^ - [R=503,L]`, `</VirtualHost>`);
  }
  const text = lines.join('\n') + '\n';
  let warmed = 0;
  const snapshot = (tree: HttpdTree) => JSON.stringify([tree.directives.map(d => [d.start, d.end, d.lineStart, d.nameSpan, d.args.map(a => [a.start, a.end])]), tree.sections.map(s => [s.start, s.end, s.open, s.close?.start])]);
  let before = '';
  const lang: LanguageHandlers = {
    ...httpdHandlers,
    *warm(s, uri) {
      const file = s.sourceFile(uri);
      before = snapshot(file!.tree as HttpdTree);
      for (const step of httpdHandlers.warm!(s, uri) ?? []) {
        warmed++;
        yield step;
      }
      warmed = -warmed; // done
    },
  };
  const { client, services, dispose } = connect(lang);
  t.after(dispose);
  await initialize(client, text);
  await until(() => warmed < 0, 'the end of the warm-up');
  assert.ok(-warmed >= 5, `the warm-up ran ${-warmed} steps`);
  const tree = services.sourceFile(URI)!.tree as HttpdTree;
  assert.equal(tree.text, text);
  assert.equal(snapshot(tree), before);
  // The hover of a RewriteRule line and the completion of a directive name, as a fresh server gives them.
  const hover = (await client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 5, character: 6 } })) as { contents: { value: string } };
  assert.match(hover.contents.value, /RewriteRule/);
  const list = (await client.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 4, character: 8 } })) as { items: { label: string }[] };
  assert.ok(list.items.some(i => i.label === 'RewriteEngine'), list.items.map(i => i.label).join(' '));
});
