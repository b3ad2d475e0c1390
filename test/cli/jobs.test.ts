// Worker threads over files give the same bytes as one thread (text, json, sarif); progress goes to a
// terminal only, after the first second, and is erased.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo';
import { Progress } from '../../server/src/cli/progress';

const run = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });

test('--jobs 3 gives byte-identical output to --jobs 1 (text, json, sarif) on a 80-file deployment with findings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-jobs-'));
  try {
    fs.mkdirSync(path.join(dir, 'conf', 'conf.d'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'htdocs'));
    fs.writeFileSync(path.join(dir, 'htdocs', 'maintenance.html'), 'down\n');
    fs.writeFileSync(
      path.join(dir, 'conf', 'httpd.conf'),
      `ServerRoot "${dir}"\nListen 8080\nLoadModule rewrite_module modules/mod_rewrite.so\nWebSpherePluginConfig ${dir}/plugin-cfg.xml\nIncludeOptional conf/conf.d/*.conf\n`,
    );
    for (let i = 0; i < 78; i++) {
      fs.writeFileSync(
        path.join(dir, 'conf', 'conf.d', `site${String(i).padStart(2, '0')}.conf`),
        `<VirtualHost *:8080>\n  ServerName s${i}.example.test\n  DocumentRoot "${dir}/htdocs"\n  RewriteEngine On\n  RewriteCond %{REMOTE_HOST} !^10.0.0.${i}\n  RewriteRule ^ - [R=503,L]\n  ErrorDocument 503 /maintenance.htm\n  ${i % 7 === 0 ? 'ServerNmae typo' : 'ServerAlias x'}\n</VirtualHost>\n`,
      );
    }
    fs.writeFileSync(
      path.join(dir, 'plugin-cfg.xml'),
      `<?xml version="1.0"?>\n<Config>\n<ServerCluster Name="C"><Server Name="a" CloneId="x1"><Transport Hostname="10.1.0.1" Port="9080" Protocol="http"/></Server><PrimaryServers><Server Name="a"/></PrimaryServers></ServerCluster>\n</Config>\n`,
    );
    for (const format of ['text', 'json', 'sarif']) {
      const one = run(dir, 'lint', '-f', format, '-j', '1', '.');
      const three = run(dir, 'lint', '-f', format, '--jobs', '3', '.');
      assert.equal(one.status, 1, one.stderr);
      assert.equal(three.status, one.status, three.stderr);
      assert.ok(one.stdout.length > 10_000, `${format}: a real amount of output`);
      // On a mismatch, say how the --jobs 3 process ended: its status, signal and what it wrote on stderr.
      assert.equal(three.stdout, one.stdout, `${format}: same bytes (--jobs 3: status ${three.status}, signal ${three.signal}, stderr: ${three.stderr.slice(0, 2000) || 'empty'})`);
      assert.equal(three.stderr, '', 'no progress when stderr is not a terminal');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Progress: a terminal only, after the delay, erased at the end', async () => {
  const writes: string[] = [];
  const pipe = new Progress(10, { isTTY: false, write: s => writes.push(s) }, 0);
  pipe.tick();
  pipe.done();
  assert.equal(writes.length, 0);
  const tty = new Progress(10, { isTTY: true, write: s => writes.push(s) }, 0);
  await new Promise(r => setTimeout(r, 5));
  tty.tick(4);
  tty.done();
  assert.deepEqual(writes, ['\r\x1b[Kupkeep: 4/10 files checked', '\r\x1b[K']);
  const quick = new Progress(10, { isTTY: true, write: s => writes.push(s) });
  quick.tick();
  quick.done();
  assert.equal(writes.length, 2, 'nothing within the first second');
});
