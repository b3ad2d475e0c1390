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
    // The example's maintenance.conf holds the vendor's hand-written stanza: status says so, and "on"
    // refuses to add a second one (nothing written) unless forced or asked to replace it.
    const status = run('maintenance', 'status', 'ihs/conf/httpd.conf');
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /^on: hand-written maintenance stanza, not managed by Upkeep: ihs\/conf\/maintenance\.conf:6 \(RewriteRule !\^\/upgrading\.htm\$ \/upgrading\.htm \[L,R=500\]\)/);
    const refused = run('maintenance', 'on', 'ihs/conf/httpd.conf');
    assert.equal(refused.status, 1, refused.stdout);
    assert.match(refused.stderr, /hand-written maintenance stanza is active in maintenance\.conf:6/);
    assert.deepEqual(snapshot(dir), before, 'a refusal writes nothing');
    const on = run('maintenance', 'on', 'ihs/conf/httpd.conf', '--force');
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /page \/upgrading\.html: reused from ErrorDocument 401 in maintenance\.conf:3/);
    assert.match(on.stdout, /allowlisted: 127\.0\.0\.1, ::1, 10\.20\.0\.11, 10\.20\.0\.12\b/);
    const httpd = fs.readFileSync(path.join(dir, 'ihs/conf/httpd.conf'), 'utf8');
    assert.match(httpd, /# 10\.20\.0\.11: plugin-cfg\.xml \(Server was-node1_\w+ of \w+\)\nRewriteCond %\{REMOTE_ADDR\} !\^10\\\.20\\\.0\\\.11\$/);
    assert.match(fs.readFileSync(path.join(dir, 'ihs/conf/ssl.conf'), 'utf8'), /<VirtualHost \*:443>\n    # >>> Upkeep maintenance mode/);
    assert.equal(run('maintenance', 'status', 'ihs/conf/httpd.conf').status, 0);
    const off = run('maintenance', 'off', 'ihs/conf/httpd.conf');
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stderr, /a hand-written maintenance stanza is still active in ihs\/conf\/maintenance\.conf/);
    const after = run('maintenance', 'status', 'ihs/conf/httpd.conf');
    assert.equal(after.status, 0, 'the hand-written stanza is still on');
    assert.match(after.stdout, /^on: hand-written/);
    assert.deepEqual(snapshot(dir), before, 'every file is back byte for byte');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('maintenance on --replace turns the example\'s hand-written stanza into one managed block; off leaves it commented out', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-cli-replace-'));
  try {
    fs.cpSync(path.join(repoRoot(), 'examples'), dir, { recursive: true });
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const maint = path.join(dir, 'ihs/conf/maintenance.conf');
    const before = fs.readFileSync(maint, 'utf8');
    const on = run('maintenance', 'on', 'ihs/conf/httpd.conf', '--replace');
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /replaced the hand-written stanza at ihs\/conf\/maintenance\.conf:6 \(4 lines commented out/);
    assert.match(on.stdout, /allowlisted: 127\.0\.0\.1, ::1, 10\.20\.0\.11, 10\.20\.0\.12/);
    const after = fs.readFileSync(maint, 'utf8');
    assert.equal(after, before.replace(/^(RewriteCond|RewriteRule|ErrorDocument 500)/gm, '# upkeep-replaced: $1'));
    const status = run('maintenance', 'status', 'ihs/conf/httpd.conf');
    assert.equal(status.status, 0);
    assert.match(status.stdout, /^on \(ihs\/conf\/httpd\.conf, ihs\/conf\/ssl\.conf\)\n$/, 'one managed maintenance, no hand-written one left');
    const lint = run('lint', 'ihs');
    assert.doesNotMatch(lint.stdout, /httpd\/(maintenance-page|rewrite-not-inherited|remote-host|allowlist-regex|maintenance-marker)/, lint.stdout);
    const off = run('maintenance', 'off', 'ihs/conf/httpd.conf');
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stdout, /stays commented out/);
    assert.equal(run('maintenance', 'status', 'ihs/conf/httpd.conf').status, 3);
    assert.equal(fs.readFileSync(maint, 'utf8'), after, 'off removes only what on inserted');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('maintenance on/off/status on an included file act on the configuration that includes it (not on the file alone)', () => {
  // Before: `on conf/extra/c.conf` read c.conf as a configuration of its own (block in the drop-in, no
  // DocumentRoot, virtual hosts of the other drop-ins left open) and `status conf/extra/empty.conf` said
  // "off" while httpd.conf was on. Included files without blocks (empty, comments only, no final line
  // break) must not change the answer.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-cli-maint-incl-'));
  try {
    const files: Record<string, string> = {
      'conf/httpd.conf': `ServerRoot "${dir}"\nListen 80\nDocumentRoot "${dir}/htdocs"\nInclude conf/extra/*.conf\n`,
      'conf/extra/empty.conf': '',
      'conf/extra/comment.conf': '# only a comment\n',
      'conf/extra/vhost.conf': '<VirtualHost *:80>\r\n    ServerName a\r\n</VirtualHost>',
      'htdocs/maintenance.html': '<p>back soon</p>\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const before = snapshot(dir);
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const off0 = run('maintenance', 'status', 'conf/extra/empty.conf');
    assert.deepEqual([off0.status, off0.stdout], [3, 'off\n'], off0.stderr);
    const on = run('maintenance', 'on', 'conf/extra/comment.conf');
    assert.equal(on.status, 0, on.stderr);
    assert.match(on.stdout, /: conf\/httpd\.conf, conf\/extra\/vhost\.conf; 1 virtual host;/);
    assert.equal(fs.readFileSync(path.join(dir, 'conf/extra/comment.conf'), 'utf8'), files['conf/extra/comment.conf'], 'no block in the drop-in');
    for (const asked of ['conf/extra/empty.conf', 'conf/extra/comment.conf', 'conf/extra/vhost.conf', 'conf/httpd.conf']) {
      const st = run('maintenance', 'status', asked);
      assert.deepEqual([st.status, st.stdout], [0, 'on (conf/httpd.conf, conf/extra/vhost.conf)\n'], `status ${asked}: ${st.stderr}`);
    }
    const off = run('maintenance', 'off', 'conf/extra/empty.conf');
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stdout, /removed 2 blocks from conf\/httpd\.conf, conf\/extra\/vhost\.conf/);
    assert.deepEqual(snapshot(dir), before, 'off gives back every byte (CRLF, no final line break)');
    const again = run('maintenance', 'off', 'conf/extra/vhost.conf');
    assert.deepEqual([again.status, again.stdout], [0, 'maintenance mode was not on: nothing to remove\n']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
