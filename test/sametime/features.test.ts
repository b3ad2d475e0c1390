// Completion and hover in-process, with a `|` cursor marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { complete } from '../../server/src/sametime/complete';
import { hover } from '../../server/src/sametime/hover';
import { HCL_COMMUNITY_URL, HCL_SETTINGS_URL } from '../../server/src/sametime/schema';
import { COMMUNITIES, cursor, fixedClock, input, mc, ms, SETTINGS } from './helpers';

const CLOCK = fixedClock('2024-05-06T07:08:09Z', 120);

function items(marked: string, path = SETTINGS) {
  const { text, offset } = cursor(marked);
  return { text, list: complete(input(text, path), offset, CLOCK) };
}

function labels(marked: string, path = SETTINGS): string[] {
  return items(marked, path).list.map(i => i.label);
}

/** The text after accepting the item labelled `label` (plain text, as a client without snippets). */
function accept(marked: string, label: string, path = SETTINGS): string {
  const { text, list } = items(marked, path);
  const it = list.find(i => i.label === label);
  assert.ok(it, `${label} not offered: ${list.map(i => i.label).join(', ')}`);
  return applyOffsetEdits(text, [{ start: it.replaceStart, end: it.replaceEnd, newText: it.insertText }]);
}

function hoverAt(marked: string, path = SETTINGS) {
  const { text, offset } = cursor(marked);
  const h = hover(input(text, path), offset);
  return h ? { ...h, text: text.slice(h.start, h.end) } : null;
}

const LOGGING = (inner: string) => ms(`  <settingGroup name="com.ibm.collaboration.realtime.chat.logging">\n${inner}\n  </settingGroup>`);

test('setting names: the enclosing group\'s documented keys first, then the others', () => {
  const { list } = items(LOGGING('    <setting name="|" value=""/>'));
  const preferred = list.filter(i => i.preferred).map(i => i.label);
  assert.deepEqual(preferred.slice(0, 3), ['logging.default', 'logging.enabled', 'days.storage.max']);
  assert.equal(preferred.length, 12);
  assert.ok(list.some(i => i.label === 'useTabs' && !i.preferred && i.detail === 'com.ibm.collaboration.realtime.chatwindow'));
  assert.equal(new Set(list.map(i => i.label)).size, list.length, 'no duplicates');
  assert.equal(accept(LOGGING('    <setting name="log|" value=""/>'), 'logging.enabled'), LOGGING('    <setting name="logging.enabled" value=""/>'));
  // A value of a documented key: its values.
  assert.deepEqual(labels(LOGGING('    <setting name="logging.default" value="|"/>')), ['0', '1', '2']);
  assert.deepEqual(labels(LOGGING('    <setting name="logging.enabled" value="|"/>')), ['true', 'false']);
  // Group names.
  assert.ok(labels(ms('  <settingGroup name="|">\n  </settingGroup>')).includes('com.ibm.collaboration.realtime.chatwindow'));
});

test('attribute values: booleans with the default, action types, the ids of the file, now for lastModDate', () => {
  const locked = items(LOGGING('    <setting name="a" value="b" isLocked="|"/>')).list;
  assert.deepEqual(locked.map(i => [i.label, i.detail]), [['true', 'default'], ['false', undefined]]);
  assert.deepEqual(labels(mc('  <managed-community-action type="|"/>'), COMMUNITIES), ['add', 'update', 'delete', 'reset']);
  assert.deepEqual(
    labels(mc('  <managed-community id="a.example.com" host="a.example.com"/>\n  <managed-community id="b" host="b"/>\n  <managed-community-action type="add" managed-community-id="|"/>'), COMMUNITIES),
    ['a.example.com', 'b'],
  );
  assert.deepEqual(labels(ms('  <settingGroup name="g" lastModDate="|">\n  </settingGroup>')), ['20240506T090809']);
  assert.ok(labels(mc('  <managed-community id="a" host="a" connectionType="|"/>'), COMMUNITIES).includes('reverse-proxy'));
});

test('attribute names not yet present, required first', () => {
  assert.deepEqual(labels(LOGGING('    <setting name="a" |/>')), ['value', 'isLocked', 'overwriteUnlocked', 'restartRequired']);
  assert.equal(accept(LOGGING('    <setting name="a" |/>'), 'isLocked'), LOGGING('    <setting name="a" isLocked=""/>'));
  const { list } = items(mc('  <managed-community-action |/>'), COMMUNITIES);
  assert.deepEqual(list.filter(i => i.preferred).map(i => i.label), ['type', 'managed-community-id']);
  assert.equal(list.find(i => i.label === 'restart')?.snippet, 'restart="${1|true,false|}"');
});

test('element snippets after "<" and for a bare word in content, indented from the line', () => {
  const { list } = items(ms('  <|'));
  assert.deepEqual(list.map(i => i.label), ['settingGroup']);
  assert.equal(
    list[0].snippet,
    '<settingGroup name="${1:com.ibm.collaboration.realtime.chat.logging}" lastModDate="${2:20240506T090809}">\n    <setting name="${3}" value="${4}" isLocked="${5|true,false|}"/>\n  </settingGroup>',
  );
  // The bare word: replaced by the whole element.
  assert.equal(
    accept(ms('  settingGr|'), 'settingGroup'),
    ms('  <settingGroup name="" lastModDate="20240506T090809">\n    <setting name="" value="" isLocked="true"/>\n  </settingGroup>'),
  );
  assert.deepEqual(labels(LOGGING('    <|')), ['setting']);
  assert.deepEqual(labels(mc('  managed-comm|'), COMMUNITIES), ['managed-community', 'managed-community-action']);
  assert.equal(accept(mc('  managed-community-act|'), 'managed-community-action', COMMUNITIES), mc('  <managed-community-action type="update" managed-community-id=""/>'));
  assert.deepEqual(labels(mc('  <managed-community id="a" host="a">\n    <|\n  </managed-community>'), COMMUNITIES), ['connection']);
  // Closing tag, and nothing inside comments.
  assert.deepEqual(labels(LOGGING('    </|')), ['/settingGroup']);
  assert.deepEqual(labels(ms('  <!-- <| -->')), []);
});

test('an empty file: the skeleton of the file it is named after first; with a declaration, the rest', () => {
  assert.deepEqual(labels('|'), ['managed-settings.xml skeleton', 'managed-community-configs.xml skeleton']);
  assert.deepEqual(labels('<|', COMMUNITIES), ['managed-community-configs.xml skeleton', 'managed-settings.xml skeleton']);
  const skeleton = accept('|', 'managed-settings.xml skeleton');
  assert.equal(
    skeleton,
    '<?xml version="1.0" encoding="UTF-8"?>\n<ManagedSettings>\n  <settingGroup name="" lastModDate="20240506T090809">\n    <setting name="" value="" isLocked="true"/>\n  </settingGroup>\n</ManagedSettings>\n',
  );
  assert.equal(accept('<?xml version="1.0"?>\n|', 'managed-community-configs.xml skeleton', COMMUNITIES).startsWith('<?xml version="1.0"?>\n<managed-communities>\n'), true);
});

test('hover on elements and attributes: our words, default, values, the HCL page of the file', () => {
  const el = hoverAt(ms('  <setting|Group name="g">\n  </settingGroup>'));
  assert.equal(el?.text, 'settingGroup');
  assert.match(el!.contents, /^\*\*`<settingGroup>`\*\*\n\nThe preferences of one plug-in/);
  assert.ok(el!.contents.includes(`(${HCL_SETTINGS_URL})`));
  const end = hoverAt(ms('  <settingGroup name="g">\n  </setting|Group>'));
  assert.equal(end?.text, 'settingGroup');
  const a = hoverAt(LOGGING('    <setting name="a" is|Locked="false"/>'));
  assert.equal(a?.text, 'isLocked');
  assert.match(a!.contents, /Values: `true`, `false` · Default: `true`/);
  const act = hoverAt(mc('  <managed-community-act|ion type="reset" managed-community-id="a"/>'), COMMUNITIES);
  assert.ok(act!.contents.includes(`(${HCL_COMMUNITY_URL})`));
  assert.equal(hoverAt(ms('  <!-- a | comment -->')), null);
  assert.equal(hoverAt(ms('  <unknown|Thing/>')), null);
});

test('hover on values: setting keys, groups, lastModDate read back, action types, the community named', () => {
  const key = hoverAt(LOGGING('    <setting name="logging.def|ault" value="0"/>'));
  assert.equal(key?.text, 'logging.default');
  assert.match(key!.contents, /`0` save it, `1` do not save it, `2` ask the user/);
  const unknown = hoverAt(LOGGING('    <setting name="logging.defualt|" value="0"/>'));
  assert.match(unknown!.contents, /Not among the documented preferences of `com\.ibm\.collaboration\.realtime\.chat\.logging`/);
  const group = hoverAt(ms('  <settingGroup name="com.ibm.collaboration.realtime.up|date">\n  </settingGroup>'));
  assert.match(group!.contents, /Documented settings: `restartAction`/);
  const date = hoverAt(ms('  <settingGroup name="g" lastModDate="2021-02-11T17:39|:21-05">\n  </settingGroup>'));
  assert.match(date!.contents, /Read as 2021-02-11 17:39:21 \(UTC-05:00\)\./);
  const local = hoverAt(ms('  <settingGroup name="g" lastModDate="20210211T1739|21">\n  </settingGroup>'));
  assert.match(local!.contents, /no zone: read in the client's local time/);
  const type = hoverAt(mc('  <managed-community-action type="re|set" managed-community-id="a"/>'), COMMUNITIES);
  assert.match(type!.contents, /new default community at the next restart/);
  const ref = hoverAt(mc('  <managed-community id="a" host="a.example.com" newHost="b.example.com"/>\n  <managed-community-action type="update" managed-community-id="|a"/>'), COMMUNITIES);
  assert.match(ref!.contents, /host `a\.example\.com`, moved to `b\.example\.com`/);
  const port = hoverAt(ms('  <settingGroup name="com.ibm.collaboration.realtime.community">\n    <setting name="po|rt" value="80"/>\n  </settingGroup>'));
  assert.match(port!.contents, /through managed-community-configs\.xml instead/);
});
