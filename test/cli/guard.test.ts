// Guarded apply, through the real command line: input checked before anything is written, atomic
// writes that keep the mode, --backup, and --verify rolling back byte for byte when the server's own
// check (a real `apache2 -t`) fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApacheScratch, repoRoot, requireApache } from '../support/apache';

function upkeep(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8' });
}

function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const p = path.join(d, name);
      if (fs.statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-guard-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A small server folder: conf/httpd.conf naming its page, htdocs with the page, a plugin-cfg.xml. */
function deployment(dir: string, httpd: string, pluginHosts = ['10.20.0.11', '10.20.0.12']): void {
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.mkdirSync(path.join(dir, 'htdocs'));
  fs.writeFileSync(path.join(dir, 'htdocs', 'upgrading.html'), '<p>upgrading</p>\n');
  fs.writeFileSync(path.join(dir, 'conf', 'httpd.conf'), httpd.replace(/@DIR@/g, dir));
  const servers = pluginHosts
    .map((h, i) => `<Server Name="n${i}_s" CloneID="c${i}"><Transport Hostname="${h}" Port="9080" Protocol="http"/></Server>`)
    .join('\n');
  fs.writeFileSync(path.join(dir, 'plugin-cfg.xml'), `<?xml version="1.0"?>\n<Config>\n<ServerCluster Name="A">\n${servers}\n</ServerCluster>\n</Config>\n`);
}

const HTTPD = 'ServerName localhost\nDocumentRoot "@DIR@/htdocs"\nErrorDocument 503 /upgrading.html\n<IfModule was_ap24_module>\nWebSpherePluginConfig /opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml\n</IfModule>\n';

test('a real apache2 -t rejecting the change rolls every file back byte for byte (exit 4); accepting it keeps it', t => {
  const bin = requireApache(t);
  if (!bin) return;
  const scratch = new ApacheScratch('upkeep-guard-apache-');
  t.after(() => scratch.cleanup());
  const dir = tempDir(t);
  deployment(dir, HTTPD);
  const conf = path.join(dir, 'conf', 'httpd.conf');
  const q = (p: string) => `'${p}'`;
  // Without mod_rewrite, the block's guarded LoadModule names modules/mod_rewrite.so under this
  // server's ServerRoot, where there is none: Apache refuses the configuration.
  const minimal = `${bin} -t -T -f ${q(scratch.baseConfig)} -C ${q(`Include ${scratch.mpmLoad}`)} -c ${q(`Include ${conf}`)}`;
  const before = snapshot(dir);
  const failed = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf', '--verify', minimal);
  assert.equal(failed.status, 4, failed.stderr);
  assert.match(failed.stderr, /failed after the change, so every file was put back as it was/);
  assert.match(failed.stderr, /mod_rewrite\.so/, 'Apache\'s own message is shown');
  assert.deepEqual(snapshot(dir), before, 'byte for byte, and no temporary file left behind');

  // With every module loaded the same change passes the check and stays.
  const all = `${bin} -t -T -f ${q(scratch.baseConfig)} -C ${q(`Include ${scratch.allModulesLoad}`)} -c ${q(`Include ${conf}`)}`;
  const ok = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf', '--verify', all, '--backup');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /verified: ".*" passed/);
  assert.match(ok.stdout, /page \/upgrading\.html: reused from ErrorDocument 503 in httpd\.conf:3/);
  assert.ok(fs.readFileSync(conf, 'utf8').includes('RewriteRule ^ - [R=503,L]'));
  assert.ok(fs.readFileSync(path.join(dir, 'conf', 'httpd.conf.bak')).equals(before.get('conf/httpd.conf')!), '--backup keeps the previous bytes');
  assert.equal(scratch.checkConfig(conf).ok, true);

  // Off, verified by the same check, gives back the original.
  const off = upkeep(dir, 'maintenance', 'off', 'conf/httpd.conf', '--verify', all);
  assert.equal(off.status, 0, off.stderr);
  assert.ok(fs.readFileSync(conf).equals(before.get('conf/httpd.conf')!));
});

test('lint --fix --verify: a failing check puts every fixed file back', t => {
  const dir = tempDir(t);
  fs.mkdirSync(path.join(dir, 'conf'));
  const text = 'ServerName a\nHeader set Retry-After "3600"\n';
  fs.writeFileSync(path.join(dir, 'conf', 'httpd.conf'), text);
  const r = upkeep(dir, 'lint', '--fix', 'conf/httpd.conf', '--verify', 'exit 3');
  assert.equal(r.status, 4, r.stderr);
  assert.equal(fs.readFileSync(path.join(dir, 'conf', 'httpd.conf'), 'utf8'), text);
  const ok = upkeep(dir, 'lint', '--fix', 'conf/httpd.conf', '--verify', 'true', '--backup');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'conf', 'httpd.conf'), 'utf8'), /Header always set Retry-After/);
  assert.equal(fs.readFileSync(path.join(dir, 'conf', 'httpd.conf.bak'), 'utf8'), text);
});

test('the input is checked first: other kinds of files, directories, binary files; nothing written', t => {
  const dir = tempDir(t);
  deployment(dir, HTTPD);
  fs.writeFileSync(path.join(dir, 'htdocs', 'index.html'), '<!doctype html>\n<title>x</title>\n');
  fs.writeFileSync(path.join(dir, 'bin-httpd.conf'), Buffer.from([0x4c, 0x69, 0x73, 0x74, 0x65, 0x6e, 0, 1, 2, 0x0a]));
  fs.mkdirSync(path.join(dir, 'binary'));
  fs.writeFileSync(path.join(dir, 'binary', 'httpd.conf'), Buffer.from([0x4c, 0, 0x0a]));
  const before = snapshot(dir);
  const cases: [string[], number, RegExp][] = [
    [['maintenance', 'on', 'plugin-cfg.xml'], 1, /plugin-cfg\.xml is not an Apache httpd .* \(it reads as a WebSphere plugin-cfg\.xml\); nothing written\. Use --force/],
    [['maintenance', 'on', 'htdocs/index.html'], 1, /is not an Apache httpd .* markup/],
    [['maintenance', 'on', 'binary/httpd.conf'], 2, /holds binary data/],
    [['maintenance', 'on', 'conf'], 2, /conf is a directory/],
    [['maintenance', 'off', 'plugin-cfg.xml'], 1, /is not an Apache httpd/],
    [['plugin', 'swap', 'conf/httpd.conf'], 1, /is not a WebSphere plugin-cfg\.xml/],
    [['plugin', 'drain', 'htdocs', '--node', 'x'], 2, /htdocs is a directory/],
    [['plugin', 'restore', '--httpd', 'plugin-cfg.xml'], 1, /is not an Apache httpd/],
    [['maintenance', 'on', 'conf/httpd.conf', '--allow', '999.1.1.1'], 2, /--allow 999\.1\.1\.1: 999\.1\.1\.1 is not a valid IPv4 address/],
    [['maintenance', 'on', 'conf/httpd.conf', '--allow', 'admin-pc.example.invalid'], 1, /admin-pc\.example\.invalid is a host name.*--resolve/],
    [['maintenance', 'on', 'conf/httpd.conf', '--backup=yes'], 2, /--backup takes no value/],
  ];
  for (const [args, code, message] of cases) {
    const r = upkeep(dir, ...args);
    assert.equal(r.status, code, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
  assert.deepEqual(snapshot(dir), before, 'nothing was written');
});

test('an allowlist without the WebSphere servers is refused; --resolve writes addresses and lists them; --force is the deliberate case', t => {
  const dir = tempDir(t);
  deployment(dir, HTTPD, ['localhost', '10.20.0.12']);
  const conf = path.join(dir, 'conf', 'httpd.conf');
  const before = fs.readFileSync(conf);
  const refused = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf');
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /the allowlist would not contain localhost \(plugin-cfg\.xml \(Server n0_s of A\)\), which must keep access/);
  assert.ok(fs.readFileSync(conf).equals(before));

  const resolved = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf', '--resolve');
  assert.equal(resolved.status, 0, resolved.stderr);
  assert.match(resolved.stdout, /resolved localhost \(plugin-cfg\.xml \(Server n0_s of A\)\): (127\.0\.0\.1|::1)/);
  const text = fs.readFileSync(conf, 'utf8');
  assert.match(text, /# 10\.20\.0\.12: plugin-cfg\.xml/);
  assert.ok(!/RewriteCond[^\n]*localhost/.test(text), 'host names are written as addresses');
  assert.equal(upkeep(dir, 'maintenance', 'off', 'conf/httpd.conf').status, 0);
  assert.ok(fs.readFileSync(conf).equals(before));

  const forced = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf', '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stderr, /warning \(forced\): the allowlist would not contain localhost/);
});

test('atomic writes keep the file mode; --backup does not overwrite an older backup', t => {
  const dir = tempDir(t);
  deployment(dir, HTTPD);
  const conf = path.join(dir, 'conf', 'httpd.conf');
  fs.chmodSync(conf, 0o640);
  fs.writeFileSync(`${conf}.bak`, 'an older backup\n');
  const r = upkeep(dir, 'maintenance', 'on', 'conf/httpd.conf', '--backup');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(fs.statSync(conf).mode & 0o777, 0o640);
  assert.equal(fs.readFileSync(`${conf}.bak`, 'utf8'), 'an older backup\n');
  assert.match(fs.readFileSync(`${conf}.bak.1`, 'utf8'), /^ServerName localhost/);
  assert.match(r.stdout, /backup: conf\/httpd\.conf\.bak\.1/);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'conf')).filter(n => n.includes('upkeep')), [], 'no temporary file left');
});
