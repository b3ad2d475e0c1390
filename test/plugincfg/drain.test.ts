// Drain a node, restore routing, "which server served me?", and the deployment model, in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileChange } from '../../server/src/engine/rules';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import '../../server/src/languages';
import { httpdConfigFor } from '../../server/src/httpd/config';
import { requiredHosts } from '../../server/src/httpd/deployment';
import { drainCopyPath, drainNode, formatWhich, originalOfDrainCopy, PluginCfgRefusal, restoreRouting, whichServer } from '../../server/src/plugincfg/drain';
import { deploymentFor, parsePluginCfg } from '../../server/src/plugincfg/model';
import { swapAll } from '../../server/src/plugincfg/swap';
import { cfg, cluster, exampleText } from './helpers';

const CFG = '/ws/ihs/plugin-cfg.xml';
const HTTPD = '/ws/ihs/conf/httpd.conf';
const HTTPD_TEXT = 'ServerRoot "/opt/IBM/HTTPServer"\r\nLoadModule was_ap24_module /opt/IBM/WebSphere/Plugins/bin/64bits/mod_was_ap24_http.so\r\nWebSpherePluginConfig "/opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml"\r\n';

function project(files: Record<string, string>): { fs: MemoryFileSystem; project: Project } {
  const fs = new MemoryFileSystem(files);
  return { fs, project: new Project(fs, { roots: ['/ws'] }) };
}

/** Applies FileChanges to the memory file system (what the editor's WorkspaceEdit or the CLI does). */
function apply(fs: MemoryFileSystem, p: Project, changes: FileChange[]): void {
  for (const c of changes) {
    const cur = fs.readText(c.path)?.text;
    if (c.create !== undefined) {
      assert.equal(cur, undefined, `${c.path} must not exist`);
      fs.write(c.path, c.create);
    } else fs.write(c.path, applyOffsetEdits(cur ?? '', c.edits ?? []));
  }
  p.touch();
}

test('two nodes: the drain copy is the swap of every cluster; httpd.conf changes only the file name; restore gives back the bytes', () => {
  const example = exampleText();
  const { fs, project: p } = project({ [CFG]: example, [HTTPD]: HTTPD_TEXT });
  const plan = drainNode(p, CFG, '10.20.0.11', HTTPD);
  assert.equal(plan.copyPath, '/ws/ihs/plugin-cfg-drain-10.20.0.11.xml');
  assert.deepEqual(plan.clusters.map(c => `${c.name}: ${c.primary} / ${c.backup}`), [
    'InfraCluster: was-node2_InfraCluster_server2 / was-node1_InfraCluster_server1',
    'AppsCluster: was-node2_AppsCluster_server2 / was-node1_AppsCluster_server1',
    'UtilCluster: was-node2_UtilCluster_server2 / was-node1_UtilCluster_server1',
  ]);
  assert.equal(plan.copyText, applyOffsetEdits(example, swapAll(example, parsePluginCfg(example)).edits));
  assert.deepEqual(plan.changes[1], { path: HTTPD, edits: [{ start: HTTPD_TEXT.indexOf('.xml"'), end: HTTPD_TEXT.indexOf('.xml"'), newText: '-drain-10.20.0.11' }] });
  apply(fs, p, plan.changes);
  assert.equal(fs.readText(CFG)!.text, example, 'the original is never touched');
  assert.equal(fs.readText(HTTPD)!.text, HTTPD_TEXT.replace('plugin-cfg.xml"', 'plugin-cfg-drain-10.20.0.11.xml"'));
  // Draining again while drained is refused; "which" on the copy answers the seed's check.
  assert.throws(() => drainNode(p, CFG, '10.20.0.12', HTTPD), /already points at a drain copy/);
  // The WebSphere node name works too (servers are named node_server); it names the copy.
  const byName = drainNode(p, CFG, 'was-node1');
  assert.deepEqual([byName.copyPath, byName.copyText], ['/ws/ihs/plugin-cfg-drain-was-node1.xml', plan.copyText]);
  const which = whichServer(p, plan.copyPath, '0000A1b2C3d4E5f6G7h8I9j0K1l:apps_srv2:infra_srv2');
  assert.deepEqual(formatWhich(which), [
    'apps_srv2: was-node2_AppsCluster_server2 (cluster AppsCluster, primary) on 10.20.0.12',
    'infra_srv2: was-node2_InfraCluster_server2 (cluster InfraCluster, primary) on 10.20.0.12',
  ]);
  const restore = restoreRouting(p, HTTPD);
  assert.deepEqual(restore.restored, [{ from: 'plugin-cfg-drain-10.20.0.11.xml', to: 'plugin-cfg.xml', line: 3 }]);
  apply(fs, p, restore.changes);
  assert.equal(fs.readText(HTTPD)!.text, HTTPD_TEXT);
  assert.throws(() => restoreRouting(p, HTTPD), (e: unknown) => e instanceof PluginCfgRefusal && /not a drain copy: routing is normal/.test(e.message));
  // A second drain rewrites the existing copy instead of creating it.
  const again = drainNode(p, CFG, '10.20.0.11');
  assert.equal(again.changes[0].create, undefined);
  assert.deepEqual(again.changes[0].edits, []);
});

test('three servers: the copy routes as the plug-in would with the node down', () => {
  const three = (primary: string[], backup: string[]) => cfg(cluster('A', ['s1@n1', 's2@n2', 's3@n3'], primary, backup));
  const lists = (text: string) => {
    const c = parsePluginCfg(text).model.clusters[0];
    return `${c.primary!.refs.map(r => r.name)} / ${c.backup!.refs.map(r => r.name)}`;
  };
  const drain = (text: string, node: string) => {
    const { project: p } = project({ [CFG]: text });
    return drainNode(p, CFG, node).copyText;
  };
  // Other primaries keep the load; the standby stays standby; the drained server goes last.
  assert.equal(lists(drain(three(['s1', 's2'], ['s3']), 'n1')), 's2 / s3,s1');
  // All primaries on the node: the first backup takes over, as the plug-in would fail over.
  assert.equal(lists(drain(three(['s1'], ['s2', 's3']), 'n1')), 's2 / s3,s1');
  // Draining the standby's node changes nothing for that cluster.
  const { project: p } = project({ [CFG]: three(['s1'], ['s2', 's3']) });
  assert.throws(() => drainNode(p, CFG, 'n9'), /No server of plugin-cfg.xml runs on "n9". Hosts in this file: n1, n2, n3/);
  const plan = drainNode(p, CFG, 'n3');
  assert.deepEqual([plan.clusters, plan.unchanged], [[], ['A']]);
});

test('a cluster without lists gets PrimaryServers and BackupServers, indented like its servers', () => {
  const text = cfg(cluster('A', ['s1@was-node1.example.com', 's2@was-node2.example.com']));
  const { project: p } = project({ [CFG]: text });
  const plan = drainNode(p, CFG, 'was-node1'); // a short name matches the host's first label
  assert.equal(plan.copyPath, '/ws/ihs/plugin-cfg-drain-was-node1.xml');
  assert.equal(
    plan.copyText,
    text.replace(
      '  </ServerCluster>',
      '    <PrimaryServers>\n      <Server Name="s2"/>\n    </PrimaryServers>\n    <BackupServers>\n      <Server Name="s1"/>\n    </BackupServers>\n  </ServerCluster>',
    ),
  );
  assert.deepEqual(parsePluginCfg(plan.copyText).doc.errors, []);
});

test('refuses, naming every cluster, when no other server can take the traffic', () => {
  const text = cfg(cluster('Solo', ['s1@n1']) + '\n' + cluster('Pair', ['p1@n1', 'p2@n2'], ['p1'], ['p2']) + '\n' + cluster('Local', ['l1@n1', 'l2@n1']));
  const { project: p } = project({ [CFG]: text, [HTTPD]: HTTPD_TEXT });
  assert.throws(
    () => drainNode(p, CFG, 'n1', HTTPD),
    (e: unknown) =>
      e instanceof PluginCfgRefusal &&
      e.clusters.join() === 'Solo,Local' &&
      e.message.includes('Cannot drain n1: these clusters have no server on another node to take the traffic: Solo (s1 on n1); Local (l1 on n1, l2 on n1)'),
  );
  assert.throws(() => drainNode(p, '/ws/ihs/plugin-cfg-drain-n1.xml', 'n1'), /already a drain copy/);
});

test('httpd.conf: finds the directive by file name, keeps quotes and the rest of the path', () => {
  const text = cfg(cluster('A', ['s1@n1', 's2@n2'], ['s1'], ['s2']));
  const conf = '# plug-in\n<IfModule was_ap24_module>\n  WebSpherePluginConfig ${PLUGIN_ROOT}/config/webserver1/plugin-cfg.xml\n</IfModule>\n';
  const { fs, project: p } = project({ [CFG]: text, [HTTPD]: conf });
  apply(fs, p, drainNode(p, CFG, 'n1', HTTPD).changes);
  assert.equal(fs.readText(HTTPD)!.text, conf.replace('plugin-cfg.xml', 'plugin-cfg-drain-n1.xml'));
  apply(fs, p, restoreRouting(p, HTTPD).changes);
  assert.equal(fs.readText(HTTPD)!.text, conf);
  fs.write(HTTPD, 'WebSpherePluginConfig /opt/plugins/plugin-cfg-prod.xml\n');
  p.touch();
  assert.throws(() => drainNode(p, CFG, 'n1', HTTPD), /No WebSpherePluginConfig in httpd.conf names plugin-cfg.xml \(it names plugin-cfg-prod.xml\)/);
  fs.write(HTTPD, 'ServerName a\n');
  p.touch();
  assert.throws(() => drainNode(p, CFG, 'n1', HTTPD), /has no WebSpherePluginConfig directive/);
  assert.equal(drainCopyPath('/x/plugin-cfg.xml', 'h:1'), '/x/plugin-cfg-drain-h_1.xml');
  assert.equal(originalOfDrainCopy('plugin-cfg-drain-was-node1.example.com.xml'), 'plugin-cfg.xml');
  assert.equal(originalOfDrainCopy('plugin-cfg.xml'), null);
});

test('which: cookie forms, the + separator, unknown clone IDs', () => {
  const text = cfg(
    cluster('A', ['s1@n1#c1', 's2@n2#c2'], ['s1'], ['s2']).replace('LoadBalance="Round Robin"', 'LoadBalance="Round Robin" CloneSeparatorChange="true"'),
  );
  const { project: p } = project({ [CFG]: text });
  const r = whichServer(p, CFG, 'JSESSIONID=0000SESSIONabc+c2; Path=/; HttpOnly');
  assert.deepEqual([r.cacheId, r.sessionId, r.separator], ['0000', 'SESSIONabc', '+']);
  assert.deepEqual(formatWhich(r), ['c2: s2 (cluster A, backup) on n2']);
  assert.deepEqual(formatWhich(whichServer(p, CFG, '0000abc:zz')), ['zz: no Server of this plugin-cfg.xml has this CloneID.']);
  assert.match(formatWhich(whichServer(p, CFG, '0000abc'))[0], /carries no clone ID/);
});

test('deployment model: servers and hosts with ranges, memoized, contributed to the httpd maintenance hosts', () => {
  const example = exampleText();
  const conf = 'ServerRoot /opt/IBM/HTTPServer\nWebSpherePluginConfig /opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml\n';
  const { fs, project: p } = project({ [CFG]: example, [HTTPD]: conf });
  const d = deploymentFor(p, CFG);
  assert.equal(d, deploymentFor(p, CFG), 'memoized');
  assert.deepEqual(d.hosts.map(h => `${h.host}: ${h.servers.length}`), ['10.20.0.11: 6', '10.20.0.12: 6']);
  const s = d.servers[0];
  assert.deepEqual([s.name, s.cluster, s.cloneId, s.port, s.protocol, s.primary], ['was-node1_InfraCluster_server1', 'InfraCluster', 'infra_srv1', '9081', 'http', true]);
  assert.equal(example.slice(s.start, s.end), '10.20.0.11');
  const hosts = requiredHosts(p, httpdConfigFor(p, HTTPD)).map(h => `${h.host} <- ${h.source}`);
  assert.ok(hosts.includes('10.20.0.12 <- plugin-cfg.xml (Server was-node2_InfraCluster_server2 of InfraCluster)'), hosts.join('\n'));
  fs.write(CFG, example.replace(/10\.20\.0\.12/g, '10.20.0.13'));
  p.touch();
  assert.deepEqual(deploymentFor(p, CFG).hosts.map(h => h.host), ['10.20.0.11', '10.20.0.13']);
});
