// The typographic-quotes and hash-comment fixes, checked by the parser users check with: xmllint
// (libxml2) must find every corpus snippet and every bad fixture of ours well-formed once the fixes are
// applied, and the quote fix must change nothing but quote characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { TYPOGRAPHIC_QUOTES } from '../../server/src/xml/parser';
import { COMMUNITIES, CORPUS_SAMETIME, corpusSnippets, lint, SETTINGS, xmllint } from './helpers';

const FIXED_BY = ['sametime/typographic-quotes', 'sametime/hash-comment'];

/** Applies the first fix of every typographic-quotes / hash-comment finding. */
function fix(text: string, path: string): { fixed: string; count: number } {
  const { findings } = lint(text, path);
  const mine = findings.filter(f => FIXED_BY.includes(f.code));
  for (const f of mine) assert.ok(f.fixes?.length, `${f.code} at line ${f.line} has no fix: ${f.message}`);
  return { fixed: applyOffsetEdits(text, mine.flatMap(f => f.fixes![0].edits)), count: mine.length };
}

/** Every changed character is a typographic quote turned into a straight one. */
function onlyQuotesChanged(before: string, after: string): void {
  assert.equal(after.length, before.length, 'the quote fix changes the length');
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    assert.ok(TYPOGRAPHIC_QUOTES.includes(before[i]) && (after[i] === '"' || after[i] === "'"), `offset ${i}: ${before[i]} -> ${after[i]}`);
  }
}

test('xmllint is installed and agrees that the broken fixtures are broken', () => {
  assert.equal(xmllint('<a b="1"/>').ok, true);
  assert.equal(xmllint('<a b=”1”/>').ok, false);
});

test('every corpus snippet is well-formed for xmllint after the fixes; only quotes changed', t => {
  if (!existsSync(CORPUS_SAMETIME)) return t.skip(`corpus not found at ${CORPUS_SAMETIME}`);
  const snippets = corpusSnippets();
  assert.equal(snippets.length, 10);
  let withQuotes = 0;
  for (const s of snippets) {
    const { fixed, count } = fix(s.text, s.path);
    if (count) withQuotes++;
    const r = xmllint(fixed);
    assert.ok(r.ok, `${s.name}:\n${r.output}`);
    onlyQuotesChanged(s.text, fixed);
    // And Upkeep agrees: nothing left of these rules or of xml/not-well-formed.
    const after = lint(fixed, s.path).findings.map(f => f.code);
    assert.deepEqual(after.filter(c => FIXED_BY.includes(c) || c === 'xml/not-well-formed'), [], s.name);
  }
  assert.equal(withQuotes, 2, 'two of HCL\'s snippets hold typographic quotes');
});

/** Our own broken files: what people paste from blogs and from the help centre. */
const QUOTE_FIXTURES: { name: string; path: string; text: string }[] = [
  {
    name: 'the blog post, with the elements its rendering lost',
    path: SETTINGS,
    text:
      '<?xml version=”1.0″ encoding=”UTF-8″?>\n<ManagedSettings>\n<settingGroup name=”com.ibm.collaboration.realtime.community”>\n' +
      '<setting name=”loginByToken” value=”true” isLocked=”false” overwriteUnlocked=”true”/>\n' +
      '<setting name=”loginAtStartup” value=”true” isLocked=”false” overwriteUnlocked=”true”/>\n' +
      '<setting name=”useCanonicalNamesOverride” value=”1″ isLocked=”false” overwriteUnlocked=”true”/>\n' +
      '<setting name=”name” value=”” isLocked=”false” overwriteUnlocked=”true”/>\n' +
      '<setting name=”port” value=”80″ isLocked=”false” overwriteUnlocked=”true”/>\n</settingGroup>\n</ManagedSettings>\n',
  },
  {
    name: 'the blog\'s community snippet',
    path: COMMUNITIES,
    text: '<?xml version=”1.0″ encoding=”utf-8″?>\n<managed-communities>\n<managed-community id=”st.example.com” host=”st.example.com” port=”80″/>\n<managed-community-action type=”update” managed-community-id=”st.example.com”/>\n</managed-communities>\n',
  },
  {
    name: 'mixed: straight open with curly close, curly open with straight close, single quotes, apostrophes',
    path: SETTINGS,
    text: '<ManagedSettings>\r\n  <settingGroup name="g" lastModDate=”20240312T091500">\r\n    <setting name=‘root.location’ value="C:/It’s mine″ isLocked=’true’/>\r\n    <setting name=”a” value=”say "hi"”/>\r\n  </settingGroup>\r\n</ManagedSettings>\r\n',
  },
  {
    name: 'BOM, tabs, a typographic quote right before />',
    path: SETTINGS,
    text: '\ufeff<?xml version="1.0"?>\n<ManagedSettings>\n\t<settingGroup\tname=„g“>\n\t\t<setting name=«x» value=”y”/>\n\t</settingGroup>\n</ManagedSettings>\n',
  },
];

test('our bad fixtures with typographic quotes: well-formed for xmllint after the fix, only quotes changed', () => {
  for (const f of QUOTE_FIXTURES) {
    assert.equal(xmllint(f.text).ok, false, `${f.name} should start broken`);
    const { fixed, count } = fix(f.text, f.path);
    assert.ok(count > 0, f.name);
    const r = xmllint(fixed);
    assert.ok(r.ok, `${f.name}:\n${fixed}\n${r.output}`);
    onlyQuotesChanged(f.text, fixed);
  }
});

const HASH_FIXTURES: { name: string; text: string; expected: string }[] = [
  {
    name: 'before the root and inside, with -- and a trailing -',
    text: '# Managed settings -- March window -\n<ManagedSettings>\n  # chat history --->\n  <settingGroup name="g"/>\n</ManagedSettings>\n',
    expected: '<!-- Managed settings - - March window - -->\n<ManagedSettings>\n  <!-- chat history - - -> -->\n  <settingGroup name="g"/>\n</ManagedSettings>\n',
  },
  {
    name: 'after the root; markup and entities on the line',
    text: '<ManagedSettings>\n  # <settingGroup name="old"/> & <!-- x -->\n</ManagedSettings>\n#\n',
    expected: '<ManagedSettings>\n  <!-- <settingGroup name="old"/> & <!- - x - -> -->\n</ManagedSettings>\n<!--  -->\n',
  },
  {
    name: 'typographic quotes and # lines together',
    text: '#header\n<ManagedSettings>\n  <settingGroup name=”g”>\n  # a < b\n  </settingGroup>\n</ManagedSettings>\n',
    expected: '<!-- header -->\n<ManagedSettings>\n  <settingGroup name="g">\n  <!-- a < b -->\n  </settingGroup>\n</ManagedSettings>\n',
  },
];

test('our bad fixtures with # lines: the exact comments, well-formed for xmllint', () => {
  for (const f of HASH_FIXTURES) {
    assert.equal(xmllint(f.text).ok, false, `${f.name} should start broken`);
    const { fixed } = fix(f.text, SETTINGS);
    assert.equal(fixed, f.expected, f.name);
    const r = xmllint(fixed);
    assert.ok(r.ok, `${f.name}:\n${r.output}`);
  }
});
