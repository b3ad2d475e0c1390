// Maintenance mode in the real editor: the refactor code actions (what the light bulb and the
// Refactor... menu show) and the palette commands, on ws2's httpd.conf and the SSL virtual host it
// includes. The expected texts are written out in full: the block at server level and in each
// <VirtualHost>, with the two WebSphere nodes of plugin-cfg.xml allowlisted. Leaving gives back the
// original bytes of both files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyAction, expectDiagnostics, fixtureDocument, openFixture, refactorActions, revertAll, waitFor } from '../helpers';

const HTTPD = 'ws2/conf/httpd.conf';
const SSL = 'ws2/conf/extra/ssl.conf';

/** The block "Enter maintenance mode" inserts, indented by `indent`, answering with `status`. */
function block(indent: string, status: 503 | 500): string {
  return [
    '# >>> Upkeep maintenance mode: begin. Remove with "Upkeep: Leave maintenance mode" or `upkeep maintenance off`.',
    'RewriteEngine On',
    '# 127.0.0.1: loopback',
    'RewriteCond %{REMOTE_ADDR} !^127\\.0\\.0\\.1$',
    '# ::1: loopback',
    'RewriteCond %{REMOTE_ADDR} !^::1$',
    '# 10.20.0.11: plugin-cfg.xml (Server node1_shop of ShopCluster)',
    'RewriteCond %{REMOTE_ADDR} !^10\\.20\\.0\\.11$',
    '# 10.20.0.12: plugin-cfg.xml (Server node2_shop of ShopCluster)',
    'RewriteCond %{REMOTE_ADDR} !^10\\.20\\.0\\.12$',
    'RewriteCond %{REQUEST_URI} !^/maintenance\\.html$',
    'RewriteCond %{REQUEST_URI} !^/maintenance/',
    `RewriteRule ^ - [R=${status},L]`,
    `ErrorDocument ${status} /maintenance.html`,
    '<IfModule mod_headers.c>',
    '    Header always set Retry-After "3600"',
    '</IfModule>',
    '# <<< Upkeep maintenance mode: end.',
  ].map(l => indent + l + '\n').join('');
}

/** httpd.conf in maintenance: a block first in the <VirtualHost *:80>, and one at the end (server level). */
function httpdIn(original: string, status: 503 | 500): string {
  const vhost = '<VirtualHost *:80>\n';
  const at = original.indexOf(vhost) + vhost.length;
  assert.ok(at > vhost.length, 'the fixture has <VirtualHost *:80>');
  return original.slice(0, at) + block('    ', status) + original.slice(at) + block('', status);
}

function sslIn(original: string, status: 503 | 500): string {
  const vhost = '<VirtualHost *:443>\n';
  const at = original.indexOf(vhost) + vhost.length;
  return original.slice(0, at) + block('    ', status) + original.slice(at);
}

const ORIGIN = new vscode.Range(0, 0, 0, 0);

suite('maintenance mode', () => {
  teardown(revertAll);

  test('refactor actions: Enter (503) writes the exact blocks into httpd.conf and the SSL vhost; Leave gives back the original bytes', async () => {
    const httpd = await openFixture(HTTPD);
    const ssl = await fixtureDocument(SSL);
    const [httpd0, ssl0] = [httpd.getText(), ssl.getText()];
    await expectDiagnostics(httpd.uri, ['httpd/argument-count@16']);

    const enter = await refactorActions(httpd.uri, ORIGIN);
    assert.deepStrictEqual(enter.map(a => a.title),
      ['Upkeep: Enter maintenance mode (503)', 'Upkeep: Enter maintenance mode (500, for HCL Connections plug-ins)']);
    assert.deepStrictEqual(enter.map(a => a.kind?.value), ['refactor.rewrite.upkeep.maintenance', 'refactor.rewrite.upkeep.maintenance']);
    await applyAction(enter[0]);
    assert.strictEqual(httpd.getText(), httpdIn(httpd0, 503));
    assert.strictEqual(ssl.getText(), sslIn(ssl0, 503));
    // every WebSphere node is allowlisted, so no allowlist warning appears: the set stays exactly the same
    await expectDiagnostics(httpd.uri, ['httpd/argument-count@16']);
    await expectDiagnostics(ssl.uri, []);

    const leave = await waitFor('the Leave action', async () => {
      const as = await refactorActions(httpd.uri, ORIGIN);
      return as.length === 1 && as[0].title === 'Upkeep: Leave maintenance mode' ? as : undefined;
    }, 10_000);
    await applyAction(leave[0]);
    assert.strictEqual(httpd.getText(), httpd0, 'httpd.conf byte for byte');
    assert.strictEqual(ssl.getText(), ssl0, 'ssl.conf byte for byte');
  });

  test('the actions are offered on request (Refactor... / light bulb), not with the quick fixes of a line', async () => {
    const httpd = await openFixture(HTTPD);
    await expectDiagnostics(httpd.uri, ['httpd/argument-count@16']);
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', httpd.uri, new vscode.Range(15, 10, 15, 13), vscode.CodeActionKind.QuickFix.value);
    // The line's own fix and the suppress actions (issue 14); the maintenance refactors are not among them.
    assert.deepStrictEqual(quickFixes.map(a => a.title), ['Change to On', 'Suppress httpd/argument-count on this line', 'Suppress httpd/argument-count in this file']);
  });

  test('palette commands: upkeep.enterMaintenance (500) and upkeep.leaveMaintenance report and apply through the server', async () => {
    const httpd = await openFixture(HTTPD);
    const ssl = await fixtureDocument(SSL);
    const [httpd0, ssl0] = [httpd.getText(), ssl.getText()];
    await expectDiagnostics(httpd.uri, ['httpd/argument-count@16']);

    const on = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('upkeep.enterMaintenance', httpd.uri, { status: 500 });
    assert.ok(on?.applied, on?.message);
    assert.match(on.message, /allowlisted: 127\.0\.0\.1, ::1, 10\.20\.0\.11, 10\.20\.0\.12/);
    await waitFor('the edit in httpd.conf', () => (httpd.getText() !== httpd0 ? true : undefined), 5_000);
    assert.strictEqual(httpd.getText(), httpdIn(httpd0, 500));
    assert.strictEqual(ssl.getText(), sslIn(ssl0, 500));
    const disk = async (d: vscode.TextDocument) => Buffer.from(await vscode.workspace.fs.readFile(d.uri)).toString('utf8');
    assert.strictEqual(await disk(httpd), httpdIn(httpd0, 500), 'the palette command saved httpd.conf');
    assert.strictEqual(await disk(ssl), sslIn(ssl0, 500), 'and the included ssl.conf');

    const off = await vscode.commands.executeCommand<{ applied: boolean; message: string }>('upkeep.leaveMaintenance', httpd.uri);
    assert.ok(off?.applied, off?.message);
    await waitFor('httpd.conf back', () => (httpd.getText() === httpd0 ? true : undefined), 5_000);
    assert.strictEqual(ssl.getText(), ssl0);
    assert.strictEqual(await disk(httpd), httpd0, 'the same bytes on disk');
    assert.strictEqual(await disk(ssl), ssl0);
  });
});
