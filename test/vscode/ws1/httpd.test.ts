// Apache httpd / IBM HTTP Server files in the real editor: diagnostics and quick fixes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, applyFirstFix, closeAllEditors, codeOf, expectDiagnostics, findDiagnostic, openFixture, replaceOnce,
  revertAndClose,
} from '../helpers';

const EXPECTED = ['httpd/unknown-directive@6', 'httpd/directive-context@9'];

suite('httpd.conf', () => {
  teardown(closeAllEditors);

  test('diagnostics: misspelled directive and ServerRoot inside <Location>', async () => {
    const doc = await openFixture('ws1/httpd.conf');
    const ds = await expectDiagnostics(doc.uri, EXPECTED);
    const unknown = findDiagnostic(ds, 'httpd/unknown-directive', 6);
    assert.match(unknown.message, /DocumentRooot.*Did you mean DocumentRoot/);
    assert.strictEqual(doc.getText(unknown.range), 'DocumentRooot');
    assert.strictEqual(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(unknown.source, 'upkeep');
    const context = findDiagnostic(ds, 'httpd/directive-context', 9);
    assert.strictEqual(doc.getText(context.range), 'ServerRoot');
    assert.strictEqual(context.severity, vscode.DiagnosticSeverity.Error);
  });

  test('each code links to its docs page inside the extension', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const docsDir = path.join(ext.extensionPath, 'docs/rules');
    // transitional: until the first rule page is written there is nothing to link to
    const anyPage = fs.existsSync(docsDir) && fs.readdirSync(docsDir, { recursive: true }).some(f => String(f).endsWith('.md'));
    if (!anyPage) this.skip();
    const doc = await openFixture('ws1/httpd.conf');
    for (const d of await expectDiagnostics(doc.uri, EXPECTED)) {
      assert.ok(typeof d.code === 'object', `${codeOf(d)} has no link`);
      const target = (d.code as { target: vscode.Uri }).target;
      assert.strictEqual(target.scheme, 'file');
      assert.strictEqual(target.fsPath, path.join(docsDir, `${codeOf(d)}.md`));
      assert.ok(fs.existsSync(target.fsPath), `missing ${target.fsPath}`);
    }
  });

  test('quick fix "Change to DocumentRoot" gives the corrected text, and the diagnostic goes away', async () => {
    const doc = await openFixture('ws1/httpd.conf');
    const before = doc.getText();
    try {
      const after = await applyFirstFix(doc, 'httpd/unknown-directive', 6, 'Change to DocumentRoot');
      assert.strictEqual(after, replaceOnce(before, 'DocumentRooot "', 'DocumentRoot "'));
      await expectDiagnostics(doc.uri, ['httpd/directive-context@9']);
    } finally {
      await revertAndClose(doc);
    }
  });
});
