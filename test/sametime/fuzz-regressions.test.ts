// Inputs found by fuzzing the Sametime fixes: a fix must never make a file less well-formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { COMMUNITIES, lint, mc, xmllint } from './helpers';

test('required-attribute: no "Add id" fix after an attribute whose value is not closed (it would land inside it)', () => {
  const text = mc('<managed-community host="h" port="80/>');
  const f = lint(text, COMMUNITIES).findings.find(x => x.code === 'sametime/required-attribute' && /has no id/.test(x.message));
  assert.ok(f, 'the missing id is still reported');
  assert.equal(f.fixes?.length ?? 0, 0);
});

test("required-attribute: the id copied from the host is escaped for the attribute's own quote", () => {
  const text = mc(`<managed-community id='' host="a'b"/>`);
  const f = lint(text, COMMUNITIES).findings.find(x => x.code === 'sametime/required-attribute');
  assert.ok(f?.fixes?.length);
  const fixed = applyOffsetEdits(text, f.fixes[0].edits);
  assert.equal(fixed, mc(`<managed-community id='a&apos;b' host="a'b"/>`));
  assert.equal(xmllint(fixed).ok, true, xmllint(fixed).output);
});

test('dangling-reference: a suggested id holding a quote is written as a character reference', () => {
  const text = mc(`<managed-community id='a"b' host="x"/>\n<managed-community-action type="update" managed-community-id="a&quot;c"/>`);
  const f = lint(text, COMMUNITIES).findings.find(x => x.code === 'sametime/dangling-reference');
  assert.ok(f?.fixes?.length, 'the did-you-mean fix is offered');
  const fixed = applyOffsetEdits(text, f.fixes[0].edits);
  assert.equal(xmllint(fixed).ok, true, `${xmllint(fixed).output}\n${fixed}`);
  assert.ok(!lint(fixed, COMMUNITIES).findings.some(x => x.code === 'sametime/dangling-reference'), 'the fix resolves the reference');
});
