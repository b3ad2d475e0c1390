import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex, applyOffsetEdits, decodeBytes, detectEol, encodeText, minimalEdit } from '../../server/src/engine/text';

test('positions count UTF-16 units on LF, CRLF and lone CR lines', () => {
  const idx = new LineIndex('a\r\nbé\n😀x\rz');
  assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(7), { line: 2, character: 1 });
  assert.deepEqual(idx.positionAt(9), { line: 2, character: 3 });
  assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
  assert.equal(idx.offsetAt({ line: 1, character: 99 }), 5, 'clamped to the line end, before its break');
  assert.equal(idx.lineText(0), 'a');
});

test('property: offsetAt(positionAt(o)) is o for every offset that is not inside a line break', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', '\n', '\r\n', '\r', 'é', '😀'), { maxLength: 40 }).map(a => a.join('')), text => {
      const idx = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        if (text[o - 1] === '\r' && text[o] === '\n') continue;
        assert.equal(idx.offsetAt(idx.positionAt(o)), o);
      }
    }),
  );
});

test('edits apply in order, refuse overlaps, and minimalEdit keeps common prefix and suffix', () => {
  assert.equal(applyOffsetEdits('abcdef', [{ start: 4, end: 5, newText: 'X' }, { start: 0, end: 1, newText: '' }]), 'bcdXf');
  assert.throws(() => applyOffsetEdits('abc', [{ start: 0, end: 2, newText: '' }, { start: 1, end: 3, newText: '' }]));
  assert.deepEqual(minimalEdit('RewriteCond %{REMOTE_HOST} x', 0, 28, 'RewriteCond %{REMOTE_ADDR} x'), { start: 21, end: 25, newText: 'ADDR' });
  assert.equal(minimalEdit('same', 0, 4, 'same'), null);
});

test('bytes survive decoding and encoding: BOM, invalid UTF-8 (Latin-1), NUL detection', () => {
  const bom = Buffer.from('\uFEFFListen 80\r\n', 'utf8');
  const d1 = decodeBytes(bom);
  assert.equal(d1.encoding, 'utf8');
  assert.deepEqual(encodeText(d1.text, d1.encoding), bom);
  const latin = Buffer.from([0x4c, 0x69, 0x73, 0x74, 0x65, 0x6e, 0x20, 0xe9, 0xff, 0x0a]);
  const d2 = decodeBytes(latin);
  assert.equal(d2.encoding, 'latin1');
  assert.deepEqual(encodeText(d2.text, d2.encoding), latin);
  assert.equal(decodeBytes(Buffer.from([0x41, 0x00, 0x42])).binary, true);
  assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
});
