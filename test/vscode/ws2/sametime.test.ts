// Sametime managed-settings.xml in the real editor: diagnostics, the (unsafe) quick fix, "Bump
// lastModDate" as a refactor that changes only that value, hover on a setting, outline.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applyAction, applyFix, expectDiagnostics, findDiagnostic, hoverText, openFixture, refactorActions, replaceOnce, revertAll, symbolOutline } from '../helpers';

const FILE = 'ws2/sametime/managed-settings.xml';
const GROUP = 'com.ibm.collaboration.realtime.chat.logging';

suite('Sametime managed-settings.xml', () => {
  teardown(revertAll);

  test('diagnostics, the quick fix, then Bump lastModDate changes only the date of the group', async () => {
    const doc = await openFixture(FILE);
    assert.strictEqual(doc.languageId, 'xml');
    const before = doc.getText();
    const d = findDiagnostic(await expectDiagnostics(doc.uri, ['sametime/invalid-value@5']), 'sametime/invalid-value', 5);
    assert.strictEqual(doc.getText(d.range), 'yes');
    assert.match(d.message, /isLocked of <setting> takes true or false, not "yes"/);

    await applyFix(doc, d, 'Change to "true"');
    const fixed = replaceOnce(before, 'value="true" isLocked="yes"', 'value="true" isLocked="true"');
    assert.strictEqual(doc.getText(), fixed);
    await expectDiagnostics(doc.uri, []);

    const bump = await refactorActions(doc.uri, new vscode.Range(4, 10, 4, 10));
    assert.deepStrictEqual(bump.map(a => [a.title, a.kind?.value]), [[`Bump lastModDate of settingGroup "${GROUP}"`, 'refactor.rewrite.upkeep.lastModDate']]);
    await applyAction(bump[0]);
    const stamp = /lastModDate="([^"]*)"/.exec(doc.lineAt(3).text)![1];
    assert.match(stamp, /^\d{8}T\d{6}$/, 'the same compact form as before');
    assert.ok(stamp > '20240312T091500', `${stamp} is later`);
    assert.strictEqual(doc.getText(), replaceOnce(fixed, 'lastModDate="20240312T091500"', `lastModDate="${stamp}"`));
  });

  test('hover on a setting name, and the outline of groups and settings', async () => {
    const doc = await openFixture(FILE);
    await expectDiagnostics(doc.uri, ['sametime/invalid-value@5']);
    const line = doc.lineAt(4).text;
    const text = await hoverText(doc.uri, new vscode.Position(4, line.indexOf('logging.enabled') + 3));
    assert.match(text, new RegExp(`^\\*\\*logging\\.enabled\\*\\* \\(\`${GROUP.replace(/\./g, '\\.')}\`\\)`));
    assert.deepStrictEqual(await symbolOutline(doc.uri), [GROUP, '  logging.enabled', '  days.storage.max']);
  });
});
