import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpdHover } from '../../../server/src/httpd/hover';
import { allDirectiveDocs, COND_FLAGS, RULE_FLAGS, directiveDocUrl } from '../../../server/src/httpd/docs';
import { allDirectives, allSections, directiveInfo, sectionInfo } from '../../../server/src/httpd/directives';
import { setup } from './cursor';

type Opts = Parameters<typeof setup>[1];

function hover(src: string, opts: Opts = {}): { md: string; hovered: string } | null {
  const s = setup(src, opts);
  const h = httpdHover(s.project, s.file, s.offset);
  return h ? { md: h.markdown, hovered: s.text.slice(h.start, h.end) } : null;
}
function must(src: string, opts: Opts = {}) {
  const h = hover(src, opts);
  assert.ok(h, `no hover for ${JSON.stringify(src)}`);
  return h;
}

test('directive: module, contexts, syntax, arguments, default, link to the official anchor', () => {
  const h = must('<VirtualHost *:80>\n  RewriteE|ngine On\n</VirtualHost>\n');
  assert.equal(h.hovered, 'RewriteEngine');
  assert.equal(
    h.md,
    [
      '**RewriteEngine** · directive of `mod_rewrite`',
      'Switches mod_rewrite on for this scope. Not inherited: every `<VirtualHost>` that should rewrite needs its own `RewriteEngine On` (or RewriteOptions Inherit), a frequent reason why a maintenance rule works on port 80 but not on the SSL virtual host.',
      '```apacheconf\nRewriteEngine On|Off\n```',
      [
        '- **Context:** server config; `<VirtualHost>`; `<Directory>`, `<Location>`, `<Files>`, `<If>` or `<Proxy>`; .htaccess (needs `AllowOverride FileInfo`)',
        '- **Arguments:** `On` or `Off`',
        '- **Default:** Off',
        '- **Module:** `LoadModule rewrite_module …/mod_rewrite.so`',
      ].join('\n'),
      '[Apache documentation: RewriteEngine](https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html#rewriteengine)',
    ].join('\n\n'),
  );
});

test('directive: where the configuration loads the module; main-server-only directives say so', () => {
  const h = must('LoadModule rewrite_module modules/mod_rewrite.so\nRewriteR|ule ^ - [F]\n');
  assert.match(h.md, /- \*\*Module:\*\* `LoadModule rewrite_module …\/mod_rewrite\.so` · loaded in httpd\.conf line 1/);
  const l = must('Lis|ten 80\n');
  assert.match(l.md, /\*\*Context:\*\* server config \(main server only, not inside `<VirtualHost>`\)/);
  assert.match(l.md, /\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mpm_common\.html#listen\)/);
  assert.match(must('Ti|meout 60\n').md, /core\.html#timeout\)/);
});

test('directive: IHS 8.5 (2.2) vs IHS 9 (2.4) notes where they matter, with a warning for the target', () => {
  const inc = must('IncludeOpt|ional conf.d/*.conf\n');
  assert.match(inc.md, /\*\*Versions:\*\* Apache 2\.4 \(IBM HTTP Server 9\); not available on Apache 2\.2 \(IBM HTTP Server 8\.5\)\./);
  assert.doesNotMatch(inc.md, /⚠️/);
  const on22 = must('IncludeOpt|ional conf.d/*.conf\n', { options: { httpdVersion: '2.2' } });
  assert.match(on22.md, /⚠️ \*\*Versions:\*\* .* Your target version is 2\.2\./);
  // Detected from the configuration: the IHS 8.5 plug-in module means 2.2.
  const detected = must('LoadModule was_ap22_module /opt/IBM/Plugins/bin/mod_was_ap22_http.so\nIncludeOpt|ional conf.d/*.conf\n');
  assert.match(detected.md, /⚠️ \*\*Versions:\*\* .* Your target version is 2\.2\./);
  const order = must('<Directory />\n  Ord|er deny,allow\n</Directory>\n');
  assert.match(order.md, /On 2\.4 \(IHS 9\) it needs mod_access_compat/);
  const log = must('RewriteL|og logs/rewrite.log\n', { options: { httpdVersion: '2.4' } });
  assert.match(log.md, /⚠️ \*\*Versions:\*\* Apache 2\.2 \(IBM HTTP Server 8\.5\) only; removed in 2\.4/);
  assert.match(log.md, /LogLevel rewrite:trace3/);
  assert.match(log.md, /\(https:\/\/httpd\.apache\.org\/docs\/2\.2\/mod\/mod_rewrite\.html#rewritelog\)/);
  assert.match(must('MaxCl|ients 150\n').md, /\*\*Deprecated:\*\* renamed MaxRequestWorkers in 2\.4\.[\s\S]*mpm_common\.html#maxrequestworkers/);
});

test('directive without our own text: the facts of the table and the link only', () => {
  const h = must('<Location />\n  AddA|lt "x" y\n</Location>\n');
  assert.equal(
    h.md,
    [
      '**AddAlt** · directive of `mod_autoindex`',
      [
        '- **Context:** server config; `<VirtualHost>`; `<Directory>`, `<Location>`, `<Files>`, `<If>` or `<Proxy>`; .htaccess (needs `AllowOverride Indexes`)',
        '- **Arguments:** 2 or more',
        '- **Module:** `LoadModule autoindex_module …/mod_autoindex.so`',
      ].join('\n'),
      '[Apache documentation: AddAlt](https://httpd.apache.org/docs/2.4/mod/mod_autoindex.html#addalt)',
    ].join('\n\n'),
  );
  assert.equal(hover('Nonsen|se x\n'), null);
});

test('directives of well-known third-party modules: which module, and its documentation', () => {
  const h = must('<Directory /var/www>\n  php_va|lue memory_limit 256M\n</Directory>\n');
  // The facts come from the real module (scripts/gen-directives.mjs probes Debian's libapache2-mod-php).
  assert.equal(
    h.md,
    [
      '**php_value** · directive of `mod_php` (not part of Apache httpd)',
      'PHP as an Apache module (prefork MPM): php_value/php_flag set php.ini options per directory.',
      [
        '- **Context:** server config; `<VirtualHost>`; `<Directory>`, `<Location>`, `<Files>`, `<If>` or `<Proxy>`; .htaccess (needs `AllowOverride Options`)',
        '- **Arguments:** exactly 2',
        '- **Module:** `LoadModule php_module …/libphp8.2.so`',
      ].join('\n'),
      '[mod_php documentation](https://www.php.net/manual/en/configuration.changes.php)',
    ].join('\n\n'),
  );
  // A module outside our list of descriptions: the facts, and no link into Apache's manual.
  const qos = must('QS_SrvMaxConnPer|IP 50\n').md;
  assert.match(qos, /^\*\*QS_SrvMaxConnPerIP\*\* · directive of `mod_qos` \(not part of Apache httpd\)/);
  assert.doesNotMatch(qos, /httpd\.apache\.org/);
  // IHS modules other than mod_ibm_ssl link to IBM's manual of that module.
  assert.match(must('ReportInt|erval 600\n').md, /\(https:\/\/publib\.boulder\.ibm\.com\/httpserv\/manual24\/mod\/mod_mpmstats\.html#reportinterval\)/);
  assert.match(must('JkMou|nt /app/* worker1\n').md, /`mod_jk`/);
});

test('IBM HTTP Server directives link to IBM documentation; shared names list both modules', () => {
  const h = must('<VirtualHost *:443>\n  SSLEn|able\n</VirtualHost>\n');
  assert.match(h.md, /^\*\*SSLEnable\*\* · directive of `mod_ibm_ssl` \(IBM HTTP Server\)/);
  assert.match(h.md, /\[IBM documentation: SSLEnable\]\(https:\/\/www\.ibm\.com\/docs\/en\/ibm-http-server\/9\.0\.5\?topic=communications-ssl-directives\)/);
  const w = must('WebSphereP|luginConfig /opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml\n');
  assert.match(w.md, /was_ap22_module.*IHS 8\.5.*was_ap24_module.*IHS 9/);
  const proxy = must('SSLProxyEn|gine on\n');
  assert.match(proxy.md, /\*\*Also defined by:\*\* `mod_ibm_ssl` \(IBM HTTP Server\)/);
});

test('sections: on the opening and on the closing tag', () => {
  const src = '<Virtual|Host *:80>\n</VirtualHost>\n';
  const h = must(src);
  assert.equal(h.hovered, '<VirtualHost');
  assert.match(h.md, /^\*\*`<VirtualHost>`\*\* · section of `core`/);
  assert.match(h.md, /```apacheconf\n<VirtualHost <address\[:port\]> \.\.\.>\n```/);
  assert.match(h.md, /core\.html#virtualhost\)$/);
  const close = must('<IfModule x>\n</IfMo|dule>\n');
  assert.equal(close.hovered, '</IfModule');
  assert.match(close.md, /^\*\*`<IfModule>`\*\*/);
  assert.match(must('<If| "%{HTTPS} == \'on\'">\n</If>\n').md, /Apache 2\.4 \(IBM HTTP Server 9\)/);
});

test('RewriteRule flags: the flag under the cursor, with its long name and the flags page anchor', () => {
  const l = must('RewriteRule ^ - [R=503,|L]\n');
  assert.equal(l.hovered, 'L');
  assert.match(l.md, /^\*\*L\*\* \(last\) · RewriteRule flag/);
  assert.match(l.md, /\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/rewrite\/flags\.html#flag_l\)$/);
  const r = must('RewriteRule ^ - [|R=503,L]\n');
  assert.equal(r.hovered, 'R=503');
  assert.match(r.md, /outside 300-399/);
  assert.match(r.md, /\*\*Value:\*\* optional, `R=status code/);
  const long = must('RewriteRule ^ - [redir|ect=301,last]\n');
  assert.match(long.md, /^\*\*R\*\* \(redirect\)/);
  const end = must('RewriteRule ^ - [E|ND]\n', { options: { httpdVersion: '2.2' } });
  assert.match(end.md, /not on Apache 2\.2/);
  // On the code of R=...: the status.
  const code = must('RewriteRule ^ - [R=50|3,L]\n');
  assert.equal(code.hovered, '503');
  assert.match(code.md, /^\*\*503 Service Unavailable\*\* · HTTP status/);
});

test('RewriteCond flags: OR warns about negated allowlists', () => {
  const h = must('RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$ [O|R]\n');
  assert.equal(h.hovered, 'OR');
  assert.match(h.md, /^\*\*OR\*\* \(ornext\) · RewriteCond flag/);
  assert.match(h.md, /Never put `\[OR\]` on negated allowlist conditions/);
  assert.match(h.md, /mod_rewrite\.html#rewritecond\)$/);
});

test('server variables in %{...}, also prefix forms and in <If> expressions', () => {
  const h = must('RewriteCond %{REMOTE_H|OST} ^admin\n');
  assert.equal(h.hovered, '%{REMOTE_HOST}');
  assert.match(h.md, /^\*\*%\{REMOTE_HOST\}\*\* · server variable/);
  assert.match(h.md, /HostnameLookups Off/);
  const hdr = must('RewriteCond %{HTTP:X-Forw|arded-For} ^10\\.\n');
  assert.match(hdr.md, /^\*\*%\{HTTP:…\}\*\*/);
  const inIf = must('<If "%{REQUEST_U|RI} =~ m#^/maint#">\n</If>\n');
  assert.equal(inIf.hovered, '%{REQUEST_URI}');
  assert.equal(hover('RewriteCond %{NOT_A_VAR|} x\n'), null);
});

test('${VAR}: the Define value and where it is set', () => {
  const h = must('Define ROOT /opt/app\nDocumentRoot ${RO|OT}/htdocs\n');
  assert.equal(h.hovered, '${ROOT}');
  assert.match(h.md, /Value: `\/opt\/app` \(Define in httpd\.conf line 1\)/);
  assert.match(must('DocumentRoot ${MISSI|NG}/htdocs\n').md, /Not defined in this configuration/);
});

test('LoadModule and <IfModule> module names', () => {
  const h = must('LoadModule rewr|ite_module modules/mod_rewrite.so\n');
  assert.equal(h.hovered, 'rewrite_module');
  assert.equal(
    h.md,
    [
      '**rewrite_module** · module `mod_rewrite.c`, file `mod_rewrite.so`',
      'Rule-based URL rewriting, redirects and maintenance switches (RewriteRule, RewriteCond).',
      '**Directives:** RewriteBase, RewriteCond, RewriteEngine, RewriteMap, RewriteOptions, RewriteRule',
      '[Apache documentation: mod_rewrite](https://httpd.apache.org/docs/2.4/mod/mod_rewrite.html)',
    ].join('\n\n'),
  );
  assert.match(must('LoadModule rewrite_module modules/mod_rew|rite.so\n').md, /^\*\*rewrite_module\*\*/);
  const was = must('LoadModule was_ap24|_module /opt/IBM/Plugins/bin/64bits/mod_was_ap24_http.so\n');
  assert.match(was.md, /IBM HTTP Server 9 \(Apache 2\.4\)[\s\S]*\[IBM documentation/);
  const loaded = must('LoadModule ssl_module modules/mod_ssl.so\n<IfModule mod_s|sl.c>\n</IfModule>\n');
  assert.match(loaded.md, /This configuration loads it/);
  const notLoaded = must('<IfModule !mod_ss|l.c>\n</IfModule>\n');
  assert.match(notLoaded.md, /the section's body is skipped/);
  assert.match(must('<IfModule co|re.c>\n</IfModule>\n').md, /Built into httpd/);
});

test('ErrorDocument status codes', () => {
  const h = must('ErrorDocument 4|01 /errors/401.html\n');
  assert.equal(h.hovered, '401');
  assert.match(h.md, /^\*\*401 Unauthorized\*\* · HTTP status/);
  assert.match(h.md, /must be a local path/);
  assert.match(h.md, /core\.html#errordocument\)/);
  assert.equal(hover('ErrorDocument 7|77 x\n'), null);
});

test('nothing to say on comments, blank lines and plain arguments', () => {
  assert.equal(hover('# Rewrite|Rule\n'), null);
  assert.equal(hover('|\n'), null);
  assert.equal(hover('ServerName www.exa|mple.com\n'), null);
});

test('every documented name and every flag is known; every directive and section of the table gets a hover', () => {
  for (const d of allDirectiveDocs()) {
    if (d.removedIn) assert.ok(d.module, `${d.name}: a removed directive names its module`);
    else assert.ok(directiveInfo(d.name) ?? sectionInfo(d.name), `${d.name} is not in the directive table`);
  }
  for (const f of [...RULE_FLAGS, ...COND_FLAGS]) assert.ok(f.text.length > 10, f.name);
  for (const d of [...allDirectives(), ...allSections()]) {
    assert.ok(directiveDocUrl(d.name, d.module), `${d.name} (${d.module}) has no documentation link`);
    const src = d.section ? `<${d.name}|>\n</${d.name}>\n` : `${d.name}|\n`;
    assert.ok(hover(src), `no hover for ${d.name}`);
  }
  assert.ok(allDirectiveDocs().length >= 150, `we document the ${allDirectiveDocs().length} most used directives`);
});

/** Markdown outside code fences and code spans: what a renderer treats as text (and raw HTML). */
function proseOf(md: string): string {
  return md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
}

test('issue 14: no raw <Tag> in hover prose (VS Code strips it as HTML: "Context: , , or ;")', () => {
  const rw = must('<VirtualHost *:80>\n  RewriteE|ngine On\n</VirtualHost>\n');
  assert.match(rw.md, /- \*\*Context:\*\* server config; `<VirtualHost>`; `<Directory>`/);
  const bad: string[] = [];
  for (const { name } of allDirectives()) {
    const h = hover(`${name.slice(0, 1)}|${name.slice(1)} x\n`);
    if (h && /<\/?[A-Za-z]/.test(proseOf(h.md))) bad.push(`${name}: ${proseOf(h.md).match(/.{0,30}<\/?[A-Za-z].{0,20}/)![0]}`);
  }
  for (const { name } of allSections()) {
    const h = hover(`<${name.slice(0, 1)}|${name.slice(1)} x>\n</${name}>\n`);
    if (h && /<\/?[A-Za-z]/.test(proseOf(h.md))) bad.push(`<${name}>: ${proseOf(h.md).match(/.{0,30}<\/?[A-Za-z].{0,20}/)![0]}`);
  }
  assert.deepEqual(bad, []);
});
