// Files of other programs that happen to end in .conf: Upkeep must leave them alone.
import * as assert from 'assert';
import { closeAllEditors, expectDiagnostics, expectNoDiagnostics, openFixture } from '../helpers';

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
    });
  }
});
