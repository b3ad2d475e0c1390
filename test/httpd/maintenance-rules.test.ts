// Valid and invalid cases for the maintenance lints (issue 4), including the seed's own mistakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleTester } from '../support/rule-tester';

const RULE = (conds: string[], rule = 'RewriteRule ^ - [R=503,L]') => [...conds, rule, 'ErrorDocument 503 /maintenance.html', ''].join('\n');
const EXEMPT = 'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$';

ruleTester('httpd/allowlist-regex', {
  valid: [
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]) },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.', EXEMPT]), name: 'a deliberate /24 prefix' },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !^(?:10\\.0\\.0\\.1|10\\.0\\.0\\.2)$', EXEMPT]), name: 'anchored alternation' },
    { text: 'RewriteCond %{REMOTE_ADDR} ^10.0.0.1\nRewriteRule ^/x /y [L]\n', name: 'not a maintenance rule' },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !=10.1.2.3', EXEMPT]), name: 'an exact string comparison, not a regex' },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !-ipmatch 10.1.2.0/24', EXEMPT]), name: '-ipmatch, not a regex' },
    {
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^192.168.157.139', EXEMPT]),
      name: "the seed's dotless, unterminated pattern admits no other IPv4 address (192.168.157.1390 is none)",
    },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !192\\.168\\.1\\.1$', EXEMPT]), name: 'no ^, but nothing can stand before 192 in an address' },
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !^10.1.2.3$', EXEMPT]), name: 'unescaped dots between anchors: no other address fits' },
  ],
  invalid: [
    {
      name: 'unescaped dots that let other addresses in',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10.1.2.3', EXEMPT]),
      findings: [1],
      messages: [
        'its dots are not escaped (each one matches any character) and it has no $, so besides 10.1.2.3 it also admits 10.1.2.30-10.1.2.39, 10.1.203.0-10.1.203.255, 10.1.213.0-10.1.213.255 and 29184 more addresses.',
      ],
      output: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$', EXEMPT]),
    },
    {
      name: 'missing $ admits 10.0.0.10-19 and 10.0.0.100-199',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1', EXEMPT]),
      findings: [1],
      messages: ['it has no $, so besides 10.0.0.1 it also admits 10.0.0.10-10.0.0.19 and 10.0.0.100-10.0.0.199.'],
      output: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]),
    },
    {
      name: 'missing ^ admits addresses that end with it',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !10\\.0\\.0\\.1$', EXEMPT]),
      findings: [1],
      messages: [/it has no \^, so besides 10\.0\.0\.1 it also admits .*110\.0\.0\.1/],
    },
    {
      name: 'unanchored alternation',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1|10\\.0\\.0\\.2$', EXEMPT]),
      findings: [1],
      output: RULE(['RewriteCond %{REMOTE_ADDR} !^(?:10\\.0\\.0\\.1|10\\.0\\.0\\.2)$', EXEMPT]),
    },
    {
      name: '[OR] between negated allowlist conditions',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$ [OR]', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.2$', EXEMPT]),
      findings: [1],
      messages: ['[OR] joins negated allowlist conditions'],
      output: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.2$', EXEMPT]),
    },
  ],
});

ruleTester('httpd/remote-host', {
  valid: [{ text: RULE(['RewriteCond %{REMOTE_HOST} !^admin\\.example\\.com$', EXEMPT]), name: 'a host name pattern' }],
  invalid: [
    {
      text: RULE(['RewriteCond %{REMOTE_HOST} !^127\\.0\\.0\\.1$', EXEMPT]),
      findings: [1],
      messages: ['only while HostnameLookups is Off'],
      output: RULE(['RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.1$', EXEMPT]),
    },
    {
      name: 'with lookups on the admins are locked out',
      text: 'HostnameLookups On\n' + RULE(['RewriteCond %{REMOTE_HOST} !^10\\.1\\.1\\.1$', EXEMPT]),
      findings: [2],
      messages: ['locked out'],
    },
  ],
});

ruleTester('httpd/maintenance-page', {
  valid: [
    { text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]) },
    { text: 'RewriteRule !^/upgrading\\.htm$ - [R=500,L]\nErrorDocument 500 /upgrading.htm\n', name: 'exempted through the rule pattern' },
    {
      name: 'exempted through SCRIPT_FILENAME, which holds the URL path at virtual-host level',
      text: '<VirtualHost *:80>\n  RewriteEngine On\n  RewriteCond %{SCRIPT_FILENAME} !offline.html\n  RewriteRule ^ - [R=503,L]\n  ErrorDocument 503 /offline.html\n</VirtualHost>\n',
    },
    {
      name: 'exempted through REQUEST_FILENAME in a directory: the file path DocumentRoot + page',
      text: 'DocumentRoot /srv/site\n<Directory /srv/site>\n  RewriteEngine On\n  RewriteCond %{REQUEST_FILENAME} !^/srv/site/offline\\.html$\n  RewriteRule ^ - [R=503,L]\n</Directory>\nErrorDocument 503 /offline.html\n',
    },
    {
      name: 'the rule is switched on by the page existing (-f): a missing page means maintenance is off',
      text:
        'ServerRoot /ws\nDocumentRoot /ws/htdocs\nRewriteEngine On\nRewriteCond %{DOCUMENT_ROOT}/offline.html -f\nRewriteCond %{REQUEST_URI} !^/offline\\.html$\nRewriteRule ^ - [R=503,L]\nErrorDocument 503 /offline.html\n',
      files: { '/ws/htdocs/index.html': 'hi' },
    },
  ],
  invalid: [
    {
      name: 'the page is not exempted: "Additionally, a 503 error was encountered"',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$']),
      findings: [2],
      messages: ['Additionally, a 503 error was encountered'],
    },
    {
      name: 'THE_REQUEST is no exemption: it keeps the client\'s request line on the internal redirect to the page',
      text: RULE(['RewriteCond %{THE_REQUEST} !maintenance\\.html']),
      findings: [2],
      messages: ['Additionally, a 503 error was encountered'],
    },
    {
      name: 'an exemption joined with [OR] does not keep the page out',
      text: RULE(['RewriteCond %{REQUEST_URI} !^/maintenance\\.html$ [OR]', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$']),
      findings: [3],
      messages: ['Additionally, a 503 error was encountered'],
    },
    {
      name: 'REQUEST_FILENAME in a directory holds the file path: an exemption written for the URL misses',
      text: 'DocumentRoot /srv/site\n<Directory /srv/site>\n  RewriteEngine On\n  RewriteCond %{REQUEST_FILENAME} !^/offline\\.html$\n  RewriteRule ^ - [R=503,L]\n</Directory>\nErrorDocument 503 /offline.html\n',
      findings: [5],
      messages: ['Additionally, a 503 error was encountered'],
    },
    {
      name: "the seed: .html in one line and .htm in the next",
      text: [
        'ErrorDocument 401 /upgrading.html',
        'ErrorDocument 403 /upgrading.html',
        'RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.1$',
        'RewriteRule !^/upgrading.htm$ /upgrading.htm [L,R=500]',
        'ErrorDocument 500 /upgrading.htm',
        '',
      ].join('\n'),
      findings: [4],
      messages: ['/upgrading.htm (the rule\'s exemption), /upgrading.html (ErrorDocument 401'],
    },
    {
      name: 'DocumentRoot holds the other spelling',
      text: 'ServerRoot /ws\nDocumentRoot /ws/htdocs\n' + 'RewriteRule !^/upgrading\\.htm$ - [R=500,L]\nErrorDocument 500 /upgrading.htm\n',
      files: { '/ws/htdocs/upgrading.html': '<p>down</p>' },
      findings: [4],
      messages: ['DocumentRoot htdocs has /upgrading.html'],
      output: 'ServerRoot /ws\nDocumentRoot /ws/htdocs\n' + 'RewriteRule !^/upgrading\\.htm$ - [R=500,L]\nErrorDocument 500 /upgrading.html\n',
    },
  ],
});

test('a missing maintenance page gets a fix that creates it from the template in DocumentRoot', () => {
  const { findings } = lintText({
    text: 'ServerRoot /ws\nDocumentRoot /ws/htdocs\n' + RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]),
    files: { '/ws/htdocs/index.html': 'hi' },
  });
  const f = findings.find(x => x.code === 'httpd/maintenance-page');
  assert.ok(f, 'finding');
  assert.match(f!.message, /does not exist in DocumentRoot htdocs/);
  const create = f!.fixes?.[0].otherFiles?.[0];
  assert.equal(create?.path, '/ws/htdocs/maintenance.html');
  assert.match(create?.create ?? '', /scheduled maintenance/);
  // Switched on by a flag file rather than by the page itself: the page must still exist.
  const flagged = lintText({
    text: 'ServerRoot /ws\nDocumentRoot /ws/htdocs\n' + RULE(['RewriteCond /ws/maintenance.flag -f', EXEMPT]),
    files: { '/ws/htdocs/index.html': 'hi' },
  });
  assert.match(flagged.findings.find(x => x.code === 'httpd/maintenance-page')?.message ?? '', /does not exist in DocumentRoot htdocs/);
});

ruleTester('httpd/errordocument-url', {
  valid: [{ text: 'ErrorDocument 503 /maintenance.html\nErrorDocument 404 "Not here"\n' }],
  invalid: [
    { text: 'ErrorDocument 503 https://status.example.com/\n', findings: [1], messages: ['302 redirect instead of 503'] },
    { text: 'ErrorDocument 401 http://login.example.com/\n', findings: [1], messages: ['must be a local path'] },
  ],
});

ruleTester('httpd/retry-after', {
  valid: [{ text: 'Header always set Retry-After "3600"\nHeader set X-Other 1\n' }],
  invalid: [
    { text: 'Header set Retry-After "3600"\n', findings: [1], output: 'Header always set Retry-After "3600"\n' },
    { text: 'Header onsuccess set Retry-After 60\n', findings: [1], output: 'Header always set Retry-After 60\n' },
  ],
});

const SERVER_RULE = RULE(['RewriteEngine On', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]);
ruleTester('httpd/rewrite-not-inherited', {
  valid: [
    { text: SERVER_RULE + '<VirtualHost *:80>\n    RewriteEngine On\n    RewriteOptions InheritBefore\n</VirtualHost>\n' },
    { text: SERVER_RULE + '<VirtualHost *:80>\n    RewriteEngine On\n    RewriteRule ^ - [R=503,L]\n</VirtualHost>\n', name: 'its own maintenance rule' },
    { text: '<VirtualHost *:80>\n    ServerName a\n</VirtualHost>\n', name: 'no server-level maintenance rule' },
  ],
  invalid: [
    {
      text: SERVER_RULE + '<VirtualHost *:443>\n    ServerName a\n    RewriteEngine On\n    RewriteRule ^/old /new [R=301,L]\n</VirtualHost>\n',
      findings: [6],
      messages: ['this site stays open during maintenance'],
      output:
        SERVER_RULE +
        '<VirtualHost *:443>\n    RewriteEngine On\n    RewriteOptions InheritBefore\n    ServerName a\n    RewriteEngine On\n    RewriteRule ^/old /new [R=301,L]\n</VirtualHost>\n',
    },
  ],
});

const PLUGIN = 'WebSpherePluginConfig /opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml\n';
ruleTester('httpd/access-403-plugin', {
  valid: [
    { text: '<Location />\nOrder Deny,Allow\nDeny from all\nAllow from 10.0.0.1\n</Location>\n', name: 'no WebSphere plug-in' },
  ],
  invalid: [
    {
      name: "the seed's <Location> block in front of the plug-in",
      text: PLUGIN + 'ErrorDocument 403 /upgrading.html\n<Location / >\nOrder Deny,Allow\nDeny from all\nAllow from 192.168.157.139\nAllow from admin.example.com\n</Location>\n',
      findings: [3],
      messages: ['login prompt'],
      output:
        PLUGIN +
        'ErrorDocument 403 /upgrading.html\nRewriteEngine On\nRewriteCond %{REMOTE_ADDR} !^192\\.168\\.157\\.139$\n# not converted: admin.example.com (a host name; add its address)\nRewriteCond %{REQUEST_URI} !^/upgrading\\.html$\nRewriteRule ^/ - [R=500,L]\nErrorDocument 500 /upgrading.html\n',
    },
  ],
});

ruleTester('httpd/mixed-access-control', {
  valid: [
    { text: '<Directory /x>\n  Require all granted\n</Directory>\n<Location /y>\n  Order allow,deny\n  Allow from all\n</Location>\n' },
    { text: 'LoadModule authz_default_module modules/mod_authz_default.so\n<Directory /x>\n  Order allow,deny\n  Require valid-user\n</Directory>\n', name: 'Apache 2.2 (IHS 8.5)' },
    {
      name: 'host check and login together (the 2.2 idiom 2.4 still runs as written): Require valid-user, user, group',
      text: '<Directory /srv/reports>\n  Order deny,allow\n  Deny from all\n  Allow from 192.0.2.0/24\n  AuthType Basic\n  AuthName reports\n  AuthUserFile /etc/httpd/reports.pw\n  Require valid-user\n</Directory>\n<Location /admin>\n  Satisfy any\n  Order allow,deny\n  Allow from 192.0.2.7\n  Require user alice\n  Require group ops\n</Location>\n',
    },
  ],
  invalid: [
    {
      text: '<Location /server-status>\n  Order deny,allow\n  Deny from all\n  Require ip 10.0.0.0/8\n</Location>\n',
      findings: [4],
      messages: ['AH01797'],
    },
    {
      name: 'a login Require next to a host Require: the host one is still mixed',
      text: '<Location /app>\n  Order deny,allow\n  Deny from all\n  Require valid-user\n  Require not host bad.example.com\n  Require local\n</Location>\n',
      findings: [5],
    },
  ],
});

ruleTester('httpd/allowlist-missing-host', {
  valid: [
    { text: SERVER_RULE, options: { maintenanceHosts: ['10.0.0.1'] } },
    { text: SERVER_RULE, options: { maintenanceHosts: [] }, name: 'nothing required' },
    { text: 'Listen 80\n', options: { maintenanceHosts: ['10.0.0.9'] }, name: 'not in maintenance' },
  ],
  invalid: [
    {
      text: SERVER_RULE,
      options: { maintenanceHosts: ['10.0.0.2', 'was-node1.example.com'] },
      name: 'one finding per chain names every missing host; one fix adds the addresses',
      findings: [4],
      messages: [/^2 hosts that must keep access have no allowlist entry: 10\.0\.0\.2 \(from the upkeep\.maintenance\.allow setting\), was-node1\.example\.com .*One is a host name/],
      output: RULE(['RewriteEngine On', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.2$', 'RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$', EXEMPT]),
    },
    {
      name: 'a prefix without $ still counts as covering the host (no double report)',
      text: RULE(['RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1', EXEMPT]),
      options: { maintenanceHosts: ['10.0.0.15', '10.9.9.9'] },
      findings: [3],
      messages: ['10.9.9.9'],
    },
    {
      name: 'Deny-based allowlist',
      text: '<Location />\n  Order Deny,Allow\n  Deny from all\n  Allow from 10.0.0.1\n</Location>\n',
      options: { maintenanceHosts: ['10.0.0.3'] },
      findings: [1],
      output: '<Location />\n  Order Deny,Allow\n  Deny from all\n  Allow from 10.0.0.1\n  Allow from 10.0.0.3\n</Location>\n',
    },
  ],
});
