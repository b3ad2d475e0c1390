// `upkeep maintenance on|off` on a copy of the bundled example deployment: the WebSphere nodes of the
// plugin-cfg.xml that httpd.conf names are allowlisted (the CLI looks in the server's folder, not only in
// conf/), the SSL virtual host in the included file gets its block, and off gives back every byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/apache';

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

test('maintenance on/off on the example deployment, run from its folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-cli-maint-'));
  try {
    fs.cpSync(path.join(repoRoot(), 'examples'), dir, { recursive: true });
    const before = snapshot(dir);
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const on = run('maintenance', 'on', 'ihs/conf/httpd.conf');
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /allowlisted: 127\.0\.0\.1, ::1, 10\.20\.0\.11, 10\.20\.0\.12\b/);
    const httpd = fs.readFileSync(path.join(dir, 'ihs/conf/httpd.conf'), 'utf8');
    assert.match(httpd, /# 10\.20\.0\.11: plugin-cfg\.xml \(Server was-node1_\w+ of \w+\)\nRewriteCond %\{REMOTE_ADDR\} !\^10\\\.20\\\.0\\\.11\$/);
    assert.match(fs.readFileSync(path.join(dir, 'ihs/conf/ssl.conf'), 'utf8'), /<VirtualHost \*:443>\n    # >>> Upkeep maintenance mode/);
    assert.equal(run('maintenance', 'status', 'ihs/conf/httpd.conf').status, 0);
    const off = run('maintenance', 'off', 'ihs/conf/httpd.conf');
    assert.equal(off.status, 0, off.stderr);
    assert.equal(run('maintenance', 'status', 'ihs/conf/httpd.conf').status, 3);
    assert.deepEqual(snapshot(dir), before, 'every file is back byte for byte');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
