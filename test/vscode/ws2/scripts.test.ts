// Update phase scripts and ePages settings in the real editor: the phase code lens, hovers.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeLenses, expectDiagnostics, hoverText, openFixture, revertAll } from '../helpers';

suite('phase scripts and ePages settings', () => {
  teardown(revertAll);

  test('phase script: a code lens says when the updater runs it; hover on $env:E_MODULE_PATH', async () => {
    const doc = await openFixture('ws2/updates/scripts/POSTINSTALL_ecommerce.ps1');
    await expectDiagnostics(doc.uri, ['phase/unknown-env-var@6']);
    const lenses = await codeLenses(doc.uri);
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command?.title ?? '', /^POSTINSTALL · ecommerce: after the new files are copied/);
    const line = doc.lineAt(4).text; // $rootFolder = $env:E_MODULE_PATH
    const text = await hoverText(doc.uri, new vscode.Position(4, line.indexOf('E_MODULE_PATH') + 2));
    assert.match(text, /^\*\*E_MODULE_PATH\*\*, set by the updater/);
  });

  test('ePages hotfix settings: hover on a key gives its values and default', async () => {
    const doc = await openFixture('ws2/etc/sysconfig/epages-hotfix');
    await expectDiagnostics(doc.uri, ['epages/invalid-value@8']);
    const text = await hoverText(doc.uri, new vscode.Position(7, 3)); // CHECK_ONLY=YES
    assert.match(text, /^\*\*CHECK_ONLY\*\*/);
    assert.match(text, /Default: `no`/);
  });
});
