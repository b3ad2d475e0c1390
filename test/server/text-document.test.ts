// The server's piece-list document (lsp/text-document.ts) against vscode-languageserver-textdocument, the
// library whose behaviour it keeps: the same changes on both, then every reading the protocol uses compared.
// And the reason it exists: changes do not join the text until something reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Project } from '../../server/src/engine/workspace';
import { DocumentStore, EditorOverlay } from '../../server/src/lsp/documents';
import { PieceTextDocument, PieceTextDocuments } from '../../server/src/lsp/text-document';
import { rng } from '../support/random';

// Line breaks of every kind, so that changes join and part CR from LF.
const ALPHABET = ['a', 'b', ' ', '\n', '\r', '\r\n', '<', 'é', '😀', '\t'];

function randomText(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function randomPosition(r: () => number, doc: TextDocument) {
  // Past the last line, past a line's end and negative now and then, as a careless client may send.
  const line = Math.floor(r() * (doc.lineCount + 2)) - (r() < 0.05 ? 1 : 0);
  const character = Math.floor(r() * 12) - (r() < 0.05 ? 1 : 0);
  return { line, character };
}

/** A position on a line of the document (a change outside its lines breaks the library's own line table). */
function changePosition(r: () => number, doc: TextDocument) {
  return { line: Math.floor(r() * doc.lineCount), character: Math.floor(r() * 12) };
}

function randomChange(r: () => number, doc: TextDocument): TextDocumentContentChangeEvent {
  if (r() < 0.02) return { text: randomText(r, 40) };
  const a = changePosition(r, doc);
  const b = r() < 0.4 ? a : changePosition(r, doc);
  const text = r() < 0.3 ? '' : randomText(r, r() < 0.1 ? 30 : 3);
  return r() < 0.5 ? { range: { start: a, end: b }, rangeLength: 0, text } : { range: { start: a, end: b }, text };
}

function assertSame(piece: PieceTextDocument, ref: TextDocument, r: () => number, where: string): void {
  assert.equal(piece.version, ref.version, where);
  assert.equal(piece.lineCount, ref.lineCount, `${where}: lineCount`);
  for (let k = 0; k < 8; k++) {
    const p = randomPosition(r, ref);
    assert.equal(piece.offsetAt(p), ref.offsetAt(p), `${where}: offsetAt ${JSON.stringify(p)}`);
    const offset = Math.floor(r() * (ref.getText().length + 3)) - 1;
    assert.deepEqual(piece.positionAt(offset), ref.positionAt(offset), `${where}: positionAt ${offset}`);
    const line = Math.floor(r() * (ref.lineCount + 2)) - 1;
    assert.deepEqual(piece.getLineRange(line), ref.getLineRange(line), `${where}: getLineRange ${line}`);
    assert.equal(piece.getEOLCharacters(line), ref.getEOLCharacters(line), `${where}: getEOLCharacters ${line}`);
    const q = randomPosition(r, ref);
    const range = { start: p, end: q };
    assert.equal(piece.getText(range), ref.getText(range), `${where}: getText ${JSON.stringify(range)}`);
  }
}

test('piece document: random changes (CR, LF, CRLF, astral characters, end-first ranges, past the end of a line) and reads outside the text come out as the library reads them', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const r = rng(seed);
    const start = randomText(r, 200);
    const ref = TextDocument.create('file:///t.conf', 'apacheconf', 1, start);
    const piece = PieceTextDocuments.create('file:///t.conf', 'apacheconf', 1, start);
    for (let step = 0; step < 150; step++) {
      // Each change of a list is made against the text the previous ones left (as a client makes them).
      const shadow = TextDocument.create(ref.uri, ref.languageId, ref.version, ref.getText());
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
        const change = randomChange(r, shadow);
        changes.push(change);
        TextDocument.update(shadow, [change], shadow.version + 1);
      }
      // Both apply the same list; the reference gets each change after the previous one, as the protocol says.
      TextDocument.update(ref, changes, step + 2);
      PieceTextDocuments.update(piece, changes, step + 2);
      // Read only now and then, so that pieces pile up between reads as they do while typing.
      if (r() < 0.2 || step === 149) {
        assertSame(piece, ref, r, `seed ${seed} step ${step}`);
        assert.equal(piece.getText(), ref.getText(), `seed ${seed} step ${step}: text`);
      } else {
        assert.equal(piece.length, ref.getText().length, `seed ${seed} step ${step}: length`);
      }
    }
  }
});

test('piece document: an unknown change is refused as the library refuses it', () => {
  const piece = PieceTextDocuments.create('file:///t.conf', 'apacheconf', 1, 'x');
  const ref = TextDocument.create('file:///t.conf', 'apacheconf', 1, 'x');
  const bad = [{ rangeLength: 3, text: 'y' }] as unknown as TextDocumentContentChangeEvent[];
  assert.throws(() => TextDocument.update(ref, bad, 2));
  assert.throws(() => PieceTextDocuments.update(piece, bad, 2), /Unknown change event/);
});

test('typing into a large open document joins its text only when something reads it', () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `ServerAlias host${i}.example.com\n`).join('');
  const doc = PieceTextDocuments.create('file:///srv/httpd.conf', 'apacheconf', 1, lines);
  const overlay = new EditorOverlay();
  const project = new Project(overlay);
  const docs = new Map([[doc.uri, doc]]);
  const store = new DocumentStore({ get: u => docs.get(u), all: () => [...docs.values()] }, overlay, project);
  store.opened(doc.uri);
  store.changed(doc);
  const ref = TextDocument.create(doc.uri, 'apacheconf', 1, lines);
  for (let k = 0; k < 30; k++) {
    const change = { range: { start: { line: 5000, character: 11 + k }, end: { line: 5000, character: 11 + k } }, text: 'x' };
    PieceTextDocuments.update(doc, [change], k + 2);
    TextDocument.update(ref, [change], k + 2);
    store.changed(doc);
    // The store handed the overlay this version without reading the text: it is still in pieces.
    assert.equal(doc.joined, false, `keystroke ${k}`);
  }
  // The engine asks: the overlay reads the document once, at the version it was told of.
  const read = overlay.readText('/srv/httpd.conf');
  assert.equal(read?.version, 'editor:31');
  assert.equal(read?.text, ref.getText());
  assert.equal(doc.joined, true);
  assert.equal(project.file('/srv/httpd.conf', 'apacheconf')?.text, ref.getText());
});
