// Valid and invalid cases for every plugin-cfg.xml rule and xml/not-well-formed (ESLint RuleTester
// style: expected findings by line, expected text after the fix), plus the corpus and the example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { lintFile } from '../../server/src/languages';
import { allRules } from '../../server/src/engine/rules';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { ruleTester } from '../support/rule-tester';
import { CORPUS_PLUGIN_CFG, cfg, cluster, repoRoot } from './helpers';

const PATH = '/ws/ihs/plugin-cfg.xml';

const S1 = (extra = '') => `  <ServerCluster Name="Apps"${extra}>
    <Server Name="s1" CloneID="c1">
      <Transport Hostname="n1" Port="9080" Protocol="http"/>
    </Server>
    <Server Name="s2" CloneID="c2">
      <Transport Hostname="n2" Port="9080" Protocol="http"/>
    </Server>
    <PrimaryServers>
      <Server Name="s1"/>
    </PrimaryServers>
    <BackupServers>
      <Server Name="s2"/>
    </BackupServers>
  </ServerCluster>`;
const GROUPS = `  <UriGroup Name="u"><Uri Name="/app/*"/></UriGroup>
  <VirtualHostGroup Name="v"><VirtualHost Name="*:443"/></VirtualHostGroup>`;

ruleTester('xml/not-well-formed', {
  valid: [
    { path: PATH, text: cfg(S1()) },
    { path: PATH, text: '\ufeff<?xml version="1.0" encoding="UTF-8"?>\r\n<Config>\r\n  <!-- c -->\r\n</Config>\r\n', name: 'BOM, declaration, CRLF' },
  ],
  invalid: [
    { path: PATH, name: 'a closing tag removed', text: cfg('  <ServerCluster Name="a">\n    <Server Name="s">\n  </ServerCluster>'), findings: ['4:error'], messages: [/<Server> \(line 3\) is still open/] },
    { path: PATH, name: 'typographic quotes', text: cfg('  <Log Name=”/tmp/x.log”/>'), findings: [2], messages: ['typographic quote ”'] },
    { path: PATH, name: 'duplicate attribute', text: cfg('  <Log Name="a" LogLevel="Error" Name="b"/>'), findings: [2], messages: ['appears twice'] },
    { path: PATH, name: 'unclosed root: one finding, not a cascade', text: '<Config>\n  <Log Name="a">\n', findings: [2] },
    { path: PATH, name: 'a "<" in text', text: cfg('  < \n  <Log Name="a"/>'), findings: [2] },
  ],
});

ruleTester('plugincfg/dangling-reference', {
  valid: [
    { path: PATH, text: cfg(S1() + '\n' + GROUPS + '\n  <Route ServerCluster="Apps" UriGroup="u" VirtualHostGroup="v"/>') },
  ],
  invalid: [
    {
      path: PATH,
      name: 'PrimaryServers names a server the cluster does not have',
      text: cfg(cluster('Apps', ['server1@n1', 'server2@n2'], ['server3'], ['server2'])),
      findings: ['10:error'],
      messages: ['PrimaryServers names "server3", but cluster "Apps" has no Server of that name'],
      output: cfg(cluster('Apps', ['server1@n1', 'server2@n2'], ['server1'], ['server2'])),
    },
    {
      path: PATH,
      name: 'a server of another cluster',
      text: cfg(cluster('A', ['a1@n1']) + '\n' + cluster('B', ['b1@n2'], ['a1'])),
      findings: [12],
      messages: ['a list can only name servers of its own cluster'],
    },
    {
      path: PATH,
      name: 'Route to a missing cluster and group (the gist defect)',
      text: cfg(S1() + '\n' + GROUPS + '\n  <Route ServerCluster="App" UriGroup="u2" VirtualHostGroup="v"/>'),
      findings: [18, 18],
      messages: ['Did you mean "Apps"?', 'no UriGroup has that name'],
      output: cfg(S1() + '\n' + GROUPS + '\n  <Route ServerCluster="Apps" UriGroup="u" VirtualHostGroup="v"/>'),
    },
    { path: PATH, name: 'Route without ServerCluster', text: cfg(S1() + '\n' + GROUPS + '\n  <Route UriGroup="u"/>'), findings: [18], messages: ['names no ServerCluster'] },
  ],
});

ruleTester('plugincfg/duplicate-name', {
  valid: [{ path: PATH, text: cfg(cluster('A', ['s1@n1']) + '\n' + cluster('B', ['s1@n1'])), name: 'the same server name in two clusters' }],
  invalid: [
    { path: PATH, text: cfg(cluster('A', ['s1@n1', 's1@n2'])), findings: ['6:error'], messages: ['already has a Server named "s1" (line 3)'] },
    { path: PATH, text: cfg(cluster('A', ['s1@n1']) + '\n' + cluster('A', ['s2@n2'])), findings: [7], messages: ['A ServerCluster named "A" already exists'] },
    { path: PATH, text: cfg(cluster('A', ['s1@n1'], ['s1', 's1'])), findings: ['8:warning'], messages: ['already listed in this PrimaryServers'] },
    { path: PATH, text: cfg('  <UriGroup Name="u"/>\n  <UriGroup Name="u"/>'), findings: [3] },
  ],
});

ruleTester('plugincfg/duplicate-clone-id', {
  valid: [
    { path: PATH, text: cfg(cluster('A', ['s1@n1#c1', 's2@n2#c2'])) },
    { path: PATH, name: 'the same JVM in two clusters', text: cfg(cluster('A', ['s1@n1#c1']) + '\n' + cluster('B', ['s1@n1#c1'])) },
  ],
  invalid: [
    { path: PATH, text: cfg(cluster('A', ['s1@n1#c1', 's2@n2#c1'])), findings: ['6:error'], messages: ['affinity breaks'] },
    { path: PATH, name: 'across clusters: a warning', text: cfg(cluster('A', ['s1@n1#c1']) + '\n' + cluster('B', ['s9@n2#c1'])), findings: ['8:warning'] },
  ],
});

ruleTester('plugincfg/invalid-value', {
  valid: [
    { path: PATH, text: cfg(S1(' LoadBalance="Random" RetryInterval="60" PostSizeLimit="-1"') + '\n  <Log Name="/x" LogLevel="ERROR"/>'), name: 'corpus spellings (LogLevel="ERROR")' },
    { path: PATH, text: cfg('  <ServerCluster Name="a"><Server Name="s" ServerIOTimeout="-60"><Transport Hostname="h" Port="65535" Protocol="HTTPS"/></Server></ServerCluster>'), name: 'negative ServerIOTimeout, case of Protocol' },
  ],
  invalid: [
    { path: PATH, name: 'Round-Robin', text: cfg(S1(' LoadBalance="Round-Robin"')), findings: ['2:error'], messages: ['Did you mean "Round Robin"?'], output: cfg(S1(' LoadBalance="Round Robin"')) },
    {
      path: PATH,
      name: 'protocol, port and timeout',
      text: cfg('  <ServerCluster Name="a">\n    <Server Name="s" ConnectTimeout="5s">\n      <Transport Hostname="h" Port="70000" Protocol="ftp"/>\n    </Server>\n  </ServerCluster>'),
      findings: [3, 4, 4],
      messages: ['ConnectTimeout takes a whole number of seconds', 'ports run from 1 to 65535', 'Protocol takes "http" or "https"'],
    },
    { path: PATH, name: 'unknown LogLevel: a warning', text: cfg('  <Log Name="/x" LogLevel="Verbose"/>'), findings: ['2:warning'] },
    { path: PATH, name: 'boolean', text: cfg(S1(' RemoveSpecialHeaders="yes"')), findings: [2], messages: ['takes true or false'] },
    { path: PATH, name: 'Transport without Port', text: cfg('  <ServerCluster Name="a"><Server Name="s"><Transport Hostname="h" Protocol="http"/></Server></ServerCluster>'), findings: [2], messages: ['<Transport> has no Port'] },
  ],
});

ruleTester('plugincfg/attribute-case', {
  valid: [{ path: PATH, text: cfg(S1()) }],
  invalid: [
    {
      path: PATH,
      name: 'CloneId and Loadbalance',
      text: cfg('  <ServerCluster Name="a" Loadbalance="Random">\n    <Server Name="s" CloneId="x"/>\n  </ServerCluster>'),
      findings: ['2:warning', '3:warning'],
      messages: ['Loadbalance should be written LoadBalance', 'CloneId should be written CloneID'],
      output: cfg('  <ServerCluster Name="a" LoadBalance="Random">\n    <Server Name="s" CloneID="x"/>\n  </ServerCluster>'),
    },
    {
      path: PATH,
      name: 'an element name: both tags renamed',
      text: cfg('  <serverCluster Name="a">\n  </serverCluster>'),
      findings: [2],
      output: cfg('  <ServerCluster Name="a">\n  </ServerCluster>'),
    },
    {
      path: PATH,
      name: 'both spellings present: no fix',
      text: cfg('  <ServerCluster Name="a"><Server Name="s" CloneID="x" CloneId="y"/></ServerCluster>'),
      findings: [2],
      messages: ['remove one of the two'],
      output: cfg('  <ServerCluster Name="a"><Server Name="s" CloneID="x" CloneId="y"/></ServerCluster>'),
    },
  ],
});

const https = (props: string) =>
  cfg(`  <ServerCluster Name="a">\n    <Server Name="s">\n      <Transport Hostname="h" Port="9443" Protocol="https">${props}</Transport>\n    </Server>\n  </ServerCluster>`);

ruleTester('plugincfg/https-transport', {
  valid: [
    { path: PATH, text: https('<Property Name="keyring" Value="/k.kdb"/><Property Name="stashfile" Value="/k.sth"/>') },
    { path: PATH, text: https('<Property Name="Keyring" Value="/k.kdb"/><Property Name="Stashfile" Value="/k.sth"/>'), name: 'Liberty spelling' },
  ],
  invalid: [
    { path: PATH, text: https(''), findings: ['4:error'], messages: ['<Property Name="keyring" Value="..."/> and <Property Name="stashfile" Value="..."/>'] },
    { path: PATH, text: https('<Property Name="keyring" Value="/k.kdb"/>'), findings: [4], messages: [/lacks <Property Name="stashfile"/] },
  ],
});

ruleTester('plugincfg/remove-special-headers', {
  valid: [{ path: PATH, text: cfg(S1(' RemoveSpecialHeaders="true"')) }],
  invalid: [{ path: PATH, text: cfg(S1(' RemoveSpecialHeaders="false"')), findings: ['2:warning'], messages: ['security exposure'], output: cfg(S1(' RemoveSpecialHeaders="true"')) }],
});

ruleTester('plugincfg/empty-cluster', {
  valid: [{ path: PATH, text: cfg(S1()) }],
  invalid: [
    { path: PATH, text: cfg('  <ServerCluster Name="x">\n  </ServerCluster>\n  <Route ServerCluster="x"/>'), findings: ['2:warning'], messages: ['1 Route points at it'] },
    { path: PATH, text: cfg('  <ServerCluster Name="x"/>'), findings: [2] },
  ],
});

ruleTester('plugincfg/no-primary', {
  valid: [
    { path: PATH, text: cfg(cluster('A', ['s1@n1', 's2@n2'])), name: 'no lists: every server is a primary' },
    { path: PATH, text: cfg(S1()) },
  ],
  invalid: [
    { path: PATH, name: 'empty PrimaryServers', text: cfg(cluster('A', ['s1@n1', 's2@n2'], [], ['s2'])), findings: ['9:warning'], messages: ['PrimaryServers of cluster "A" is empty'] },
    { path: PATH, name: 'self-closing PrimaryServers', text: cfg('  <ServerCluster Name="A"><Server Name="s1"/><PrimaryServers/></ServerCluster>'), findings: [2] },
    { path: PATH, name: 'every primary is also a backup', text: cfg(cluster('A', ['s1@n1', 's2@n2'], ['s1'], ['s1', 's2'])), findings: [9], messages: ['(s1) is also a backup'] },
  ],
});

test('every plugin-cfg rule has a docs page with the four sections', () => {
  const codes = [
    'xml/not-well-formed',
    'plugincfg/dangling-reference',
    'plugincfg/duplicate-name',
    'plugincfg/duplicate-clone-id',
    'plugincfg/invalid-value',
    'plugincfg/attribute-case',
    'plugincfg/https-transport',
    'plugincfg/remove-special-headers',
    'plugincfg/empty-cluster',
    'plugincfg/no-primary',
  ];
  const defined = allRules().map(r => r.code);
  assert.deepEqual(defined.filter(c => c.startsWith('plugincfg/')).sort(), codes.filter(c => c.startsWith('plugincfg/')).sort());
  for (const code of codes) {
    assert.ok(defined.includes(code), `${code} is not defined`);
    const page = path.join(repoRoot(), 'docs/rules', `${code}.md`);
    assert.ok(existsSync(page), `missing ${page}`);
    const text = readFileSync(page, 'utf8');
    for (const h of ['## What it reports', '## Why it matters', '## Example', '## Fix']) assert.ok(text.includes(h), `${code}: ${h}`);
  }
});

test('the corpus plugin-cfg.xml files have no error-severity finding', t => {
  if (!existsSync(CORPUS_PLUGIN_CFG)) return t.skip(`corpus not found at ${CORPUS_PLUGIN_CFG}`);
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.xml')) files.push(p);
    }
  };
  walk(CORPUS_PLUGIN_CFG);
  assert.ok(files.length >= 3);
  const project = new Project(nodeFileSystem);
  for (const f of files) {
    const r = lintFile(project, f);
    assert.equal(r?.language, 'plugincfg');
    assert.deepEqual(r!.findings.filter(x => x.severity === 'error').map(x => `${x.code}: ${x.message}`), [], f);
  }
});

test('the bundled example has only its intentional finding', () => {
  const project = new Project(nodeFileSystem);
  const r = lintFile(project, path.join(repoRoot(), 'examples/ihs/plugin-cfg.xml'));
  assert.ok(r);
  assert.deepEqual(
    r.findings.map(f => `${r.file.index.positionAt(f.start).line + 1}:${f.code}`),
    ['71:plugincfg/attribute-case'],
  );
});
