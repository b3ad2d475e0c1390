// The XML layer's tree: offsets of every part, recovery on broken input (what the Sametime rules need),
// and the parser's guarantees (never throws, spans inside the text and properly nested) on random input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attr, attrCI, elementAt, nodeAt, parseXml, type XmlNode } from '../../server/src/xml/parser';
import { wellFormednessFindings } from '../../server/src/xml/wellformed';

const slice = (text: string, s: { start: number; end: number } | null | undefined) => (s ? text.slice(s.start, s.end) : null);

test('every part keeps its offsets: names, values with their quotes, comments, declaration, BOM, CRLF', () => {
  const text = '\ufeff<?xml version="1.0" encoding=\'UTF-8\'?>\r\n<!-- top -->\r\n<a x="1 &amp; 2" y=\'q\'>\r\n  <b/>text<![CDATA[<c>]]>\r\n</a >\r\n';
  const doc = parseXml(text);
  assert.deepEqual(doc.errors, []);
  assert.equal(doc.bom, true);
  assert.equal(slice(text, doc.declaration!.encoding!.valueSpan), 'UTF-8');
  assert.equal(doc.declaration!.encoding!.quote, "'");
  assert.equal(slice(text, doc.comments[0]), '<!-- top -->');
  assert.equal(slice(text, doc.comments[0].content), ' top ');
  const a = doc.root!;
  assert.equal(a.name, 'a');
  assert.equal(slice(text, a.startTag), '<a x="1 &amp; 2" y=\'q\'>');
  assert.equal(slice(text, a.endTag), '</a >');
  const x = attr(a, 'x')!;
  assert.deepEqual([x.value, slice(text, x.valueSpan), x.quote, x.closeQuote, slice(text, x)], ['1 & 2', '1 &amp; 2', '"', '"', 'x="1 &amp; 2"']);
  assert.deepEqual(a.children.map(c => c.kind), ['text', 'element', 'text', 'cdata', 'text']);
  assert.equal(slice(text, a.content), '\r\n  <b/>text<![CDATA[<c>]]>\r\n');
  const b = doc.elements[1];
  assert.deepEqual([b.name, b.selfClosing, b.content.start === b.content.end], ['b', true, true]);
  assert.equal(elementAt(doc, text.indexOf('<b/>') + 2), b);
  assert.equal(elementAt(doc, text.indexOf('text')), a);
  assert.equal(nodeAt(doc, text.indexOf('text'))!.kind, 'text');
  assert.equal(attrCI(a, 'X'), x);
});

test('typographic quotes: the tree still has the attributes, with the quote characters found', () => {
  const text = '<settingGroup name="g">\n  <setting name=”logging.default” value=”0”/>\n  <setting name="a” value="b"/>\n</settingGroup>\n';
  const doc = parseXml(text);
  const [s1, s2] = doc.elements.slice(1);
  assert.deepEqual(s1.attributes.map(a => [a.name, a.value, a.quote, a.closeQuote]), [
    ['name', 'logging.default', '”', '”'],
    ['value', '0', '”', '”'],
  ]);
  assert.equal(s1.selfClosing, true);
  assert.deepEqual(s2.attributes.map(a => [a.name, a.value, a.quote, a.closeQuote]), [
    ['name', 'a', '"', '”'],
    ['value', 'b', '"', '"'],
  ]);
  assert.equal(doc.root!.endTag !== null, true, 'the structure is recovered');
  assert.deepEqual(doc.errors.map(e => [e.kind, text.slice(e.start, e.end)]), [
    ['attribute-value', '”'],
    ['attribute-value', '”'],
    ['attribute-value', '”'],
  ]);
});

test('# comment lines and a misplaced declaration become errors; the elements are still there', () => {
  const text = '    <?xml version="1.0"?>\n# pushed by the admin\n<ManagedSettings>\n# not XML\n<settingGroup name="x"/>\n</ManagedSettings>\n';
  const doc = parseXml(text);
  assert.equal(doc.root!.name, 'ManagedSettings');
  assert.deepEqual(doc.elements.map(e => e.name), ['ManagedSettings', 'settingGroup']);
  assert.deepEqual(doc.errors.map(e => e.kind), ['misplaced-declaration', 'content-outside-root']);
  const hashText = doc.root!.children.find(c => c.kind === 'text' && text.slice(c.start, c.end).includes('# not XML'));
  assert.ok(hashText, 'a # line inside the root is text, which the Sametime rule can find');
});

test('recovery: an unclosed element ends where its parent closes; a stray end tag is ignored', () => {
  const text = '<a>\n  <b>\n  <c/>\n</a>\n';
  const doc = parseXml(text);
  const b = doc.elements[1];
  assert.deepEqual([b.endTag, slice(text, b)], [null, '<b>\n  <c/>\n']);
  assert.equal(doc.root!.endTag !== null, true);
  const doc2 = parseXml('<a>\n</x>\n<b/>\n</a>');
  assert.deepEqual(doc2.root!.children.filter(c => c.kind === 'element').map(c => (c as { name: string }).name), ['b']);
  assert.match(doc2.errors[0].message, /<\/x> does not match the open element <a> \(line 1\)/);
});

test('xml/not-well-formed: one finding per mistake, not a cascade', () => {
  const doc = parseXml('<a>\n<b>\n<c>\n</a>\n<d/>\n');
  const findings = wellFormednessFindings(doc, { path: '/x.xml' });
  assert.deepEqual(findings.map(f => f.code), ['xml/not-well-formed']);
  assert.equal(findings[0].related?.[0].message, '<c> is never closed');
  const many = parseXml('<a>\n<b x="1" x="2"/>\n<c y=”1”/>\n</a>\n');
  assert.equal(wellFormednessFindings(many).length, 2, 'independent local errors are all reported');
  const latin = wellFormednessFindings(parseXml('<a>caf\u00e9</a>'), { encoding: 'latin1' });
  assert.match(latin[0].message, /not UTF-8/);
  assert.equal(wellFormednessFindings(parseXml('<?xml version="1.0" encoding="ISO-8859-1"?><a>caf\u00e9</a>'), { encoding: 'latin1' }).length, 0);
});

function checkTree(text: string, nodes: XmlNode[], from: number, to: number): void {
  let pos = from;
  for (const n of nodes) {
    assert.ok(n.start >= pos && n.start <= n.end && n.end <= to, `${n.kind} [${n.start}, ${n.end}) outside [${pos}, ${to})`);
    if (n.kind === 'element') {
      assert.ok(n.nameSpan.start === n.start + 1 && n.startTag.start === n.start && n.startTag.end <= n.end);
      for (const a of n.attributes) assert.ok(a.start >= n.start && a.end <= n.startTag.end + 1 && (!a.valueSpan || a.valueSpan.end <= text.length));
      checkTree(text, n.children, n.startTag.end, n.end);
    }
    pos = n.end;
  }
}

test('property: any text parses without throwing, into spans inside the text and properly nested', () => {
  const pieces = fc.constantFrom('<', '>', '/', '"', "'", '=', '&', ';', '!', '?', '-', ' ', '\n', '\r\n', 'a', 'b', '<a>', '</a>', '<b x="1">', '</b>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml ', '?>', '”', '“', '&amp;', '&#x41;', '#', '\ufeff', '\u0000', '<!DOCTYPE a [', ']>');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 60 }).map(p => p.join('')), text => {
      const doc = parseXml(text);
      checkTree(text, doc.children, 0, text.length);
      for (const e of doc.errors) assert.ok(e.start >= 0 && e.end <= text.length && e.at >= 0 && e.at <= text.length);
      for (let k = 0; k <= text.length; k++) elementAt(doc, k);
    }),
    { numRuns: 2000, seed: 7 },
  );
});
