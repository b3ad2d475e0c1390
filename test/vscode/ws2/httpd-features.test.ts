// httpd.conf editor features through the real VS Code API: hover, completion inside <VirtualHost>,
// document symbols, formatting (the exact edits, and the text they give).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, completionLabels, expectDiagnostics, formattingEdits, hoverText, openFixture, revertAll, symbolOutline } from '../helpers';

const HTTPD = 'ws2/conf/httpd.conf';

suite('httpd.conf features', () => {
  suiteSetup(async () => {
    // the server is up and has read the configuration (its include graph and plugin-cfg.xml)
    await expectDiagnostics((await openFixture(HTTPD)).uri, ['httpd/argument-count@16']);
    await closeAllEditors();
  });
  teardown(revertAll);

  test('hover on a directive: module, syntax, contexts, where the module is loaded, Apache docs link', async () => {
    const doc = await openFixture(HTTPD);
    assert.strictEqual(doc.lineAt(20).text, '    RewriteEngine On');
    const text = await hoverText(doc.uri, new vscode.Position(20, 8));
    assert.match(text, /^\*\*RewriteEngine\*\* · directive of `mod_rewrite`/);
    assert.match(text, /RewriteEngine On\|Off/);
    assert.match(text, /loaded in httpd\.conf line 10/);
    assert.match(text, /\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mod_rewrite\.html#rewriteengine\)/);
    assert.strictEqual(await hoverText(doc.uri, new vscode.Position(12, 0)), '', 'no hover on an empty line');
  });

  test('completion inside <VirtualHost>: directives allowed there, not Listen, sections that cannot nest, or directory-only ones', async () => {
    const doc = await openFixture(HTTPD);
    assert.strictEqual(doc.lineAt(22).text, '', 'line 23 is the empty line inside <VirtualHost *:80>');
    const labels = await completionLabels(doc.uri, new vscode.Position(22, 0));
    for (const l of ['ServerAlias', 'RewriteCond', 'ErrorDocument', '<Location>', '<Directory>']) assert.ok(labels.includes(l), `offers ${l}`);
    for (const l of ['Listen', '<VirtualHost>', 'AllowOverride', 'AuthType']) assert.ok(!labels.includes(l), `does not offer ${l}`);
  });

  test('document symbols: directives, the virtual host with its children', async () => {
    const doc = await openFixture(HTTPD);
    assert.deepStrictEqual(await symbolOutline(doc.uri), [
      'ServerRoot', 'Listen', 'Listen',
      'LoadModule', 'LoadModule', 'LoadModule', 'LoadModule', 'LoadModule', 'LoadModule', 'LoadModule',
      'ServerName', 'DocumentRoot', 'KeepAlive', 'ErrorLog',
      '<VirtualHost *:80>', '  ServerName', '  RewriteEngine', '  RewriteRule',
      'Include', 'WebSpherePluginConfig',
      'ServerTokens', 'TraceEnable', 'LoadModule', 'Header',
    ]);
  });

  test('formatting: indents the SSL vhost and trims trailing blanks with minimal edits', async () => {
    const doc = await openFixture('ws2/conf/extra/ssl.conf');
    const before = doc.getText();
    const edits = await formattingEdits(doc.uri);
    assert.deepStrictEqual(
      edits.map(e => [e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.newText]),
      [
        [2, 0, 2, 0, '    '], //  ServerName: 0 -> 4 spaces
        [3, 2, 3, 2, '  '], //    SSLEnable: 2 -> 4
        [4, 44, 4, 47, ''], //    Keyfile: trailing blanks
      ],
    );
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.strictEqual(doc.getText(), before
      .replace('\nServerName', '\n    ServerName')
      .replace('\n  SSLEnable', '\n    SSLEnable')
      .replace('shop.kdb   \n', 'shop.kdb\n'));
    assert.deepStrictEqual(await formattingEdits(doc.uri), [], 'formatting a formatted file changes nothing');
  });
});
