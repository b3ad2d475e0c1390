// Maintenance state that cannot lie: managed blocks, damaged blocks (a marker missing), lines added
// inside a block, hand-written stanzas (the vendor's RewriteCond/RewriteRule and <Location> forms),
// and the page the configuration already names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../../server/src/languages';
import type { FileChange } from '../../server/src/engine/rules';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { enterMaintenance, leaveMaintenance, maintenanceState } from '../../server/src/httpd/maintenance';
import { repoRoot } from '../support/repo';
import { lintText, ruleTester } from '../support/rule-tester';

const ROOT = '/srv/conf/httpd.conf';
const SSL = '/srv/conf/ssl.conf';
const BASE = 'ServerRoot /srv\nDocumentRoot /srv/htdocs\nInclude conf/ssl.conf\n';
const VHOST = '<VirtualHost *:443>\n    ServerName a\n</VirtualHost>\n';

function setup(files: Record<string, string>) {
  const mem = new MemoryFileSystem(files);
  const project = new Project(mem, { roots: ['/srv'] });
  const apply = (changes: FileChange[]) => {
    for (const c of changes) {
      if (c.create !== undefined) mem.write(c.path, c.create);
      else if (c.edits) mem.write(c.path, applyOffsetEdits(mem.readText(c.path)!.text, c.edits));
    }
    project.touch();
  };
  return { mem, project, apply, text: (p: string) => mem.readText(p)!.text };
}

test('a block whose end marker was deleted: status says damaged, off refuses naming the line, lint reports it', () => {
  const s = setup({ [ROOT]: BASE, [SSL]: VHOST, '/srv/htdocs/index.html': 'x' });
  s.apply(enterMaintenance(s.project, ROOT, { createPage: true }).changes);
  assert.equal(maintenanceState(s.project, ROOT).managed, true);
  // The admin deletes the end marker of the server-level block by hand.
  s.mem.write(ROOT, s.text(ROOT).replace(/# <<< Upkeep maintenance mode: end\.\n$/, ''));
  s.project.touch();
  const state = maintenanceState(s.project, ROOT);
  assert.equal(state.damaged.length, 1);
  assert.match(state.damaged[0], /^\/srv\/conf\/httpd\.conf: line 4: an Upkeep maintenance block begins here but its end marker .* is missing/);
  const off = leaveMaintenance(s.project, ROOT);
  assert.deepEqual(off.refusals.map(r => [r.forceable, r.reason.slice(0, 25)]), [[false, 'httpd.conf: line 4: an Up']]);
  const found = lintText({ path: ROOT, text: s.text(ROOT), files: { [SSL]: s.text(SSL) } }).findings.filter(f => f.code === 'httpd/maintenance-marker');
  assert.equal(found.length, 1);
  assert.equal(found[0].severity, 'error');
  assert.match(found[0].message, /lost its end marker/);
  // "on" does not add another block over a damaged one either.
  assert.ok(enterMaintenance(s.project, ROOT).refusals.some(r => !r.forceable));
});

test('a line an admin added inside a block: off refuses (forceable) and names it; lint warns', () => {
  const s = setup({ [ROOT]: BASE, [SSL]: VHOST });
  s.apply(enterMaintenance(s.project, ROOT, { allow: ['10.1.2.3'] }).changes);
  const withLine = s.text(SSL).replace('    RewriteRule ^ - [R=503,L]\n', '    RewriteCond %{REMOTE_ADDR} !^10\\.9\\.9\\.9$\n    RewriteRule ^ - [R=503,L]\n    Header set X-Maintenance yes\n');
  s.mem.write(SSL, withLine);
  s.project.touch();
  const off = leaveMaintenance(s.project, ROOT);
  assert.deepEqual(
    off.foreign.map(f => `${path.basename(f.file)}:${f.line} ${f.text}`),
    ['ssl.conf:12 RewriteCond %{REMOTE_ADDR} !^10\\.9\\.9\\.9$', 'ssl.conf:14 Header set X-Maintenance yes'],
  );
  assert.ok(off.refusals.every(r => r.forceable) && off.refusals.length === 2);
  const warned = lintText({ path: SSL, text: withLine, files: { [ROOT]: s.text(ROOT) } }).findings.filter(f => f.code === 'httpd/maintenance-marker');
  assert.deepEqual(warned.map(f => f.severity), ['warning', 'warning']);
  // Lines Upkeep wrote (including its own allowlist entries with their comments) are not reported.
  assert.equal(lintText({ path: ROOT, text: s.text(ROOT), files: { [SSL]: VHOST } }).findings.filter(f => f.code === 'httpd/maintenance-marker').length, 0);
});

test("the vendor's <Location> form is hand-written maintenance: reported, and --replace turns it into one managed block", () => {
  const stanza = '<Location / >\nOrder Deny,Allow\nDeny from all\nAllow from 10.1.2.3\n</Location>\n';
  const s = setup({ [ROOT]: BASE + stanza, [SSL]: VHOST, '/srv/htdocs/upgrading.html': 'x' });
  const state = maintenanceState(s.project, ROOT);
  assert.equal(state.on, true);
  assert.equal(state.managed, false);
  assert.deepEqual(state.handWritten.map(h => [h.kind, h.allow]), [['location', ['10.1.2.3']]]);
  const plain = enterMaintenance(s.project, ROOT);
  assert.ok(plain.refusals.some(r => r.forceable && /hand-written maintenance stanza is active in httpd\.conf:4/.test(r.reason)));
  const replaced = enterMaintenance(s.project, ROOT, { replace: true });
  assert.deepEqual(replaced.refusals, []);
  assert.ok(replaced.allowed.some(a => a.entry.text === '10.1.2.3'), 'its allowlist is kept');
  s.apply(replaced.changes);
  assert.ok(s.text(ROOT).includes('# upkeep-replaced: <Location / >\n# upkeep-replaced: Order Deny,Allow\n'));
  const after = maintenanceState(s.project, ROOT);
  assert.deepEqual([after.managed, after.handWritten.length], [true, 0]);
  assert.equal(lintText({ path: ROOT, text: s.text(ROOT), files: { [SSL]: s.text(SSL) } }).findings.filter(f => f.code === 'httpd/access-403-plugin').length, 0);
  s.apply(leaveMaintenance(s.project, ROOT).changes);
  assert.equal(maintenanceState(s.project, ROOT).on, false, 'after off, nothing answers 503 or 403');
});

test('the page: the one an ErrorDocument names (an existing one first), else the default created from the template', () => {
  const named = setup({ [ROOT]: BASE + 'ErrorDocument 500 /gone.html\nErrorDocument 503 /upgrading.html\n', [SSL]: VHOST, '/srv/htdocs/upgrading.html': 'x' });
  const p1 = enterMaintenance(named.project, ROOT, { createPage: true });
  assert.deepEqual([p1.page, p1.pageSource, p1.pageState], ['/upgrading.html', 'ErrorDocument 503 in httpd.conf:5', 'exists']);
  assert.ok(!p1.changes.some(c => c.create !== undefined), 'nothing created');
  const none = setup({ [ROOT]: BASE, [SSL]: VHOST, '/srv/htdocs/index.html': 'x' });
  const p2 = enterMaintenance(none.project, ROOT, { createPage: true });
  assert.deepEqual([p2.page, p2.pageSource, p2.pageState], ['/maintenance.html', 'default', 'created']);
  assert.deepEqual(p2.changes.filter(c => c.create !== undefined).map(c => c.path), ['/srv/htdocs/maintenance.html']);
  const p3 = enterMaintenance(none.project, ROOT, { createPage: false });
  assert.equal(p3.pageState, 'missing', 'the caller is told');
});

test('CLI: status of a damaged block exits 1; off refuses naming the line and writes nothing', t => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-state-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.mkdirSync(path.join(dir, 'htdocs'));
  fs.writeFileSync(path.join(dir, 'conf', 'httpd.conf'), `DocumentRoot "${dir}/htdocs"\n<VirtualHost *:80>\n    ServerName a\n</VirtualHost>\n`);
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), ...args], { cwd: dir, encoding: 'utf8' });
  const on = run('maintenance', 'on', 'conf/httpd.conf');
  assert.equal(on.status, 0, on.stderr);
  assert.match(on.stdout, /created htdocs\/maintenance\.html from the template/);
  const conf = path.join(dir, 'conf', 'httpd.conf');
  // Remove the end marker of the virtual host's block.
  const damaged = fs.readFileSync(conf, 'utf8').replace('    # <<< Upkeep maintenance mode: end.\n', '');
  fs.writeFileSync(conf, damaged);
  const status = run('maintenance', 'status', 'conf/httpd.conf');
  assert.equal(status.status, 1);
  assert.match(status.stderr, /damaged maintenance block: conf\/httpd\.conf: line 3: an Upkeep maintenance block begins here/);
  const off = run('maintenance', 'off', 'conf/httpd.conf');
  assert.equal(off.status, 1);
  assert.match(off.stderr, /httpd\.conf: line 3: .*put the end marker back/);
  const forced = run('maintenance', 'off', 'conf/httpd.conf', '--force');
  assert.equal(forced.status, 1, 'a damaged block cannot be forced');
  assert.equal(fs.readFileSync(conf, 'utf8'), damaged);
});

ruleTester('httpd/maintenance-marker', {
  valid: [
    { text: 'ServerName a\n# >>> Upkeep maintenance mode: begin.\nRewriteEngine On\nRewriteRule ^ - [R=503,L]\n# <<< Upkeep maintenance mode: end.\n' },
    { text: 'ServerName a\n# Upkeep maintenance mode is documented in the wiki\n' },
  ],
  invalid: [
    { text: 'ServerName a\n# >>> Upkeep maintenance mode: begin.\nRewriteEngine On\n', findings: [2], messages: ['lost its end marker'] },
    { text: 'RewriteEngine On\n# <<< Upkeep maintenance mode: end.\n', findings: [2], messages: ['has no begin marker'] },
    { text: '# >>> Upkeep maintenance mode: begin.\nServerAdmin x@y\n# <<< Upkeep maintenance mode: end.\n', findings: [2], messages: ['Upkeep did not write it'] },
  ],
});
