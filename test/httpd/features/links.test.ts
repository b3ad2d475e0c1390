import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpdDefinition, httpdDocumentLinks, type FileLink } from '../../../server/src/httpd/links';
import { setup } from './cursor';

type Opts = Parameters<typeof setup>[1];

const show = (text: string, links: FileLink[]) => links.map(l => `${text.slice(l.start, l.end)} -> ${l.target}${l.targetStart !== undefined ? `@${l.targetStart}` : ''}`);

function links(src: string, opts: Opts = {}) {
  const s = setup(src, opts);
  return show(s.text, httpdDocumentLinks(s.project, s.file));
}
function definition(src: string, opts: Opts = {}) {
  const s = setup(src, opts);
  return show(s.text, httpdDefinition(s.project, s.file, s.offset));
}

const TREE = {
  '/ws/conf/extra/a.conf': 'Listen 81\n',
  '/ws/conf/extra/b.conf': 'Listen 82\n',
  '/ws/conf/extra/ssl.conf': 'Listen 443\n',
};

test('Include: a link to the target, relative to ServerRoot; a glob with several matches lists them all on definition', () => {
  const src = 'ServerRoot "/etc/httpd"\nInclude conf/extra/ssl.conf\nIncludeOptional conf/extra/*.conf\nIncludeOptional conf/none/*.conf\n';
  assert.deepEqual(links(src, { files: TREE }), ['conf/extra/ssl.conf -> /ws/conf/extra/ssl.conf']);
  assert.deepEqual(definition(src.replace('extra/*.conf', 'extra/*|.conf'), { files: TREE }), [
    'conf/extra/*.conf -> /ws/conf/extra/a.conf',
    'conf/extra/*.conf -> /ws/conf/extra/b.conf',
    'conf/extra/*.conf -> /ws/conf/extra/ssl.conf',
  ]);
  assert.deepEqual(definition(src.replace('Include conf', 'Include co|nf'), { files: TREE }), ['conf/extra/ssl.conf -> /ws/conf/extra/ssl.conf']);
  // On the directive name: no definition.
  assert.deepEqual(definition(src.replace('Include conf', 'Inc|lude conf'), { files: TREE }), []);
});

test('Include: absolute paths under ServerRoot map to the workspace copy; Define variables are substituted', () => {
  const src = 'ServerRoot "/opt/IBM/HTTPServer"\nDefine EXTRA conf/extra\nInclude "/opt/IBM/HTTPServer/${EXTRA}/ssl.conf"\n';
  assert.deepEqual(links(src, { files: TREE }), ['"/opt/IBM/HTTPServer/${EXTRA}/ssl.conf" -> /ws/conf/extra/ssl.conf']);
});

test('Include in a file that is itself included: the edges of the configuration it belongs to', () => {
  const files = { ...TREE, '/ws/conf/httpd.conf': 'ServerRoot /etc/httpd\nInclude conf/vhosts.conf\n' };
  const s = setup('<VirtualHost *:80>\n  Include conf/extra/a.conf\n</VirtualHost>\n', { path: '/ws/conf/vhosts.conf', files });
  assert.deepEqual(show(s.text, httpdDocumentLinks(s.project, s.file)), ['conf/extra/a.conf -> /ws/conf/extra/a.conf']);
});

test('WebSpherePluginConfig: the path itself, or the workspace file whose path ends the same way', () => {
  const cfg = '<Config/>\n';
  assert.deepEqual(
    links('WebSpherePluginConfig /ws/plugins/plugin-cfg.xml\n', { files: { '/ws/plugins/plugin-cfg.xml': cfg } }),
    ['/ws/plugins/plugin-cfg.xml -> /ws/plugins/plugin-cfg.xml'],
  );
  const written = 'WebSpherePluginConfig "/opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml"\n';
  assert.deepEqual(
    links(written, {
      files: {
        '/ws/other/plugin-cfg.xml': cfg,
        '/ws/deploy/Plugins/config/webserver1/plugin-cfg.xml': cfg,
      },
    }),
    ['"/opt/IBM/WebSphere/Plugins/config/webserver1/plugin-cfg.xml" -> /ws/deploy/Plugins/config/webserver1/plugin-cfg.xml'],
  );
  assert.deepEqual(links(written), [], 'no plugin-cfg.xml in the workspace: no link');
});

test('ErrorDocument: the page under the virtual host\'s DocumentRoot, or under an Alias; not for URLs or texts', () => {
  const files = {
    '/ws/htdocs/shop/maintenance.html': '<html/>',
    '/ws/htdocs/errors/503.html': '<html/>',
  };
  const src = [
    'DocumentRoot "/var/www/htdocs"',
    'Alias /errors/ "/srv/site/htdocs/errors/"',
    '<VirtualHost *:80>',
    '  DocumentRoot "/var/www/shop"',
    '  ErrorDocument 503 /maintenance.html',
    '  ErrorDocument 502 /errors/503.html',
    '  ErrorDocument 500 http://status.example.com/',
    '  ErrorDocument 504 "Gateway timeout"',
    '  ErrorDocument 404 /missing.html',
    '</VirtualHost>',
    '',
  ].join('\n');
  assert.deepEqual(links(src, { files }), [
    '/maintenance.html -> /ws/htdocs/shop/maintenance.html',
    '/errors/503.html -> /ws/htdocs/errors/503.html',
  ]);
  // The file name alone is not enough: the folder must match the DocumentRoot's last component.
  assert.deepEqual(links('DocumentRoot /var/www/html\nErrorDocument 503 /maintenance.html\n', { files: { '/ws/elsewhere/maintenance.html': 'x' } }), []);
  // .htaccess: the page next to it.
  assert.deepEqual(links('ErrorDocument 503 /maintenance.html\n', { path: '/ws/site/.htaccess', files: { '/ws/site/maintenance.html': 'x' } }), [
    '/maintenance.html -> /ws/site/maintenance.html',
  ]);
});

test('LoadModule: no link at all', () => {
  const files = { '/ws/modules/mod_rewrite.so': 'ELF' };
  assert.deepEqual(links('LoadModule rewrite_module modules/mod_rewrite.so\n', { files }), []);
  assert.deepEqual(definition('LoadModule rewrite_module modules/mod_rew|rite.so\n', { files }), []);
});

test('${VAR}: definition goes to the Define', () => {
  const src = 'Define ROOT /opt/app\nDocumentRoot ${RO|OT}/htdocs\n';
  const s = setup(src);
  const defs = httpdDefinition(s.project, s.file, s.offset);
  assert.deepEqual(show(s.text, defs), ['${ROOT} -> /ws/conf/httpd.conf@0']);
  assert.equal(defs[0].targetEnd, 'Define ROOT /opt/app'.length);
});
