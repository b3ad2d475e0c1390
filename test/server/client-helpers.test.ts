// Pure helpers of the VS Code client (issue 14): the "Which server" answer box and the early decision
// that a conf/*.conf of an IHS/Apache installation is Apache configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { infoMessage } from '../../client/src/messages';
import { isHttpdConfFolderFile } from '../../server/src/engine/files';
import { formatWhich, whichServer } from '../../server/src/plugincfg/drain';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import '../../server/src/languages';

test('issue 14: the modal "Which server" box says its answer once', () => {
  const cfg =
    '<Config>\n  <ServerCluster Name="C">\n    <Server CloneID="abc123" Name="s1">\n      <Transport Hostname="10.20.0.11" Port="9080" Protocol="http"/>\n    </Server>\n  </ServerCluster>\n</Config>\n';
  const project = new Project(new MemoryFileSystem({ '/ws/plugin-cfg.xml': cfg }), { roots: ['/ws'] });
  const lines = formatWhich(whichServer(project, '/ws/plugin-cfg.xml', '0000SESSION:abc123'));
  assert.equal(lines.length, 1);
  const modal = infoMessage(lines, true);
  const shown = [modal.message, modal.detail ?? ''].join('\n');
  assert.equal(shown.split(lines[0]).length - 1, 1, `printed once: ${shown}`);
  assert.match(modal.message, /s1 \(cluster C, .*\) on 10\.20\.0\.11/);
  // Two clone IDs: the first in the message, the second in the detail, none twice.
  assert.deepEqual(infoMessage(['a: x', 'b: y'], true), { message: 'a: x', detail: 'b: y' });
  // A notification has no detail: every line in the message.
  assert.deepEqual(infoMessage(['a: x', 'b: y'], false), { message: 'a: x b: y' });
});

test('issue 14: conf/*.conf of an IHS install is Apache configuration from its folder and first lines', () => {
  assert.equal(isHttpdConfFolderFile('/opt/IBM/HTTPServer/conf/maintenance.conf', 'RewriteEngine On\n'), true);
  assert.equal(isHttpdConfFolderFile('/opt/IBM/HTTPServer/conf/ssl.conf', '# SSL\nListen 443\n'), true);
  assert.equal(isHttpdConfFolderFile('C:\\IBM\\HTTPServer\\conf\\admin.conf', 'Listen 8008\r\n'), true);
  assert.equal(isHttpdConfFolderFile('/etc/httpd/conf.d/app.conf', '<VirtualHost *:80>\n</VirtualHost>\n'), true);
  // Other programs' files in a conf folder stay what they are.
  assert.equal(isHttpdConfFolderFile('/opt/nginx/conf/nginx.conf', 'server {\n  listen 80;\n  include x;\n}\n'), false);
  assert.equal(isHttpdConfFolderFile('/opt/app/conf/app.conf', 'key=value\nother.key = 2\n'), false);
  assert.equal(isHttpdConfFolderFile('/opt/app/conf/app.properties', 'Listen 80\n'), false);
  assert.equal(isHttpdConfFolderFile('/home/me/notes/x.conf', 'Listen 80\n'), false);
});
