// Symbolic links checked out as plain files (Git with core.symlinks=false, the default of Git for Windows):
// the file holds the link's target path. Apache on the server follows the link; Upkeep reads the target in
// its place and says so once (httpd/link-placeholder) instead of "unknown directive" on a path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruleTester } from '../support/rule-tester';
import { checkConfig, requireApache } from '../support/apache';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { httpdConfigFor } from '../../server/src/httpd/config';
import { linkPlaceholder, placeholderPath } from '../../server/src/httpd/link-placeholder';
import { simulateRequest } from '../../server/src/httpd/simulate/simulate';

test('placeholderPath: a relative target with a slash, nothing else', () => {
  assert.equal(placeholderPath('../mods-available/ssl.load'), '../mods-available/ssl.load');
  assert.equal(placeholderPath('../sites-available/site.conf\n'), '../sites-available/site.conf', 'an editor added a line break');
  assert.equal(placeholderPath('../sites-available/site.conf\r\n'), '../sites-available/site.conf');
  assert.equal(placeholderPath('sub/extra.conf'), 'sub/extra.conf');
  for (const text of [
    '',
    'ssl.load', // no slash: a one-word directive, not a path
    '/etc/apache2/mods-available/ssl.load', // absolute: nothing in the workspace to vouch for
    'Include ../mods-available/ssl.load',
    '# ../mods-available/ssl.load',
    '<VirtualHost/>',
    '../a.conf\n../b.conf',
    '../a.conf\n\n',
    '"../a.conf"',
    '../a b.conf',
    `../${'x'.repeat(5000)}.conf`,
  ]) {
    assert.equal(placeholderPath(text), null, JSON.stringify(text.slice(0, 60)));
  }
});

const MODS = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\nLoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n';
/** Debian's layout with every -enabled entry a placeholder. */
const debian = (overrides: Record<string, string> = {}): Record<string, string> => ({
  '/ws/apache2/apache2.conf': MODS + 'IncludeOptional mods-enabled/*.load\nIncludeOptional sites-enabled/*.conf\n',
  '/ws/apache2/mods-available/rewrite.load': 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n',
  '/ws/apache2/mods-enabled/rewrite.load': '../mods-available/rewrite.load',
  '/ws/apache2/sites-available/site.conf': '<VirtualHost *:80>\n  ServerName www.example.test\n  RewriteEngine On\n</VirtualHost>\n',
  '/ws/apache2/sites-enabled/site.conf': '../sites-available/site.conf',
  ...overrides,
});

test('the model reads a placeholder\'s target where Apache would follow the link', () => {
  const project = new Project(new MemoryFileSystem(debian()), { roots: ['/ws'] });
  const cfg = httpdConfigFor(project, '/ws/apache2/apache2.conf');
  assert.ok(cfg.files.includes('/ws/apache2/mods-available/rewrite.load'), cfg.files.join(', '));
  assert.ok(cfg.files.includes('/ws/apache2/sites-available/site.conf'), cfg.files.join(', '));
  assert.ok(cfg.fileSet.has('/ws/apache2/sites-enabled/site.conf'), 'the placeholder belongs to the configuration too');
  assert.ok(cfg.modules.has('rewrite_module'), 'the module its mods-enabled placeholder enables is loaded');
  // The site, reached through its placeholder: mod_rewrite is loaded, nothing to report.
  const site = lintFile(project, '/ws/apache2/sites-available/site.conf')!;
  assert.deepEqual(site.findings.map(f => f.code), []);
  const link = linkPlaceholder(project, '/ws/apache2/sites-enabled/site.conf');
  assert.deepEqual(link, { written: '../sites-available/site.conf', target: '/ws/apache2/sites-available/site.conf' });
});

test('a chain of placeholders is followed to its end; a cycle or a missing target is not a placeholder', () => {
  const chain = new Project(
    new MemoryFileSystem({ '/ws/a/x.conf': '../b/x.conf', '/ws/b/x.conf': '../c/x.conf', '/ws/c/x.conf': 'ServerName c\n' }),
    { roots: ['/ws'] },
  );
  assert.deepEqual(linkPlaceholder(chain, '/ws/a/x.conf'), { written: '../b/x.conf', target: '/ws/c/x.conf' });
  const cycle = new Project(new MemoryFileSystem({ '/ws/a/x.conf': '../b/x.conf', '/ws/b/x.conf': '../a/x.conf' }), { roots: ['/ws'] });
  assert.equal(linkPlaceholder(cycle, '/ws/a/x.conf'), null);
  const dangling = new Project(new MemoryFileSystem({ '/ws/a/x.conf': '../b/x.conf' }), { roots: ['/ws'] });
  assert.equal(linkPlaceholder(dangling, '/ws/a/x.conf'), null);
});

ruleTester('httpd/link-placeholder', {
  valid: [
    { name: 'an ordinary drop-in', path: '/ws/apache2/sites-enabled/site.conf', text: '<VirtualHost *:80>\n  ServerName a.example.test\n</VirtualHost>\n', files: debian() },
    { name: 'a real link is read through by the file system: its text is the target\'s', text: MODS + 'ServerName a.example.test\n' },
  ],
  invalid: [
    {
      name: 'a mods-enabled placeholder',
      path: '/ws/apache2/mods-enabled/rewrite.load',
      text: '../mods-available/rewrite.load',
      files: debian(),
      findings: ['1:information'],
      messages: [/holds only the path \.\.\/mods-available\/rewrite\.load: a symbolic link checked out as a plain file.*reads \S*mods-available\/rewrite\.load in its place/],
    },
    {
      name: 'a sites-enabled placeholder with a line break an editor added',
      path: '/ws/apache2/sites-enabled/site.conf',
      text: '../sites-available/site.conf\n',
      files: debian(),
      findings: ['1:information'],
    },
  ],
});

test('a placeholder gets only httpd/link-placeholder, not "unknown directive" on its path', () => {
  const project = new Project(new MemoryFileSystem(debian()), { roots: ['/ws'] });
  const r = lintFile(project, '/ws/apache2/mods-enabled/rewrite.load')!;
  assert.deepEqual(r.findings.map(f => `${f.code}:${f.severity}`), ['httpd/link-placeholder:information']);
  // With the rule off, nothing: the file is still not read as directives.
  const off = new Project(new MemoryFileSystem(debian()), { roots: ['/ws'], config: { rules: { 'httpd/link-placeholder': 'off' } } });
  assert.deepEqual(lintFile(off, '/ws/apache2/mods-enabled/rewrite.load')!.findings, []);
  // A path whose target is not in the workspace is the text it is: Apache would refuse it.
  const dangling = new Project(new MemoryFileSystem(debian({ '/ws/apache2/mods-enabled/ssl.load': '../mods-available/ssl.load' })), { roots: ['/ws'] });
  const d = lintFile(dangling, '/ws/apache2/mods-enabled/ssl.load')!;
  assert.deepEqual(d.findings.map(f => f.code), ['httpd/unknown-directive']);
});

test('real Apache: through a symbolic link the configuration is accepted, the placeholder text is refused; Upkeep reads both alike', t => {
  if (!requireApache(t)) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-link-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const layout = (name: string, link: 'symlink' | 'placeholder') => {
    const root = path.join(dir, name);
    fs.mkdirSync(path.join(root, 'sites-available'), { recursive: true });
    fs.mkdirSync(path.join(root, 'sites-enabled'));
    fs.writeFileSync(path.join(root, 'sites-available', 'site.conf'), '<VirtualHost 127.0.0.1:80>\n  ServerName www.example.test\n  RewriteEngine On\n  RewriteRule ^/old$ /new [R=301,L]\n</VirtualHost>\n');
    const entry = path.join(root, 'sites-enabled', 'site.conf');
    if (link === 'symlink') fs.symlinkSync('../sites-available/site.conf', entry);
    else fs.writeFileSync(entry, '../sites-available/site.conf');
    const main = path.join(root, 'apache2.conf');
    fs.writeFileSync(main, `IncludeOptional ${root}/sites-enabled/*.conf\n`);
    return { root, main, entry };
  };
  const linked = layout('linked', 'symlink');
  const checkedOut = layout('checked-out', 'placeholder');
  const accepted = checkConfig(linked.main);
  assert.equal(accepted.ok, true, accepted.stderr);
  const refused = checkConfig(checkedOut.main);
  assert.equal(refused.ok, false, 'Apache reads the placeholder as a directive');
  assert.match(refused.message ?? '', /Invalid command '\.\.\/sites-available\/site\.conf'/);

  const findingsOf = (root: string, file: string) => {
    const project = new Project(undefined, { roots: [root] });
    return lintFile(project, file)!.findings.map(f => `${f.code}:${f.severity}`);
  };
  // The site itself: the same findings whether the link is real or a placeholder.
  assert.deepEqual(findingsOf(checkedOut.root, path.join(checkedOut.root, 'sites-available', 'site.conf')), findingsOf(linked.root, path.join(linked.root, 'sites-available', 'site.conf')));
  // The entry: read through the real link it is the site; as a placeholder it is one note.
  assert.deepEqual(findingsOf(checkedOut.root, checkedOut.entry), ['httpd/link-placeholder:information']);
  assert.ok(!findingsOf(linked.root, linked.entry).includes('httpd/link-placeholder:information'));
});

test('the request simulator reads a site enabled through a placeholder, as Apache reads it through the link', () => {
  const files = {
    '/srv/conf/httpd.conf': 'ServerRoot /srv\nServerName main.test\nListen 80\nDocumentRoot /srv/htdocs\nIncludeOptional conf/sites-enabled/*.conf\n',
    '/srv/htdocs/index.html': 'home',
    '/srv/site/index.html': 'site home',
    '/srv/conf/sites-available/site.conf': '<VirtualHost *:80>\n  ServerName www.site.test\n  DocumentRoot /srv/site\n</VirtualHost>\n',
    '/srv/conf/sites-enabled/site.conf': '../sites-available/site.conf',
  };
  const project = new Project(new MemoryFileSystem(files), {});
  const r = simulateRequest(project, '/srv/conf/httpd.conf', { from: '10.0.0.1', url: 'http://www.site.test/' });
  assert.equal(r.status, 200);
  assert.match(r.vhost.name, /www\.site\.test/);
  assert.deepEqual(r.body, { kind: 'file', path: '/srv/site/index.html' });
});
