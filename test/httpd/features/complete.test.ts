import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { couldMatch, displayName, httpdCompletionList, httpdCompletions } from '../../../server/src/httpd/complete';
import { allDirectives } from '../../../server/src/httpd/directives';
import { apply, rangeText, setup } from './cursor';

type Opts = Parameters<typeof setup>[1] & { snippets?: boolean };

function complete(src: string, opts: Opts = {}): { items: CompletionItem[]; text: string } {
  const s = setup(src, opts);
  return { items: httpdCompletions(s.project, s.file, s.offset, { snippets: opts.snippets ?? false }), text: s.text };
}
const labels = (items: CompletionItem[]) => items.map(i => i.label);
const edit = (i: CompletionItem) => i.textEdit as TextEdit;
const find = (items: CompletionItem[], label: string) => {
  const i = items.find(x => x.label === label);
  assert.ok(i, `no item ${label} among ${labels(items).slice(0, 30).join(', ')}...`);
  return i;
};
/** Applies an item's edit to the text. */
const accept = (text: string, item: CompletionItem) => apply(text, [edit(item)]);

test('directive names: only those allowed in the enclosing section', () => {
  const top = labels(complete('|\n').items);
  assert.ok(top.includes('ServerRoot') && top.includes('Listen') && top.includes('LoadModule'));
  assert.ok(top.includes('<VirtualHost>'), 'sections are offered at line start too');

  const vhost = labels(complete('<VirtualHost *:80>\n  |\n</VirtualHost>\n').items);
  assert.ok(vhost.includes('ServerName') && vhost.includes('RewriteRule') && vhost.includes('DocumentRoot'));
  assert.ok(!vhost.includes('Listen'), 'Listen is main-server only');
  assert.ok(!vhost.includes('PidFile'));
  assert.ok(!vhost.includes('<VirtualHost>'), 'no nested virtual hosts');
  assert.ok(vhost.includes('<Location>'));

  const loc = labels(complete('<VirtualHost *:80>\n<Location /app>\n  |\n</Location>\n</VirtualHost>\n').items);
  assert.ok(loc.includes('Require') && loc.includes('RewriteRule') && loc.includes('Header'));
  assert.ok(!loc.includes('ServerName') && !loc.includes('DocumentRoot') && !loc.includes('ServerAlias'));
  assert.ok(!loc.includes('<Location>') && !loc.includes('<Directory>'), 'Location cannot nest Location or Directory');
  assert.ok(loc.includes('<RequireAll>') && loc.includes('<If>'));
});

test('directive names: conditional sections are transparent; .htaccess and included files use their context', () => {
  const inIf = labels(complete('<VirtualHost *:80>\n<IfModule mod_ssl.c>\n  |\n</IfModule>\n</VirtualHost>\n').items);
  assert.ok(inIf.includes('SSLEngine') && !inIf.includes('Listen'));

  const htaccess = labels(complete('|\n', { path: '/ws/site/.htaccess' }).items);
  assert.ok(htaccess.includes('RewriteRule') && htaccess.includes('Require'));
  assert.ok(!htaccess.includes('ServerName') && !htaccess.includes('<VirtualHost>') && !htaccess.includes('<Directory>'));

  // A file included inside <VirtualHost> is read in virtual-host context.
  const inc = labels(
    complete('|\n', {
      path: '/ws/conf/site.conf',
      files: { '/ws/conf/httpd.conf': 'Listen 80\n<VirtualHost *:80>\n  Include conf/site.conf\n</VirtualHost>\n' },
    }).items,
  );
  assert.ok(inc.includes('ServerName') && !inc.includes('Listen'));
});

test('directive name: range covers the typed word; documentation links to the official page', () => {
  const { items, text } = complete('<VirtualHost *:80>\n  RewriteE|\n</VirtualHost>\n');
  const it = find(items, 'RewriteEngine');
  assert.equal(rangeText(edit(it).range), '1:2-1:10');
  assert.equal(it.detail, 'mod_rewrite');
  assert.match((it.documentation as { value: string }).value, /Not inherited/);
  assert.match((it.documentation as { value: string }).value, /\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mod_rewrite\.html#rewriteengine\)/);
  assert.equal(accept(text, it), '<VirtualHost *:80>\n  RewriteEngine\n</VirtualHost>\n');
});

test('directive name with snippets: flag directives offer On|Off, sections insert a whole block', () => {
  const { items } = complete('<VirtualHost *:80>\n  Rewr|\n</VirtualHost>\n', { snippets: true });
  assert.equal(edit(find(items, 'RewriteEngine')).newText, 'RewriteEngine ${1|On,Off|}');
  assert.equal(find(items, 'RewriteEngine').insertTextFormat, 2);
  const { items: sections, text } = complete('<VirtualHost *:80>\n  Loc|\n</VirtualHost>\n', { snippets: true });
  const loc = find(sections, '<Location>');
  assert.equal(loc.filterText, 'Location');
  assert.equal(edit(loc).newText, '<Location ${1:/}>\n\t$0\n</Location>');
  assert.equal(accept(text, loc), '<VirtualHost *:80>\n  <Location ${1:/}>\n\t$0\n</Location>\n</VirtualHost>\n');
  // Not at the end of a line with arguments: just the name.
  const withArgs = complete('Rewr| On\n', { snippets: true }).items;
  assert.equal(edit(find(withArgs, 'RewriteEngine')).newText, 'RewriteEngine');
});

test('a begun word narrows the list to the names it could still select, and the list says it is incomplete', () => {
  const s = setup('<VirtualHost *:80>\n<Location /app>\n  Re|\n</Location>\n</VirtualHost>\n', {});
  const narrowed = httpdCompletionList(s.project, s.file, s.offset, {});
  const names = labels(narrowed.items);
  assert.equal(narrowed.isIncomplete, true, 'the client must ask again as the word changes');
  assert.ok(names.includes('Require') && names.includes('RewriteRule') && names.includes('<RequireAll>'));
  assert.ok(!names.includes('Header') && !names.includes('<If>'), 'no R followed by e: no editor filter would show it');
  for (const n of names) assert.ok(couldMatch('Re', n.replace(/^<|>$/g, '')), n);
  const blank = setup('<VirtualHost *:80>\n  |\n</VirtualHost>\n', {});
  const all = httpdCompletionList(blank.project, blank.file, blank.offset, {});
  assert.equal(all.isIncomplete, false);
  assert.ok(all.items.length > narrowed.items.length);
  const rewr = setup('<VirtualHost *:80>\n  Rewr|\n</VirtualHost>\n', {});
  const few = httpdCompletionList(rewr.project, rewr.file, rewr.offset, {}).items;
  assert.ok(few.length < all.items.length / 10, `${few.length} of ${all.items.length}`);
  assert.ok(couldMatch('rwe', 'RewriteEngine') && couldMatch('', 'X') && !couldMatch('rwx', 'RewriteEngine') && couldMatch('LOC', '<Location'));
  // The list is narrowed on the name as the data spells it before the usual spelling is looked up: the two
  // may differ in case only. Narrowing by every two-letter start gives what filtering the whole list gives.
  for (const info of allDirectives()) assert.equal(displayName(info.name, info).toLowerCase(), info.name.toLowerCase(), info.name);
  for (const typed of ['Re', 'ss', 'Pr', 'al', 'do', 'ke']) {
    const s = setup(`<VirtualHost *:80>\n  ${typed}|\n</VirtualHost>\n`, {});
    const got = httpdCompletionList(s.project, s.file, s.offset, {}).items.map(i => i.label).sort();
    const want = all.items.map(i => i.label).filter(l => couldMatch(typed, String(l).replace(/^<|>$/g, ''))).sort();
    assert.deepEqual(got, want, typed);
  }
});

test('deprecated and version-specific directives', () => {
  const items = complete('|\n').items;
  assert.deepEqual(find(items, 'MaxClients').tags, [1]);
  assert.ok(find(items, 'MaxClients').sortText!.startsWith('2'));
  assert.ok(find(items, 'ServerName').sortText!.startsWith('0'), 'documented directives first');
  assert.ok(!labels(items).includes('RewriteLog'), '2.2-only directives only for a 2.2 target');
  const on22 = complete('|\n', { options: { httpdVersion: '2.2' } }).items;
  assert.equal(find(on22, 'RewriteLog').detail, 'mod_rewrite · 2.2 only');
  assert.ok(find(on22, 'IncludeOptional').sortText!.startsWith('2'), '2.4-only directives sink on a 2.2 target');
  assert.equal(find(on22, 'IncludeOptional').detail, 'core · 2.4+');
});

test('section names after <, with the block snippet for a fresh tag', () => {
  const { items, text } = complete('<VirtualHost *:80>\n  <Loc|\n</VirtualHost>\n', { snippets: true });
  const loc = find(items, 'Location');
  assert.equal(rangeText(edit(loc).range), '1:3-1:6');
  assert.equal(accept(text, loc), '<VirtualHost *:80>\n  <Location ${1:/}>\n\t$0\n</Location>\n</VirtualHost>\n');
  assert.ok(!labels(items).includes('VirtualHost'));
  // A tag that already has arguments: only the name is replaced.
  const named = complete('<Dir| /var/www>\n</Directory>\n', { snippets: true });
  assert.equal(accept(named.text, find(named.items, 'Directory')), '<Directory /var/www>\n</Directory>\n');
  // At top level <VirtualHost> is offered.
  assert.ok(labels(complete('<|').items).includes('VirtualHost'));
});

test('closing tag after </: the innermost open section', () => {
  const src = '<VirtualHost *:443>\n  <Directory "/var/www">\n    Options None\n  </|\n</VirtualHost>\n';
  const { items, text } = complete(src);
  assert.deepEqual(labels(items), ['</Directory>']);
  assert.equal(items[0].detail, 'closes <Directory "/var/www"> (line 2)');
  assert.equal(accept(text, items[0]), '<VirtualHost *:443>\n  <Directory "/var/www">\n    Options None\n  </Directory>\n</VirtualHost>\n');
  // With the > already typed, it is kept.
  const gt = complete('<IfModule x>\n</If|>\n');
  assert.equal(accept(gt.text, gt.items[0]), '<IfModule x>\n</IfModule>\n');
  // No open section: nothing.
  assert.deepEqual(complete('Listen 80\n</|\n').items, []);
});

test('LoadModule: module identifiers with the .so path in the folder the config uses', () => {
  const src = 'LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\nLoadModule mime_module /usr/lib/apache2/modules/mod_mime.so\nLoadModule |\n';
  const { items, text } = complete(src);
  const rw = find(items, 'rewrite_module');
  assert.equal(rw.detail, 'mod_rewrite.so');
  assert.equal(accept(text, rw).split('\n')[2], 'LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so');
  assert.match(find(items, 'alias_module').detail!, /already loaded \(httpd\.conf:1\)/);
  assert.ok(find(items, 'alias_module').sortText! > rw.sortText!);
  assert.ok(!labels(items).includes('core_module'), 'built-in modules are not loadable');
  assert.ok(labels(items).includes('was_ap24_module') && labels(items).includes('ibm_ssl_module'));
  // Second argument: the path for the module named first.
  const second = complete('LoadModule rewrite_module |\n');
  assert.deepEqual(labels(second.items), ['modules/mod_rewrite.so']);
  // Replacing the identifier when a path is already there inserts the identifier only.
  const ident = complete('LoadModule rew| modules/mod_rewrite.so\n');
  assert.equal(accept(ident.text, find(ident.items, 'rewrite_module')), 'LoadModule rewrite_module modules/mod_rewrite.so\n');
});

test('<IfModule>: module source names, after a ! too', () => {
  const { items, text } = complete('<IfModule !mod_ss|>\n</IfModule>\n');
  const ssl = find(items, 'mod_ssl.c');
  assert.equal(ssl.detail, 'ssl_module');
  assert.equal(accept(text, ssl), '<IfModule !mod_ssl.c>\n</IfModule>\n');
});

test('RewriteRule flags inside [...]: names, values of R=, flags already present are left out', () => {
  const a = complete('RewriteRule ^ - [R=503,|]\n');
  assert.ok(!labels(a.items).includes('R'), 'R is already there');
  const l = find(a.items, 'L');
  assert.equal(l.detail, 'last');
  assert.equal(accept(a.text, l), 'RewriteRule ^ - [R=503,L]\n');
  assert.equal(edit(find(a.items, 'E')).newText, 'E=', 'flags that need a value get the =');

  const r = complete('RewriteRule ^ - [R=|,L]\n');
  assert.deepEqual(labels(r.items).slice(0, 8), ['301', '302', '303', '307', '308', '403', '410', '503']);
  assert.equal(accept(r.text, find(r.items, '503')), 'RewriteRule ^ - [R=503,L]\n');

  const partial = complete('RewriteRule ^/old /new [N|]\n');
  assert.equal(rangeText(edit(find(partial.items, 'NC')).range), '0:24-0:25');
  assert.equal(accept(partial.text, find(partial.items, 'NC')), 'RewriteRule ^/old /new [NC]\n');

  const fresh = complete('RewriteRule ^ - |\n');
  assert.deepEqual(labels(fresh.items).slice(0, 4), ['[L]', '[R=301,L]', '[R=302,L]', '[R=503,L]']);
});

test('RewriteCond flags: NC, OR, NV only', () => {
  const { items } = complete('RewriteCond %{REMOTE_ADDR} !^10\\.1\\.2\\.3$ [|]\n');
  assert.deepEqual(labels(items), ['NC', 'OR', 'NV']);
});

test('server variables after %{, with the closing brace added when missing', () => {
  const a = complete('RewriteCond %{REMOTE_|\n');
  const ra = find(a.items, 'REMOTE_ADDR');
  assert.equal(rangeText(edit(ra).range), '0:14-0:21');
  assert.equal(accept(a.text, ra), 'RewriteCond %{REMOTE_ADDR}\n');
  assert.ok(labels(a.items).includes('HTTP:'));
  assert.ok(!labels(a.items).includes('REQUEST_STATUS'), 'expression-only variables are not offered to mod_rewrite');
  const b = complete('RewriteCond %{REQ|} ^/x\n');
  assert.equal(accept(b.text, find(b.items, 'REQUEST_URI')), 'RewriteCond %{REQUEST_URI} ^/x\n');
  const inIf = complete('<If "%{|">\n</If>\n');
  assert.ok(labels(inIf.items).includes('REQUEST_STATUS') && labels(inIf.items).includes('HTTP_HOST'));
  const header = complete('RewriteCond %{HTTP:X-F|} x\n');
  assert.equal(accept(header.text, find(header.items, 'X-Forwarded-For')), 'RewriteCond %{HTTP:X-Forwarded-For} x\n');
});

test('${VAR}: variables the configuration defines', () => {
  const { items, text } = complete('Define APP_ROOT /opt/app\nDocumentRoot ${APP|\n');
  const v = find(items, 'APP_ROOT');
  assert.equal(v.detail, '= /opt/app');
  assert.equal(accept(text, v), 'Define APP_ROOT /opt/app\nDocumentRoot ${APP_ROOT}\n');
});

test('ErrorDocument: error status codes', () => {
  const { items, text } = complete('ErrorDocument 5| /maintenance.html\n');
  assert.ok(!labels(items).includes('301'));
  const s = find(items, '503');
  assert.equal(s.detail, 'Service Unavailable');
  assert.equal(accept(text, s), 'ErrorDocument 503 /maintenance.html\n');
});

test('values: On|Off for flag directives, known sets, +/- prefixes, second words', () => {
  assert.deepEqual(labels(complete('ProxyPreserveHost |\n').items), ['On', 'Off']);
  assert.deepEqual(labels(complete('HostnameLookups |\n').items), ['Off', 'On', 'Double']);
  assert.deepEqual(labels(complete('Require all |\n').items), ['granted', 'denied']);
  assert.ok(labels(complete('Require |\n').items).includes('ip'));
  const opts = complete('<Directory />\nOptions -Indexes +Fol|\n</Directory>\n');
  assert.ok(!labels(opts.items).includes('Indexes'), 'values already present are left out');
  assert.equal(accept(opts.text, find(opts.items, 'FollowSymLinks')), '<Directory />\nOptions -Indexes +FollowSymLinks\n</Directory>\n');
  assert.deepEqual(labels(complete('Header always |\n').items), ['set', 'append', 'merge', 'add', 'unset', 'echo', 'edit', 'edit*', 'setifempty', 'note']);
  assert.ok(labels(complete('LogLevel |\n').items).includes('trace3'));
  assert.deepEqual(labels(complete('ServerName |\n').items), [], 'nothing to offer for free text');
});

test('no completion inside comments or before a directive name', () => {
  assert.deepEqual(complete('# Rewr|\n').items, []);
  assert.deepEqual(complete('  |  Listen 80\n').items, []);
});

test('continuation lines: arguments on the next physical line', () => {
  const { items, text } = complete('RewriteRule ^ - \\\n  [R=503,|]\n');
  assert.equal(accept(text, find(items, 'L')), 'RewriteRule ^ - \\\n  [R=503,L]\n');
});

test('trigger characters: a space at line start or a slash in a path asks for nothing', () => {
  const s = setup('<VirtualHost *:80>\n   |\n</VirtualHost>\n');
  assert.deepEqual(httpdCompletions(s.project, s.file, s.offset, { triggerCharacter: ' ' }), []);
  const v = setup('HostnameLookups |\n');
  assert.deepEqual(labels(httpdCompletions(v.project, v.file, v.offset, { triggerCharacter: ' ' })), ['Off', 'On', 'Double']);
  const p = setup('DocumentRoot /var/|\n');
  assert.deepEqual(httpdCompletions(p.project, p.file, p.offset, { triggerCharacter: '/' }), []);
  const c = setup('<IfModule x>\n</|\n');
  assert.deepEqual(labels(httpdCompletions(c.project, c.file, c.offset, { triggerCharacter: '/' })), ['</IfModule>']);
});

test('the target version is detected from the configuration when the setting is unset', () => {
  const ihs85 = complete('LoadModule was_ap22_module /opt/IBM/Plugins/bin/mod_was_ap22_http.so\n|\n').items;
  assert.ok(find(ihs85, 'RewriteLog'), '2.2-only directives are offered for an IHS 8.5 config');
  assert.ok(find(ihs85, 'IncludeOptional').sortText!.startsWith('2'));
  const ihs9 = complete('LoadModule mpm_event_module modules/mod_mpm_event.so\n|\n').items;
  assert.ok(!labels(ihs9).includes('RewriteLog'));
  assert.ok(find(ihs9, 'IncludeOptional').sortText!.startsWith('0'));
  // Mixed evidence, or evidence only inside <IfVersion>: no guess.
  const mixed = complete('<IfVersion < 2.4>\n  LockFile logs/accept.lock\n</IfVersion>\n|\n').items;
  assert.ok(!labels(mixed).includes('RewriteLog'));
});

test('issue 14: on an IHS that loads mod_ibm_ssl, its directives come before mod_ssl ones, which say they would fail', () => {
  const ihs = 'LoadModule ibm_ssl_module modules/mod_ibm_ssl.so\nLoadModule rewrite_module modules/mod_rewrite.so\n<VirtualHost *:443>\n  SSL|\n</VirtualHost>\n';
  const items = complete(ihs).items;
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const order = labels(sorted).filter(l => /^SSL/.test(l));
  assert.ok(order.indexOf('SSLEnable') >= 0 && order.indexOf('SSLEngine') >= 0, order.join(', '));
  assert.ok(order.indexOf('SSLEnable') < order.indexOf('SSLEngine'), order.join(', '));
  assert.ok(order.indexOf('SSLCipherSpec') < order.indexOf('SSLCipherSuite'), order.join(', '));
  assert.match(find(items, 'SSLEngine').detail ?? '', /module not loaded/);
  assert.doesNotMatch(find(items, 'SSLEnable').detail ?? '', /not loaded/);
  // Inside <IfModule mod_ssl.c> the author writes for mod_ssl: not ranked down.
  const guarded = complete(ihs.replace('  SSL|\n', '  <IfModule mod_ssl.c>\n    SSL|\n  </IfModule>\n')).items;
  assert.doesNotMatch(find(guarded, 'SSLEngine').detail ?? '', /not loaded/);
  // A fragment that loads no module: no ranking by modules.
  assert.doesNotMatch(find(complete('<VirtualHost *:443>\n  SSL|\n</VirtualHost>\n').items, 'SSLEngine').detail ?? '', /not loaded/);
});
