// The assembled configuration (issue 10): conditional sections evaluated three-valued, drop-ins, per-vhost
// facts, findings that say each cause once, rules that are off not running, incremental invalidation,
// and any nesting depth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, ruleTester } from '../support/rule-tester';
import { lintFile } from '../../server/src/languages';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { evalIfVersion, fnmatch, httpdConfigFor, reachOf } from '../../server/src/httpd/config';
import { registerHostProvider } from '../../server/src/httpd/deployment';
import { incrementalStats } from '../../server/src/httpd/lint';
import { parseHttpd, type HttpdTree } from '../../server/src/httpd/syntax';
import { httpdDocumentSymbols } from '../../server/src/httpd/symbols';
import { LineIndex } from '../../server/src/engine/text';

const MODS = 'LoadModule mpm_event_module modules/mod_mpm_event.so\nLoadModule authz_core_module modules/mod_authz_core.so\n';
const codes = (text: string, path?: string, files?: Record<string, string>) =>
  lintText({ text, path, files }).findings.map(f => `${(f as unknown as { line: number }).line}:${f.severity}:${f.code}`);

test('IfVersion is evaluated for the target version, whatever the patch level', () => {
  assert.equal(evalIfVersion(['>=', '2.4'], '2.4'), 'yes');
  assert.equal(evalIfVersion(['>=', '2.3'], '2.4'), 'yes');
  assert.equal(evalIfVersion(['<', '2.4'], '2.4'), 'no');
  assert.equal(evalIfVersion(['<', '2.4'], '2.2'), 'yes');
  assert.equal(evalIfVersion(['>=2.4'], '2.4'), 'yes', 'operator glued to the version');
  assert.equal(evalIfVersion(['!', '>=', '2.4'], '2.4'), 'no');
  assert.equal(evalIfVersion(['>', '2.4.10'], '2.4'), 'maybe', 'depends on the patch level');
  assert.equal(evalIfVersion(['~', '2\\.4'], '2.4'), 'maybe', 'regexes are not guessed');
  assert.equal(evalIfVersion(['2.4.7'], '2.4'), 'maybe');
});

test('a misspelled directive inside an always-true condition stops Apache: an error', () => {
  assert.deepEqual(codes(MODS + '<IfVersion >= 2.3>\n  ServerTokenz Prod\n</IfVersion>\n'), ['4:error:httpd/unknown-directive']);
  assert.deepEqual(codes(MODS + '<IfModule !mpm_netware_module>\n  ServerTokenz Prod\n</IfModule>\n'), ['4:error:httpd/unknown-directive']);
  assert.deepEqual(codes(MODS + '<IfModule mod_authz_core.c>\n  ServerTokenz Prod\n</IfModule>\n'), ['4:error:httpd/unknown-directive']);
});

test('a branch Apache never reads gets hints at most, and no Include or module errors', () => {
  const text = MODS + '<IfVersion < 2.4>\n  Include conf/httpd22-only.conf\n  Order allow,deny\n  ServerTokenz Prod\n</IfVersion>\n';
  assert.deepEqual(codes(text), ['6:hint:httpd/unknown-directive']);
  const php = MODS + '<IfModule mod_php7.c>\n  php_value memory_limit 128M\n  FooBar on\n</IfModule>\n';
  assert.deepEqual(codes(php), ['5:hint:httpd/unknown-directive'], 'php_value is known (mod_php); FooBar is not, and never read');
});

test('a condition the workspace cannot decide keeps warnings, not errors', () => {
  assert.deepEqual(codes(MODS + '<IfDefine SSL>\n  SSLFoo on\n</IfDefine>\n'), ['4:warning:httpd/unknown-directive']);
  const inc = lintText({ text: MODS + '<IfDefine EXTRA>\n  Include conf/extra.conf\n</IfDefine>\n' }).findings;
  assert.deepEqual(inc.map(f => `${f.code}:${f.severity}`), ['httpd/include-missing:warning']);
  assert.match(inc[0].message, /Only when <IfDefine EXTRA> holds/);
});

test('a main config that loads no module is read as one that says nothing of modules, whether it has Includes or not', () => {
  const fs = new MemoryFileSystem({
    '/ws/a/httpd.conf': 'ServerName a\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n</IfModule>\n',
    '/ws/b/httpd.conf': 'ServerName b\nInclude conf.d/*.conf\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n</IfModule>\n',
    '/ws/b/conf.d/site.conf': 'ServerAdmin ops@example.test\n',
    '/ws/c/httpd.conf': 'ServerName c\nInclude conf.d/*.conf\n<IfModule mod_rewrite.c>\n  RewriteEngine On\n</IfModule>\n',
    '/ws/c/conf.d/mods.conf': MODS,
  });
  const project = new Project(fs, { roots: ['/ws'] });
  const reachOfRewrite = (root: string) => {
    const cfg = httpdConfigFor(project, root);
    const tree = project.file<HttpdTree>(root)!.tree;
    const d = tree.directives.find(x => x.name === 'RewriteEngine')!;
    return [cfg.complete, reachOf(cfg, root, d).reach];
  };
  // No LoadModule and no Include: read once, as a configuration that cannot tell (mod_rewrite may be built in).
  assert.deepEqual(reachOfRewrite('/ws/a/httpd.conf'), [false, 'maybe']);
  // Includes that load nothing: the same answer.
  assert.deepEqual(reachOfRewrite('/ws/b/httpd.conf'), [false, 'maybe']);
  // An included file loads modules: the set is complete and mod_rewrite is not in it.
  assert.deepEqual(reachOfRewrite('/ws/c/httpd.conf'), [true, 'no']);
});

test('reach of nodes: yes, no and maybe, with the section that decides', () => {
  const fs = new MemoryFileSystem({
    '/ws/conf/httpd.conf': MODS + '<IfModule mod_rewrite.c>\n  RewriteEngine On\n</IfModule>\n<IfModule authz_core_module>\n  <IfDefine X>\n    Require all granted\n  </IfDefine>\n</IfModule>\n',
  });
  const project = new Project(fs, { roots: ['/ws'] });
  const cfg = httpdConfigFor(project, '/ws/conf/httpd.conf');
  const tree = project.file<HttpdTree>('/ws/conf/httpd.conf')!.tree;
  const [rewrite, require] = [tree.directives[2], tree.directives[3]];
  assert.equal(reachOf(cfg, '/ws/conf/httpd.conf', rewrite).reach, 'no', 'mod_rewrite is not loaded by this complete configuration');
  const r = reachOf(cfg, '/ws/conf/httpd.conf', require);
  assert.equal(r.reach, 'maybe');
  assert.equal(r.guard?.name, 'IfDefine');
  assert.equal(reachOf(cfg, '/ws/conf/httpd.conf', tree.directives[0]).reach, 'yes');
});

ruleTester('httpd/mixed-access-control', {
  valid: [
    {
      name: 'the cross-version pattern: branches Apache never reads both',
      text: MODS + '<Directory /srv>\n  <IfModule mod_authz_core.c>\n    Require all granted\n  </IfModule>\n  <IfModule !mod_authz_core.c>\n    Order allow,deny\n    Allow from all\n  </IfModule>\n</Directory>\n',
    },
    {
      name: 'IfVersion >= 2.4 / < 2.4',
      text: '<Directory /srv>\n  <IfVersion >= 2.4>\n    Require all granted\n  </IfVersion>\n  <IfVersion < 2.4>\n    Order allow,deny\n    Allow from all\n  </IfVersion>\n</Directory>\n',
    },
    {
      name: 'the same pattern in a drop-in seen without its main config (conditions unknown)',
      path: '/ws/conf.d/site.conf',
      text: '<Directory /srv>\n  <IfModule mod_authz_core.c>\n    Require all granted\n  </IfModule>\n  <IfModule !mod_authz_core.c>\n    Order allow,deny\n    Allow from all\n  </IfModule>\n</Directory>\n',
    },
  ],
  invalid: [
    { name: 'really mixed', text: MODS + '<Directory /srv>\n  Order allow,deny\n  Require all granted\n</Directory>\n', findings: [5] },
  ],
});

test('a drop-in with a LoadModule of its own is no whole configuration: no module-not-loaded errors', () => {
  const dropIn = 'LoadModule proxy_ajp_module modules/mod_proxy_ajp.so\nRewriteEngine On\nHeader set X-A 1\nExpiresActive On\n';
  assert.deepEqual(codes(dropIn, '/ws/conf.d/ajp.conf'), []);
  // With its main configuration in the workspace, the main config decides.
  const main = { '/ws/conf/httpd.conf': MODS + 'LoadModule headers_module modules/mod_headers.so\nIncludeOptional conf.d/*.conf\n' };
  assert.deepEqual(codes(dropIn, '/ws/conf.d/ajp.conf', main), ['2:error:httpd/module-not-loaded', '4:error:httpd/module-not-loaded']);
});

test('an MPM compiled into the binary: MPM directives need no LoadModule', () => {
  // (ServerTokens/TraceEnable: a whole server without them gets the security rules' information findings)
  const noMpm = 'LoadModule authz_core_module modules/mod_authz_core.so\nListen 80\nStartServers 2\nServerTokens Prod\nTraceEnable Off\n';
  assert.deepEqual(codes(noMpm), []);
});

test('a line ending in \\\\ still continues, as in Apache 2.4', () => {
  const text = 'SetEnvIf User-Agent "x\\\\" \\\\\n  downgrade-1.0\nServerName a\n';
  assert.deepEqual(codes(text), []);
  const tree = parseHttpd(text);
  assert.equal(tree.directives.length, 2);
  assert.equal(tree.directives[0].args.at(-1)?.value, 'downgrade-1.0');
});

test('4,000 nested sections: linted, outlined and walked without a stack overflow', () => {
  const n = 4000;
  const text = 'ServerName a\n' + '<IfModule mod_rewrite.c>\n'.repeat(n) + 'ServerTokenz Prod\n' + '</IfModule>\n'.repeat(n);
  const found = codes(text);
  assert.deepEqual(found, [`${n + 2}:warning:httpd/unknown-directive`], 'a drop-in: mod_rewrite may be loaded elsewhere');
  const deep = 'ServerName a\n' + '<Location /a>\n'.repeat(n) + '</Location>\n'.repeat(n);
  assert.equal(codes(deep).filter(c => c.endsWith('httpd/directive-context')).length, n - 1);
  const tree = parseHttpd(text);
  const symbols = httpdDocumentSymbols(tree, new LineIndex(text));
  assert.ok(JSON.stringify(symbols).length > 0, 'the outline serialises');
});

test('Include globs match like fnmatch, in linear time', () => {
  assert.ok(fnmatch('*.conf', 'site.conf'));
  assert.ok(fnmatch('[0-9][0-9]-*.conf', '06-alias.conf'));
  assert.ok(!fnmatch('[!0-9]*.conf', '06-alias.conf'));
  assert.ok(fnmatch('a?c', 'abc'));
  assert.ok(!fnmatch('*.conf', 'site.conf.bak'));
  const stars = '*'.repeat(40) + 'x';
  const t0 = Date.now();
  assert.equal(fnmatch(stars, 'a'.repeat(60)), false);
  assert.ok(Date.now() - t0 < 1000, 'no exponential backtracking');
});

test('each vhost is judged against its own DocumentRoot: site0 hears nothing of site1', () => {
  const vhost = (i: number) =>
    `<VirtualHost *:80>\n  ServerName site${i}\n  DocumentRoot /ws/site${i}\n  RewriteEngine On\n  RewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$\n  RewriteCond %{REQUEST_URI} !^/maintenance\\.html$\n  RewriteRule ^ - [R=503,L]\n  ErrorDocument 503 /maintenance.html\n</VirtualHost>\n`;
  const { findings } = lintText({
    text: MODS + 'LoadModule rewrite_module modules/mod_rewrite.so\n' + vhost(0) + vhost(1),
    files: { '/ws/site0/maintenance.html': 'down', '/ws/site1/index.html': 'hi' },
  });
  const page = findings.filter(f => f.code === 'httpd/maintenance-page');
  assert.equal(page.length, 1, page.map(f => f.message).join('\n'));
  assert.match(page[0].message, /does not exist in DocumentRoot site1/);
  assert.equal((page[0] as unknown as { line: number }).line, 20, 'on the ErrorDocument line of site1');
});

test('a [F] rule that guards one path is access control, not a maintenance page', () => {
  const text = MODS + 'LoadModule rewrite_module modules/mod_rewrite.so\nRewriteEngine On\nRewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$\nRewriteRule ^/\\.git - [F]\nErrorDocument 403 /forbidden.html\n';
  assert.deepEqual(lintText({ text }).findings.filter(f => f.code === 'httpd/maintenance-page'), []);
  const site = text.replace('^/\\.git', '^');
  assert.deepEqual(lintText({ text: site }).findings.filter(f => f.code === 'httpd/maintenance-page').length, 1, 'the whole site behind [F] with an allowlist is');
});

test('a chain missing 500 hosts is one finding listing them, with one fix adding them all', () => {
  const hosts = Array.from({ length: 500 }, (_, i) => `10.20.${i >> 8}.${i & 255}`);
  const rule = (i: number) => `<VirtualHost *:80>\n  RewriteEngine On\n  RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.${i}$\n  RewriteRule ^ - [R=503,L]\n</VirtualHost>\n`;
  const text = Array.from({ length: 20 }, (_, i) => rule(i)).join('');
  const { findings } = lintText({ text, options: { maintenanceHosts: hosts } });
  const missing = findings.filter(f => f.code === 'httpd/allowlist-missing-host');
  assert.equal(missing.length, 20, 'one per chain, not one per chain and host');
  assert.match(missing[0].message, /^500 hosts that must keep access have no allowlist entry: 10\.20\.0\.0 .* and 492 more\./);
  const edit = missing[0].fixes![0].edits[0];
  assert.equal(edit.newText.split('\n').filter(Boolean).length, 500);
  assert.equal(missing[0].fixes![0].safe, true);
});

test('rules that are off do not run', () => {
  let asked = 0;
  registerHostProvider(project => {
    if (project.options.phaseScripts?.folder === 'probe-off-rules') asked++;
    return [];
  });
  const text = 'RewriteEngine On\nRewriteCond %{REMOTE_ADDR} !^10\\.0\\.0\\.1$\nRewriteRule ^ - [R=503,L]\n';
  const base = { phaseScripts: { folder: 'probe-off-rules' }, maintenanceHosts: ['10.0.0.9'] };
  lintText({ text, options: base });
  assert.equal(asked, 1, 'the allowlist rule asks for the hosts that must keep access');
  lintText({ text, options: { ...base, config: { rules: { 'httpd/allowlist-missing-host': 'off' } } } });
  assert.equal(asked, 1, 'turned off, it never runs');
});

test('incremental: an edit re-reads one file; unrelated facts and results are reused', () => {
  const fs = new MemoryFileSystem({
    '/ws/conf/httpd.conf': MODS + 'IncludeOptional conf.d/*.conf\n',
    '/ws/conf.d/a.conf': 'RewriteEngine On\n',
    '/ws/conf.d/b.conf': 'ServerName b\n',
    '/ws/other/plugin-notes.conf': 'Listen 80\n',
  });
  const project = new Project(fs, { roots: ['/ws'] });
  const a1 = lintFile(project, '/ws/conf.d/a.conf')!;
  assert.deepEqual(a1.findings.map(f => f.code), ['httpd/module-not-loaded']);
  const b1 = lintFile(project, '/ws/conf.d/b.conf')!;
  // Touching nothing: the same results, not recomputed.
  project.touch([]);
  assert.equal(lintFile(project, '/ws/conf.d/a.conf'), a1);
  // b.conf loads mod_rewrite: a.conf's finding goes; b.conf is re-parsed, a.conf's tree is reused.
  const treeA = project.file('/ws/conf.d/a.conf')!.tree;
  fs.write('/ws/conf.d/b.conf', 'ServerName b\nLoadModule rewrite_module modules/mod_rewrite.so\n');
  project.touch(['/ws/conf.d/b.conf']);
  const a2 = lintFile(project, '/ws/conf.d/a.conf')!;
  assert.deepEqual(a2.findings.map(f => f.code), []);
  assert.equal(project.file('/ws/conf.d/a.conf')!.tree, treeA, 'a.conf was not parsed again');
  assert.notEqual(lintFile(project, '/ws/conf.d/b.conf'), b1);
  // A new drop-in appears: the glob is expanded again and the file joins the configuration.
  fs.write('/ws/conf.d/c.conf', 'ExpiresActive On\n');
  project.touch(['/ws/conf.d/c.conf']);
  assert.ok(httpdConfigFor(project, '/ws/conf/httpd.conf').fileSet.has('/ws/conf.d/c.conf'));
  assert.deepEqual(lintFile(project, '/ws/conf.d/c.conf')!.findings.map(f => f.code), ['httpd/module-not-loaded']);
});

test('incremental lint of a large file: after edits, the same findings as a fresh lint', () => {
  const vhost = (i: number) =>
    `<VirtualHost *:80>\n  ServerName site${i}\n  DocumentRoot /ws/site${i % 2}\n  RewriteEngine On\n  RewriteCond %{REMOTE_ADDR} !^10\\.0\\.${i % 7}\\.1$\n  RewriteRule ^ - [R=503,L]\n  ErrorDocument 503 /maintenance.html\n${i % 5 === 0 ? '  ServerTokenz Prod\n' : ''}  <Location /a${i}>\n    Order allow,deny\n    Require all granted\n  </Location>\n</VirtualHost>\n`;
  const head = MODS + 'LoadModule rewrite_module modules/mod_rewrite.so\nErrorDocument 500 /oops.html\n';
  const body = Array.from({ length: 300 }, (_, i) => vhost(i)).join('');
  const files = { '/ws/site0/maintenance.html': 'down', '/ws/site1/index.html': 'hi' };
  const path = '/ws/conf/httpd.conf';
  const fs = new MemoryFileSystem({ ...files, [path]: head + body });
  const project = new Project(fs, { roots: ['/ws'], incremental: true, maintenanceHosts: ['10.9.9.9'] });
  const fresh = (text: string) => {
    const p = new Project(new MemoryFileSystem({ ...files, [path]: text }), { roots: ['/ws'], maintenanceHosts: ['10.9.9.9'] });
    return lintFile(p, path)!.findings;
  };
  const shape = (fs: ReturnType<typeof fresh>) => fs.map(f => `${f.start}-${f.end} ${f.severity} ${f.code} ${f.message} ${JSON.stringify(f.fixes ?? [])}`);
  assert.ok((head + body).length > 32 * 1024);
  const edits = [
    (t: string) => t.replace('ServerName site150\n', 'ServerName site150\n  FooBar on\n'), // inside one vhost
    (t: string) => t.replace('ServerName site7\n', 'ServerName site7b\n'), // shifts nothing after it... but changes text
    (t: string) => t.replace('ErrorDocument 500 /oops.html\n', '# moved\nErrorDocument 500 /oops.html\n'), // every vhost shifts
    (t: string) => t.replace('LoadModule rewrite_module modules/mod_rewrite.so\n', ''), // a model fact changes
  ];
  let text = head + body;
  let prev = lintFile(project, path)!.findings;
  assert.deepEqual(shape(prev), shape(fresh(text)));
  for (const edit of edits) {
    text = edit(text);
    fs.write(path, text);
    project.touch([path]);
    const now = lintFile(project, path)!.findings;
    assert.notEqual(now, prev);
    if (edit === edits[0] || edit === edits[2]) assert.ok(incrementalStats.reused >= 299, `reused ${incrementalStats.reused} of 300 virtual hosts`);
    if (edit === edits[3]) assert.equal(incrementalStats.reused, 0, 'a model fact changed: nothing is reused');
    assert.deepEqual(shape(now), shape(fresh(text)));
    prev = now;
  }
});
