// Settings reach the server in the real editor: `upkeep.rules` turns a rule off or changes its severity.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { brief, closeAllEditors, expectDiagnostics, openFixture, waitForDiagnostics } from '../helpers';

suite('settings', () => {
  const config = () => vscode.workspace.getConfiguration('upkeep');
  teardown(async () => {
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('upkeep.rules: "off" removes a rule\'s diagnostics, a severity changes it, and removing the setting restores it', async () => {
    const doc = await openFixture('ws1/httpd.conf');
    await expectDiagnostics(doc.uri, ['httpd/unknown-directive@6', 'httpd/directive-context@9']);

    await config().update('rules', { 'httpd/directive-context': 'off' }, vscode.ConfigurationTarget.Workspace);
    await expectDiagnostics(doc.uri, ['httpd/unknown-directive@6']);

    await config().update('rules', { 'httpd/unknown-directive': 'hint' }, vscode.ConfigurationTarget.Workspace);
    const ds = await waitForDiagnostics(doc.uri, got => got.length === 2 && got.some(d => d.severity === vscode.DiagnosticSeverity.Hint));
    assert.deepStrictEqual(ds.map(d => `${brief(d)}:${d.severity}`),
      [`httpd/unknown-directive@6:${vscode.DiagnosticSeverity.Hint}`, `httpd/directive-context@9:${vscode.DiagnosticSeverity.Error}`]);

    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, got => got.map(d => `${brief(d)}:${d.severity}`).sort().join() ===
      `httpd/directive-context@9:${vscode.DiagnosticSeverity.Error},httpd/unknown-directive@6:${vscode.DiagnosticSeverity.Error}`);
  });
});
