// Hover (cursor marked with |) and code lens of phase scripts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, Project } from '../../server/src/engine/workspace';
import { phaseLensTitle, phaseScriptCodeLenses, phaseScriptHover, phaseScriptHoverAt } from '../../server/src/phasescripts/hover';
import { phaseSettings } from '../../server/src/phasescripts/model';
import { cursor } from './util';

const PATH = '/ws/updates/scripts/POSTINSTALL_ecommerce.ps1';

function hoverAt(marked: string, path = PATH, options = {}) {
  const { text, offset } = cursor(marked);
  const h = phaseScriptHoverAt(text, offset, path, options);
  return h && { ...h, covered: text.slice(h.start, h.end) };
}

test('hover on E_MODULE_PATH and E_BACKUP_PATH says what they hold and that they end with a backslash', () => {
  const m = hoverAt('Write-Host "start"\n$root = $env:E_MOD|ULE_PATH\n');
  assert.ok(m);
  assert.equal(m.covered, '$env:E_MODULE_PATH');
  assert.match(m.markdown, /^\*\*E_MODULE_PATH\*\*, set by the updater for phase scripts: the folder the module is installed in\./);
  assert.match(m.markdown, /ends with a backslash/);
  assert.match(m.markdown, /\(https:\/\/aide\.altazion\.com\//);
  const b = hoverAt('x\n$b = (Get-Item env:|E_BACKUP_PATH).Value\n');
  assert.equal(b?.covered, 'env:E_BACKUP_PATH');
  assert.match(b!.markdown, /^\*\*E_BACKUP_PATH\*\*, set by the updater for phase scripts: the folder where the updater stores its backups\./);
  assert.equal(hoverAt('x\n$b = "${env:E_BACKUP_PATH|}x"\n')?.covered, '${env:E_BACKUP_PATH}');
});

test('no hover on other variables, on comments, or away from a reference', () => {
  assert.equal(hoverAt('x\n$t = $env:TE|MP\n'), null);
  assert.equal(hoverAt('x\n# $env:E_MODULE|_PATH\n'), null);
  assert.equal(hoverAt('x\n$a = 1 |+ 2\n'), null);
  assert.equal(hoverAt('x\n$a = $env:E_NO|PE\n'), null);
});

test('hover on the first line: what the phase is for and the module state', () => {
  const h = hoverAt('$root = (get-item env:E_MODULE_PATH).Value|\r\npushd $root\r\n');
  assert.ok(h);
  assert.equal(h.covered, '$root = (get-item env:E_MODULE_PATH).Value');
  const lines = h.markdown.split('\n');
  assert.equal(lines[0], '**POSTINSTALL** phase of the update: after the new files are copied and set up, just before the module is switched back on.');
  assert.ok(lines.includes('Module **ecommerce**: the online shop.'));
  assert.ok(lines.includes('- site: stopped, users get the maintenance page *'));
  assert.ok(lines.includes('- app_offline.htm: present in the module folder'));
  assert.ok(lines.includes('- backup of the current version: done (under E_BACKUP_PATH) *'));
  assert.ok(lines.includes('- files in E_MODULE_PATH: the new version'));
  const start = hoverAt('|# first\n', '/ws/updates/scripts/STARTUPDATE_integration.ps1');
  assert.ok(start?.markdown.includes('- site: running, users can reach it\n- app_offline.htm: not present\n- backup of the current version: not made yet *'));
  const end = hoverAt('|\n', '/ws/updates/scripts/ENDUPDATE_ecommerce.ps1');
  assert.ok(end?.markdown.includes('- site: running, users can reach it *'));
});

test('first-line hover needs a known phase; the second line has none', () => {
  assert.equal(hoverAt('|x\n', '/ws/updates/scripts/helpers.ps1'), null);
  assert.equal(hoverAt('x\n|y\n'), null);
  assert.ok(hoverAt('|x\n', '/ws/updates/scripts/PREBACKUP_crm.ps1', { modules: ['crm'] })?.markdown.includes('Module **crm**: a module named in your settings.'));
});

test('LSP hover and code lens from a project', () => {
  const text = '$root = $env:E_MODULE_PATH\r\n';
  const project = new Project(new MemoryFileSystem({ [PATH]: text }), { roots: ['/ws'] });
  const file = project.file(PATH)!;
  const h = phaseScriptHover(project, file, text.indexOf('E_MODULE'));
  assert.deepEqual(h?.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 26 } });
  assert.equal((h?.contents as { kind: string }).kind, 'markdown');
  const lenses = phaseScriptCodeLenses(project, file);
  assert.equal(lenses.length, 1);
  assert.deepEqual(lenses[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 26 } });
  assert.equal(
    lenses[0].command?.title,
    'POSTINSTALL · ecommerce: after the new files are copied and set up, just before the module is switched back on — site offline (app_offline.htm), backup done, new files in place',
  );
  assert.equal(phaseLensTitle('/x/PREBACKUP_gestioncommerciale.ps1', phaseSettings(undefined)), 'PREBACKUP · gestioncommerciale: right before the current version is compressed into a backup — site offline (app_offline.htm), no backup yet, old files in place');
  assert.deepEqual(phaseScriptCodeLenses(project, { path: '/ws/updates/scripts/helpers.ps1', text: '' }), []);
});
