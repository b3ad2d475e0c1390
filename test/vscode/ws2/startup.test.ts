// Runs first in the ws2 window (see FIRST in index.ts). ws2 is a deployment (plugin-cfg.xml, phase
// scripts, ePages settings next to httpd.conf), so the `workspaceContains` activation events start
// Upkeep before any file is opened: the commands work from the palette straight away.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from '../helpers';
import { activeAtStart } from '../index';

suite('start-up in a deployment workspace', () => {
  test('workspaceContains activates Upkeep without any file open', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    const open = vscode.workspace.textDocuments.filter(d => d.uri.scheme === 'file').map(d => d.uri.fsPath);
    assert.deepStrictEqual(open, [], 'no file was opened before the suite');
    // activation may still be finishing when the suite starts; it must not need a file to happen
    if (!activeAtStart) await waitFor('activation at start-up', () => (ext.isActive ? true : undefined), 10_000);
    assert.ok(ext.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['upkeep.enterMaintenance', 'upkeep.swapCluster', 'upkeep.drainNode', 'upkeep.newPhaseScript']) {
      assert.ok(commands.includes(c), `command ${c} is registered`);
    }
  });
});
