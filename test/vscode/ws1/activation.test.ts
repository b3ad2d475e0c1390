// Runs first in the ws1 window (see FIRST in index.ts). ws1 holds no file that a `workspaceContains`
// activation event matches, so the extension must stay inactive until one of its files is opened.
// (ws2/startup.test.ts checks the other side: a deployment workspace activates it at start-up.)
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeAllEditors, expectNoDiagnostics, fixtureUri, openFixture, waitFor } from '../helpers';
import { activeAtStart } from '../index';

suite('activation', () => {
  suiteTeardown(closeAllEditors);

  test('the extension is installed and not active at startup', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
    assert.strictEqual(activeAtStart, false, 'active before any file was opened');
  });

  test('the extension under test is the one the runner meant (working tree, or the installed VSIX)', () => {
    const expected = process.env.UPKEEP_EXPECT_EXTENSION_PATH;
    if (!expected) return; // run by hand without the runner
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(path.resolve(ext.extensionPath), path.resolve(expected));
  });

  test('opening another program\'s .conf does not activate it', async () => {
    for (const f of ['ws1/nginx.conf', 'ws1/app.conf']) {
      const doc = await openFixture(f);
      assert.notStrictEqual(doc.languageId, 'apacheconf', `${f} got language apacheconf`);
    }
    // give a wrongly matching activation event time to fire
    await expectNoDiagnostics(fixtureUri('ws1/nginx.conf'), 1_000);
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, false);
  });

  test('opening httpd.conf activates it', async () => {
    const doc = await openFixture('ws1/httpd.conf');
    assert.strictEqual(doc.languageId, 'apacheconf');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await waitFor('activation', () => (ext.isActive ? true : undefined));
  });
});
