// The request simulator against a real Apache: generated configurations (maintenance allowlists, virtual
// hosts by name and by IP, <Location>/<Directory>/<Files> with Require and Order/Allow/Deny, Alias,
// Redirect, ErrorDocument, rewrites with -f/-d, DirectoryIndex, missing files), each started on
// 127.0.0.1 (and 127.0.0.2 for IP-based hosts), and requests from 127.0.0.1 .. 127.0.0.9 with several
// Host headers and paths. Every served file and error text holds a unique marker (MARK:...); Upkeep's
// prediction (status, marker, Location of redirects) is compared with what the request really gets.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { defaultScratch, freePort, requireApache } from '../support/apache';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { simulateWithModel, type SimResult } from '../../server/src/httpd/simulate/simulate';
import { buildSimModel } from '../../server/src/httpd/simulate/model';
import { enterMaintenance } from '../../server/src/httpd/maintenance';
import { guardedApply } from '../../server/src/cli/guard';
import { rng } from '../support/random';

after(() => defaultScratch().cleanup());

interface Req {
  from: string;
  path: string;
  host?: string;
  /** Local address to connect to (default 127.0.0.1). */
  to?: string;
  headers?: Record<string, string>;
  method?: string;
}

interface Scenario {
  name: string;
  conf: string;
  requests: Req[];
  /** Runs on the written site file before Apache starts (e.g. Upkeep's own "maintenance on"). */
  prepare?: (siteFile: string) => void;
  /** Extra files of the configuration (Include targets), by absolute path. */
  files?: Record<string, string>;
}

const MARK = /MARK:[\w.\-/]+/;

/** Writes a site tree whose every file holds a marker unique to this scenario. */
function writeSite(root: string, tag: string, files: string[]): void {
  for (const f of files) {
    const p = path.join(root, f);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, `<html><body><p>MARK:${tag}-${f}</p></body></html>\n`);
  }
}

const SITE_FILES = [
  'index.html', 'page.html', 'sub/index.html', 'sub/page.html', 'private/index.html', 'private/secret.html',
  'maintenance.html', 'maintenance/style.css', 'errors/404.html', 'errors/403.html', 'errors/503.html',
  'nodir/readme.txt', 'privatefoo.html', 'app/index.html', 'docs/guide.html',
];
const ALT_FILES = ['index.html', 'page.html', 'sub/page.html', 'errors/404.html', 'maintenance.html'];
const ALIAS_FILES = ['file.html', 'index.html', 'deep/x.html'];

const CLIENTS = Array.from({ length: 9 }, (_, i) => `127.0.0.${i + 1}`);
const COMMON_PATHS = [
  '/', '/index.html', '/page.html', '/sub', '/sub/', '/sub/page.html', '/missing.html', '/nodir/', '/nodir',
  '/private/', '/private/secret.html', '/privatefoo.html', '/maintenance.html', '/maintenance/style.css',
  '/errors/404.html', '/app/', '/docs/guide.html', '/sub/missing/deeper.html', '/page.html/extra', '/a%20b.html',
  '/sub/../page.html', '/page.html?x=1',
];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function reqs(r: () => number, n: number, paths: string[], hosts: (string | undefined)[], extra: Partial<Req> = {}): Req[] {
  const out: Req[] = [];
  for (let i = 0; i < n; i++) out.push({ from: pick(r, CLIENTS), path: pick(r, paths), host: pick(r, hosts), ...extra });
  return out;
}

interface Dirs {
  doc: string;
  alt: string;
  aliased: string;
}

function scenarios(port: number, d: Dirs, seed: number): Scenario[] {
  const r = rng(seed);
  const out: Scenario[] = [];
  const q = (s: string) => `"${s}"`;

  // 1. Maintenance allowlists in the main server, with variations.
  for (let v = 0; v < 5; v++) {
    const allowed = CLIENTS.slice(0, 1 + Math.floor(r() * 4));
    const status = pick(r, [503, 503, 500, 403]);
    const exclude = v !== 3; // without the page exclusion the ErrorDocument request is caught too
    const nc = v === 4;
    const lines = [
      'RewriteEngine On',
      ...allowed.map(a => `RewriteCond %{REMOTE_ADDR} !^${a.replace(/\./g, '\\.')}$`),
      ...(exclude ? ['RewriteCond %{REQUEST_URI} !^/maintenance\\.html$', `RewriteCond %{REQUEST_URI} !^/maintenance/${nc ? ' [NC]' : ''}`] : []),
      status === 403 && v % 2 ? 'RewriteRule ^ - [F]' : `RewriteRule ^ - [R=${status},L]`,
      `ErrorDocument ${status === 403 && v % 2 ? 403 : status} /maintenance.html`,
      'ErrorDocument 404 /errors/404.html',
    ];
    out.push({ name: `maintenance-${v}`, conf: lines.join('\n'), requests: reqs(r, 40, [...COMMON_PATHS, '/MAINTENANCE/style.css'], [undefined]) });
  }

  // 2. Maintenance with [OR] and a header allowlist (a proxy's X-Forwarded-For), per virtual host.
  out.push({
    name: 'maintenance-or-header',
    conf: [
      `<VirtualHost *:${port}>`,
      '  ServerName www.site.test',
      `  DocumentRoot ${q(d.doc)}`,
      '  RewriteEngine On',
      '  RewriteCond %{REMOTE_ADDR} ^127\\.0\\.0\\.[5-9]$ [OR]',
      '  RewriteCond %{HTTP:X-Forwarded-For} ^10\\.9\\. [OR]',
      '  RewriteCond %{HTTP_HOST} ^down\\. [NC]',
      '  RewriteCond %{REQUEST_URI} !^/maintenance',
      '  RewriteRule ^ - [R=503,L]',
      '  ErrorDocument 503 /maintenance.html',
      '</VirtualHost>',
    ].join('\n'),
    requests: [
      ...reqs(r, 30, COMMON_PATHS, ['www.site.test', 'DOWN.site.test', undefined]),
      ...reqs(r, 10, COMMON_PATHS, ['www.site.test'], { headers: { 'X-Forwarded-For': '10.9.1.1' } }),
      ...reqs(r, 5, COMMON_PATHS, ['www.site.test'], { headers: { 'X-Forwarded-For': '10.8.1.1' } }),
    ],
  });

  // 3. Name-based virtual hosts; server-level rules not inherited unless RewriteOptions Inherit.
  for (const inherit of [false, true]) {
    out.push({
      name: `vhosts-by-name${inherit ? '-inherit' : ''}`,
      conf: [
        'RewriteEngine On',
        'RewriteRule ^/page\\.html$ - [F]',
        `<VirtualHost *:${port}>`,
        '  ServerName a.test',
        `  DocumentRoot ${q(d.doc)}`,
        '</VirtualHost>',
        `<VirtualHost *:${port}>`,
        '  ServerName b.test',
        '  ServerAlias *.b.test b2.test',
        `  DocumentRoot ${q(d.alt)}`,
        ...(inherit ? ['  RewriteOptions Inherit'] : []),
        '  RewriteRule ^/sub/(.*)$ /page.html [L]',
        '  ErrorDocument 404 /errors/404.html',
        '</VirtualHost>',
      ].join('\n'),
      requests: reqs(r, 45, [...COMMON_PATHS, '/sub/anything'], ['a.test', 'b.test', 'www.b.test', 'B2.TEST', 'c.test', undefined, 'a.test.']),
    });
  }

  // 4. IP-based and name-based together: a second listener on 127.0.0.2.
  out.push({
    name: 'vhosts-by-ip',
    conf: [
      `Listen 127.0.0.2:${port}`,
      `<VirtualHost 127.0.0.2:${port}>`,
      '  ServerName ip.test',
      `  DocumentRoot ${q(d.alt)}`,
      '  ErrorDocument 404 "MARK:ip-host-404-text not found"',
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName star.test',
      `  DocumentRoot ${q(d.doc)}`,
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName other.test',
      `  DocumentRoot ${q(d.aliased)}`,
      '</VirtualHost>',
    ].join('\n'),
    requests: [
      ...reqs(r, 25, COMMON_PATHS, ['ip.test', 'star.test', 'other.test', 'nobody.test'], { to: '127.0.0.2' }),
      ...reqs(r, 25, [...COMMON_PATHS, '/file.html'], ['ip.test', 'star.test', 'other.test', 'nobody.test']),
    ],
  });

  // 5. Access control: Require in <Location> over <Directory>, Order/Allow/Deny, containers, <Files>.
  for (let v = 0; v < 4; v++) {
    const ips = CLIENTS.slice(0, 2 + v);
    const lines: string[] = [
      `<Directory ${q(d.doc)}>`,
      '  Require all granted',
      '  ErrorDocument 403 /errors/403.html',
      '</Directory>',
      `<Directory ${q(d.doc + '/private')}>`,
      v % 2 ? '  Order Deny,Allow\n  Deny from all\n  Allow from 127.0.0.3 127.0.0.4' : '  Order Allow,Deny\n  Allow from 127.0.0.0/255.255.255.248\n  Deny from 127.0.0.2',
      '</Directory>',
      '<Location /private/secret.html>',
      `  Require ip ${ips.join(' ')}`,
      '</Location>',
      '<Location /app>',
      '  <RequireAll>',
      '    Require ip 127.0.0.0/29',
      `    Require not ip 127.0.0.${2 + v}`,
      '  </RequireAll>',
      '</Location>',
      '<Location /docs>',
      '  <RequireAny>',
      '    Require ip 127.0.0.7',
      `    Require ip 127.0.0.${v + 1}`,
      '  </RequireAny>',
      '  ErrorDocument 403 "MARK:docs-403-text"',
      '</Location>',
      '<Files "page.html">',
      v >= 2 ? '  Require ip 127.0.0' : '  Require local',
      '</Files>',
      '<Files "*.txt">',
      '  Require all denied',
      '</Files>',
      `<Directory ${q(d.doc + '/nodir')}>`,
      v === 3 ? '  Options +Indexes' : '  Options Indexes',
      '</Directory>',
      'ErrorDocument 404 /errors/404.html',
    ];
    out.push({ name: `access-${v}`, conf: lines.join('\n'), requests: reqs(r, 45, [...COMMON_PATHS, '/nodir/readme.txt', '/app/index.html', '/docs/'], [undefined]) });
  }

  // 6. Alias, Redirect, RedirectMatch, rewrites to files and [PT], ErrorDocument variants.
  out.push({
    name: 'alias-redirect',
    conf: [
      `Alias /static ${q(d.aliased)}`,
      `Alias /one/ ${q(d.alt + '/')}`,
      `<Directory ${q(d.aliased)}>`,
      '  Require ip 127.0.0.1 127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5',
      '</Directory>',
      'Redirect 301 /old http://elsewhere.test/new',
      'Redirect gone /gone',
      'Redirect seeother /see /page.html',
      'RedirectMatch 302 ^/match/(\\w+)\\.htm$ http://m.test/$1.html',
      'RewriteEngine On',
      'RewriteRule ^/moved/(.*)$ /sub/$1 [R=302,L]',
      'RewriteRule ^/perm/(.*)$ http://perm.test/$1 [R=301,L]',
      'RewriteRule ^/int/(.*)$ /sub/$1 [L]',
      'RewriteRule ^/pt/(.*)$ /static/$1 [PT]',
      'RewriteRule ^/nc/page$ /page.html [NC,L]',
      'RewriteRule ^/skipme - [S=1]',
      'RewriteRule ^/skip(.*)$ /sub/page.html [L]',
      'RewriteRule ^/gone2 - [G]',
      'ErrorDocument 410 "MARK:gone-text"',
      'ErrorDocument 404 /errors/missing-404.html',
      'ErrorDocument 403 http://errors.test/403',
    ].join('\n'),
    requests: reqs(
      r,
      60,
      ['/static', '/static/', '/static/file.html', '/static/deep/x.html', '/staticfoo', '/one/page.html', '/one', '/old', '/old/x?q=1', '/oldx', '/gone',
        '/gone/x', '/see', '/match/abc.htm', '/match/a-b.htm', '/moved/page.html', '/moved/x?y=2', '/perm/z', '/int/page.html', '/int/nothing',
        '/pt/file.html', '/pt/deep/x.html', '/NC/PAGE', '/nc/page', '/skipme', '/skipx', '/gone2', '/missing.html', '/page.html'],
      [undefined],
    ),
  });

  // 7. Front controller with -f/-d against DocumentRoot, DirectoryIndex and Options.
  out.push({
    name: 'front-controller',
    conf: [
      'RewriteEngine On',
      'RewriteCond %{DOCUMENT_ROOT}%{REQUEST_URI} !-f',
      'RewriteCond %{DOCUMENT_ROOT}%{REQUEST_URI} !-d',
      'RewriteCond %{REQUEST_URI} !^/errors/',
      'RewriteRule ^/(.+)$ /app/index.html [L]',
      'DirectoryIndex page.html index.html',
      'ErrorDocument 404 /errors/404.html',
      `<Directory ${q(d.doc + '/sub')}>`,
      '  DirectoryIndex missing.html',
      '</Directory>',
    ].join('\n'),
    requests: reqs(r, 40, [...COMMON_PATHS, '/errors/none.html', '/whatever/x'], [undefined]),
  });

  // 8. Per-directory rewrites in <Directory>, RewriteEngine per scope.
  out.push({
    name: 'per-directory',
    conf: [
      'RewriteEngine On',
      'RewriteRule ^/page\\.html$ /sub/page.html [L]',
      `<Directory ${q(d.doc + '/sub')}>`,
      '  RewriteEngine On',
      '  RewriteRule ^old\\.html$ page.html [L]',
      '  RewriteRule ^blocked - [F]',
      '  RewriteRule ^away$ http://away.test/ [R=302,L]',
      '</Directory>',
      `<VirtualHost *:${port}>`,
      '  ServerName off.test',
      `  DocumentRoot ${q(d.doc)}`,
      '  RewriteEngine Off',
      '  RewriteRule ^ - [F]',
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName inherit.test',
      `  DocumentRoot ${q(d.doc)}`,
      '  RewriteRule ^/index\\.html$ - [G]',
      '</VirtualHost>',
    ].join('\n'),
    requests: reqs(r, 40, [...COMMON_PATHS, '/sub/old.html', '/sub/blocked', '/sub/blockedx.html', '/sub/away'], ['off.test', 'inherit.test', '127.0.0.1']),
  });

  // 9. Server-level defaults inherited by virtual hosts (DocumentRoot, ErrorDocument, Alias).
  out.push({
    name: 'inheritance',
    conf: [
      `DocumentRoot ${q(d.alt)}`,
      'ErrorDocument 404 /errors/404.html',
      `Alias /static ${q(d.aliased)}`,
      `<VirtualHost *:${port}>`,
      '  ServerName x.test',
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName y.test',
      `  DocumentRoot ${q(d.doc)}`,
      '  ErrorDocument 404 "MARK:y-404-text"',
      `  Alias /static/ ${q(d.doc + '/sub/')}`,
      '</VirtualHost>',
    ].join('\n'),
    requests: reqs(r, 40, [...COMMON_PATHS, '/static/file.html', '/static/page.html', '/static/'], ['x.test', 'y.test', 'z.test']),
  });
  // 10. ErrorDocument chains: an ErrorDocument request stopped by mod_rewrite uses the ErrorDocument of
  //     the new status; loops end at LimitInternalRecursion with the built-in page of the first error.
  out.push({
    name: 'errordocument-chains',
    conf: [
      'RewriteEngine On',
      'RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.[12]$',
      'RewriteRule ^/(page|x) - [R=503,L]',
      'RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.[12]$',
      'RewriteRule ^/errors/404\\.html - [R=500,L]',
      'RewriteRule ^/errors/500\\.html - [F]',
      'RewriteRule ^/gone - [G]',
      'RewriteRule ^/loop - [R=502,L]',
      'RewriteRule ^/errors/502\\.html - [R=502,L]',
      'ErrorDocument 503 /maintenance.html',
      'ErrorDocument 500 /errors/500.html',
      'ErrorDocument 404 /errors/404.html',
      'ErrorDocument 502 /errors/502.html',
      'ErrorDocument 403 /x',
      'ErrorDocument 410 /sub/',
    ].join('\n'),
    requests: reqs(r, 40, [...COMMON_PATHS, '/gone', '/loop', '/x', '/errors/500.html'], [undefined]),
  });

  // 11. Default and unnamed virtual hosts, addresses without a port, ServerName with a port, Host with a port.
  out.push({
    name: 'vhost-defaults',
    conf: [
      `Listen 127.0.0.2:${port}`,
      `<VirtualHost _default_:${port}>`,
      `  DocumentRoot ${q(d.alt)}`,
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName http://www.p.test:80',
      `  DocumentRoot ${q(d.aliased)}`,
      '</VirtualHost>',
      '<VirtualHost 127.0.0.2>',
      '  ServerName two.test',
      `  DocumentRoot ${q(d.doc)}`,
      '</VirtualHost>',
      '<VirtualHost 127.0.0.2>',
      '  ServerName deux.test',
      '  ServerAlias *.deux.test ?.d.test',
      `  DocumentRoot ${q(d.aliased)}`,
      '</VirtualHost>',
    ].join('\n'),
    requests: [
      ...reqs(r, 25, ['/', '/page.html', '/file.html', '/sub/page.html', '/index.html'], ['www.p.test', `www.p.test:${port}`, 'WWW.P.TEST', '127.0.0.1', undefined, 'x.test']),
      ...reqs(r, 25, ['/', '/page.html', '/file.html', '/sub/page.html', '/index.html'], ['two.test', 'deux.test', 'a.deux.test', 'b.d.test', 'bb.d.test', undefined, '127.0.0.1'], { to: '127.0.0.2' }),
    ],
  });

  // 12. Conditional sections and Include: <IfModule>, <IfDefine> with Define, an included file.
  const inc = path.join(path.dirname(d.doc), 'conf.d', 'extra.conf');
  out.push({
    name: 'conditionals-include',
    files: {
      [inc]: ['<Location /page.html>', '  Require ip 127.0.0.1 127.0.0.2 127.0.0.3', '</Location>', 'ErrorDocument 403 "MARK:included-403 text"'].join('\n'),
    },
    conf: [
      'Define SITE_MODE strict',
      '<IfModule mod_rewrite.c>',
      '  RewriteEngine On',
      '  RewriteRule ^/ifmod$ /sub/page.html [L]',
      '</IfModule>',
      '<IfModule !rewrite_module>',
      '  RewriteRule ^ - [F]',
      '</IfModule>',
      '<IfModule mod_nonexistent.c>',
      '  Redirect /sub http://never.test/',
      '</IfModule>',
      '<IfDefine SITE_MODE>',
      '  <Location /private>',
      '    Require ip 127.0.0.4',
      '  </Location>',
      '</IfDefine>',
      '<IfDefine !SITE_MODE>',
      '  Redirect /page.html http://never.test/',
      '</IfDefine>',
      '<IfDefine NOT_DEFINED>',
      '  Redirect /index.html http://never.test/',
      '</IfDefine>',
      '<IfVersion >= 2.4>',
      '  ErrorDocument 404 /errors/404.html',
      '</IfVersion>',
      `Include ${q(path.join(path.dirname(inc), '*.conf'))}`,
      `<Location /\${SITE_MODE}>`,
      '  Require all denied',
      '</Location>',
    ].join('\n'),
    requests: reqs(r, 40, [...COMMON_PATHS, '/ifmod', '/strict', '/strict/x.html'], [undefined]),
  });

  // 13. Access control, harder: RequireNone, nested containers, Satisfy Any, Mutual-failure, partial
  //     addresses, FilesMatch, LocationMatch, DirectoryMatch, wildcard <Directory>.
  out.push({
    name: 'access-advanced',
    conf: [
      `<Directory ${q(d.doc)}>`,
      '  <RequireAll>',
      '    Require all granted',
      '    <RequireNone>',
      '      Require ip 127.0.0.9',
      '    </RequireNone>',
      '  </RequireAll>',
      '</Directory>',
      `<Directory ${q(path.dirname(d.doc) + '/htdoc*/su?')}>`,
      '  <RequireAny>',
      '    Require ip 127.0.0.1',
      '    <RequireAll>',
      '      Require ip 127.0.0.0/28',
      '      Require not ip 127.0.0.3 127.0.0.5',
      '    </RequireAll>',
      '  </RequireAny>',
      '</Directory>',
      '<DirectoryMatch "/private$">',
      '  Order Allow,Deny',
      '  Allow from 127.0.0',
      '  Deny from 127.0.0.6',
      '  Satisfy Any',
      '  Require ip 127.0.0.6',
      '</DirectoryMatch>',
      '<FilesMatch "^secret\\.html$">',
      '  Order Mutual-failure',
      '  Allow from 127.0.0.1 127.0.0.2 127.0.0.7',
      '  Deny from 127.0.0.2',
      '</FilesMatch>',
      '<LocationMatch "^/docs/.*\\.html$">',
      '  Require ip 127.0.0.4 127.0.0.8',
      '  ErrorDocument 403 /errors/403.html',
      '</LocationMatch>',
      '<Location /app/>',
      '  Require local',
      '</Location>',
    ].join('\n'),
    requests: reqs(r, 50, [...COMMON_PATHS, '/docs/', '/docs/none.html', '/sub/index.html'], [undefined]),
  });

  // 14. mod_rewrite, harder: %N from conditions, [C] chains, [OR] groups, query strings, -d/-s/=,
  //     host-based redirects, a substitution that is a file-system path, an absolute URL to this host.
  out.push({
    name: 'rewrite-advanced',
    conf: [
      'RewriteEngine On',
      'RewriteCond %{HTTP_HOST} ^old\\.(.+)$ [NC]',
      'RewriteRule ^/(.*)$ http://new.%1/$1 [R=301,L]',
      'RewriteCond %{QUERY_STRING} (^|&)go=([a-z]+)',
      'RewriteRule ^/q$ /%2.html? [L]',
      'RewriteRule ^/qsa$ /page.html?a=1 [QSA,R,L]',
      'RewriteRule ^/c1/(.*)$ - [C]',
      'RewriteRule ^/c1/(p.*)$ /sub/$1 [L]',
      'RewriteCond %{REMOTE_ADDR} =127.0.0.3 [OR]',
      'RewriteCond %{REMOTE_ADDR} =127.0.0.4 [OR]',
      'RewriteCond %{HTTP:X-Pass} ^yes$',
      'RewriteRule ^/vip$ /private/index.html [L]',
      'RewriteCond %{DOCUMENT_ROOT}/%{REQUEST_URI} -d',
      'RewriteRule ^/(nodir|sub)/?$ /page.html [L]',
      'RewriteCond %{DOCUMENT_ROOT}/errors/404.html -s',
      'RewriteRule ^/has404$ /errors/404.html [L]',
      'RewriteCond %{REQUEST_FILENAME} !-f',
      'RewriteRule ^/rf$ /index.html [L]',
      `RewriteRule ^/abs/(.*)$ ${d.alt}/$1 [L]`,
      'RewriteCond %{REQUEST_METHOD} !^GET$',
      'RewriteRule ^ - [F]',
      'RewriteCond %{THE_REQUEST} "^GET /the"',
      'RewriteRule ^/the - [G]',
      'RewriteRule ^/Case$ /page.html [L]',
      'ErrorDocument 410 "MARK:gone410 text"',
    ].join('\n'),
    requests: [
      ...reqs(r, 50, ['/q?go=page', '/q?x=1&go=index', '/q?go=nothing', '/q', '/qsa?b=2', '/qsa', '/c1/page.html', '/c1/xyz', '/vip', '/nodir', '/nodir/', '/sub',
        '/has404', '/rf', '/abs/page.html', '/abs/sub/page.html', '/abs/none', '/the', '/thex', '/Case', '/case', '/page.html'], [undefined]),
      ...reqs(r, 8, ['/vip'], [undefined], { headers: { 'X-Pass': 'yes' } }),
      ...reqs(r, 8, ['/', '/page.html', '/x?y=1'], ['old.example.test', 'OLD.site.test:8080', 'older.test']),
    ],
  });

  // 15. Upkeep's own "maintenance on" applied to a configuration with virtual hosts, then checked.
  out.push({
    name: 'upkeep-maintenance-on',
    conf: [
      `<VirtualHost *:${port}>`,
      '  ServerName shop.test',
      `  DocumentRoot ${q(d.doc)}`,
      '</VirtualHost>',
      `<VirtualHost *:${port}>`,
      '  ServerName api.test',
      `  DocumentRoot ${q(d.alt)}`,
      '  RewriteEngine On',
      '  RewriteRule ^/v1/(.*)$ /sub/$1 [L]',
      '</VirtualHost>',
    ].join('\n'),
    prepare: file => {
      const project = new Project(nodeFileSystem, {});
      const plan = enterMaintenance(project, file, { allow: ['127.0.0.4', '127.0.0.6/31'], page: '/maintenance.html' });
      guardedApply(plan.changes, { force: false, backup: false });
    },
    requests: reqs(r, 50, [...COMMON_PATHS, '/v1/page.html', '/maintenance/x.css'], ['shop.test', 'api.test', undefined]),
  });

  // 16. Methods: POST, PUT, DELETE, PATCH, OPTIONS and HEAD through rewrites, mod_dir and the default handler.
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
  const methodReqs: Req[] = [];
  for (let i = 0; i < 60; i++) methodReqs.push({ from: pick(r, CLIENTS), path: pick(r, [...COMMON_PATHS, '/sub/x.html']), method: pick(r, methods) });
  out.push({
    name: 'methods',
    conf: [
      'RewriteEngine On',
      'RewriteCond %{REQUEST_METHOD} ^DELETE$',
      'RewriteRule ^/sub/ - [F]',
      'RewriteCond %{REQUEST_METHOD} =POST',
      'RewriteRule ^/page\\.html$ /sub/page.html [L]',
      `<Directory ${q(d.doc + '/nodir')}>`,
      '  Options Indexes',
      '</Directory>',
      '<Location /private>',
      '  Require ip 127.0.0.1 127.0.0.2',
      '</Location>',
      'ErrorDocument 405 /errors/404.html',
      'ErrorDocument 404 "MARK:m404 text"',
    ].join('\n'),
    requests: methodReqs,
  });
  return out;
}

function request(port: number, rq: Req): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(rq.headers ?? {}) };
    headers.Host = rq.host ?? `${rq.to ?? '127.0.0.1'}:${port}`;
    const req = http.request(
      { host: rq.to ?? '127.0.0.1', port, path: rq.path, localAddress: rq.from, headers, agent: false, method: rq.method ?? 'GET' },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function predictedMarker(res: SimResult): string | null {
  if (res.body.kind === 'file') return MARK.exec(fs.readFileSync(res.body.path, 'utf8'))?.[0] ?? null;
  if (res.body.kind === 'text') return MARK.exec(res.body.text)?.[0] ?? null;
  return null;
}

test('the request simulator agrees with a real Apache on >= 99 % of >= 500 generated requests', { timeout: 170_000 }, async t => {
  if (!requireApache(t)) return;
  const s = defaultScratch();
  const port = await freePort();
  let total = 0;
  let agree = 0;
  let simMs = 0;
  let httpMs = 0;
  const started = performance.now();
  const disagreements: string[] = [];
  const cannot: string[] = [];
  const list = scenarios(port, { doc: '', alt: '', aliased: '' }, 1);
  for (let i = 0; i < list.length; i++) {
    // Each scenario gets its own folders, so markers say which configuration served them.
    const base = path.join(s.dir, `sim-${i}`);
    const d: Dirs = { doc: path.join(base, 'htdocs'), alt: path.join(base, 'alt'), aliased: path.join(base, 'aliased') };
    writeSite(d.doc, `s${i}`, SITE_FILES);
    writeSite(d.alt, `s${i}-alt`, ALT_FILES);
    writeSite(d.aliased, `s${i}-aliased`, ALIAS_FILES);
    // Without any AllowOverride in force Apache still reads .htaccess files, and refuses every directive in
    // them (500); every third configuration has one in sub/, the others let sub/ serve normally.
    if (i % 3 === 0) fs.writeFileSync(path.join(d.doc, 'sub', '.htaccess'), 'Require all denied\n');
    fs.writeFileSync(path.join(d.doc, 'a b.html'), `MARK:s${i}-space\n`);
    const sc = scenarios(port, d, 1000 + i)[i];
    for (const [f, text] of Object.entries(sc.files ?? {})) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text + '\n');
    }
    const siteFile = path.join(base, 'site.conf');
    fs.writeFileSync(siteFile, sc.conf + '\n');
    sc.prepare?.(siteFile);
    const srv = await s.startApache(siteFile, { port, documentRoot: d.doc });
    try {
      const project = new Project(nodeFileSystem, {});
      const model = buildSimModel(project, srv.configFile);
      for (const rq of sc.requests) {
        total++;
        const to = rq.to ?? '127.0.0.1';
        const t0 = performance.now();
        const pred = simulateWithModel(project, model, {
          from: rq.from,
          url: `http://${to}:${port}${rq.path}`,
          headers: { ...(rq.headers ?? {}), Host: rq.host ?? `${to}:${port}` },
          method: rq.method,
        });
        simMs += performance.now() - t0;
        const t1 = performance.now();
        const real = await request(port, rq);
        httpMs += performance.now() - t1;
        const realMarker = MARK.exec(real.body)?.[0] ?? null;
        const label = `${sc.name}: ${rq.method ?? 'GET'} ${rq.path} from ${rq.from} to ${to} Host ${rq.host ?? '(address)'}${rq.headers ? ' ' + JSON.stringify(rq.headers) : ''}`;
        if (pred.status === null) {
          cannot.push(`${label}: cannot tell (${pred.cannotTell})`);
          disagreements.push(`${label}: Upkeep cannot tell (${pred.cannotTell}); Apache ${real.status} ${realMarker ?? '-'}`);
          continue;
        }
        const predMarker = predictedMarker(pred);
        const isRedirect = real.status >= 300 && real.status < 400;
        // A redirect's body is Apache's "Moved" page, which repeats the Location: compare the Location instead.
        // HEAD answers have no body: the status decides.
        const ok =
          pred.status === real.status &&
          (isRedirect ? pred.location === real.location : rq.method === 'HEAD' || predMarker === realMarker);
        if (ok) agree++;
        else {
          disagreements.push(
            `${label}: Upkeep ${pred.status} ${predMarker ?? '-'}${pred.location ? ' -> ' + pred.location : ''}; Apache ${real.status} ${realMarker ?? '-'}${real.location ? ' -> ' + real.location : ''}\n      ` +
              pred.steps.map(st => `${'  '.repeat(st.depth)}[${st.phase}] ${st.text}`).join('\n      '),
          );
        }
      }
    } finally {
      await srv.stop();
    }
  }
  const rate = agree / total;
  t.diagnostic(`simulator vs Apache: ${agree}/${total} agree (${(rate * 100).toFixed(2)} %), ${disagreements.length} disagreement(s), ${cannot.length} "cannot tell"`);
  t.diagnostic(`${list.length} configurations; ${(simMs / 1000).toFixed(1)} s simulating, ${(httpMs / 1000).toFixed(1)} s in requests, ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  for (const dis of disagreements) t.diagnostic(`DISAGREE ${dis}`);
  if (disagreements.length) console.log(['disagreements:', ...disagreements].join('\n  '));
  assert.ok(total >= 500, `only ${total} cases`);
  assert.ok(rate >= 0.99, `agreement ${(rate * 100).toFixed(2)} % < 99 %`);
});
