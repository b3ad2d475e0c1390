// The request simulator on in-memory configurations: the steps it reports, "cannot tell" where the model
// stops (a regex the linear engine refuses, DNS, expressions, per-directory rules in <Location>), and the
// CLI's text and JSON faces. Its agreement with a real Apache is proven in simulate-apache.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { simulateRequest, type SimRequest } from '../../server/src/httpd/simulate/simulate';
import { formatSimulation } from '../../server/src/httpd/simulate/format';
import { repoRoot } from '../support/repo';

const ROOT = '/srv/conf/httpd.conf';

function sim(conf: string, req: Partial<SimRequest> & { url: string }, files: Record<string, string> = {}) {
  const fsys = new MemoryFileSystem({
    [ROOT]: `ServerRoot /srv\nServerName main.test\nListen 80\nDocumentRoot /srv/htdocs\n${conf}\n`,
    '/srv/htdocs/index.html': 'home',
    '/srv/htdocs/page.html': 'page',
    '/srv/htdocs/maintenance.html': 'down',
    '/srv/vhost/index.html': 'vhost home',
    ...files,
  });
  const project = new Project(fsys, {});
  return simulateRequest(project, ROOT, { from: '10.0.0.1', ...req });
}

test('a maintenance allowlist: strangers get the page with 503, allowlisted clients the site', () => {
  const conf = [
    'RewriteEngine On',
    'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.5$',
    'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$',
    'RewriteRule ^ - [R=503,L]',
    'ErrorDocument 503 /maintenance.html',
  ].join('\n');
  const stranger = sim(conf, { url: '/page.html', from: '10.0.0.9' });
  assert.equal(stranger.status, 503);
  assert.deepEqual(stranger.body, { kind: 'file', path: '/srv/htdocs/maintenance.html' });
  const text = formatSimulation({ from: '10.0.0.9', url: '/page.html' }, stranger);
  assert.match(text, /Result: 503 Service Unavailable; body: file \/srv\/htdocs\/maintenance\.html/);
  assert.match(text, /RewriteCond %\{REMOTE_ADDR\} !\^10\\\.0\\\.0\\\.5\$: "10\.0\.0\.9" does not match .*-> true \(\/srv\/conf\/httpd\.conf:6\)/);
  assert.match(text, /internal redirect to \/maintenance\.html/);
  const admin = sim(conf, { url: '/page.html', from: '10.0.0.5' });
  assert.equal(admin.status, 200);
  assert.deepEqual(admin.body, { kind: 'file', path: '/srv/htdocs/page.html' });
});

test('virtual host by Host header; server-level rules are not inherited without RewriteOptions Inherit', () => {
  const conf = [
    'RewriteEngine On',
    'RewriteRule ^ - [F]',
    '<VirtualHost *:80>',
    '  ServerName www.a.test',
    '  DocumentRoot /srv/vhost',
    '</VirtualHost>',
    '<VirtualHost *:80>',
    '  ServerName www.b.test',
    '  DocumentRoot /srv/vhost',
    '  RewriteOptions Inherit',
    '</VirtualHost>',
  ].join('\n');
  const a = sim(conf, { url: 'http://www.a.test/' });
  assert.equal(a.status, 200);
  assert.match(a.vhost.name, /www\.a\.test/);
  assert.deepEqual(a.body, { kind: 'file', path: '/srv/vhost/index.html' });
  const b = sim(conf, { url: '/', headers: { Host: 'WWW.B.TEST' }, to: '192.0.2.1:80' });
  assert.equal(b.status, 403);
  const other = sim(conf, { url: 'http://nobody.test/' });
  assert.match(other.vhost.how, /first one listed/);
});

test('access control: Require ip in <Location>, Order/Allow/Deny in <Directory>', () => {
  const conf = [
    '<Directory /srv/htdocs>',
    '  Order Deny,Allow',
    '  Deny from all',
    '  Allow from 10.0.0.0/24',
    '</Directory>',
    '<Location /page.html>',
    '  Require ip 10.0.0.7',
    '</Location>',
  ].join('\n');
  assert.equal(sim(conf, { url: '/', from: '10.0.0.9' }).status, 200);
  assert.equal(sim(conf, { url: '/', from: '10.0.1.9' }).status, 403);
  assert.equal(sim(conf, { url: '/page.html', from: '10.0.0.9' }).status, 403);
  assert.equal(sim(conf, { url: '/page.html', from: '10.0.0.7' }).status, 200);
});

test('cannot tell instead of guessing', () => {
  const backref = sim('RewriteEngine On\nRewriteCond %{HTTP_HOST} ^(a)\\1$\nRewriteRule ^ - [F]', { url: '/' });
  assert.equal(backref.status, null);
  assert.match(backref.cannotTell!, /linear-time regex engine/);
  const dns = sim('<Location />\n  Require host example.com\n</Location>', { url: '/' });
  assert.equal(dns.status, null);
  assert.ok(dns.steps.some(s => /cannot tell \(Require host needs DNS\)/.test(s.text)), JSON.stringify(dns.steps));
  // ... but a granted alternative decides it.
  assert.equal(sim('<Location />\n  Require ip 10.0.0.1\n  Require host example.com\n</Location>', { url: '/' }).status, 200);
  const expr = sim('RewriteEngine On\nRewriteCond expr "-R \'10.0.0.0/8\'"\nRewriteRule ^ - [F]', { url: '/' });
  assert.equal(expr.status, null);
  const loc = sim('<Location /x>\n  RewriteEngine On\n  RewriteRule ^ - [F]\n</Location>', { url: '/x/y' });
  assert.equal(loc.status, null);
  const lookbehind = sim('RewriteEngine On\nRewriteRule ^/(?<!x)a - [F]', { url: '/a' });
  assert.equal(lookbehind.status, null);
  const map = sim('RewriteEngine On\nRewriteRule ^/(.*)$ /${m:$1} [L]', { url: '/a' });
  assert.equal(map.status, null);
});

test('what is not simulated makes only the requests it touches "cannot tell"', () => {
  const ifConf = '<Location /app>\n  <If "%{HTTP_HOST} == \'x\'">\n    Require all denied\n  </If>\n</Location>';
  assert.equal(sim(ifConf, { url: '/app/x' }).status, null);
  assert.match(sim(ifConf, { url: '/app/x' }).cannotTell!, /<If .* is not evaluated/);
  assert.equal(sim(ifConf, { url: '/page.html' }).status, 200);
  assert.equal(sim('<If "true">\n  Require all denied\n</If>', { url: '/page.html' }).status, null);
  const limit = '<Directory /srv/htdocs>\n  <Limit POST>\n    Require all denied\n  </Limit>\n</Directory>';
  assert.equal(sim(limit, { url: '/page.html' }).status, null);

  const ht = { '/srv/htdocs/sub/.htaccess': 'Require all denied', '/srv/htdocs/sub/a.html': 'a' };
  assert.equal(sim('<Directory /srv/htdocs>\n  AllowOverride All\n</Directory>', { url: '/sub/a.html' }, ht).status, null);
  assert.equal(sim('<Directory /srv/htdocs>\n  AllowOverride None\n</Directory>', { url: '/sub/a.html' }, ht).status, 200, 'AllowOverride None: .htaccess is not read');
  // No AllowOverride at all: Apache reads the file and refuses its directives (checked against Apache in simulate-apache.test.ts).
  assert.equal(sim('', { url: '/sub/a.html' }, ht).status, 500);
  assert.equal(sim('', { url: '/sub/a.html' }, { ...ht, '/srv/htdocs/sub/.htaccess': '# nothing\n' }).status, 200);

  const status = '<Location /server-status>\n  SetHandler server-status\n  Require ip 10.0.0.5\n</Location>';
  assert.equal(sim(status, { url: '/server-status', from: '10.0.0.9' }).status, 403, 'denied before the handler runs');
  assert.match(sim(status, { url: '/server-status', from: '10.0.0.5' }).cannotTell!, /SetHandler server-status/);
  assert.match(sim('ProxyPass /api http://backend:8080/api', { url: '/api/x' }).cannotTell!, /back end/);
  assert.equal(sim('ProxyPass /api http://backend:8080/api', { url: '/apix' }).status, 404);

  const was = 'WebSpherePluginConfig /srv/plugin-cfg.xml';
  assert.equal(sim(was, { url: '/page.html' }).status, 200);
  assert.match(sim(was, { url: '/shop/cart' }).cannotTell!, /WebSphere plug-in/);
});

test('the CLI prints the report, JSON with --format json, exit 3 when it cannot tell', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-sim-cli-'));
  try {
    fs.mkdirSync(path.join(dir, 'htdocs'));
    fs.writeFileSync(path.join(dir, 'htdocs', 'index.html'), 'home');
    const conf = path.join(dir, 'httpd.conf');
    fs.writeFileSync(conf, `ServerRoot "${dir}"\nListen 8080\nDocumentRoot "${dir}/htdocs"\nRedirect 301 /old http://new.test/\n<Location /secret>\n  Require all denied\n</Location>\n`);
    const cli = (...a: string[]) => spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'upkeep.js'), 'simulate', conf, ...a], { encoding: 'utf8' });
    const text = cli('--from', '192.0.2.7', '--url', 'http://127.0.0.1:8080/old/x?q=1');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Result: 301 Moved Permanently -> http:\/\/new\.test\/\/x\?q=1/);
    const json = cli('--from', '192.0.2.7', '--url', '/secret/a', '--header', 'Host: www.x.test', '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.status, 403);
    assert.equal(parsed.request.headers.Host, 'www.x.test');
    assert.ok(parsed.steps.some((s: { phase: string; line?: number }) => s.phase === 'access' && s.line === 6), json.stdout);
    fs.appendFileSync(conf, 'RewriteEngine On\nRewriteRule ^/(a)\\1 - [F]\n');
    assert.equal(cli('--from', '192.0.2.7', '--url', '/').status, 3);
    const bad = cli('--from', 'nobody', '--url', '/');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--from takes the client IP address/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('random configurations and requests never crash the simulator', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(l: readonly T[]): T => l[Math.floor(rnd() * l.length)];
  const lines = [
    'RewriteEngine On', 'RewriteEngine Off', 'RewriteCond %{REMOTE_ADDR} !^10\\.0', 'RewriteCond %{HTTP_HOST} ^(.*)$ [NC,OR]',
    'RewriteCond %{REQUEST_URI} -f', 'RewriteRule ^/(.*)$ /x/$1 [L]', 'RewriteRule ^ - [R=503,L]', 'RewriteRule (a+)+ - [F]',
    'RewriteRule ^/p$ /q [PT]', 'RewriteRule ^/r$ http://%{HTTP_HOST}/s [R]', 'RewriteRule [ - [F]', 'RewriteRule', 'RewriteCond',
    'Alias /a /srv/htdocs', 'Alias /b', 'Redirect /c', 'Redirect 301 /d http://e/', 'RedirectMatch ( x', 'ErrorDocument 404 /missing',
    'ErrorDocument 403 "text"', 'ErrorDocument 503 /index.html', 'ErrorDocument', 'DirectoryIndex none.html', 'Options Indexes',
    'Require all denied', 'Require ip 10.0', 'Require not ip 10.0.0.1', 'Require ip bogus/99', 'Order allow,deny', 'Allow from all',
    'Deny from 10.0.0.1', 'Satisfy any', '<Location />', '<Location ~ "(">', '<Directory /srv/htdocs>', '<Files "*.html">',
    '<RequireAll>', '<RequireAny>', '</RequireAll>', '</RequireAny>', '</Location>', '</Directory>', '</Files>', '<VirtualHost *:80>',
    '</VirtualHost>', 'ServerName x.test', 'ServerAlias *.x.test [z-a]', 'DocumentRoot /srv/vhost', 'DocumentRoot', '<If "true">', '</If>',
    'RewriteOptions Inherit', 'Include /srv/conf/httpd.conf', 'DirectorySlash Off',
  ];
  for (let i = 0; i < 300; i++) {
    const conf = Array.from({ length: 1 + Math.floor(rnd() * 15) }, () => pick(lines)).join('\n');
    const req = { url: pick(['/', '/a/index.html', '/p', '/r', '/c/x', '/%zz', '/%2F', '/../..', '//x//', 'http://x.test/', '/index.html?x=1']), from: pick(['10.0.0.1', '10.9.0.1', '::1']), headers: { Host: pick(['x.test', 'a.x.test', '', 'X.TEST:80']) }, method: pick(['GET', 'PUT', 'OPTIONS', 'FOO']) };
    const res = sim(conf, req);
    assert.ok(res.status === null || (res.status >= 200 && res.status < 600), `${conf}\n${JSON.stringify(req)} -> ${res.status}`);
    assert.ok(res.steps.length < 2000);
  }
});
