// Proof against a real Apache httpd (Debian's apache2 on 127.0.0.1): after `upkeep maintenance on`,
// an allowlisted client (127.0.0.1) gets the normal site, any other client (127.0.0.2) gets the
// maintenance page with 503 (or 500) on every path and every port, the page's assets are served, and
// after `upkeep maintenance off` the file is byte-identical and everybody gets the site again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { defaultScratch, freePort, httpGet, repoRoot, requireApache, type HttpResponse } from '../support/apache';

const CLI = path.join(repoRoot(), 'bin', 'upkeep.js');
const ALLOWED = '127.0.0.1';
const STRANGER = '127.0.0.2';

function upkeep(...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function httpsGet(url: string, localAddress: string): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { localAddress, rejectUnauthorized: false, timeout: 5000 }, res => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', c => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
  });
}

/** A site folder: normal page, the maintenance page and one of its assets. */
function makeSite(dir: string): string {
  const docroot = path.join(dir, 'htdocs');
  fs.mkdirSync(path.join(docroot, 'maintenance'), { recursive: true });
  fs.writeFileSync(path.join(docroot, 'index.html'), '<p>NORMAL SITE</p>\n');
  fs.writeFileSync(path.join(docroot, 'maintenance.html'), '<p>DOWN FOR MAINTENANCE</p>\n');
  fs.writeFileSync(path.join(docroot, 'maintenance', 'style.css'), 'p{color:red}\n');
  return docroot;
}

function modulePath(id: string): string {
  const m = defaultScratch().modules.find(e => e.id === id);
  assert.ok(m, `${id} is not available in this Apache`);
  return m.path;
}

/** The fixtures load their own modules, as a real httpd.conf does; the harness adds only the MPM. */
const MPM_ONLY: string[] = [];
const loadLines = (ids: string[]) => ids.map(id => `LoadModule ${id} "${modulePath(id)}"`);

after(() => defaultScratch().cleanup());

async function expectMaintenance(url: string, status: number, get = (u: string, a: string) => httpGet(u, { localAddress: a })) {
  const normal = await get(url + '/', ALLOWED);
  assert.equal(normal.status, 200, `allowlisted client: ${url}/`);
  assert.match(normal.body, /NORMAL SITE/);
  for (const p of ['/', '/index.html', '/connections/homepage', '/files/app?x=1']) {
    const r = await get(url + p, STRANGER);
    assert.equal(r.status, status, `stranger: ${url}${p}`);
    assert.match(r.body, /DOWN FOR MAINTENANCE/, `maintenance page body for ${p}`);
    assert.equal(r.headers['retry-after'], '3600', `Retry-After on ${p}`);
  }
  const asset = await get(url + '/maintenance/style.css', STRANGER);
  assert.equal(asset.status, 200, 'the page assets are served to everybody');
  assert.match(asset.body, /color:red/);
}

async function expectOpen(url: string, get = (u: string, a: string) => httpGet(u, { localAddress: a })) {
  for (const who of [ALLOWED, STRANGER]) {
    const r = await get(url + '/', who);
    assert.equal(r.status, 200, `${who} after leaving maintenance`);
    assert.match(r.body, /NORMAL SITE/);
  }
}

test('maintenance on/off against a real Apache: config without virtual hosts, 503 and 500', async t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const dir = path.dirname(s.write('maint-plain/conf/.keep', ''));
  const docroot = makeSite(path.dirname(dir));
  const conf = path.join(dir, 'httpd.conf');
  const original = [
    '# a small server: no virtual hosts',
    ...loadLines(['authz_core_module', 'dir_module', 'headers_module']),
    `DocumentRoot "${docroot}"`,
    `<Directory "${docroot}">`,
    '    Require all granted',
    '</Directory>',
    'DirectoryIndex index.html',
    '',
  ].join('\n');
  fs.writeFileSync(conf, original);

  for (const status of [503, 500]) {
    const on = upkeep('maintenance', 'on', conf, '--status', String(status));
    assert.equal(on.status, 0, on.stderr);
    const check = s.checkConfig(conf);
    assert.equal(check.ok, true, `apache2 -t rejects the generated block: ${check.stderr}`);
    const lint = upkeep('lint', conf, '--format', 'json');
    assert.deepEqual(JSON.parse(lint.stdout).filter((f: { severity: string }) => f.severity !== 'information'), [], 'the generated block lints clean');

    const port = await freePort();
    const server = await s.startApache(conf, { port, modules: MPM_ONLY });
    try {
      await expectMaintenance(`http://127.0.0.1:${port}`, status);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n--- error log ---\n${server.errorLog()}`);
    } finally {
      await server.stop();
    }
    const off = upkeep('maintenance', 'off', conf);
    assert.equal(off.status, 0, off.stderr);
    assert.equal(fs.readFileSync(conf, 'utf8'), original, 'leave gives back the same bytes');
    const again = await s.startApache(conf, { port, modules: MPM_ONLY });
    try {
      await expectOpen(`http://127.0.0.1:${port}`);
    } finally {
      await again.stop();
    }
  }
});

test('maintenance on/off against a real Apache: name-based virtual host and an SSL virtual host, CRLF file', async t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const dir = path.dirname(s.write('maint-vhosts/conf/.keep', ''));
  const docroot = makeSite(path.dirname(dir));
  const key = path.join(dir, 'server.key');
  const crt = path.join(dir, 'server.crt');
  const ssl = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '2', '-subj', '/CN=127.0.0.1'], {
    encoding: 'utf8',
  });
  if (ssl.status !== 0) {
    if (process.env.CI === 'true') assert.fail(`openssl failed: ${ssl.stderr}`);
    t.skip('openssl is not available');
    return;
  }
  const port = await freePort();
  const sslPort = await freePort();
  const original = [
    ...loadLines(['authz_core_module', 'dir_module', 'headers_module', 'rewrite_module', 'socache_shmcb_module', 'ssl_module']),
    `Listen 127.0.0.1:${sslPort}`,
    `<Directory "${docroot}">`,
    '    Require all granted',
    '</Directory>',
    `<VirtualHost 127.0.0.1:${port}>`,
    '    ServerName www.example.test',
    `    DocumentRoot "${docroot}"`,
    '    # its own rewrite rules: server-level rules would not reach it',
    '    RewriteEngine On',
    '    RewriteRule ^/old$ /index.html [PT]',
    '</VirtualHost>',
    `<VirtualHost 127.0.0.1:${sslPort}>`,
    '    ServerName www.example.test',
    `    DocumentRoot "${docroot}"`,
    '    SSLEngine on',
    `    SSLCertificateFile "${crt}"`,
    `    SSLCertificateKeyFile "${key}"`,
    '</VirtualHost>',
    '',
  ].join('\r\n');
  const conf = path.join(dir, 'httpd.conf');
  fs.writeFileSync(conf, original);

  const on = upkeep('maintenance', 'on', conf);
  assert.equal(on.status, 0, on.stderr);
  assert.match(on.stdout, /2 virtual hosts/);
  assert.ok(!/[^\r]\n/.test(fs.readFileSync(conf, 'utf8')), 'the inserted lines keep CRLF');
  const check = s.checkConfig(conf);
  assert.equal(check.ok, true, `apache2 -t rejects the generated blocks: ${check.stderr}`);

  const server = await s.startApache(conf, { port, modules: MPM_ONLY });
  try {
    await expectMaintenance(`http://127.0.0.1:${port}`, 503);
    await expectMaintenance(`https://127.0.0.1:${sslPort}`, 503, httpsGet);
  } finally {
    await server.stop();
  }
  const twice = upkeep('maintenance', 'on', conf);
  assert.match(twice.stdout, /already on/);
  const off = upkeep('maintenance', 'off', conf);
  assert.equal(off.status, 0, off.stderr);
  assert.equal(fs.readFileSync(conf, 'utf8'), original, 'leave gives back the same bytes');
  const again = await s.startApache(conf, { port, modules: MPM_ONLY });
  try {
    await expectOpen(`http://127.0.0.1:${port}`);
    await expectOpen(`https://127.0.0.1:${sslPort}`, httpsGet);
  } finally {
    await again.stop();
  }
});
