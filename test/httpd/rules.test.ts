// Valid and invalid cases for every httpd rule of the foundation (issue 2).
import { ruleTester, lintText } from '../support/rule-tester';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { directiveInfo } from '../../server/src/httpd/directives';
import { allRemovedDirectives } from '../../server/src/httpd/removed-directives';

const MODS = 'LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule authz_core_module modules/mod_authz_core.so\n';

ruleTester('httpd/unknown-directive', {
  valid: [
    { text: 'ServerName www.example.com\nlisten 80\n', name: 'directive names are case-insensitive' },
    { text: '<Macro VHost $name>\n  $name on\n</Macro>\n', name: 'macro bodies are templates' },
    { text: 'WebSpherePluginConfig /opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml\n', name: 'IHS plug-in directive' },
  ],
  invalid: [
    {
      text: 'ServerName a\nServerNmae b\n',
      findings: ['2:error'],
      messages: ['Did you mean ServerName?'],
      output: 'ServerName a\nServerName b\n',
    },
    { text: '<VirtulHost *:80>\n</VirtulHost>\n', findings: [1], messages: ['Did you mean <VirtualHost>?'] },
    {
      name: 'inside <IfModule> of a module Upkeep does not know: at most a hint',
      text: '<IfModule pagespeed_module>\n  ModPagespeed on\n</IfModule>\n',
      findings: ['2:hint'],
    },
    {
      name: 'inside <IfDefine>: only a warning',
      text: '<IfDefine SSL>\n  SSLFoo on\n</IfDefine>\n',
      findings: ['2:warning'],
    },
    {
      name: 'the message names what Upkeep knows',
      text: 'Listen 80\nListne 81\n',
      findings: ['2:error'],
      messages: ['Listne is not a directive of Apache 2.4, IBM HTTP Server 9 or the third-party modules Upkeep knows. Did you mean Listen?'],
    },
    {
      name: 'a suggestion is spelled as documented, not as the module registers it',
      text: 'CacheFiel /srv/www/index.html\n',
      findings: ['1:error'],
      messages: [/Did you mean CacheFile\b/],
      output: 'CacheFile /srv/www/index.html\n',
    },
    {
      name: 'a third-party <IfModule> inside an <IfDefine>: the module decides, a hint',
      text: '<IfDefine EXTRA_SITE>\n<VirtualHost *:80>\n  <IfModule mod_frobnicate.c>\n    FrobLevel 3\n  </IfModule>\n</VirtualHost>\n</IfDefine>\n',
      findings: ['4:hint'],
      messages: [/It sits in <IfModule mod_frobnicate\.c>/],
    },
    {
      name: 'an Apache 2.2 directive read for certain: error, with what replaces it',
      text: 'LoadModule mpm_event_module modules/mod_mpm_event.so\nRewriteEngine On\nRewriteLogLevel 2\n',
      findings: ['3:error'],
      messages: ['RewriteLogLevel belonged to mod_rewrite of Apache 2.2: use LogLevel rewrite:traceN. Apache 2.4 refuses to start on it.'],
    },
    {
      name: 'an Apache 2.2 module\'s directives behind <IfDefine>: information, not a warning',
      text: '<IfDefine DISKLESS_CACHE>\n  CacheEnable mem /app\n  MCacheMaxObjectCount 500\n</IfDefine>\n',
      findings: ['3:information'],
      messages: [/mod_mem_cache of Apache 2\.2.*only when <IfDefine DISKLESS_CACHE> holds/],
    },
    {
      name: 'an Apache 2.2 directive inside <IfVersion < 2.4> or <IfModule> of a module 2.4 no longer has: a hint',
      text: '<IfVersion < 2.4>\n  SSLMutex default\n</IfVersion>\n<IfModule mod_mem_cache.c>\n  MCacheSize 4096\n</IfModule>\n',
      findings: ['2:hint', '5:hint'],
    },
  ],
});

test('an Apache 2.2 directive is not reported where the configuration is for 2.2 (IBM HTTP Server 8.5)', () => {
  const text = 'LoadModule authz_default_module modules/mod_authz_default.so\nLoadModule rewrite_module modules/mod_rewrite.so\nRewriteLog logs/rewrite.log\n';
  assert.deepEqual(lintText({ text }).findings.filter(f => f.code === 'httpd/unknown-directive'), []);
  // The same line on 2.4 is an error.
  const on24 = lintText({ text: 'LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule rewrite_module modules/mod_rewrite.so\nRewriteLog logs/rewrite.log\n' }).findings;
  assert.deepEqual(on24.filter(f => f.code === 'httpd/unknown-directive').map(f => f.severity), ['error']);
});

test('the table of Apache 2.2 directives holds no name Apache 2.4 defines', () => {
  const known = allRemovedDirectives().filter(n => directiveInfo(n));
  assert.deepEqual(known, []);
  assert.ok(allRemovedDirectives().length >= 20);
});

ruleTester('httpd/directive-context', {
  valid: [
    { text: '<VirtualHost *:80>\n  ServerName a\n  RewriteEngine On\n  <Location />\n    Require all granted\n  </Location>\n</VirtualHost>\n' },
    { text: 'Options None\nRewriteEngine On\n', path: '/ws/htdocs/.htaccess', name: '.htaccess accepts Options' },
  ],
  invalid: [
    {
      name: 'ServerRoot inside <Location>',
      text: '<Location /app>\n  ServerRoot /opt\n</Location>\n',
      findings: [2],
      messages: [/ServerRoot is not allowed inside <Location>/],
    },
    { name: 'Listen inside <VirtualHost>', text: '<VirtualHost *:80>\n  Listen 8080\n</VirtualHost>\n', findings: [2] },
    { name: 'Require at server level', text: 'Require all granted\n', findings: [1] },
    { name: 'DocumentRoot in .htaccess', text: 'DocumentRoot /var/www\n', path: '/ws/htdocs/.htaccess', findings: [1] },
    { name: 'AllowOverride in .htaccess', text: 'AllowOverride None\n', path: '/ws/htdocs/.htaccess', findings: [1] },
    { name: '<Directory> inside <Location>', text: '<Location />\n<Directory /x>\n</Directory>\n</Location>\n', findings: [2] },
    {
      name: 'a file included inside <VirtualHost> is read in that context',
      path: '/ws/conf/vhost-extra.conf',
      text: 'Listen 8443\n',
      files: { '/ws/conf/httpd.conf': '<VirtualHost *:80>\n  Include conf/vhost-extra.conf\n</VirtualHost>\n' },
      findings: [1],
    },
  ],
});

ruleTester('httpd/argument-count', {
  valid: [{ text: 'ServerName a\nListen 127.0.0.1:80 http\nRewriteEngine on\n' }],
  invalid: [
    { text: 'ServerName\n', findings: [1], messages: ['ServerName takes one argument; here it has 0.'] },
    { text: 'ServerName a b\n', findings: [1] },
    { text: 'RewriteEngine yes\n', findings: [1], messages: ['takes On or Off'], output: 'RewriteEngine On\n' },
  ],
});

ruleTester('httpd/module-not-loaded', {
  valid: [
    { text: MODS + 'LoadModule rewrite_module modules/mod_rewrite.so\nRewriteEngine On\n' },
    { text: MODS + '<IfModule mod_rewrite.c>\n  RewriteEngine On\n</IfModule>\n', name: 'guarded by <IfModule>' },
    { text: MODS + '<IfModule rewrite_module>\n  RewriteEngine On\n</IfModule>\n', name: 'guarded by identifier' },
    { text: 'RewriteEngine On\n', name: 'a fragment that loads no module says nothing about modules' },
    { text: MODS + 'ServerName a\nLogFormat "%h" common\n', name: 'compiled-in modules' },
    {
      name: 'LoadModule in an included file counts',
      text: 'Include conf/modules.conf\nRewriteEngine On\n',
      files: { '/ws/conf/modules.conf': MODS + 'LoadModule rewrite_module modules/mod_rewrite.so\n' },
    },
  ],
  invalid: [
    {
      text: MODS + 'RewriteEngine On\n',
      findings: [3],
      messages: ['LoadModule rewrite_module modules/mod_rewrite.so'],
    },
  ],
});

ruleTester('httpd/include-missing', {
  valid: [
    { text: 'Include conf/extra/a.conf\n', files: { '/ws/conf/extra/a.conf': 'Listen 80\n' } },
    { text: 'IncludeOptional conf.d/*.conf\nIncludeOptional conf/nothing.conf\n', name: 'IncludeOptional may match nothing' },
    { text: 'Include conf.d/*.conf\n', files: { '/ws/conf.d/b.conf': 'Listen 81\n' }, name: 'glob relative to ServerRoot' },
    {
      name: 'absolute path under ServerRoot maps onto the workspace copy',
      text: 'ServerRoot /opt/IBM/HTTPServer\nInclude /opt/IBM/HTTPServer/conf/ssl.conf\n',
      files: { '/ws/conf/ssl.conf': 'Listen 443\n' },
    },
    { text: 'Define EXTRA conf/x.conf\nInclude ${EXTRA}\n', files: { '/ws/conf/x.conf': 'Listen 1\n' }, name: 'Define variables' },
    { text: 'Include ${APACHE_CONFDIR}/x.conf\n', name: 'variable from the environment: not verifiable' },
  ],
  invalid: [
    { text: 'Include conf/missing.conf\n', findings: ['1:error'], messages: ['does not exist'] },
    {
      text: 'Include conf.d/*.conf\n',
      findings: [1],
      messages: ['No file matches'],
      output: 'IncludeOptional conf.d/*.conf\n',
    },
    { text: 'Include /etc/elsewhere/x.conf\n', findings: ['1:warning'], name: 'outside ServerRoot: cannot verify here' },
    {
      text: '<IfDefine LEGACY_SITE>\n  Include /etc/elsewhere/legacy.conf\n</IfDefine>\n',
      findings: ['2:information'],
      name: 'outside ServerRoot and inside a condition: information only',
    },
    { text: '<IfDefine LEGACY_SITE>\n  Include conf/legacy.conf\n</IfDefine>\n', findings: ['2:warning'], name: 'missing under ServerRoot inside a condition: still a warning' },
  ],
});

ruleTester('httpd/include-cycle', {
  valid: [
    { text: 'Include conf/a.conf\nInclude conf/a.conf\n', files: { '/ws/conf/a.conf': 'Listen 80\n' }, name: 'twice is not a cycle' },
    {
      name: 'the root itself is not where the cycle closes',
      text: 'Include conf/a.conf\n',
      files: { '/ws/conf/a.conf': 'Include conf/httpd.conf\n' },
    },
  ],
  invalid: [
    {
      name: 'the cycle is reported on the Include that closes it',
      path: '/ws/conf/a.conf',
      text: 'Include conf/httpd.conf\n',
      files: { '/ws/conf/httpd.conf': 'Include conf/a.conf\n' },
      findings: [1],
      messages: ['httpd.conf -> a.conf -> httpd.conf'],
    },
  ],
});

ruleTester('httpd/section-mismatch', {
  valid: [{ text: '<Directory />\n</directory>\n' }],
  invalid: [
    { text: '<Directory />\nOptions None\n', findings: [1], messages: ['never closed'] },
    { text: '</Location>\n', findings: [1] },
    { text: '<VirtualHost *:80>\n<Location />\n</VirtualHost>\n', findings: [2] },
  ],
});

ruleTester('httpd/unterminated-quote', {
  valid: [
    { text: 'ErrorDocument 503 "Down for maintenance"\n' },
    { text: 'ErrorDocument 410 "This page is gone for good\n', name: 'the Apache 1.3 message syntax: the rest of the line is the message, as meant' },
  ],
  invalid: [
    { text: 'RewriteRule ^/old "/new [R=301,L]\n', findings: ['1:warning'], name: 'the flags end up in the substitution' },
    { text: 'Header set X-Note "a b\n', findings: ['1:warning'] },
  ],
});

test('suppression comments silence a rule on the next line or in the whole file', () => {
  const next = lintText({ text: '# upkeep-disable-next-line httpd/unknown-directive\nFooBar 1\nFooBaz 2\n' }).findings;
  assert.deepEqual(next.map(f => (f as unknown as { line: number }).line), [3]);
  const file = lintText({ text: '# upkeep-disable httpd/\nFooBar 1\n' }).findings;
  assert.equal(file.length, 0);
});

test('severity configuration turns a rule off or changes its severity', () => {
  const off = lintText({ text: 'FooBar 1\n', options: { config: { rules: { 'httpd/unknown-directive': 'off' } } } });
  assert.equal(off.findings.length, 0);
  const warn = lintText({ text: 'FooBar 1\n', options: { config: { rules: { 'httpd/unknown-directive': 'warning' } } } });
  assert.equal(warn.findings[0].severity, 'warning');
});

test('a file full of non-directives gets at most 500 findings plus one summary, fast', () => {
  const text = Array.from({ length: 1200 }, (_, i) => `Frobnicate${i % 50} value ${i}`).join('\n') + '\n';
  const found = lintText({ text }).findings.filter(f => f.code === 'httpd/unknown-directive');
  assert.equal(found.length, 501);
  assert.match(found[0].message, /1200 names in this file are not Apache directives; the first 500 are reported/);
});

test('a file named something.htaccess with <Directory> sections is a server fragment, not .htaccess', () => {
  const fragment = lintText({ path: '/ws/contrib/nagios.htaccess', text: 'ScriptAlias /nagios/cgi-bin "/usr/lib/nagios/cgi"\n<Directory "/usr/lib/nagios/cgi">\n  Options ExecCGI\n</Directory>\n' });
  assert.deepEqual(fragment.findings.map(f => f.code), []);
  const real = lintText({ path: '/ws/site/wordlist.htaccess', text: 'ScriptAlias /x "/y"\n' });
  assert.deepEqual(real.findings.map(f => f.code), ['httpd/directive-context'], 'without such sections it is read as .htaccess');
});

// Each invalid case below was checked against apache2 -t (Apache 2.4.71): every one refuses to start.
ruleTester('httpd/rewrite-syntax', {
  valid: [
    { text: 'RewriteRule ^ - [R=503,L]\nRewriteRule ^ - [l,nc]\nRewriteRule "^/a b" /c [L]\nRewriteRule ^a\\ b /c\n' },
    { text: 'RewriteCond %{X} y [OR,NC]\nRewriteRule ^ - [QSL,UnsafeAllow3F,UNC,BCTLS,END]\n' },
    { text: 'RewriteRule ^ - [E=x:1,CO=a:b:c,S=2,T=text/plain,H=none,N=3,B=/]\nRewriteRule ^ - [L] extra words are ignored\n' },
    { text: 'RewriteRule ^/old \\\n    /new [R=301,\\\nL]\n', name: 'continuation lines are joined first' },
  ],
  invalid: [
    { text: 'RewriteRule ^ - [Z]\n', findings: [1], messages: ['has no flag "Z"'] },
    { text: 'RewriteRule ^ - [LAST,QSAX]\n', findings: [1], messages: ['has no flag "QSAX" (did you mean QSA'] , output: 'RewriteRule ^ - [LAST,QSA]\n' },
    { text: 'RewriteRule ^ - [L\n', findings: [1], messages: ['bad flag delimiters'] },
    { text: 'RewriteRule ^ - [ L ]\n', findings: [1], messages: ['bad flag delimiters'] },
    { text: 'RewriteRule ^\n', findings: [1], messages: ['needs a pattern and a substitution'] },
    { text: 'RewriteCond %{X}\n', findings: [1], messages: ['needs a test string and a condition pattern'] },
    { text: 'RewriteCond %{X} y [L]\n', findings: [1], messages: ['RewriteCond knows only NC, OR and NV'] },
    { text: 'RewriteRule ^ - [R=999]\n', findings: [1], messages: ['999 is not an HTTP status code'] },
    { text: 'RewriteRule ^ - [BNE]\n', findings: [1] },
    {
      name: 'an escaped quote inside a quoted argument',
      text: 'RewriteCond %{HTTP_USER_AGENT} "a \\"b\\"" [NC]\n',
      findings: [1],
      messages: ['does not read \\" as an escaped quote'],
    },
  ],
});
