// Tests of the real-Apache harness (test/support/apache.ts) against the httpd installed on this machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ApacheScratch, checkConfig, defaultScratch, httpGet, parseApacheError, requireApache, startApache } from '../support/apache';

test('parseApacheError reads both forms httpd prints', () => {
  const viaC = parseApacheError('AH00526: Syntax error on line 7 of /x/site.conf:\nInvalid command \'Foo\', perhaps misspelled\n', 1);
  assert.deepEqual(viaC, { line: 7, file: '/x/site.conf', message: "Invalid command 'Foo', perhaps misspelled" });
  const viaBigC = parseApacheError(
    'apache2: Syntax error in -C/-c directive: Syntax error on line 2 of /x/m.load: Cannot load /x/y.so into server\n',
    1,
  );
  assert.deepEqual(viaBigC, { line: 2, file: '/x/m.load', message: 'Cannot load /x/y.so into server' });
  assert.deepEqual(parseApacheError('Syntax OK\n', 0), {});
});

test('a valid config passes checkConfig', t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const file = s.write(
    'valid/site.conf',
    [
      '<VirtualHost *:80>',
      '  ServerName www.example.test',
      '  DocumentRoot /nonexistent/on/purpose', // -T: a missing DocumentRoot must not fail the check
      '  RewriteEngine On',
      '  RewriteRule ^/old$ /new [R=301,L]',
      '  <Location "/status">',
      '    Require ip 127.0.0.1',
      '  </Location>',
      '</VirtualHost>',
      '',
    ].join('\n'),
  );
  const r = checkConfig(file);
  assert.equal(r.ok, true, r.stderr);
  assert.equal(r.line, undefined);
});

test('a misspelled directive fails with its line and file', t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const file = s.write('typo/site.conf', ['ServerName a.example.test', '', '<Directory "/srv">', '  Requre all granted', '</Directory>', ''].join('\n'));
  const r = checkConfig(file);
  assert.equal(r.ok, false);
  assert.equal(r.line, 4);
  assert.equal(r.file, file);
  assert.match(r.message ?? '', /^Invalid command 'Requre'/);
});

test('allModules: false only knows the core; extraDirectives come before the file', t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const file = s.write('modules/site.conf', '<IfDefine UPKEEP_X>\nRewriteEngine On\n</IfDefine>\n');
  assert.equal(checkConfig(file).ok, true, 'UPKEEP_X not defined: the block is skipped');
  const withDefine = checkConfig(file, { allModules: false, extraDirectives: 'Define UPKEEP_X' });
  assert.equal(withDefine.ok, false);
  assert.equal(withDefine.line, 2);
  assert.match(withDefine.message ?? '', /Invalid command 'RewriteEngine'/);
  assert.equal(checkConfig(file, { extraDirectives: 'Define UPKEEP_X' }).ok, true);
});

test('a started Apache serves the DocumentRoot, also to 127.0.0.2, and stops', async t => {
  if (!requireApache(t)) return;
  const s = new ApacheScratch();
  try {
    const docroot = path.join(s.dir, 'www');
    s.write('www/index.html', 'hello from upkeep\n');
    const srv = await startApache(
      [`<Directory "${docroot}">`, '  Require all granted', '</Directory>', 'DirectoryIndex index.html', ''].join('\n'),
      { documentRoot: docroot },
    );
    try {
      const res = await httpGet(`${srv.baseUrl}/index.html`);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'hello from upkeep\n');
      assert.match(String(res.headers['server']), /Apache/);
      const other = await httpGet(`${srv.baseUrl}/`, { localAddress: '127.0.0.2' });
      assert.equal(other.status, 200);
      assert.equal(other.body, 'hello from upkeep\n');
      const missing = await httpGet(`${srv.baseUrl}/nope.html`);
      assert.equal(missing.status, 404);
    } finally {
      await srv.stop();
    }
    assert.throws(() => process.kill(srv.pid, 0), /ESRCH/, 'httpd is gone after stop()');
    await assert.rejects(httpGet(`${srv.baseUrl}/`, { timeoutMs: 2000 }), /ECONNREFUSED/);
    assert.match(srv.errorLog(), /caught SIGTERM, shutting down/);
  } finally {
    await s.cleanup();
  }
});

test('an allowlist by client address tells 127.0.0.1 and 127.0.0.2 apart', async t => {
  if (!requireApache(t)) return;
  const srv = await startApache(['<Location "/">', '  Require ip 127.0.0.1', '</Location>', ''].join('\n'), {
    modules: ['authz_core_module', 'authz_host_module'],
  });
  try {
    fs.writeFileSync(path.join(srv.documentRoot, 'index.html'), 'inside\n');
    assert.equal((await httpGet(`${srv.baseUrl}/index.html`)).status, 200);
    assert.equal((await httpGet(`${srv.baseUrl}/index.html`, { localAddress: '127.0.0.2' })).status, 403);
  } finally {
    await srv.stop();
  }
});

test('a config httpd refuses makes startApache reject with the reason', async t => {
  if (!requireApache(t)) return;
  await assert.rejects(startApache('NoSuchDirectiveHere on', { modules: 'minimal' }), /Invalid command 'NoSuchDirectiveHere'/);
});

test('a port held by another program is reported, not mistaken for httpd', async t => {
  if (!requireApache(t)) return;
  const holder = net.createServer().listen(0, '127.0.0.1');
  await new Promise(resolve => holder.once('listening', resolve));
  const address = holder.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await assert.rejects(startApache('', { port, modules: 'minimal' }), /Address already in use/);
  } finally {
    holder.close();
  }
});
