// Hover, completion, outline, code lenses and swap actions, in-process with a `|` cursor marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind } from 'vscode-languageserver-types';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { complete } from '../../server/src/plugincfg/complete';
import { hover } from '../../server/src/plugincfg/hover';
import { codeLenses, swapActions, symbols } from '../../server/src/plugincfg/outline';
import { cfg, cluster, cursor, exampleText, pluginFile } from './helpers';

/** Hover at the `|` placed in the example file by replacing `find` with `marked`. */
function hoverIn(text: string, find: string, marked: string) {
  assert.ok(text.includes(find), find);
  const { text: t, offset } = cursor(text.replace(find, marked));
  return hover(pluginFile(t), offset);
}

function labels(marked: string): string[] {
  const { text, offset } = cursor(marked);
  return complete(pluginFile(text), offset).map(i => i.label);
}

test('hover on an attribute: what it does, values, default, unit, IBM link', () => {
  const h = hoverIn(exampleText(), 'LoadBalance="Round Robin" Name="AppsCluster"', 'Load|Balance="Round Robin" Name="AppsCluster"');
  assert.ok(h);
  assert.match(h.contents, /^\*\*LoadBalance\*\* \(`<ServerCluster>`\)/);
  assert.match(h.contents, /Values: `Round Robin`, `Random` · Default: `Round Robin`/);
  assert.match(h.contents, /\[IBM: plugin-cfg\.xml reference\]\(https:\/\/www\.ibm\.com\/docs\//);
  const t = hoverIn(exampleText(), 'RetryInterval="60"', 'Retry|Interval="60"');
  assert.match(t!.contents, /Unit: seconds · Default: `60`/);
});

test('hover on a CloneID names the server, cluster and host; on a list entry, where the server runs', () => {
  const text = exampleText();
  const h = hoverIn(text, 'CloneID="apps_srv1"', 'CloneID="apps|_srv1"');
  assert.ok(h);
  assert.equal(text.slice(h.start, h.end), 'apps_srv1');
  assert.match(h.contents, /Names server `was-node1_AppsCluster_server1` of cluster `AppsCluster` \(primary\), on 10\.20\.0\.11:9082 \(http\), 10\.20\.0\.11:9445 \(https\)/);
  assert.match(h.contents, /`JSESSIONID` ends in `:apps_srv1`/);
  const ref = hoverIn(text, '<Server Name="was-node2_AppsCluster_server2"/>', '<Server Name="was-node2_Apps|Cluster_server2"/>');
  assert.match(ref!.contents, /Runs on 10\.20\.0\.12:9082 \(http\), 10\.20\.0\.12:9445 \(https\)\.\nCloneID `apps_srv2`\./);
  assert.match(ref!.contents, /only takes traffic when every primary is down/);
  const route = hoverIn(text, 'Route ServerCluster="UtilCluster"', 'Route ServerCluster="Util|Cluster"');
  assert.match(route!.contents, /Requests go to 10\.20\.0\.11 \(1 server\) · backup 10\.20\.0\.12 \(1 server\) takes over if it fails/);
  const group = hoverIn(text, 'UriGroup="default_host_UtilCluster_URIs"', 'UriGroup="default_host_|UtilCluster_URIs"');
  assert.match(group!.contents, /3 URI patterns: `\/connections\/opensocial\/\*`/);
});

test('hover on an element name: its role, and for a cluster the lens summary', () => {
  const h = hoverIn(exampleText(), '<ServerCluster CloneSeparatorChange="false" GetDWLMTable="false" IgnoreAffinityRequests="true" LoadBalance="Round Robin" Name="InfraCluster"', '<Server|Cluster CloneSeparatorChange="false" GetDWLMTable="false" IgnoreAffinityRequests="true" LoadBalance="Round Robin" Name="InfraCluster"');
  assert.match(h!.contents, /^\*\*`<ServerCluster>`\*\*\n\nA group of application servers/);
  assert.match(h!.contents, /Requests go to 10\.20\.0\.11 \(1 server\) · backup 10\.20\.0\.12 \(1 server\) takes over if it fails(\n|$)/);
  const { text, offset } = cursor(cfg('  <UriGroup Name="u">\n  </Uri|Group>'));
  assert.match(hover(pluginFile(text), offset)!.contents, /\*\*`<UriGroup>`\*\*/);
  const none = cursor(cfg('  <!-- a | comment -->'));
  assert.equal(hover(pluginFile(none.text), none.offset), null);
});

test('completion of element names by parent, also in a half-typed file', () => {
  assert.deepEqual(labels('<Config>\n  <ServerCluster Name="a">\n    <|\n  </ServerCluster>\n</Config>').sort(), ['BackupServers', 'ClusterAddress', 'PrimaryServers', 'Server']);
  assert.deepEqual(labels('<Config>\n  <ServerCluster Name="a">\n    <PrimaryServers>\n      <Se|'), ['Server']);
  const top = labels('<Config>\n  <|\n</Config>');
  assert.ok(top.includes('Route') && top.includes('UriGroup') && top.includes('ServerCluster') && !top.includes('Server'));
  assert.deepEqual(labels('<Config>\n  <Log Name="x"/>\n</|'), ['/Config']);
  assert.deepEqual(labels('<Config>\n  <!-- a | comment -->\n</Config>'), []);
  const { text, offset } = cursor('<Config>\n  <ServerCluster Name="a">\n    <|\n');
  const server = complete(pluginFile(text), offset).find(i => i.label === 'Server');
  assert.equal(server?.snippet, 'Server Name="$1"');
});

test('completion of attribute names (missing ones only) and of values', () => {
  const names = labels('<Config>\n  <ServerCluster Name="a" |>\n  </ServerCluster>\n</Config>');
  assert.ok(names.includes('LoadBalance') && names.includes('RemoveSpecialHeaders') && !names.includes('Name'));
  const { text, offset } = cursor('<Config><Log Name="x" Log|/></Config>');
  const item = complete(pluginFile(text), offset).find(i => i.label === 'LogLevel')!;
  assert.deepEqual([item.insertText, text.slice(item.replaceStart, item.replaceEnd)], ['LogLevel', 'Log']);
  assert.deepEqual(labels('<Config><ServerCluster Name="a" LoadBalance="|"/></Config>'), ['Round Robin', 'Random']);
  assert.deepEqual(labels('<Config><ServerCluster Name="a"><Server Name="s"><Transport Protocol="ht|"/></Server></ServerCluster></Config>'), ['http', 'https']);
  assert.deepEqual(labels('<Config><Log Name="x" LogLevel="|"/></Config>'), ['Trace', 'Stats', 'Warn', 'Error', 'Debug', 'Detail']);
  assert.deepEqual(labels('<Config><ServerCluster Name="a" RemoveSpecialHeaders="|"/></Config>'), ['true', 'false']);
  assert.deepEqual(labels('<Config><ServerCluster Name="a"><Server Name="s"><Transport Protocol="https"><Property Name="|"/></Transport></Server></ServerCluster></Config>'), ['keyring', 'stashfile', 'certLabel']);
  const example = exampleText();
  const routeAt = example.replace('Route ServerCluster="AppsCluster"', 'Route ServerCluster="|AppsCluster"');
  assert.deepEqual(labels(routeAt), ['InfraCluster', 'AppsCluster', 'UtilCluster']);
  const refAt = example.replace('<Server Name="was-node1_UtilCluster_server1"/>', '<Server Name="|"/>');
  assert.deepEqual(labels(refAt), ['was-node1_UtilCluster_server1', 'was-node2_UtilCluster_server2']);
});

test('outline: clusters with servers (host:port, CloneID, role), routes and groups', () => {
  const outline = symbols(pluginFile(exampleText()));
  assert.deepEqual(
    outline.map(s => `${s.name}${s.detail ? ` [${s.detail}]` : ''}`),
    [
      'default_host [VirtualHostGroup · 4]',
      'InfraCluster [ServerCluster · 2 servers · Round Robin]',
      'AppsCluster [ServerCluster · 2 servers · Round Robin]',
      'UtilCluster [ServerCluster · 2 servers · Round Robin]',
      'default_host_InfraCluster_URIs [UriGroup · 4]',
      'Route → InfraCluster [default_host_InfraCluster_URIs @ default_host]',
      'default_host_AppsCluster_URIs [UriGroup · 5]',
      'Route → AppsCluster [default_host_AppsCluster_URIs @ default_host]',
      'default_host_UtilCluster_URIs [UriGroup · 3]',
      'Route → UtilCluster [default_host_UtilCluster_URIs @ default_host]',
    ],
  );
  const apps = outline.find(s => s.name === 'AppsCluster')!;
  assert.equal(apps.kind, SymbolKind.Module);
  assert.deepEqual(apps.children!.map(c => `${c.name}: ${c.detail}`), [
    'was-node1_AppsCluster_server1: 10.20.0.11:9082 (http), 10.20.0.11:9445 (https) · CloneID apps_srv1 · primary',
    'was-node2_AppsCluster_server2: 10.20.0.12:9082 (http), 10.20.0.12:9445 (https) · CloneID apps_srv2 · backup',
  ]);
});

test('code lens per cluster: says what the hosts do, with counts, and that a click swaps (issue 14: no bare IPs)', () => {
  const file = pluginFile(cfg(cluster('A', ['a1@n1', 'a2@n1', 'a3@n2'], ['a1', 'a2'], ['a3']) + '\n' + cluster('B', ['b1@n1', 'b2@n2']) + '\n  <ServerCluster Name="C"/>'));
  assert.deepEqual(codeLenses(file).map(l => `${l.cluster}: ${l.title}`), [
    'A: Requests go to n1 (2 servers) · backup n2 (1 server) takes over if they fail · click to swap',
    'B: Requests go to every server (no PrimaryServers list): n1 (1 server), n2 (1 server) · no backup',
    'C: No servers: requests for this cluster fail',
  ]);
  const lens = codeLenses(pluginFile(exampleText()))[1];
  assert.equal(lens.title, 'Requests go to 10.20.0.11 (1 server) · backup 10.20.0.12 (1 server) takes over if it fails · click to swap');
});

test('code actions: swap this cluster, swap every cluster', () => {
  const text = exampleText();
  const at = text.indexOf('Name="AppsCluster"');
  const actions = swapActions(pluginFile(text), at);
  assert.deepEqual(actions.map(a => a.title), ['Swap primary and backup servers of AppsCluster', 'Swap primary and backup servers in every cluster (3)']);
  const swapped = applyOffsetEdits(text, actions[0].edits);
  assert.equal(applyOffsetEdits(swapped, swapActions(pluginFile(swapped), at)[0].edits), text);
  assert.deepEqual(swapActions(pluginFile(text), 0).map(a => a.title), ['Swap primary and backup servers in every cluster (3)']);
});
