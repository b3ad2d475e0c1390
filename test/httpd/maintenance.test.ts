import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import '../../server/src/languages';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { applyOffsetEdits } from '../../server/src/engine/text';
import type { FileChange } from '../../server/src/engine/rules';
import { enterMaintenance, findMaintenanceBlocks, leaveMaintenance } from '../../server/src/httpd/maintenance';

const ROOT = '/srv/conf/httpd.conf';

function apply(fs: MemoryFileSystem, changes: FileChange[]): void {
  for (const c of changes) {
    if (c.create !== undefined) fs.write(c.path, c.create);
    else if (c.edits) fs.write(c.path, applyOffsetEdits(fs.readText(c.path)!.text, c.edits));
  }
}

function setup(files: Record<string, string>, opts = {}) {
  const fs = new MemoryFileSystem(files);
  const project = new Project(fs, { roots: ['/srv'], ...opts });
  return { fs, project };
}

function roundTrip(files: Record<string, string>, allow: string[] = []) {
  const { fs, project } = setup(files);
  const plan = enterMaintenance(project, ROOT, { allow });
  apply(fs, plan.changes);
  project.touch();
  const after = Object.fromEntries(Object.keys(files).map(p => [p, fs.readText(p)!.text]));
  const left = leaveMaintenance(project, ROOT);
  apply(fs, left.changes);
  project.touch();
  const back = Object.fromEntries(Object.keys(files).map(p => [p, fs.readText(p)!.text]));
  return { plan, after, back, left };
}

test('enter writes the allowlist, the page exemption, the rule, ErrorDocument and Retry-After', () => {
  const conf = 'ServerRoot /srv\nLoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\nListen 80\n';
  const { after, plan } = roundTrip({ [ROOT]: conf }, ['10.20.0.11', '10.30.0.0/23']);
  assert.equal(plan.virtualHosts, 0);
  const added = after[ROOT].slice(conf.length);
  assert.equal(
    added,
    [
      '# >>> Upkeep maintenance mode: begin. Remove with "Upkeep: Leave maintenance mode" or `upkeep maintenance off`.',
      '<IfModule !mod_rewrite.c>',
      '    LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so',
      '</IfModule>',
      'RewriteEngine On',
      '# 127.0.0.1: loopback',
      'RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.1$',
      '# ::1: loopback',
      'RewriteCond %{REMOTE_ADDR} !^::1$',
      '# 10.20.0.11: given allowlist',
      'RewriteCond %{REMOTE_ADDR} !^10\\.20\\.0\\.11$',
      '# 10.30.0.0/23: given allowlist',
      'RewriteCond %{REMOTE_ADDR} !^10\\.30\\.[0-1]\\.[0-9]{1,3}$',
      'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$',
      'RewriteCond %{REQUEST_URI} !^/maintenance/',
      'RewriteRule ^ - [R=503,L]',
      'ErrorDocument 503 /maintenance.html',
      '<IfModule mod_headers.c>',
      '    Header always set Retry-After "3600"',
      '</IfModule>',
      '# <<< Upkeep maintenance mode: end.',
      '',
    ].join('\n'),
  );
});

test('no LoadModule when the config already loads mod_rewrite', () => {
  const conf = 'LoadModule rewrite_module modules/mod_rewrite.so\n';
  const { after } = roundTrip({ [ROOT]: conf });
  assert.ok(!after[ROOT].slice(conf.length).includes('LoadModule'));
});

test('enter then leave gives back the same bytes: LF, CRLF, BOM, no final line break, tabs', () => {
  const samples = [
    'Listen 80\n<VirtualHost *:80>\n    ServerName a\n</VirtualHost>\n',
    '\uFEFFListen 80\r\n<VirtualHost *:443>\r\n\tServerName b\r\n</VirtualHost>\r\n',
    'Listen 80\n<VirtualHost *:80>\n</VirtualHost>',
    '',
    '# only a comment',
  ];
  for (const s of samples) {
    const { after, back } = roundTrip({ [ROOT]: s });
    assert.notEqual(after[ROOT], s);
    assert.equal(back[ROOT], s, JSON.stringify(s));
  }
});

test('CRLF files get CRLF blocks; vhost blocks take the vhost indentation', () => {
  const s = 'Listen 80\r\n<VirtualHost *:80>\r\n\tServerName b\r\n</VirtualHost>\r\n';
  const { after } = roundTrip({ [ROOT]: s });
  assert.ok(!/[^\r]\n/.test(after[ROOT]), 'every line break is CRLF');
  assert.match(after[ROOT], /<VirtualHost \*:80>\r\n\t# >>> Upkeep maintenance mode.*\r\n\tRewriteEngine On\r\n/);
});

test('every virtual host gets the block, also in included files; entering twice inserts nothing', () => {
  const files = {
    [ROOT]: 'ServerRoot /srv\nListen 80\nInclude conf/sites/*.conf\n',
    '/srv/conf/sites/a.conf': '<VirtualHost *:80>\n  ServerName a\n</VirtualHost>\n',
    '/srv/conf/sites/b.conf': '<IfModule mod_ssl.c>\n<VirtualHost *:443>\n  ServerName b\n</VirtualHost>\n</IfModule>\n',
  };
  const { fs, project } = setup(files);
  const plan = enterMaintenance(project, ROOT);
  assert.equal(plan.virtualHosts, 2);
  assert.deepEqual(plan.changes.map(c => c.path).sort(), Object.keys(files).sort());
  apply(fs, plan.changes);
  project.touch();
  const again = enterMaintenance(project, ROOT);
  assert.equal(again.alreadyOn, true);
  assert.equal(again.changes.length, 0);
  for (const p of Object.keys(files)) assert.equal(findMaintenanceBlocks(fs.readText(p)!.text).length, 1);
  const left = leaveMaintenance(project, ROOT);
  assert.equal(left.blocks, 3);
  apply(fs, left.changes);
  for (const [p, t] of Object.entries(files)) assert.equal(fs.readText(p)!.text, t);
});

test('existing Allow from / Require ip lines join the allowlist; host names are reported, not used', () => {
  const conf = [
    'Listen 80',
    '<Location />',
    '  Require ip 192.0.2.10 198.51.100.0/24',
    '</Location>',
    '<Directory /x>',
    '  Allow from 203.0.113.5 admin.example.com',
    '</Directory>',
    '',
  ].join('\n');
  const { project } = setup({ [ROOT]: conf }, { maintenanceHosts: ['was-node1.example.com', '10.9.9.9'] });
  const plan = enterMaintenance(project, ROOT);
  assert.deepEqual(
    plan.allowed.map(a => a.entry.text),
    ['127.0.0.1', '::1', '10.9.9.9', '192.0.2.10', '198.51.100.0/24', '203.0.113.5'],
  );
  assert.deepEqual(plan.skipped.map(s => s.text), ['was-node1.example.com', 'admin.example.com']);
  assert.match(plan.skipped[0].reason, /host name/);
});

test('status 500, a custom page and the page template', () => {
  const files = { [ROOT]: 'ServerRoot /srv\nDocumentRoot /srv/htdocs\n', '/srv/htdocs/index.html': 'hi' };
  const { project } = setup(files);
  const plan = enterMaintenance(project, ROOT, { status: 500, page: '/upgrading.html', createPage: true });
  const edit = plan.changes.find(c => c.path === ROOT)!.edits![0].newText;
  assert.match(edit, /RewriteRule \^ - \[R=500,L\]/);
  assert.match(edit, /ErrorDocument 500 \/upgrading\.html/);
  assert.match(edit, /RewriteCond %\{REQUEST_URI\} !\^\/upgrading\\\.html\$/);
  assert.match(edit, /RewriteCond %\{REQUEST_URI\} !\^\/upgrading\//);
  const created = plan.changes.find(c => c.create !== undefined);
  assert.equal(created?.path, '/srv/htdocs/upgrading.html');
  assert.match(created!.create!, /scheduled maintenance/);
});

test('property: enter + leave is the identity on generated configs', () => {
  const line = fc.constantFrom('Listen 80', '# c', '', '  ServerName x', 'DocumentRoot /d', 'Require ip 10.0.0.1');
  const eol = fc.constantFrom('\n', '\r\n');
  fc.assert(
    fc.property(fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 4 }), eol, fc.boolean(), (top, inner, nl, finalEol) => {
      let text = [...top, '<VirtualHost *:80>', ...inner, '</VirtualHost>'].join(nl);
      if (finalEol) text += nl;
      const { back } = roundTrip({ [ROOT]: text });
      assert.equal(back[ROOT], text);
    }),
    { numRuns: 300 },
  );
});
