// Diagnostics for every kind of file of a deployment, in the editor language VS Code gives it, and a
// quick fix on plugin-cfg.xml. Exact sets of `code@line`: a new or missing finding fails.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyFirstFix, expectDiagnostics, expectNoDiagnostics, findDiagnostic, openFixture, replaceOnce, revertAll } from '../helpers';

/** file -> [editor language, exact diagnostics (code@line, 1-based)] */
const EXPECTED: [string, string, string[]][] = [
  ['ws2/conf/httpd.conf', 'apacheconf', ['httpd/argument-count@16']],
  ['ws2/conf/extra/ssl.conf', 'apacheconf', []],
  ['ws2/plugin-cfg.xml', 'xml', ['plugincfg/attribute-case@24']],
  ['ws2/updates/scripts/POSTINSTALL_ecommerce.ps1', 'powershell', ['phase/unknown-env-var@6']],
  ['ws2/updates/scripts/PREINSTALL_phygital.ps1', 'powershell', ['phase/unknown-module@1']],
  ['ws2/etc/sysconfig/epages-hotfix', 'plaintext', ['epages/invalid-value@8']],
  ['ws2/sametime/managed-settings.xml', 'xml', ['sametime/invalid-value@5']],
];

suite('diagnostics in a deployment', () => {
  teardown(revertAll);

  for (const [file, language, expected] of EXPECTED) {
    test(`${file.slice(4)} (${language}): [${expected.join(', ')}]`, async () => {
      const doc = await openFixture(file);
      assert.strictEqual(doc.languageId, language);
      if (expected.length) {
        const ds = await expectDiagnostics(doc.uri, expected);
        for (const d of ds) {
          assert.strictEqual(d.source, 'upkeep');
          assert.ok(d.message.length > 20, `${d.message} explains the problem`);
        }
      } else {
        // "none" only means something once the server is known to answer: wait for httpd.conf's first
        await expectDiagnostics((await openFixture('ws2/conf/httpd.conf')).uri, ['httpd/argument-count@16']);
        await openFixture(file);
        await expectNoDiagnostics(doc.uri, 1_500);
      }
    });
  }

  test('messages say what is wrong in the file\'s own terms', async () => {
    const httpd = await openFixture('ws2/conf/httpd.conf');
    const keepAlive = findDiagnostic(await expectDiagnostics(httpd.uri, ['httpd/argument-count@16']), 'httpd/argument-count', 16);
    assert.strictEqual(keepAlive.message, 'KeepAlive takes On or Off, not "Yes".');
    assert.strictEqual(httpd.getText(keepAlive.range), 'Yes');
    assert.strictEqual(keepAlive.severity, vscode.DiagnosticSeverity.Error);

    const plugin = await openFixture('ws2/plugin-cfg.xml');
    const cloneId = findDiagnostic(await expectDiagnostics(plugin.uri, ['plugincfg/attribute-case@24']), 'plugincfg/attribute-case', 24);
    assert.strictEqual(plugin.getText(cloneId.range), 'CloneId');
    assert.strictEqual(cloneId.severity, vscode.DiagnosticSeverity.Warning);

    const script = await openFixture('ws2/updates/scripts/PREINSTALL_phygital.ps1');
    const [module] = await expectDiagnostics(script.uri, ['phase/unknown-module@1']);
    assert.match(module.message, /"phygital" is not a module the updater knows.*Did you mean phygitalapi\?/);
  });

  test('plugin-cfg.xml quick fix "CloneId" -> "CloneID" gives the corrected text and clears the warning', async () => {
    const doc = await openFixture('ws2/plugin-cfg.xml');
    const before = doc.getText();
    const after = await applyFirstFix(doc, 'plugincfg/attribute-case', 24, 'CloneID');
    assert.strictEqual(after, replaceOnce(before, '<Server CloneId="api1"', '<Server CloneID="api1"'));
    await expectDiagnostics(doc.uri, []);
  });
});
