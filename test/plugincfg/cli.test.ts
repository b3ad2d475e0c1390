// `upkeep plugin swap|drain|restore|which`: the built CLI (bin/upkeep.js -> dist/cli.js, built by
// `npm run build`, which `npm test` runs first) on temporary copies; checks exit codes and bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exampleText, repoRoot } from './helpers';

const ROOT = repoRoot();
const BIN = path.join(ROOT, 'bin/upkeep.js');

function upkeep(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function withTemp(t: { skip(msg: string): void }, fn: (dir: string) => void): void {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    t.skip('dist/cli.js is missing: run `npm run build` first (npm test does)');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upkeep-plugin-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HTTPD = 'Listen 80\r\nWebSpherePluginConfig "/opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml"\r\n';

test('plugin swap: one cluster, then back: exit 0 and the original bytes; CRLF and BOM kept', t =>
  withTemp(t, dir => {
    const original = Buffer.from('\ufeff' + exampleText().replace(/\n/g, '\r\n'), 'utf8');
    const file = path.join(dir, 'plugin-cfg.xml');
    writeFileSync(file, original);
    const r = upkeep(dir, 'plugin', 'swap', 'plugin-cfg.xml', '--cluster', 'AppsCluster');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'plugin-cfg.xml: cluster AppsCluster now has primary was-node2_AppsCluster_server2 and backup was-node1_AppsCluster_server1.\n');
    const once = readFileSync(file);
    const expected = original
      .toString('utf8')
      .replace('<Server Name="was-node1_AppsCluster_server1"/>\r\n      </PrimaryServers>', '<Server Name="was-node2_AppsCluster_server2"/>\r\n      </PrimaryServers>')
      .replace('<Server Name="was-node2_AppsCluster_server2"/>\r\n      </BackupServers>', '<Server Name="was-node1_AppsCluster_server1"/>\r\n      </BackupServers>');
    assert.equal(once.toString('utf8'), expected);
    assert.equal(upkeep(dir, 'plugin', 'swap', 'plugin-cfg.xml', '--cluster=AppsCluster').status, 0);
    assert.ok(readFileSync(file).equals(original));
    // Every cluster, twice.
    assert.equal(upkeep(dir, 'plugin', 'swap', file).status, 0);
    assert.ok(!readFileSync(file).equals(original));
    assert.equal(upkeep(dir, 'plugin', 'swap', file).status, 0);
    assert.ok(readFileSync(file).equals(original));
  }));

test('plugin swap keeps a Latin-1 file\'s bytes; refusals exit 1 and leave the file alone', t =>
  withTemp(t, dir => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!-- r\xe9seau -->\n<Config>\n<ServerCluster Name="A"><Server Name="a"/><Server Name="b"/>\n<PrimaryServers><Server Name="a"/></PrimaryServers>\n<BackupServers><Server Name="b"/></BackupServers>\n</ServerCluster>\n</Config>\n',
      'latin1',
    );
    const file = path.join(dir, 'plugin-cfg.xml');
    writeFileSync(file, latin);
    assert.equal(upkeep(dir, 'plugin', 'swap', 'plugin-cfg.xml').status, 0);
    const swapped = readFileSync(file);
    assert.equal(swapped.toString('latin1'), latin.toString('latin1').replace('<PrimaryServers><Server Name="a"/>', '<PrimaryServers><Server Name="b"/>').replace('<BackupServers><Server Name="b"/>', '<BackupServers><Server Name="a"/>'));
    assert.equal(swapped[swapped.indexOf('seau') - 1], 0xe9);

    const single = Buffer.from('<Config><ServerCluster Name="A"><Server Name="a"/><PrimaryServers><Server Name="a"/></PrimaryServers></ServerCluster></Config>\n');
    writeFileSync(file, single);
    const r = upkeep(dir, 'plugin', 'swap', 'plugin-cfg.xml', '--cluster', 'A');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Cluster "A" has no <BackupServers> list/);
    assert.equal(upkeep(dir, 'plugin', 'swap', 'plugin-cfg.xml').status, 1);
    assert.ok(readFileSync(file).equals(single));
  }));

test('plugin drain --httpd, which, restore: the copy, the one-word httpd.conf edit, and the way back', t =>
  withTemp(t, dir => {
    mkdirSync(path.join(dir, 'conf'));
    const cfgFile = path.join(dir, 'plugin-cfg.xml');
    const httpd = path.join(dir, 'conf', 'httpd.conf');
    writeFileSync(cfgFile, exampleText());
    writeFileSync(httpd, HTTPD);
    const r = upkeep(dir, 'plugin', 'drain', 'plugin-cfg.xml', '--node', '10.20.0.11', '--httpd', 'conf/httpd.conf');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^wrote plugin-cfg-drain-10\.20\.0\.11\.xml: no traffic to 10\.20\.0\.11\.\n  InfraCluster: primary was-node2_InfraCluster_server2; backup none\n/);
    assert.deepEqual(readdirSync(dir).sort(), ['conf', 'plugin-cfg-drain-10.20.0.11.xml', 'plugin-cfg.xml']);
    assert.equal(readFileSync(cfgFile, 'utf8'), exampleText());
    const copy = readFileSync(path.join(dir, 'plugin-cfg-drain-10.20.0.11.xml'), 'utf8');
    const lists = [...copy.matchAll(/<(Primary|Backup)Servers>[\s\S]*?<\/\1Servers>/g)].map(m => m[0]);
    assert.equal(lists.length, 6);
    assert.ok(lists.every(l => !l.includes('was-node1')), 'the drained node is in no PrimaryServers or BackupServers list');
    assert.equal(readFileSync(httpd, 'utf8'), HTTPD.replace('plugin-cfg.xml"', 'plugin-cfg-drain-10.20.0.11.xml"'));

    const w = upkeep(dir, 'plugin', 'which', 'plugin-cfg-drain-10.20.0.11.xml', '0000R2d2C3poBb8Kx9Q1wZt5uYv:apps_srv2:infra_srv2');
    assert.equal(w.status, 0);
    assert.equal(w.stdout, 'apps_srv2: was-node2_AppsCluster_server2 (cluster AppsCluster, primary) on 10.20.0.12\ninfra_srv2: was-node2_InfraCluster_server2 (cluster InfraCluster, primary) on 10.20.0.12\n');
    assert.equal(upkeep(dir, 'plugin', 'which', 'plugin-cfg.xml', '0000abc:nobody').status, 1);
    // Copied from a browser or a log, the cookie may be URL-encoded.
    const encoded = upkeep(dir, 'plugin', 'which', 'plugin-cfg-drain-10.20.0.11.xml', '0000R2d2C3poBb8Kx9Q1wZt5uYv%3Aapps_srv2%3Ainfra_srv2');
    assert.equal(encoded.status, 0, encoded.stderr);
    assert.equal(encoded.stdout, w.stdout);

    const again = upkeep(dir, 'plugin', 'drain', 'plugin-cfg.xml', '--node', '10.20.0.12', '--httpd', 'conf/httpd.conf');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already points at a drain copy/);

    const back = upkeep(dir, 'plugin', 'restore', '--httpd', 'conf/httpd.conf');
    assert.equal(back.status, 0, back.stderr);
    assert.equal(readFileSync(httpd, 'utf8'), HTTPD);
    assert.match(back.stdout, /removed the drain copy plugin-cfg-drain-10\.20\.0\.11\.xml/);
    assert.deepEqual(readdirSync(dir).sort(), ['conf', 'plugin-cfg.xml'], 'restore removes the copy drain made');
    // Nothing to restore: exit 0 with a message (the exit code table).
    const none = upkeep(dir, 'plugin', 'restore', '--httpd', 'conf/httpd.conf');
    assert.equal(none.status, 0, none.stderr);
    assert.match(none.stdout, /routing is normal, nothing to restore/);
  }));

test('plugin drain refuses when a cluster would have no server left', t =>
  withTemp(t, dir => {
    const text = '<Config>\n<ServerCluster Name="Solo"><Server Name="s"><Transport Hostname="n1" Port="9080" Protocol="http"/></Server></ServerCluster>\n</Config>\n';
    writeFileSync(path.join(dir, 'plugin-cfg.xml'), text);
    const r = upkeep(dir, 'plugin', 'drain', 'plugin-cfg.xml', '--node', 'n1');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /this cluster has no server on another node to take the traffic: Solo \(s on n1\)/);
    assert.deepEqual(readdirSync(dir), ['plugin-cfg.xml']);
  }));

test('bad usage exits 2', t =>
  withTemp(t, dir => {
    writeFileSync(path.join(dir, 'plugin-cfg.xml'), exampleText());
    for (const args of [
      ['plugin'],
      ['plugin', 'frobnicate'],
      ['plugin', 'swap'],
      ['plugin', 'swap', 'missing.xml'],
      ['plugin', 'swap', 'plugin-cfg.xml', '--clusters', 'A'],
      ['plugin', 'drain', 'plugin-cfg.xml'],
      ['plugin', 'restore'],
      ['plugin', 'which', 'plugin-cfg.xml'],
      ['plugin', 'drain', 'plugin-cfg.xml', '--node', 'no-such-node'],
      ['plugin', 'swap', 'plugin-cfg.xml', '--cluster', 'NoSuchCluster'],
      ['plugin', 'swap', '.'],
    ]) {
      const r = upkeep(dir, ...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^upkeep: /);
    }
  }));
