// Files recognised by content whatever their extension (copies and templates of configs, extension-less
// files under httpd folders), and a directory walk that reaches a file through a symlink (Debian's
// mods-enabled -> mods-available) linting it once. The walk is checked through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { classifyFile, mayBeHttpd, onePerFile } from '../../server/src/engine/files';
import { repoRoot } from '../support/repo';

const APACHE = 'ServerName www.example.test\n<Directory "/srv/www">\n    Require all granted\n</Directory>\n';
const HTACCESS = 'RewriteEngine On\nRewriteBase /\nOptions -Indexes\n';

test('copies, templates and extension-less files under httpd folders are httpd when their content says so', () => {
  const yes: [string, string][] = [
    ['/x/conf/httpd.conf.dist', APACHE],
    ['/x/web/.htaccess.dist', HTACCESS],
    ['/x/upload/.htaccess.txt', HTACCESS],
    ['/x/config/webserver/apache2_ssl_443.example', APACHE],
    ['/x/config/apache2.conf.example', APACHE],
    ['/x/deploy/site.apache22', APACHE],
    ['/x/etc/apache2/sites-available/example', APACHE],
    ['/x/gentoo/vhosts.d/default_vhost.include', APACHE],
    ['/x/deploy/httpd_conf', APACHE],
  ];
  for (const [p, text] of yes) {
    assert.ok(mayBeHttpd(p), `${p} is worth reading`);
    assert.equal(classifyFile(p, text), 'apacheconf', p);
  }
  // The folder or the name only makes a file a candidate: its content must read like Apache configuration.
  const no: [string, string][] = [
    ['/x/etc/apache2/sites-available/README', 'Put one site per file here.\nRun a2ensite NAME to enable it.\n'],
    ['/x/config/webserver/nginx.example', 'server {\n  listen 80;\n  location / { }\n}\n'],
    ['/x/owncloud/tests/data/setUploadLimit/htaccess', '# just a comment\n'],
    ['/x/deploy/settings.example', 'ServerName is set in another file\n'],
  ];
  for (const [p, text] of no) assert.equal(classifyFile(p, text), null, p);
  for (const p of ['/x/etc/apache2/mods-available/x.so', '/x/apache2/logo.png', '/x/src/main.ts', '/x/docs/notes.txt']) {
    assert.ok(!mayBeHttpd(p), `${p} is not read`);
  }
});

test('onePerFile keeps the real file of a group reached through links, in first-seen order', () => {
  const real = (p: string) => p.replace('/mods-enabled/', '/mods-available/');
  const got = onePerFile(
    [{ abs: '/e/mods-available/a.conf' }, { abs: '/e/mods-enabled/b.conf' }, { abs: '/e/mods-available/b.conf' }, { abs: '/e/mods-enabled/a.conf' }],
    real,
  );
  assert.deepEqual(got.map(e => e.abs), ['/e/mods-available/a.conf', '/e/mods-available/b.conf']);
  assert.deepEqual(
    onePerFile([{ abs: '/gone' }], () => {
      throw new Error('ENOENT');
    }).map(e => e.abs),
    ['/gone'],
  );
});

test('upkeep lint on a Debian-style tree reports a symlinked file once and lints files by content', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-walk-'));
  try {
    const etc = path.join(dir, 'apache2');
    for (const d of ['mods-available', 'mods-enabled', 'sites-available', 'sites-enabled']) fs.mkdirSync(path.join(etc, d), { recursive: true });
    fs.writeFileSync(path.join(etc, 'mods-available', 'broken.conf'), '<IfModule mod_alias.c>\n    Aliass /icons/ "/usr/share/apache2/icons/"\n</IfModule>\n');
    fs.symlinkSync('../mods-available/broken.conf', path.join(etc, 'mods-enabled', 'broken.conf'));
    // A site without extension, linked into sites-enabled, with an error of its own.
    fs.writeFileSync(path.join(etc, 'sites-available', 'example'), '<VirtualHost *:80>\n    ServerName www.example.test\n    DocumentRoott /srv/www\n</VirtualHost>\n');
    fs.symlinkSync('../sites-available/example', path.join(etc, 'sites-enabled', 'example'));
    fs.writeFileSync(path.join(etc, 'sites-available', 'README'), 'Sites go here.\n');
    const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), 'lint', 'apache2', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const findings = JSON.parse(r.stdout) as { file: string; code: string; line: number }[];
    const unknown = findings.filter(f => f.code === 'httpd/unknown-directive').map(f => `${f.file}:${f.line}`);
    assert.deepEqual(unknown, ['apache2/mods-available/broken.conf:2', 'apache2/sites-available/example:3'], 'each typo once, on the real file');
    const text = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), 'lint', 'apache2'], { cwd: dir, encoding: 'utf8' });
    assert.match(text.stdout, /^2 files checked/m, 'README is not httpd; each linked file counts once');
    // A linked folder inside the walk, and the same tree named twice (once through a link to it): still
    // each file once, reported on the real one.
    fs.symlinkSync('sites-available', path.join(etc, 'sites-linked'), 'dir');
    fs.symlinkSync('apache2', path.join(dir, 'apache-link'), 'dir');
    const twice = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), 'lint', 'apache-link', 'apache2', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    const again = (JSON.parse(twice.stdout) as { file: string; code: string; line: number }[]).filter(f => f.code === 'httpd/unknown-directive').map(f => `${f.file}:${f.line}`);
    assert.deepEqual(again, ['apache2/mods-available/broken.conf:2', 'apache2/sites-available/example:3'], twice.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('corpus: template copies of real configs are recognised', t => {
  const corpus = path.resolve(repoRoot(), '..', 'shared', 'corpus', 'httpd');
  const files = ['mconf-web/config/webserver/apache2.example', 'mconf-web/historic/config/apache2.conf.example', 'certbot/apache-conf-files/passing/finalize-1243.apache2.conf.txt'];
  const present = files.filter(f => fs.existsSync(path.join(corpus, f)));
  if (!present.length) {
    t.skip(`corpus not found at ${corpus}`);
    return;
  }
  for (const f of present) assert.equal(classifyFile(path.join(corpus, f), fs.readFileSync(path.join(corpus, f), 'latin1')), 'apacheconf', f);
});
