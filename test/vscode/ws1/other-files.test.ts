// Files of other programs that happen to end in .conf: Upkeep must leave them alone.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, expectDiagnostics, expectNoDiagnostics, openFixture, waitFor } from '../helpers';

suite('other programs\' .conf files', () => {
  suiteSetup(async () => {
    // make sure the server is up, so "no diagnostics" means "none", not "not yet"
    const doc = await openFixture('ws1/httpd.conf');
    await expectDiagnostics(doc.uri, ['httpd/unknown-directive@6', 'httpd/directive-context@9']);
  });
  teardown(closeAllEditors);

  for (const f of ['ws1/nginx.conf', 'ws1/app.conf']) {
    test(`${f}: not apacheconf, no diagnostics`, async () => {
      const doc = await openFixture(f);
      assert.notStrictEqual(doc.languageId, 'apacheconf');
      await expectNoDiagnostics(doc.uri, 1_500);
      // the client asked the server about it meanwhile: still not Apache configuration
      const again = vscode.workspace.textDocuments.find(d => d.uri.toString() === doc.uri.toString());
      assert.notStrictEqual(again?.languageId, 'apacheconf');
    });
  }

  test('ws1/site-tuning.conf: a file only an Include makes httpd becomes apacheconf and gets its diagnostics', async () => {
    const opened = await openFixture('ws1/site-tuning.conf');
    const doc = await waitFor('site-tuning.conf switched to apacheconf', () =>
      vscode.workspace.textDocuments.find(d => d.uri.toString() === opened.uri.toString() && d.languageId === 'apacheconf'),
    );
    await expectDiagnostics(doc.uri, ['httpd/argument-count@2']);
  });
});
