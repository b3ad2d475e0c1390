// The security rules for httpd and IBM HTTP Server (issue 14): valid and invalid cases, every fix
// accepted by a real `apache2 -t`, and quiet defaults on Debian's stock /etc/apache2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { applyOffsetEdits } from '../../server/src/engine/text';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { lintText, ruleTester, type InvalidCase, type RuleCase } from '../support/rule-tester';
import { defaultScratch, requireApache } from '../support/apache';
import { SECURITY_RULES } from '../../server/src/httpd/rules/security';

const SECURITY_CODES = SECURITY_RULES.map(r => r.meta.code);

const MODS = 'LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule authz_core_module modules/mod_authz_core.so\n';
const HEADERS = 'LoadModule headers_module modules/mod_headers.so\nLoadModule ssl_module modules/mod_ssl.so\n';
/** A whole server: it listens, so what it lacks is Apache's default. */
const SERVER = MODS + 'Listen 80\n';
const HARDENED = 'ServerTokens Prod\nTraceEnable Off\n';

/** Every case with an `output`, to check the fixed text with apache2 -t. */
const fixedOutputs: { code: string; name: string; text: string }[] = [];
function cases(code: string, c: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  c.invalid.forEach((x, i) => {
    if (x.output !== undefined && x.output !== x.text) fixedOutputs.push({ code, name: x.name ?? `#${i + 1}`, text: x.output });
  });
  ruleTester(code, c);
}

cases('httpd/server-tokens', {
  valid: [
    { text: SERVER + 'ServerTokens Prod\n' },
    { text: SERVER + 'ServerTokens ProductOnly\n' },
    { name: 'a fragment that does not listen says nothing about what it lacks', text: 'ServerName a\n' },
    { name: 'the last one wins', text: SERVER + 'ServerTokens OS\nServerTokens Prod\n' },
    {
      name: 'set in an included file',
      text: SERVER + 'Include conf/security.conf\n',
      files: { '/ws/conf/security.conf': 'ServerTokens Prod\n' },
    },
  ],
  invalid: [
    { name: 'missing: Full by default', text: SERVER, findings: ['1:information'], messages: ['No ServerTokens'], output: SERVER + 'ServerTokens Prod\n' },
    { name: 'missing, file without final line break', text: 'Listen 80', findings: [1], output: 'Listen 80\nServerTokens Prod\n' },
    { name: 'Debian\'s OS', text: SERVER + 'ServerTokens OS\n', findings: ['4:information'], messages: ['the Apache version and the OS'], output: SERVER + 'ServerTokens Prod\n' },
    {
      name: 'reported in the included file that sets it',
      path: '/ws/conf/security.conf',
      text: 'ServerTokens Full\n',
      files: { '/ws/conf/httpd.conf': SERVER + 'Include conf/security.conf\n' },
      findings: [1],
      output: 'ServerTokens Prod\n',
    },
  ],
});

cases('httpd/server-signature', {
  valid: [{ text: 'ServerSignature Off\n' }, { text: '<VirtualHost *:80>\n  ServerSignature off\n</VirtualHost>\n' }],
  invalid: [
    { text: 'ServerSignature On\n', findings: ['1:information'], output: 'ServerSignature Off\n' },
    { text: '<Directory /srv>\n  ServerSignature EMail\n</Directory>\n', findings: [2], messages: ['ServerAdmin address'], output: '<Directory /srv>\n  ServerSignature Off\n</Directory>\n' },
  ],
});

cases('httpd/trace-enable', {
  valid: [{ text: SERVER + 'TraceEnable Off\n' }, { text: 'ServerName a\n', name: 'fragment' }, { text: SERVER + '<IfModule mod_authz_core.c>\nTraceEnable off\n</IfModule>\n', name: 'inside an <IfModule> of a loaded module' }],
  invalid: [
    { name: 'only inside an <IfModule> of a module not loaded: Apache skips it', text: SERVER + '<IfModule mod_ssl.c>\nTraceEnable off\n</IfModule>\n', findings: [1] },
    { name: 'missing', text: SERVER + 'ServerTokens Prod\n', findings: ['1:information'], output: SERVER + 'ServerTokens Prod\nTraceEnable Off\n' },
    { name: 'On in a virtual host', text: '<VirtualHost *:80>\n  TraceEnable On\n</VirtualHost>\n', findings: [2], output: '<VirtualHost *:80>\n  TraceEnable Off\n</VirtualHost>\n' },
    { name: 'extended', text: 'TraceEnable extended\n', findings: [1], messages: ['bodies included'], output: 'TraceEnable Off\n' },
  ],
});

cases('httpd/options-indexes', {
  valid: [
    { text: '<Directory /var/www>\n  Options FollowSymLinks\n</Directory>\n' },
    { text: '<Directory /var/www>\n  Options -Indexes\n</Directory>\n' },
    { name: 'a folder nobody may read', text: '<Directory /srv/private>\n  Options Indexes\n  Require all denied\n</Directory>\n' },
  ],
  invalid: [
    {
      name: 'Debian\'s /var/www',
      text: '<Directory /var/www/>\n\tOptions Indexes FollowSymLinks\n\tAllowOverride None\n\tRequire all granted\n</Directory>\n',
      findings: ['2:information'],
      output: '<Directory /var/www/>\n\tOptions FollowSymLinks\n\tAllowOverride None\n\tRequire all granted\n</Directory>\n',
    },
    { name: 'last of several', text: '<Directory /srv>\n  Options FollowSymLinks Indexes\n</Directory>\n', findings: [2], output: '<Directory /srv>\n  Options FollowSymLinks\n</Directory>\n' },
    { name: 'alone', text: '<Directory /srv>\n  Options Indexes\n</Directory>\n', findings: [2], output: '<Directory /srv>\n  Options None\n</Directory>\n' },
    { name: '+Indexes', text: '<Location /files>\n  Options +Indexes +FollowSymLinks\n</Location>\n', findings: [2], output: '<Location /files>\n  Options -Indexes +FollowSymLinks\n</Location>\n' },
    { name: 'All includes Indexes: no fix', text: '<Directory /srv>\n  Options All\n</Directory>\n', findings: [2], messages: ['Options All includes Indexes'], output: '<Directory /srv>\n  Options All\n</Directory>\n' },
    { name: '.htaccess', path: '/ws/htdocs/.htaccess', text: 'Options +Indexes\n', findings: [1], output: 'Options -Indexes\n' },
  ],
});

cases('httpd/weak-tls-protocol', {
  valid: [
    { text: 'SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n' },
    { text: 'SSLProtocol -all +TLSv1.2 +TLSv1.3\n' },
    { text: 'SSLProtocol TLSv1.2\n' },
    { name: 'IHS: disabling is fine', text: 'SSLProtocolDisable SSLv3 TLSv10 TLSv11\nSSLProtocolEnable TLSv12\n' },
  ],
  invalid: [
    {
      name: 'all -SSLv3 (Debian\'s default): information',
      text: '<VirtualHost *:443>\n  SSLProtocol all -SSLv3\n</VirtualHost>\n',
      findings: ['2:information'],
      messages: ['still enables TLS 1.0, TLS 1.1'],
      output: '<VirtualHost *:443>\n  SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n</VirtualHost>\n',
    },
    { name: 'named explicitly: warning', text: 'SSLProtocol +TLSv1 +TLSv1.1 +TLSv1.2\n', findings: ['1:warning'], output: 'SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n' },
    { name: 'a bare word replaces the set', text: 'SSLProtocol TLSv1.2 TLSv1\n', findings: ['1:warning'], messages: ['SSLProtocol enables TLS 1.0'] },
    { name: 'IHS SSLProtocolEnable: no fix (not checkable here)', text: 'SSLProtocolEnable TLSv10 TLSv12\n', findings: ['1:warning'], messages: ['SSLProtocolEnable TLS 1.0'] },
  ],
});

cases('httpd/weak-tls-cipher', {
  valid: [
    { text: 'SSLCipherSuite HIGH:!aNULL\n', name: 'Debian\'s default' },
    { text: 'SSLCipherSuite "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"\n' },
    { text: 'SSLCipherSuite HIGH:MEDIUM:!RC4:!3DES:!aNULL:!MD5\n', name: 'weak families excluded' },
    { text: 'SSLCipherSuite ALL:!aNULL:!EXPORT\n', name: 'ALL with aNULL excluded' },
    { text: 'SSLCipherSpec ALL -SSL_RSA_WITH_3DES_EDE_CBC_SHA -SSL_RSA_WITH_RC4_128_SHA\n', name: 'IHS: removing weak ones' },
    { text: 'SSLCipherSpec TLSv12 +TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 35b\n', name: 'IHS: 35b is AES 256' },
  ],
  invalid: [
    {
      name: 'RC4 and 3DES',
      text: 'SSLCipherSuite "EECDH+AESGCM:RC4-SHA:DES-CBC3-SHA:HIGH"\n',
      findings: ['1:warning'],
      messages: ['enables RC4-SHA, DES-CBC3-SHA'],
      output: 'SSLCipherSuite "EECDH+AESGCM:HIGH"\n',
    },
    { name: 'ALL keeps anonymous ciphers', text: 'SSLCipherSuite ALL:!EXPORT\n', findings: [1], output: 'SSLCipherSuite ALL:!EXPORT:!aNULL\n' },
    { name: 'only weak ones: no fix', text: 'SSLCipherSuite RC4-SHA\n', findings: [1], output: 'SSLCipherSuite RC4-SHA\n' },
    { name: 'IHS long names', text: 'SSLCipherSpec ALL +SSL_RSA_WITH_RC4_128_SHA\n', findings: [1] },
    { name: 'IHS short codes (35 is RC4, 3A is 3DES)', text: 'SSLCipherSpec TLSv12 35 3A\n', findings: [1], messages: ['enables 35, 3A'] },
  ],
});

const SSL_VHOST = '<VirtualHost *:443>\n    ServerName a\n    SSLEngine on\n</VirtualHost>\n';
cases('httpd/hsts-missing', {
  valid: [
    { text: '<VirtualHost *:80>\n  ServerName a\n</VirtualHost>\n', name: 'not SSL' },
    { text: SSL_VHOST.replace('</VirtualHost>', '    Header always set Strict-Transport-Security "max-age=63072000"\n</VirtualHost>') },
    { name: 'set at server level, inherited', text: 'Header always set Strict-Transport-Security "max-age=63072000"\n' + SSL_VHOST },
    { name: 'IHS, set in the vhost', text: '<VirtualHost *:443>\n  SSLEnable\n  Header set Strict-Transport-Security max-age=31536000\n</VirtualHost>\n' },
  ],
  invalid: [
    {
      name: 'mod_headers loaded: fix offered',
      text: MODS + HEADERS + SSL_VHOST,
      findings: ['5:information'],
      output: MODS + HEADERS + SSL_VHOST.replace('</VirtualHost>', '    Header always set Strict-Transport-Security "max-age=31536000"\n</VirtualHost>'),
    },
    { name: 'mod_headers not loaded: no fix (the Header line would not parse)', text: MODS + SSL_VHOST, findings: [3], output: MODS + SSL_VHOST },
    { name: 'IHS', text: '<VirtualHost *:443>\n  SSLEnable\n</VirtualHost>\n', findings: [1] },
    { name: 'unset does not count', text: SSL_VHOST.replace('</VirtualHost>', '    Header unset Strict-Transport-Security\n</VirtualHost>'), findings: [1] },
  ],
});

cases('httpd/open-proxy', {
  valid: [
    { text: 'ProxyRequests Off\nProxyPass /app http://127.0.0.1:8080/\n' },
    { text: 'ProxyRequests On\n<Proxy "*">\n  Require ip 10.0.0.0/8\n</Proxy>\n' },
    { text: 'ProxyRequests On\n<Proxy *>\n  Order deny,allow\n  Deny from all\n  Allow from 10.0.0.0/8\n</Proxy>\n' },
  ],
  invalid: [
    { text: 'ProxyRequests On\n', findings: ['1:warning'], messages: ['forward proxy'] },
    { name: 'a <Proxy> that grants everyone', text: 'ProxyRequests On\n<Proxy "*">\n  Require all granted\n</Proxy>\n', findings: [1] },
    { name: 'in a virtual host', text: '<VirtualHost *:8080>\n  ProxyRequests on\n</VirtualHost>\n', findings: [2] },
  ],
});

cases('httpd/host-based-access', {
  valid: [
    { text: '<Location /admin>\n  Require ip 10.20.0.0/16\n</Location>\n' },
    { text: '<Location /admin>\n  Order deny,allow\n  Deny from all\n  Allow from 10.20.0.11 127.0.0.1 ::1\n</Location>\n' },
    { name: 'REMOTE_HOST with Double lookups', text: 'HostnameLookups Double\nRewriteCond %{REMOTE_HOST} !\\.example\\.com$\nRewriteRule ^ - [F]\n' },
  ],
  invalid: [
    { name: 'Allow from a host name', text: '<Location /admin>\n  Allow from .example.com\n</Location>\n', findings: ['2:information'] },
    { name: 'Require host', text: '<Location /server-status>\n  Require host admin.example.com\n</Location>\n', findings: ['2:information'] },
    {
      name: 'HostnameLookups On with REMOTE_HOST names: spoofable',
      text: 'HostnameLookups On\nRewriteEngine On\nRewriteCond %{REMOTE_HOST} !\\.example\\.com$\nRewriteRule ^ - [F]\n',
      findings: ['1:warning', '3:warning'],
      messages: ['single reverse lookup', 'whoever owns the client\'s address controls'],
      output: 'HostnameLookups Double\nRewriteEngine On\nRewriteCond %{REMOTE_HOST} !\\.example\\.com$\nRewriteRule ^ - [F]\n',
    },
  ],
});

cases('httpd/unanchored-match', {
  valid: [
    { text: '<LocationMatch "^/public">\n  Require all granted\n</LocationMatch>\n' },
    { name: 'a deny that matches more only refuses more', text: '<LocationMatch "/\\.git">\n  Require all denied\n</LocationMatch>\n' },
    { name: 'anywhere on purpose', text: '<LocationMatch "(^|/)\\.well-known/">\n  Require all granted\n</LocationMatch>\n' },
    { name: 'no access directives', text: '<LocationMatch "/static">\n  Header set Cache-Control max-age=60\n</LocationMatch>\n' },
  ],
  invalid: [
    {
      text: '<LocationMatch "/public">\n  Require all granted\n</LocationMatch>\n',
      findings: ['1:warning'],
      messages: ['/private/public too'],
      output: '<LocationMatch "^/public">\n  Require all granted\n</LocationMatch>\n',
    },
    { name: '<Location ~>', text: '<Location ~ "/api/v[0-9]+/open">\n  Require all granted\n</Location>\n', findings: [1], output: '<Location ~ "^/api/v[0-9]+/open">\n  Require all granted\n</Location>\n' },
    { name: 'DirectoryMatch: no fix (a ^ would need the whole path)', text: '<DirectoryMatch "/uploads">\n  Allow from all\n</DirectoryMatch>\n', findings: [1], output: '<DirectoryMatch "/uploads">\n  Allow from all\n</DirectoryMatch>\n' },
  ],
});

test('every fix of the security rules is accepted by apache2 -t', t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  assert.ok(fixedOutputs.length >= 20, `${fixedOutputs.length} fixed outputs`);
  const rejected: string[] = [];
  for (const o of fixedOutputs) {
    // Module and Listen lines of the cases are the harness's business (it loads every module).
    const text = o.text.replace(/^LoadModule .*\n/gm, '').replace(/^Listen 80\n/m, '');
    const r = s.checkText(text);
    if (!r.ok) rejected.push(`${o.code} ${o.name}: ${r.stderr.trim()}`);
  }
  assert.deepEqual(rejected, []);
});

test('a hardened server reports no security finding', () => {
  const text = SERVER + HEADERS + HARDENED + 'ServerSignature Off\n<Directory /var/www>\n  Options FollowSymLinks\n</Directory>\nSSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\nSSLCipherSuite HIGH:!aNULL\n' +
    SSL_VHOST.replace('</VirtualHost>', '    Header always set Strict-Transport-Security "max-age=63072000"\n</VirtualHost>');
  const found = lintText({ text }).findings.filter(f => SECURITY_CODES.includes(f.code));
  assert.deepEqual(found.map(f => `${f.code}: ${f.message}`), []);
});

test("Debian's stock /etc/apache2: no security finding louder than information", t => {
  if (!fs.existsSync('/etc/apache2/apache2.conf')) {
    t.skip('no /etc/apache2 on this machine (apt-get install apache2)');
    return;
  }
  const project = new Project(nodeFileSystem, { roots: ['/etc/apache2'] });
  const loud: string[] = [];
  let count = 0;
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const p = `${dir}/${name}`;
      if (fs.statSync(p).isDirectory()) walk(p);
      else {
        const r = lintFile(project, p);
        for (const f of r?.findings ?? []) {
          if (!SECURITY_CODES.includes(f.code)) continue;
          count++;
          if (f.severity !== 'information' && f.severity !== 'hint') loud.push(`${p}: ${f.code} ${f.severity}`);
        }
      }
    }
  };
  walk('/etc/apache2');
  t.diagnostic(`${count} security findings on /etc/apache2, all information`);
  assert.ok(count > 0, 'the stock config has ServerTokens OS: at least that is reported');
  assert.deepEqual(loud, []);
});

test('the fix texts apply cleanly: applying every security fix twice changes nothing the second time', () => {
  for (const o of fixedOutputs) {
    const again = lintText({ text: o.text }).findings.filter(f => f.code === o.code);
    const edits = again.flatMap(f => f.fixes?.[0]?.edits ?? []);
    assert.equal(applyOffsetEdits(o.text, edits), o.text, `${o.code} ${o.name}: the fixed text still has a fix`);
  }
});
