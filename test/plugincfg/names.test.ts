// plugin-cfg.xml names: definition, references, highlights and rename of Server, ServerCluster, UriGroup
// and VirtualHostGroup names, on a fixture with two clusters that both have a server called "member1"
// (server names are scoped to their cluster), CRLF line ends, single quotes and an entity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { invalidName, nameDefinitions, nameReferences, occurrencesAt, prepareNameRename, renameName, type RenameResult } from '../../server/src/plugincfg/names';
import { cursor, pluginFile } from './helpers';

const FIXTURE = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<Config>',
  '   <VirtualHostGroup Name="default_host">',
  '      <VirtualHost Name="*:443"/>',
  '   </VirtualHostGroup>',
  "   <ServerCluster Name='Apps' LoadBalance=\"Round Robin\">",
  '      <Server CloneID="a1" Name="member1"><Transport Hostname="10.0.0.1" Port="9080" Protocol="http"/></Server>',
  '      <Server CloneID="a2" Name="member2"><Transport Hostname="10.0.0.2" Port="9080" Protocol="http"/></Server>',
  '      <PrimaryServers><Server Name="member1"/></PrimaryServers>',
  '      <BackupServers><Server Name="member2"/></BackupServers>',
  '   </ServerCluster>',
  '   <ServerCluster Name="Infra">',
  '      <Server CloneID="i1" Name="member1"><Transport Hostname="10.0.0.3" Port="9080" Protocol="http"/></Server>',
  '      <PrimaryServers><Server Name="member1"/></PrimaryServers>',
  '   </ServerCluster>',
  '   <UriGroup Name="Apps_URIs"><Uri Name="/apps/*"/></UriGroup>',
  '   <UriGroup Name="Infra&amp;Co_URIs"><Uri Name="/infra/*"/></UriGroup>',
  '   <Route ServerCluster="Apps" UriGroup="Apps_URIs" VirtualHostGroup="default_host"/>',
  '   <Route ServerCluster="Infra" UriGroup="Infra&amp;Co_URIs" VirtualHostGroup="default_host"/>',
  '</Config>',
  '',
].join('\r\n');

/** The fixture with a `|` inserted at the `n`th occurrence (0-based) of `find`, after `into` characters. */
function at(find: string, n = 0, into = 1): { text: string; offset: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = FIXTURE.indexOf(find, i + 1);
  assert.ok(i >= 0, `${find} #${n}`);
  return cursor(FIXTURE.slice(0, i + into) + '|' + FIXTURE.slice(i + into));
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

function renamed(r: RenameResult, text: string): string {
  assert.ok('edits' in r, 'error' in r ? r.error : '');
  return applyOffsetEdits(text, r.edits);
}

test('Server: definition from a PrimaryServers entry is the Server of the same cluster, not the namesake in another cluster', () => {
  const { text, offset } = at('<PrimaryServers><Server Name="member1"', 1, 32);
  const file = pluginFile(text);
  const defs = nameDefinitions(file, offset);
  assert.equal(defs.length, 1);
  assert.equal(lineOf(text, defs[0].start), 13, 'the Server of Infra');
  assert.equal(text.slice(defs[0].start, defs[0].end), 'member1');
  const refs = nameReferences(file, offset, true).map(o => lineOf(text, o.start));
  assert.deepEqual(refs, [13, 14]);
  assert.deepEqual(nameReferences(file, offset, false).map(o => lineOf(text, o.start)), [14]);
});

test('ServerCluster, UriGroup, VirtualHostGroup: definition from the Route attribute, references from the definition', () => {
  const route = at('<Route ServerCluster="Apps"', 0, 23);
  assert.deepEqual(nameDefinitions(pluginFile(route.text), route.offset).map(o => lineOf(route.text, o.start)), [6]);
  const uri = at('UriGroup="Infra&amp;Co_URIs"', 0, 12);
  const d = nameDefinitions(pluginFile(uri.text), uri.offset);
  assert.deepEqual(d.map(o => [lineOf(uri.text, o.start), o.name]), [[17, 'Infra&Co_URIs']]);
  const vhg = at('<VirtualHostGroup Name="default_host"', 0, 26);
  assert.deepEqual(nameReferences(pluginFile(vhg.text), vhg.offset, true).map(o => lineOf(vhg.text, o.start)), [3, 18, 19]);
  // Highlights: the definition is the write, the routes are reads.
  assert.deepEqual(occurrencesAt(pluginFile(vhg.text), vhg.offset).map(o => o.role), ['definition', 'reference', 'reference']);
  // Not on a name: nothing.
  const other = at('LoadBalance=', 0, 3);
  assert.deepEqual(nameDefinitions(pluginFile(other.text), other.offset), []);
  assert.equal(prepareNameRename(pluginFile(other.text), other.offset), null);
});

test('rename a cluster: every reference, only the value between the quotes, single quotes and CRLF kept', () => {
  const { text, offset } = at("Name='Apps'", 0, 8);
  const p = prepareNameRename(pluginFile(text), offset);
  assert.deepEqual(p && [text.slice(p.start, p.end), p.placeholder], ['Apps', 'Apps']);
  const out = renamed(renameName(pluginFile(text), offset, 'Apps2'), text);
  assert.equal(out, FIXTURE.replace("Name='Apps'", "Name='Apps2'").replace('<Route ServerCluster="Apps"', '<Route ServerCluster="Apps2"'));
  assert.equal(out.split('\r\n').length, FIXTURE.split('\r\n').length, 'CRLF kept');
});

test('rename a server renames it in its own cluster only; an entity-escaped group is rewritten as a plain name', () => {
  const { text, offset } = at('Name="member1"', 0, 8);
  const out = renamed(renameName(pluginFile(text), offset, 'apps_m1'), text);
  const lines = out.split('\r\n');
  assert.match(lines[6], /CloneID="a1" Name="apps_m1"/);
  assert.match(lines[8], /<Server Name="apps_m1"\/>/);
  assert.match(lines[12], /Name="member1"/, 'Infra keeps its member1');
  assert.match(lines[13], /<Server Name="member1"\/>/);
  const g = at('UriGroup Name="Infra&amp;', 0, 18);
  const out2 = renamed(renameName(pluginFile(g.text), g.offset, 'Infra_URIs'), g.text);
  assert.equal(out2, FIXTURE.replaceAll('Infra&amp;Co_URIs', 'Infra_URIs'));
});

test('rename refuses an invalid name and a name another symbol of the same kind has, with the reason', () => {
  const { text, offset } = at("Name='Apps'", 0, 8);
  const file = pluginFile(text);
  const clash = renameName(file, offset, 'Infra');
  assert.ok('error' in clash);
  assert.match(clash.error, /Cannot rename Apps to Infra: a ServerCluster named Infra already exists \(line 12\)/);
  for (const bad of ['', 'two words', 'a"b', 'x<y', 'a:b', '.hidden']) {
    const r = renameName(file, offset, bad);
    assert.ok('error' in r, `refused: ${JSON.stringify(bad)}`);
  }
  assert.match(invalidName('Server', 'a b') ?? '', /contains white space/);
  // A server may take a name that a server of another cluster has.
  const s = at('Name="member2"', 0, 8);
  const ok = renameName(pluginFile(s.text), s.offset, 'member1');
  assert.ok('error' in ok, 'member1 exists in the same cluster');
  const infra = at('Name="member1"', 2, 8);
  assert.ok('edits' in renameName(pluginFile(infra.text), infra.offset, 'member2'), 'member2 exists only in Apps');
});

test('a renamed file is still well-formed for xmllint', t => {
  if (spawnSync('xmllint', ['--version']).error) {
    t.skip('xmllint not installed');
    return;
  }
  const { text, offset } = at('<VirtualHostGroup Name="default_host"', 0, 26);
  const out = renamed(renameName(pluginFile(text), offset, 'vhosts_443'), text);
  const r = spawnSync('xmllint', ['--noout', '-'], { input: out, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((out.match(/vhosts_443/g) ?? []).length, 3);
});
