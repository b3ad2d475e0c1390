// "Bump lastModDate": the new value is "now" (an injected clock) in the form and zone style the file
// uses, always later than the old value, written as one minimal edit that can be reversed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOffsetEdits, type OffsetEdit } from '../../server/src/engine/text';
import { bumpActions } from '../../server/src/sametime/bump';
import { formatLastModDate, parseLastModDate } from '../../server/src/sametime/dates';
import { cursor, fixedClock, input, ms } from './helpers';

// 2024-05-06 07:08:09 UTC, on a machine two hours east of UTC (09:08:09 local).
const CLOCK = fixedClock('2024-05-06T07:08:09.750Z', 120);

function bump(marked: string, clock = CLOCK) {
  const { text, offset } = cursor(marked);
  const actions = bumpActions(input(text), offset, offset, clock);
  return { text, actions, apply: (i = 0) => applyOffsetEdits(text, actions[i].edits) };
}

/** The edits that undo `edits` on the text they produced. */
function reverse(before: string, edits: OffsetEdit[]): OffsetEdit[] {
  let shift = 0;
  return [...edits]
    .sort((a, b) => a.start - b.start)
    .map(e => {
      const r = { start: e.start + shift, end: e.start + shift + e.newText.length, newText: before.slice(e.start, e.end) };
      shift += e.newText.length - (e.end - e.start);
      return r;
    });
}

const G = (attrs: string, settings = '    <setting name="useTabs" value="true"/>') => `  <settingGroup name="com.ibm.collaboration.realtime.chatwindow"${attrs}>\n${settings}\n  </settingGroup>`;

test('compact form without zone: local time of the machine; a minimal edit of the value only', () => {
  const { text, actions, apply } = bump(ms(G(' lastModDate="20240312T091500"').replace('<setting ', '<setting |')));
  assert.deepEqual(actions.map(a => a.title), ['Bump lastModDate of settingGroup "com.ibm.collaboration.realtime.chatwindow"']);
  assert.equal(actions[0].value, '20240506T090809');
  assert.equal(apply(), ms(G(' lastModDate="20240506T090809"')));
  // Only the digits that differ are replaced, inside the value.
  const [e] = actions[0].edits;
  const valueStart = text.indexOf('20240312T091500');
  assert.ok(e.start >= valueStart && e.end <= valueStart + 15, JSON.stringify(e));
  assert.deepEqual(e, { start: valueStart + 5, end: valueStart + 15, newText: '506T090809' });
  // Reversible: undoing the edit gives the same bytes.
  assert.equal(applyOffsetEdits(apply(), reverse(text, actions[0].edits)), text);
});

test('extended form: the zone style and offset of the file are kept', () => {
  const cases: [string, string][] = [
    ['2021-02-11T17:39:21-05', '2024-05-06T02:08:09-05'],
    ['2021-02-11T17:39:21-05:00', '2024-05-06T02:08:09-05:00'],
    ['2021-02-11T17:39:21+0530', '2024-05-06T12:38:09+0530'],
    ['2021-02-11T17:39:21Z', '2024-05-06T07:08:09Z'],
    ['2021-02-11T17:39:21', '2024-05-06T09:08:09'],
    ['20210211T173921-0500', '20240506T020809-0500'],
  ];
  for (const [old, next] of cases) {
    const { actions, apply } = bump(ms(G(` lastModDate="${old}"`).replace('name="com', '|name="com')));
    assert.equal(actions[0].value, next, old);
    assert.equal(apply(), ms(G(` lastModDate="${next}"`)), old);
  }
});

test('a group without lastModDate gets one, in the form the other groups use', () => {
  const other = '  <settingGroup name="other" lastModDate="2021-02-11T17:39:21-05">\n  </settingGroup>';
  const { actions, apply } = bump(ms(other + '\n' + G('').replace('<setting', '<set|ting')));
  assert.deepEqual(actions.map(a => a.title), ['Add lastModDate to settingGroup "com.ibm.collaboration.realtime.chatwindow"']);
  assert.equal(apply(), ms(other + '\n' + G(' lastModDate="2024-05-06T02:08:09-05"')));
  // With no date anywhere: the documented compact form, inserted after name.
  const alone = bump(ms('  <settingGroup |name="g" >\n  </settingGroup>'));
  assert.equal(alone.apply(), ms('  <settingGroup name="g" lastModDate="20240506T090809" >\n  </settingGroup>'));
  const noName = bump(ms('  <settingGroup|/>'));
  assert.deepEqual(noName.actions.map(a => a.title), ['Add lastModDate to this settingGroup']);
  assert.equal(noName.apply(), ms('  <settingGroup lastModDate="20240506T090809"/>'));
});

test('the new value is always later than the old one (a value in the future, or bumped twice in a second)', () => {
  const future = bump(ms(G(' lastModDate="20300101T000000"').replace('name=', '|name=')));
  assert.equal(future.actions[0].value, '20300101T000001');
  const same = bump(ms(G(' lastModDate="20240506T090809"').replace('name=', '|name=')));
  assert.equal(same.actions[0].value, '20240506T090810');
});

test('an unreadable value is replaced; an attribute without value, typographic quotes, CRLF and BOM', () => {
  const bad = bump(ms(G(' lastModDate="2024-03-12 09:15"').replace('name=', '|name=')));
  assert.equal(bad.apply(), ms(G(' lastModDate="20240506T090809"')));
  const bare = bump(ms('  <settingGroup name="g" lastModDate|>\n  </settingGroup>'));
  assert.equal(bare.apply(), ms('  <settingGroup name="g" lastModDate="20240506T090809">\n  </settingGroup>'));
  const curly = bump(ms('  <settingGroup name=”g” lastModDate=”20240312T091500”>|\n  </settingGroup>'));
  assert.equal(curly.apply(), ms('  <settingGroup name=”g” lastModDate=”20240506T090809”>\n  </settingGroup>'));
  const crlf = bump('\ufeff<ManagedSettings>\r\n  <settingGroup name="g" lastModDate="20240312T091500">\r\n  |</settingGroup>\r\n</ManagedSettings>\r\n');
  assert.equal(crlf.apply(), '\ufeff<ManagedSettings>\r\n  <settingGroup name="g" lastModDate="20240506T090809">\r\n  </settingGroup>\r\n</ManagedSettings>\r\n');
});

test('on the root start tag: every group at once; outside any group: nothing', () => {
  const text = ms(G(' lastModDate="20240312T091500"') + '\n' + G('').replace('chatwindow', 'chat.logging'));
  const { actions, apply } = bump(text.replace('<ManagedSettings>', '<Managed|Settings>'));
  assert.deepEqual(actions.map(a => a.title), ['Bump lastModDate of every settingGroup (2)']);
  assert.equal(apply(), ms(G(' lastModDate="20240506T090809"') + '\n' + G(' lastModDate="20240506T090809"').replace('chatwindow', 'chat.logging')));
  assert.deepEqual(bump('<managed-communities>|</managed-communities>').actions, []);
  assert.deepEqual(bump(ms('  <!-- | -->')).actions, []);
});

test('every written value reads back as the instant it was made from', () => {
  const instant = Date.UTC(2024, 11, 31, 23, 59, 59);
  for (const [form, zone, off] of [
    ['compact', '', 60],
    ['compact', 'hhmm', -300],
    ['extended', 'hh', -300],
    ['extended', 'hh:mm', 330],
    ['extended', 'Z', 0],
  ] as const) {
    const v = formatLastModDate(instant, form, zone, off);
    const r = parseLastModDate(v);
    assert.ok(r.ok, v);
    const back = Date.UTC(r.date.year, r.date.month - 1, r.date.day, r.date.hour, r.date.minute, r.date.second) - (r.date.offsetMinutes ?? off) * 60_000;
    assert.equal(back, instant, v);
  }
});
