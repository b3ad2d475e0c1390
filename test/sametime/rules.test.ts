// Valid and invalid cases for every Sametime rule (ESLint RuleTester style: expected findings by line,
// expected text after the fix), the interplay with xml/not-well-formed, the docs pages, the corpus of
// HCL's snippets and the bundled examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lintFile } from '../../server/src/languages';
import { allRules } from '../../server/src/engine/rules';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { ruleTester } from '../support/rule-tester';
import { COMMUNITIES, CORPUS_SAMETIME, corpusSnippets, lint, mc, ms, repoRoot, SETTINGS } from './helpers';

const S = SETTINGS;
const C = COMMUNITIES;
const group = (settings: string, attrs = '') => `  <settingGroup name="com.ibm.collaboration.realtime.chat.logging"${attrs}>\n${settings}\n  </settingGroup>`;

ruleTester('sametime/typographic-quotes', {
  valid: [
    { path: S, name: 'curly quotes inside straight-quoted values', text: ms(group('    <setting name="save.file.location" value="it’s “here”" isLocked="false"/>')) },
    { path: S, name: 'in comments and text', text: ms('  <!-- “quoted” -->\n' + group('    <setting name="a" value="b"/>')) },
    { path: C, text: mc('  <managed-community id="a" host="a"/>\n  <managed-community-action type="update" managed-community-id="a"/>') },
  ],
  invalid: [
    {
      path: S,
      name: 'pasted from the blog: declaration, group, setting (” and ″)',
      text: '<?xml version=”1.0″ encoding=”UTF-8″?>\n<ManagedSettings>\n  <settingGroup name=”com.ibm.collaboration.realtime.community”>\n    <setting name=”loginByToken” value=”true″ isLocked=”false”/>\n  </settingGroup>\n</ManagedSettings>\n',
      findings: ['1:error', '3:error', '4:error'],
      messages: ['of the XML declaration (version, encoding)', '<settingGroup> (name)', '<setting> (name, value, isLocked)'],
      output: '<?xml version="1.0" encoding="UTF-8"?>\n<ManagedSettings>\n  <settingGroup name="com.ibm.collaboration.realtime.community">\n    <setting name="loginByToken" value="true" isLocked="false"/>\n  </settingGroup>\n</ManagedSettings>\n',
    },
    {
      path: S,
      name: 'straight opening, double prime closing',
      text: ms(group('    <setting name="days.storage.max" value="7″ isLocked="true"/>')),
      findings: [3],
      messages: ['(value)'],
      output: ms(group('    <setting name="days.storage.max" value="7" isLocked="true"/>')),
    },
    {
      path: S,
      name: 'single curly quotes, and an apostrophe inside a curly-quoted value',
      text: ms(group('    <setting name=‘root.location’ value=”C:/It’s mine”/>')),
      findings: [3],
      output: ms(group('    <setting name="root.location" value="C:/It’s mine"/>')),
    },
    {
      path: S,
      name: 'a value holding a straight double quote is re-quoted with apostrophes',
      text: ms(group('    <setting name=”a” value=”say "hi"”/>')),
      findings: [3],
      output: ms(group('    <setting name="a" value=\'say "hi"\'/>')),
    },
    {
      path: S,
      name: 'both kinds of straight quote inside: reported, not fixed',
      text: ms(group('    <setting name="a" value=”it\'s "x"”/>')),
      findings: [3],
      output: ms(group('    <setting name="a" value=”it\'s "x"”/>')),
    },
    {
      path: C,
      name: 'the community snippet of the blog',
      text: mc('  <managed-community id=”st.example.com” host=”st.example.com” port=”80″/>\n  <managed-community-action type=”update” managed-community-id=”st.example.com”/>'),
      findings: [2, 3],
      output: mc('  <managed-community id="st.example.com" host="st.example.com" port="80"/>\n  <managed-community-action type="update" managed-community-id="st.example.com"/>'),
    },
  ],
});

test('issue 14: words of a typographic-quoted value are not reported as attributes, one finding only', () => {
  const text = ms(group('    <setting name="status.message" value=“I’m in a meeting” isLocked="false"/>'));
  assert.deepEqual(lint(text).findings.map(f => `${f.line}:${f.code}`), ['3:sametime/typographic-quotes']);
  // A real unknown attribute after the value is still reported.
  const also = ms(group('    <setting name="status.message" value=“I’m in a meeting” colour="red"/>'));
  assert.deepEqual(lint(also).findings.map(f => `${f.line}:${f.code}`), ['3:sametime/typographic-quotes', '3:sametime/unknown-attribute']);
});

test('typographic quotes are reported once: no xml/not-well-formed for them, but other XML errors stay', () => {
  const pasted = ms(group('    <setting name=”logging.enabled” value=”true”/>'));
  assert.deepEqual(
    lint(pasted).findings.map(f => `${f.line}:${f.code}`),
    ['3:sametime/typographic-quotes'],
  );
  // An unrelated XML error elsewhere is still reported.
  const both = ms(group('    <setting name=”logging.enabled” value=”true”/>') + '\n  <settingGroup name="x" a="1" a="2"/>');
  assert.deepEqual(
    lint(both).findings.map(f => `${f.line}:${f.code}`),
    ['3:sametime/typographic-quotes', '5:sametime/unknown-attribute', '5:sametime/unknown-attribute', '5:xml/not-well-formed'],
  );
});

ruleTester('sametime/hash-comment', {
  valid: [
    { path: S, text: ms('  <!-- # not a hash line -->\n' + group('    <setting name="root.location" value="#1"/>')) },
    { path: S, name: 'a # that does not start the line', text: ms(group('    <setting name="a" value="b"/> # trailing')) },
  ],
  invalid: [
    {
      path: S,
      name: 'before the root, with -- in the text',
      text: '# header -- changed in March\n' + ms(group('    <setting name="a" value="b"/>')),
      findings: ['1:error'],
      messages: ['outside the root element'],
      output: '<!-- header - - changed in March -->\n' + ms(group('    <setting name="a" value="b"/>')),
    },
    {
      path: S,
      name: 'inside an element: harmless text, a warning',
      text: ms('  # chat history\n' + group('    <setting name="a" value="b"/>')),
      findings: ['2:warning'],
      output: ms('  <!-- chat history -->\n' + group('    <setting name="a" value="b"/>')),
    },
    {
      path: S,
      name: 'a "commented-out" setting is still applied',
      text: ms(group('    # <setting name="logging.enabled" value="true"/>')),
      findings: ['3:error'],
      messages: ['still read by the client'],
      output: ms(group('    <!-- <setting name="logging.enabled" value="true"/> -->')),
    },
    {
      path: S,
      name: 'markup continuing on the next line: not converted',
      text: ms(group('    # <setting name="logging.enabled"\n      value="true"/>')),
      findings: ['3:error'],
      output: ms(group('    # <setting name="logging.enabled"\n      value="true"/>')),
    },
    {
      path: S,
      name: 'a bare & breaks the XML: an error; in the comment it is fine',
      text: ms('  #Q&A -\n' + group('    <setting name="a" value="b"/>')),
      findings: ['2:error'],
      output: ms('  <!-- Q&A - -->\n' + group('    <setting name="a" value="b"/>')),
    },
    {
      path: S,
      name: 'CRLF and trailing blanks kept',
      text: '<ManagedSettings>\r\n# a \t\r\n</ManagedSettings>\r\n',
      findings: ['2:warning'],
      output: '<ManagedSettings>\r\n<!-- a --> \t\r\n</ManagedSettings>\r\n',
    },
  ],
});

test('a # line before the root is reported by hash-comment, not as text outside the root', () => {
  assert.deepEqual(
    lint('# x\n<ManagedSettings/>\n').findings.map(f => `${f.line}:${f.code}`),
    ['1:sametime/hash-comment'],
  );
});

ruleTester('sametime/required-attribute', {
  valid: [
    { path: S, text: ms(group('    <setting name="a" value=""/>')) },
    { path: C, text: mc('  <managed-community id="a" host="a"/>\n  <managed-community-action type="add" managed-community-id="a"/>') },
  ],
  invalid: [
    {
      path: S,
      name: 'HCL\'s template: empty group name; a setting without name',
      text: ms('  <settingGroup name="">\n    <setting value="1"/>\n  </settingGroup>'),
      findings: ['2:error', '3:error'],
      messages: ['name of <settingGroup> is empty', '<setting> has no name'],
    },
    {
      path: C,
      name: 'community without id: copy the host',
      text: mc('  <managed-community host="st.example.com" port="80"/>\n  <managed-community-action type="update" managed-community-id="st.example.com"/>'),
      findings: [2],
      messages: ['<managed-community> has no id: no action can name this community'],
      output: mc('  <managed-community host="st.example.com" port="80" id="st.example.com"/>\n  <managed-community-action type="update" managed-community-id="st.example.com"/>'),
    },
    {
      path: C,
      name: 'empty host: copy the id',
      text: mc('  <managed-community id="st.example.com" host=""/>\n  <managed-community-action type="update" managed-community-id="st.example.com"/>'),
      findings: [2],
      output: mc('  <managed-community id="st.example.com" host="st.example.com"/>\n  <managed-community-action type="update" managed-community-id="st.example.com"/>'),
    },
    {
      path: C,
      name: 'an action without type or community; the blog\'s empty id and host',
      text: mc('  <managed-community id="" host="" port="80"/>\n  <managed-community-action/>'),
      findings: [2, 2, 3, 3],
      messages: ['id of <managed-community> is empty', 'host of <managed-community> is empty', 'no type', 'no managed-community-id'],
    },
  ],
});

ruleTester('sametime/invalid-value', {
  valid: [
    {
      path: S,
      name: 'both documented lastModDate forms, with and without zones; booleans in any case',
      text: ms(
        [
          group('    <setting name="a" value="b" isLocked="TRUE" overwriteUnlocked="false" restartRequired="False"/>', ' lastModDate="20210211T173921"'),
          group('    <setting name="port" value="80"/>', ' lastModDate="2021-02-11T17:39:21-05"'),
          group('', ' lastModDate="20210211T173921-0500"'),
          group('', ' lastModDate="2024-02-29T00:00:00Z"'),
          group('', ' lastModDate="2021-02-11T17:39:21+05:30"'),
        ].join('\n'),
      ),
    },
    {
      path: C,
      text: mc(
        '  <managed-community id="a" host="a" port="1533" proxyPort="65535" loginByToken="true" connectionType="reverse-proxy" keepAliveInterval="60"/>\n' +
          '  <managed-community-action type="reset" managed-community-id="a" createNewConfig="false"/>',
      ),
    },
  ],
  invalid: [
    {
      path: S,
      name: 'booleans: yes, blanks, nonsense',
      text: ms(group('    <setting name="a" value="b" isLocked="yes" overwriteUnlocked=" true" restartRequired="sometimes"/>')),
      findings: ['3:error', '3:error', '3:error'],
      messages: ['isLocked of <setting> takes true or false, not "yes": what the client makes of other values is not documented (Java, which it is written in, reads them as false). Did you mean "true"?', 'with the blanks it is not the word true or false', 'not "sometimes"'],
      output: ms(group('    <setting name="a" value="b" isLocked="true" overwriteUnlocked="true" restartRequired="sometimes"/>')),
    },
    {
      path: S,
      name: 'issue 14: a misspelt boolean gets a did-you-mean and an (unsafe) fix',
      text: ms(group('    <setting name="a" value="b" isLocked="ture" restartRequired="flase"/>')),
      findings: [3, 3],
      messages: [/not "ture".*Did you mean "true"\?/, /not "flase".*Did you mean "false"\?/],
      output: ms(group('    <setting name="a" value="b" isLocked="true" restartRequired="false"/>')),
    },
    {
      path: S,
      name: 'lastModDate: a third form, a month 13, 31 April (warnings)',
      text: ms([group('', ' lastModDate="2024-03-12 09:15"'), group('', ' lastModDate="20241301T000000"'), group('', ' lastModDate="2024-04-31T10:00:00"')].join('\n')),
      findings: ['2:warning', '5:warning', '8:warning'],
      messages: ['in neither documented form', 'there is no month 13', '2024-04 has no day 31'],
    },
    {
      path: S,
      name: 'the value of a port setting',
      text: ms(group('    <setting name="port" value="0"/>')),
      findings: [3],
      messages: ['The port setting "0" is not a port: ports run from 1 to 65535.'],
    },
    {
      path: C,
      name: 'action types: case (safe fix), a typo, nonsense',
      text: mc(
        '  <managed-community id="a" host="a" port="70000"/>\n' +
          '  <managed-community-action type="Update" managed-community-id="a"/>\n' +
          '  <managed-community-action type="updte" managed-community-id="a"/>\n' +
          '  <managed-community-action type="move" managed-community-id="a"/>',
      ),
      findings: ['2:error', '3:warning', '4:error', '5:error'],
      messages: ['port of <managed-community> "70000" is not a port', 'HCL writes the action types in lower case', 'Did you mean "update"?', 'is not one of add, update, delete, reset'],
      output: mc(
        '  <managed-community id="a" host="a" port="70000"/>\n' +
          '  <managed-community-action type="update" managed-community-id="a"/>\n' +
          '  <managed-community-action type="update" managed-community-id="a"/>\n' +
          '  <managed-community-action type="move" managed-community-id="a"/>',
      ),
    },
    {
      path: C,
      name: 'connection type and keep-alive interval (warnings)',
      text: mc('  <managed-community id="a" host="a" connectionType="http_proxy" keepAliveInterval="60s"/>'),
      findings: ['2:warning', '2:warning'],
      messages: ['Did you mean "http-proxy"?', 'takes a whole number'],
      output: mc('  <managed-community id="a" host="a" connectionType="http-proxy" keepAliveInterval="60s"/>'),
    },
  ],
});

ruleTester('sametime/unknown-attribute', {
  valid: [
    { path: C, name: 'both spellings of the global connection switch', text: mc('  <managed-community id="a" host="a" useGlobalConnSettings="false" useGlobalConnContext="true"/>') },
    { path: S, name: 'namespace declarations', text: '<ManagedSettings xmlns:x="urn:x">\n</ManagedSettings>\n' },
    { path: S, name: 'unknown elements are not checked', text: ms('  <notes><x y="z"/></notes>') },
  ],
  invalid: [
    {
      path: S,
      name: 'case and a misspelling',
      text: ms(group('    <setting name="useTabs" value="true" islocked="false" overwriteUnlock="true"/>', ' lastmoddate="20240312T091500"')),
      findings: ['2:warning', '3:warning', '3:warning'],
      messages: ['lastmoddate should be written lastModDate', 'islocked should be written isLocked', 'Did you mean overwriteUnlocked?'],
      output: ms(group('    <setting name="useTabs" value="true" isLocked="false" overwriteUnlocked="true"/>', ' lastModDate="20240312T091500"')),
    },
    {
      path: S,
      name: 'both spellings present: no fix',
      text: ms(group('    <setting name="a" value="b" isLocked="true" islocked="false"/>')),
      findings: [3],
      messages: ['remove one of the two'],
      output: ms(group('    <setting name="a" value="b" isLocked="true" islocked="false"/>')),
    },
    { path: S, name: 'nothing close', text: ms(group('    <setting name="a" value="b" colour="red"/>')), findings: [3], messages: ['<setting> reads name, value, isLocked, overwriteUnlocked, restartRequired'] },
  ],
});

ruleTester('sametime/dangling-reference', {
  valid: [
    {
      path: C,
      text: mc('  <managed-community id="a.example.com" host="a.example.com"/>\n  <managed-community-action type="update" managed-community-id="a.example.com"/>'),
    },
  ],
  invalid: [
    {
      path: C,
      name: 'a typo in the id',
      text: mc('  <managed-community id="sametime.example.com" host="sametime.example.com"/>\n  <managed-community-action type="update" managed-community-id="sametime.exmaple.com"/>'),
      findings: ['3:error'],
      messages: ['No <managed-community> in this file has id "sametime.exmaple.com", so this "update" action does nothing. Did you mean "sametime.example.com"?'],
      output: mc('  <managed-community id="sametime.example.com" host="sametime.example.com"/>\n  <managed-community-action type="update" managed-community-id="sametime.example.com"/>'),
    },
    {
      path: C,
      name: 'naming the host of a community whose id differs',
      text: mc('  <managed-community id="sales" host="sales.example.com"/>\n  <managed-community-action type="add" managed-community-id="sales.example.com"/>'),
      findings: [3],
      messages: ['The community with host "sales.example.com" has id "sales".'],
      output: mc('  <managed-community id="sales" host="sales.example.com"/>\n  <managed-community-action type="add" managed-community-id="sales"/>'),
    },
    { path: C, name: 'no community at all', text: mc('  <managed-community-action type="delete" managed-community-id="x"/>'), findings: [2], messages: ['The file defines no community at all.'] },
  ],
});

ruleTester('sametime/misplaced-community', {
  valid: [
    { path: C, text: mc('  <managed-community id="a" host="a" port="80"/>\n  <managed-community-action type="update" managed-community-id="a"/>') },
    { path: S, name: 'log-in preferences of the community group are fine', text: ms('  <settingGroup name="com.ibm.collaboration.realtime.community">\n    <setting name="loginByToken" value="true"/>\n  </settingGroup>') },
  ],
  invalid: [
    {
      path: S,
      name: 'a community in managed-settings.xml',
      text: ms('  <managed-community id="a" host="a" port="80"/>\n  <managed-community-action type="update" managed-community-id="a"/>'),
      findings: ['2:error', '3:error'],
      messages: ['<managed-community> belongs in managed-community-configs.xml'],
    },
    {
      path: S,
      name: 'a whole community file saved as managed-settings.xml: one finding',
      text: mc('  <managed-community id="a" host="a"/>\n  <managed-community-action type="update" managed-community-id="a"/>'),
      findings: ['1:error'],
    },
    {
      path: S,
      name: 'connection settings pushed as preferences (the HTTP tunnelling blog post)',
      text: ms('  <settingGroup name="com.ibm.collaboration.realtime.community">\n    <setting name="host" value="st.example.com"/>\n    <setting name="port" value="80"/>\n    <setting name="loginAtStartup" value="true"/>\n  </settingGroup>'),
      findings: ['3:warning', '4:warning'],
      messages: ['(host)', '(port)'],
    },
  ],
});

test('every Sametime rule is defined once, with a docs page holding every section', () => {
  const codes = [
    'sametime/dangling-reference',
    'sametime/hash-comment',
    'sametime/invalid-value',
    'sametime/misplaced-community',
    'sametime/required-attribute',
    'sametime/typographic-quotes',
    'sametime/unknown-attribute',
  ];
  assert.deepEqual(allRules().filter(r => r.code.startsWith('sametime/')).map(r => r.code), codes);
  for (const code of codes) {
    const page = path.join(repoRoot(), 'docs/rules', `${code}.md`);
    assert.ok(existsSync(page), `missing ${page}`);
    const text = readFileSync(page, 'utf8');
    assert.ok(text.startsWith(`# ${code}\n`), code);
    for (const h of ['## What it reports', '## Why it matters', '## Example', '## Use instead', '## Fix']) assert.ok(text.includes(h), `${code}: ${h}`);
    const meta = allRules().find(r => r.code === code)!;
    assert.ok(text.includes(`Default severity: **${meta.defaultSeverity}**`), `${code}: severity line`);
  }
});

test('HCL\'s published snippets: only what is really wrong with them', t => {
  if (!existsSync(CORPUS_SAMETIME)) return t.skip(`corpus not found at ${CORPUS_SAMETIME}`);
  const got = Object.fromEntries(corpusSnippets().map(s => [s.name, lint(s.text, s.path).findings.map(f => `${f.line}:${f.code}`)]));
  assert.deepEqual(got, {
    'config_client_widg_pref.md.block0.managed-settings.xml': [],
    // The template with a blank to fill in.
    'config_client_xml_file.md.block1.managed-settings.xml': ['5:sametime/required-attribute'],
    // Typographic quotes in HCL's own example (one finding per start tag).
    'config_client_xml_file.md.block4.managed-settings.xml': ['7:sametime/typographic-quotes', '9:sametime/typographic-quotes', '15:sametime/typographic-quotes'],
    'config_client_xml_file.md.block7.managed-settings.xml': ['7:sametime/typographic-quotes', '9:sametime/typographic-quotes'],
    'managed_community.md.block0.managed-community-configs.xml': [],
    'managed_community.md.block1.managed-community-configs.xml': [],
    'managed_community.md.block2.managed-community-configs.xml': [],
    'managed_community.md.block3.managed-community-configs.xml': [],
    'managed_community.md.block4.managed-community-configs.xml': [],
    'managed_community.md.block5.managed-community-configs.xml': [],
  });
});

test('the bundled examples: well-formed, one deliberate warning', () => {
  const project = new Project(nodeFileSystem);
  const findings = (f: string) => {
    const r = lintFile(project, path.join(repoRoot(), 'examples/sametime', f));
    assert.ok(r);
    assert.equal(r.language, 'sametime');
    return r.findings.map(x => `${r.file.index.positionAt(x.start).line + 1}:${x.severity}:${x.code}`);
  };
  assert.deepEqual(findings('managed-settings.xml'), ['19:warning:sametime/invalid-value']);
  assert.deepEqual(findings('managed-community-configs.xml'), []);
});
