// Any input (random, binary, half-typed, pathological) lints, completes, hovers and bumps without
// throwing, with every range inside the text. Speed is measured in `npm run bench`, not asserted here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { bumpActions } from '../../server/src/sametime/bump';
import { complete } from '../../server/src/sametime/complete';
import { hover } from '../../server/src/sametime/hover';
import { parseXml } from '../../server/src/xml/parser';
import { COMMUNITIES, fixedClock, input, lint, SETTINGS } from './helpers';

const CLOCK = fixedClock('2024-05-06T07:08:09Z', 60);

/** Token soup from what matters to the rules, so that the properties reach their states. */
const sametimeLike = fc
  .array(
    fc.constantFrom(
      '<ManagedSettings>', '</ManagedSettings>', '<settingGroup', '</settingGroup>', '<setting', '<managed-communities>', '</managed-communities>',
      '<managed-community', '<managed-community-action', ' name=', ' value=', ' isLocked=', ' lastModDate=', ' id=', ' host=', ' port=', ' type=',
      ' managed-community-id=', '"', "'", '”', '“', '″', '‘', '’', '>', '/>', '<', '<!--', '-->', '--', '#', '# x', '\n', '\r\n', ' ', '\t', '&', '?>',
      '<?xml version="1.0"?>', '<?xml version=”1.0″?>', 'true', 'yes', '80', '70000', '20210211T173921', '2021-02-11T17:39:21-05', 'a.example.com', 'update', 'Add',
    ),
    { maxLength: 80 },
  )
  .map(a => a.join(''));

function checkRanges(text: string, path: string): void {
  const { findings } = lint(text, path);
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.code} ${f.start}-${f.end} of ${text.length}`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, `${f.code} fix`);
      applyOffsetEdits(text, fix.edits); // throws on overlapping edits
    }
  }
  // On text an XML parser accepts, there are no typographic delimiters to report.
  if (parseXml(text).errors.length === 0) assert.deepEqual(findings.filter(f => f.code === 'sametime/typographic-quotes'), []);
}

test('property: lint, completion, hover and bump never throw; ranges stay inside the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), sametimeLike), fc.nat(), fc.constantFrom(SETTINGS, COMMUNITIES), (text, at, path) => {
      checkRanges(text, path);
      const offset = text.length ? at % (text.length + 1) : 0;
      const inp = input(text, path);
      for (const c of complete(inp, offset, CLOCK)) assert.ok(c.replaceStart <= offset && offset <= c.replaceEnd && c.replaceEnd <= text.length, c.label);
      const h = hover(inp, offset);
      if (h) assert.ok(h.start <= offset && offset <= h.end && h.end <= text.length);
      for (const a of bumpActions(inp, offset, offset, CLOCK)) applyOffsetEdits(text, a.edits);
    }),
    { numRuns: 600 },
  );
});

test('pathological inputs complete', () => {
  const cases = [
    '<setting name=”'.repeat(60_000),
    '<ManagedSettings>' + '\n# -- x'.repeat(60_000),
    '# '.repeat(200_000),
    '<settingGroup name="g" lastModDate="' + '9'.repeat(300_000),
    '<a b=”' + '’'.repeat(300_000),
    '<managed-communities>' + '<managed-community-action type="update" managed-community-id="x"/>'.repeat(20_000),
    '\u0000'.repeat(1000),
  ];
  for (const text of cases) {
    checkRanges(text, SETTINGS);
    complete(input(text), text.length, CLOCK);
    bumpActions(input(text), 0, text.length, CLOCK);
  }
});

test('a large, valid managed-settings.xml has no findings', () => {
  const groups = Array.from({ length: 500 }, (_, g) =>
    [`  <settingGroup name="com.example.plugin${g}" lastModDate="20240312T091500">`, ...Array.from({ length: 10 }, (_, s) => `    <setting name="key${s}" value="${s}" isLocked="false"/>`), '  </settingGroup>'].join('\n'),
  );
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<ManagedSettings>\n${groups.join('\n')}\n</ManagedSettings>\n`;
  assert.deepEqual(lint(text).findings, []);
});
