// Define variables across a configuration: definition, references, highlights and rename over the main
// config, an included file (CRLF), Debian's envvars; and workspace symbols for virtual hosts and clusters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOffsetEdits } from '../../../server/src/engine/text';
import { matchScore, workspaceSymbols } from '../../../server/src/engine/workspace-symbols';
import { httpdDefinition } from '../../../server/src/httpd/links';
import {
  prepareVariableRename,
  renameVariable,
  variableDefinitions,
  variableHighlights,
  variableReferences,
} from '../../../server/src/httpd/variables';
import { setup } from './cursor';

const ENVVARS = '# envvars\nunset HOME\nexport APACHE_LOG_DIR=/var/log/apache2$SUFFIX\nexport APACHE_RUN_USER=www-data\n';
const PORTS = 'Listen ${HTTP_PORT}\n';
const SITE = '<VirtualHost *:${HTTP_PORT}>\r\n  ServerName shop.example.com\r\n  DocumentRoot "${WEB_ROOT}/shop"\r\n  ErrorLog ${APACHE_LOG_DIR}/shop.log\r\n</VirtualHost>\r\n';
const MAIN = [
  'Define HTTP_PORT 8080',
  'Define WEB_ROOT /srv/www',
  '<IfDefine WEB_ROOT>',
  '  User ${APACHE_RUN_USER}',
  '</IfDefine>',
  'Include ports.conf',
  'IncludeOptional sites-enabled/*.conf',
  'UnDefine TMP',
  '',
].join('\n');
const FILES = {
  '/ws/apache2/envvars': ENVVARS,
  '/ws/apache2/ports.conf': PORTS,
  '/ws/apache2/sites-enabled/shop.conf': SITE,
};

function open(path: string, marked: string) {
  const files: Record<string, string> = { ...FILES, '/ws/apache2/apache2.conf': MAIN };
  delete files[path];
  return setup(marked, { path, files });
}

const where = (o: { path: string; outerStart: number; outerEnd: number }, texts: Record<string, string>) =>
  `${o.path.replace('/ws/apache2/', '')}:${texts[o.path].slice(o.outerStart, o.outerEnd)}`;

test('definition of ${VAR} in an included file is the Define of the main config; of an envvars variable, its export', () => {
  const s = open('/ws/apache2/sites-enabled/shop.conf', SITE.replace('${WEB_ROOT}', '${WEB_|ROOT}'));
  const defs = variableDefinitions(s.project, s.file, s.offset);
  assert.deepEqual(defs.map(d => [d.path, MAIN.slice(d.lineStart, d.lineEnd)]), [['/ws/apache2/apache2.conf', 'Define WEB_ROOT /srv/www']]);
  // The editor's definition (links.ts) goes through the same index.
  assert.deepEqual(httpdDefinition(s.project, s.file, s.offset).map(l => [l.target, s.text.slice(l.start, l.end)]), [['/ws/apache2/apache2.conf', '${WEB_ROOT}']]);
  const e = open('/ws/apache2/sites-enabled/shop.conf', SITE.replace('${APACHE_LOG_DIR}', '${APACHE_|LOG_DIR}'));
  const env = variableDefinitions(e.project, e.file, e.offset);
  assert.deepEqual(env.map(d => [d.path, ENVVARS.slice(d.lineStart, d.lineEnd)]), [['/ws/apache2/envvars', 'export APACHE_LOG_DIR=/var/log/apache2$SUFFIX']]);
});

test('references: Define, <IfDefine>, ${} in every file of the configuration; without the declaration when asked', () => {
  const s = open('/ws/apache2/apache2.conf', MAIN.replace('Define WEB_ROOT', 'Define WEB_R|OOT'));
  const texts: Record<string, string> = { ...FILES, '/ws/apache2/apache2.conf': s.text };
  const all = variableReferences(s.project, s.file, s.offset, true).map(o => where(o, texts));
  assert.deepEqual(all.sort(), ['apache2.conf:WEB_ROOT', 'apache2.conf:WEB_ROOT', 'sites-enabled/shop.conf:${WEB_ROOT}']);
  assert.equal(variableReferences(s.project, s.file, s.offset, false).length, 2);
  const port = open('/ws/apache2/ports.conf', 'Listen ${HTTP_|PORT}\n');
  const texts2: Record<string, string> = { ...texts, '/ws/apache2/ports.conf': port.text };
  assert.deepEqual(variableReferences(port.project, port.file, port.offset, true).map(o => where(o, texts2)).sort(), [
    'apache2.conf:HTTP_PORT',
    'ports.conf:${HTTP_PORT}',
    'sites-enabled/shop.conf:${HTTP_PORT}',
  ]);
  // Highlights are this file's occurrences; the Define writes, the <IfDefine> reads.
  assert.deepEqual(variableHighlights(s.project, s.file, s.offset).map(h => [s.text.slice(h.start, h.end), h.write]), [
    ['WEB_ROOT', true],
    ['WEB_ROOT', false],
  ]);
  // Not on a variable.
  const none = open('/ws/apache2/apache2.conf', MAIN.replace('Include ports', 'Incl|ude ports'));
  assert.deepEqual(variableReferences(none.project, none.file, none.offset, true), []);
  assert.equal(prepareVariableRename(none.project, none.file, none.offset), null);
});

test('rename across files: the name only, CRLF and quotes kept; envvars too', () => {
  const s = open('/ws/apache2/apache2.conf', MAIN.replace('Define HTTP_PORT', 'Define HTTP|_PORT'));
  const p = prepareVariableRename(s.project, s.file, s.offset);
  assert.deepEqual(p && [s.text.slice(p.start, p.end), p.placeholder], ['HTTP_PORT', 'HTTP_PORT']);
  const r = renameVariable(s.project, s.file, s.offset, 'PORT_HTTP');
  assert.ok('edits' in r, 'error' in r ? r.error : '');
  assert.equal(applyOffsetEdits(s.text, r.edits), MAIN.replace('HTTP_PORT', 'PORT_HTTP'));
  const other = new Map(r.otherFiles.map(c => [c.path, c.edits ?? []]));
  assert.deepEqual([...other.keys()].sort(), ['/ws/apache2/ports.conf', '/ws/apache2/sites-enabled/shop.conf']);
  assert.equal(applyOffsetEdits(SITE, other.get('/ws/apache2/sites-enabled/shop.conf')!), SITE.replace('${HTTP_PORT}', '${PORT_HTTP}'));
  assert.equal(applyOffsetEdits(PORTS, other.get('/ws/apache2/ports.conf')!), 'Listen ${PORT_HTTP}\n');

  const e = open('/ws/apache2/sites-enabled/shop.conf', SITE.replace('${APACHE_LOG_DIR}', '${APACHE_LOG|_DIR}'));
  const re = renameVariable(e.project, e.file, e.offset, 'HTTPD_LOG_DIR');
  assert.ok('edits' in re);
  assert.equal(applyOffsetEdits(e.text, re.edits), SITE.replace('${APACHE_LOG_DIR}', '${HTTPD_LOG_DIR}'));
  assert.equal(applyOffsetEdits(ENVVARS, re.otherFiles[0].edits!), ENVVARS.replace('export APACHE_LOG_DIR=', 'export HTTPD_LOG_DIR='));
});

test('rename refuses invalid names, names the shell cannot export, and names already used', () => {
  const s = open('/ws/apache2/apache2.conf', MAIN.replace('Define HTTP_PORT', 'Define HTTP|_PORT'));
  const err = (name: string) => {
    const r = renameVariable(s.project, s.file, s.offset, name);
    return 'error' in r ? r.error : '';
  };
  assert.match(err('a:b'), /must not contain ':'/);
  assert.match(err('two words'), /not a valid variable name/);
  assert.match(err('${X}'), /not a valid variable name/);
  assert.match(err('WEB_ROOT'), /Cannot rename HTTP_PORT to WEB_ROOT: WEB_ROOT is already used/);
  assert.match(err('web_root'), /already used/, 'Apache compares Define names ignoring case');
  const e = open('/ws/apache2/sites-enabled/shop.conf', SITE.replace('${APACHE_LOG_DIR}', '${APACHE_LOG|_DIR}'));
  const r = renameVariable(e.project, e.file, e.offset, 'LOG.DIR');
  assert.ok('error' in r && /cannot be exported from envvars/.test(r.error));
});

test('workspace symbols: virtual hosts by ServerName or address, clusters and servers, filtered by the query', () => {
  const plugin =
    '<Config>\n <ServerCluster Name="ShopCluster">\n  <Server Name="shop_node1"/>\n </ServerCluster>\n</Config>\n';
  const s = setup('<VirtualHost *:80>\n</VirtualHost>\n', {
    path: '/ws/apache2/sites-enabled/default.conf',
    files: { ...FILES, '/ws/apache2/apache2.conf': MAIN, '/ws/plugin-cfg.xml': plugin },
  });
  const all = workspaceSymbols(s.project, '').map(x => `${x.kind}:${x.name}@${x.container}`);
  assert.deepEqual(all.sort(), [
    'Server:shop_node1@ShopCluster · plugin-cfg.xml',
    'ServerCluster:ShopCluster@plugin-cfg.xml',
    'VirtualHost:*:80@apache2/sites-enabled/default.conf',
    'VirtualHost:shop.example.com@apache2/sites-enabled/shop.conf',
  ]);
  // All three start with the query: same score, so every one is there (in workspace order).
  assert.deepEqual(workspaceSymbols(s.project, 'shop').map(x => x.name).sort(), ['ShopCluster', 'shop.example.com', 'shop_node1']);
  assert.deepEqual(workspaceSymbols(s.project, 'example').map(x => x.name), ['shop.example.com'], 'a substring matches');
  assert.deepEqual(workspaceSymbols(s.project, 'scl').map(x => x.name), ['ShopCluster']);
  assert.deepEqual(workspaceSymbols(s.project, 'nothing-like-it'), []);
  assert.equal(matchScore('ShopCluster', 'shop'), 0);
  assert.equal(matchScore('abc', 'd'), null);
});

test('<IfDefine !NAME> and the wikimedia default pattern: the name after "!" is a reference; rename keeps the "!"', () => {
  const src = '<IfDefine !DOC_PATH>\n    Define DOC_PATH /srv/doc\n</IfDefine>\nServerRoot /x\n<Directory "${DOC_|PATH}">\n</Directory>\n';
  const s = setup(src, { path: '/ws/conf/httpd.conf' });
  const defs = variableDefinitions(s.project, s.file, s.offset);
  assert.deepEqual(defs.map(d => s.text.slice(d.lineStart, d.lineEnd)), ['Define DOC_PATH /srv/doc'], 'the Define inside the <IfDefine>');
  const r = renameVariable(s.project, s.file, s.offset, 'DOCS');
  assert.ok('edits' in r);
  assert.equal(applyOffsetEdits(s.text, r.edits), s.text.replaceAll('DOC_PATH', 'DOCS'));
  assert.ok(applyOffsetEdits(s.text, r.edits).startsWith('<IfDefine !DOCS>'));
});
