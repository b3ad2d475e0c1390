// Valid and invalid cases for every phase-script rule: exact findings (code and line), messages,
// fixes (text after the fix, or the file a rename produces) and their reversibility.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, type InvalidCase, type RuleCase } from '../support/rule-tester';
import { applyReversibly, firstFix, lintMemory, summary } from './util';

const DIR = '/ws/updates/scripts/';
const at = (name: string) => DIR + name;
const withPath = <T extends RuleCase>(c: T): T => ({ path: at('POSTINSTALL_ecommerce.ps1'), ...c });
const table = (code: string, valid: RuleCase[], invalid: InvalidCase[]) =>
  ruleTester(code, { valid: valid.map(withPath), invalid: invalid.map(withPath) });

/** The rename target of the first fix of the only finding of `code`. */
function renamedTo(path: string, code: string, options = {}, files: Record<string, string> = {}): string[] {
  const r = lintMemory(path, 'Write-Host "hello"\r\n', options, files);
  const found = r.findings.filter(f => f.code === code);
  assert.equal(found.length, 1, summary(r).join(', '));
  return (found[0].fixes ?? []).map(f => {
    assert.equal(f.safe, false, 'a rename changes what the updater runs');
    assert.deepEqual(f.edits, []);
    assert.equal(f.otherFiles?.length, 1);
    assert.equal(f.otherFiles![0].path, path);
    return f.otherFiles![0].renameTo!;
  });
}

// ---------------------------------------------------------------- phase/unknown-phase
table(
  'phase/unknown-phase',
  [
    { text: 'x\n', name: 'every documented phase', path: at('STARTUPDATE_ecommerce.ps1') },
    { text: 'x\n', path: at('PREBACKUP_integration.ps1') },
    { text: 'x\n', path: at('POSTBACKUP_gestioncommerciale.ps1') },
    { text: 'x\n', path: at('PREINSTALL_phygitalapi.ps1') },
    { text: 'x\n', path: at('ENDUPDATE_ecommerce.ps1') },
    { text: 'x\n', name: 'phase case does not matter on Windows', path: at('PostInstall_ecommerce.ps1') },
    { text: 'x\n', name: 'upper-case extension', path: at('POSTINSTALL_ecommerce.PS1') },
  ],
  [
    {
      name: 'misspelt phase',
      path: at('PREINSTAL_ecommerce.ps1'),
      text: 'x\n',
      findings: [1],
      messages: ['"PREINSTAL" is not a phase of the updater, so it never runs PREINSTAL_ecommerce.ps1. Phases: STARTUPDATE, PREBACKUP, POSTBACKUP, PREINSTALL, POSTINSTALL, ENDUPDATE. Did you mean PREINSTALL?'],
    },
    { name: 'INSTALL is not a phase', path: at('INSTALL_ecommerce.ps1'), text: 'x\n', findings: [1], messages: ['Did you mean'] },
    {
      name: 'a file of the folder that follows no pattern',
      path: at('helpers.ps1'),
      text: 'function Get-Thing {}\n',
      findings: [1],
      messages: ['helpers.ps1 does not follow the PHASE_module.ps1 pattern, so the updater never runs it.'],
    },
    { name: 'starts with the separator', path: at('_ecommerce.ps1'), text: 'x\n', findings: [1], messages: ['starts with the separator'] },
    {
      name: 'longer word containing a phase',
      path: at('PREINSTALLATION_ecommerce.ps1'),
      text: 'x\n',
      findings: [1],
      messages: ['Did you mean PREINSTALL?'],
    },
  ],
);

test('phase/unknown-phase: the fix renames the phase (and corrects a wrong separator with it)', () => {
  assert.deepEqual(renamedTo(at('PREINSTAL_ecommerce.ps1'), 'phase/unknown-phase'), [at('PREINSTALL_ecommerce.ps1')]);
  // closest first; a second candidate within reach gets its own fix
  assert.deepEqual(renamedTo(at('posinstall-ecommerce.ps1'), 'phase/unknown-phase'), [at('POSTINSTALL_ecommerce.ps1'), at('PREINSTALL_ecommerce.ps1')]);
});

test('phase/unknown-phase: no rename onto an existing script', () => {
  const files = { [at('PREINSTALL_ecommerce.ps1')]: 'x' };
  assert.deepEqual(renamedTo(at('PREINSTAL_ecommerce.ps1'), 'phase/unknown-phase', {}, files), []);
});

// ---------------------------------------------------------------- phase/unknown-module
table(
  'phase/unknown-module',
  [
    { text: 'x\n', name: 'every default module', path: at('PREINSTALL_gestioncommerciale.ps1') },
    { text: 'x\n', path: at('PREINSTALL_ecommerce.ps1') },
    { text: 'x\n', path: at('PREINSTALL_phygitalapi.ps1') },
    { text: 'x\n', path: at('PREINSTALL_integration.ps1') },
    { text: 'x\n', name: 'module case does not matter', path: at('PREINSTALL_ECommerce.ps1') },
    {
      text: 'x\n',
      name: 'modules from the settings replace the defaults',
      path: at('PREINSTALL_crm.ps1'),
      options: { phaseScripts: { modules: ['crm', 'erp'] } },
    },
    { text: 'x\n', name: 'no module check when the name is no phase script name at all', path: at('helpers.ps1') },
  ],
  [
    {
      name: 'the seed\'s own "phygital"',
      path: at('PREINSTALL_phygital.ps1'),
      text: 'x\n',
      findings: [1],
      messages: ['"phygital" is not a module the updater knows, so it never runs PREINSTALL_phygital.ps1. Modules: gestioncommerciale, ecommerce, phygitalapi, integration. Did you mean phygitalapi?'],
    },
    { name: 'a hyphen inside the module', path: at('POSTINSTALL_gestion-commerciale.ps1'), text: 'x\n', findings: [1], messages: ['Did you mean gestioncommerciale?'] },
    {
      name: 'a default module that the settings do not list',
      path: at('PREINSTALL_ecommerce.ps1'),
      text: 'x\n',
      options: { phaseScripts: { modules: ['crm'] } },
      findings: [1],
      messages: ['Modules: crm.'],
    },
    { name: 'no module at all', path: at('PREINSTALL.ps1'), text: 'x\n', findings: [1], messages: ['names no module: the updater runs PREINSTALL_<module>.ps1'] },
    { name: 'nothing after the separator', path: at('PREINSTALL_.ps1'), text: 'x\n', findings: [1], messages: ['nothing after the separator'] },
  ],
);

test('phase/unknown-module: the fix renames to the suggested module', () => {
  assert.deepEqual(renamedTo(at('PREINSTALL_phygital.ps1'), 'phase/unknown-module'), [at('PREINSTALL_phygitalapi.ps1')]);
  assert.deepEqual(renamedTo(at('ENDUPDATE_ecomerce.PS1'), 'phase/unknown-module'), [at('ENDUPDATE_ecommerce.PS1')]);
});

// ---------------------------------------------------------------- phase/separator
table(
  'phase/separator',
  [
    { text: 'x\n', name: 'default separator' },
    { text: 'x\n', name: 'configured separator', path: at('POSTINSTALL-ecommerce.ps1'), options: { phaseScripts: { separator: '-' } } },
    { text: 'x\n', name: 'no module part: not a separator question', path: at('PREINSTALL.ps1') },
    { text: 'x\n', name: 'an unusable setting falls back to _', options: { phaseScripts: { separator: 'x' } } },
  ],
  [
    {
      name: 'the seed\'s POSTINSTALL-phygital.ps1',
      path: at('POSTINSTALL-phygital.ps1'),
      text: 'x\n',
      findings: [1],
      messages: ['POSTINSTALL-phygital.ps1 separates phase and module with "-"; this installation uses "_" (POSTINSTALL_phygital.ps1), so the updater may not find the script.'],
    },
    {
      name: '_ where - is configured',
      path: at('POSTINSTALL_ecommerce.ps1'),
      text: 'x\n',
      options: { phaseScripts: { separator: '-' } },
      findings: [1],
      messages: ['this installation uses "-" (POSTINSTALL-ecommerce.ps1)'],
    },
    { name: 'a dot', path: at('PREINSTALL.ecommerce.ps1'), text: 'x\n', findings: [1] },
    { name: 'a space', path: at('PREINSTALL ecommerce.ps1'), text: 'x\n', findings: [1], messages: ['with a space'] },
    { name: 'glued', path: at('PREINSTALLecommerce.ps1'), text: 'x\n', findings: [1], messages: ['has no separator between the phase and the module; the updater expects PREINSTALL_ecommerce.ps1.'] },
  ],
);

test('phase/separator: the fix renames with the configured separator', () => {
  assert.deepEqual(renamedTo(at('POSTINSTALL-phygitalapi.ps1'), 'phase/separator'), [at('POSTINSTALL_phygitalapi.ps1')]);
  assert.deepEqual(renamedTo(at('PREINSTALLecommerce.ps1'), 'phase/separator'), [at('PREINSTALL_ecommerce.ps1')]);
  assert.deepEqual(renamedTo(at('PREINSTALL_ecommerce.ps1'), 'phase/separator', { phaseScripts: { separator: '-' } }), [at('PREINSTALL-ecommerce.ps1')]);
});

test('issue 14: POSTINSTALL-phygital.ps1 gets both findings and one rename, to POSTINSTALL_phygitalapi.ps1', () => {
  const r = lintMemory(at('POSTINSTALL-phygital.ps1'), 'x\n');
  assert.deepEqual(summary(r), ['phase/separator@1', 'phase/unknown-module@1']);
  const targets = r.findings.flatMap(f => (f.fixes ?? []).map(x => x.otherFiles![0].renameTo));
  assert.deepEqual(targets, [at('POSTINSTALL_phygitalapi.ps1')]);
  // The same for a misspelt phase: one rename corrects phase, separator and module.
  const p = lintMemory(at('POSTINSTAL-phygital.ps1'), 'x\n');
  assert.deepEqual(p.findings.flatMap(f => (f.fixes ?? []).map(x => x.otherFiles![0].renameTo)), [at('POSTINSTALL_phygitalapi.ps1')]);
  // Several candidates for the module: each rename still corrects the separator.
  const m = lintMemory(at('PREINSTALL-xyz.ps1'), 'x\n', { phaseScripts: { modules: ['xyza', 'xyzb'] } });
  assert.deepEqual(m.findings.flatMap(f => (f.fixes ?? []).map(x => x.otherFiles![0].renameTo)), [at('PREINSTALL_xyza.ps1'), at('PREINSTALL_xyzb.ps1')]);
});

// ---------------------------------------------------------------- phase/unknown-env-var
table(
  'phase/unknown-env-var',
  [
    {
      name: 'the seed example',
      text:
        '# FICHIER : POSTINSTALL_ecommerce.ps1\r\n$rootFolder = (get-item env:E_MODULE_PATH).Value\r\npushd $rootFolder\r\n' +
        '$webconfigfile = get-item web.config\r\n[xml]$webconfig = Get-Content($webconfigfile)\r\npopd\r\n',
    },
    { name: 'both variables, every form', text: '$a = $env:E_MODULE_PATH\n$b = ${env:E_BACKUP_PATH}\n$c = Get-Item Env:\\E_BACKUP_PATH\n$d = [Environment]::GetEnvironmentVariable("E_MODULE_PATH")\n' },
    { name: 'case-insensitive like PowerShell', text: '$a = $ENV:e_module_path\n$b = Get-Item ENV:e_backup_path\n' },
    { name: 'a backslash after the name ends it', text: '$p = "$env:E_MODULE_PATH\\web.config"\n' },
    { name: 'braced form in a string', text: '$p = "${env:E_MODULE_PATH}web.config"\n' },
    { name: 'subexpression in a string', text: '$p = "$($env:E_MODULE_PATH)web.config"\n' },
    { name: 'line comment', text: '# $env:E_MODULE_PAHT is the module folder\n' },
    { name: 'block comment', text: '<#\n  $env:E_NOPE\n#>\nWrite-Host ok\n' },
    { name: 'single-quoted strings do not expand', text: "Write-Host '$env:E_NOPE'\n" },
    { name: 'literal here-string', text: "$t = @'\n$env:E_NOPE\n'@\n" },
    { name: 'escaped dollar', text: 'Write-Host "`$env:E_NOPE"\n' },
    { name: 'other variables are the script\'s business', text: '$a = $env:TEMP\n$b = $env:DEPLOYMENT_SOURCE\n$c = $env:SystemRoot\n' },
    { name: 'a variable the script sets itself', text: '$env:E_MY_FLAG = "1"\n& child.ps1 $env:E_MY_FLAG\n' },
    { name: 'set through the Env: drive', text: 'Set-Item -Path env:E_STAGE -Value x\nWrite-Host (Get-Item env:E_STAGE).Value\n' },
    { name: 'set through .NET', text: '[Environment]::SetEnvironmentVariable("E_STAGE", "x")\n$x = $env:E_STAGE\n' },
  ],
  [
    {
      name: 'misspelt $env: variable',
      text: '$root = $env:E_MODULE_PAHT\r\n',
      findings: [1],
      messages: ['The updater does not set E_MODULE_PAHT: it sets only E_MODULE_PATH and E_BACKUP_PATH, so this reads an empty value. Did you mean E_MODULE_PATH?'],
      output: '$root = $env:E_MODULE_PATH\r\n',
    },
    {
      name: 'Env: drive path (the seed\'s form)',
      text: '$rootFolder = (get-item env:E_MODULES_PATH).Value\n',
      findings: [1],
      output: '$rootFolder = (get-item env:E_MODULE_PATH).Value\n',
    },
    { name: 'braced', text: 'x\n$b = ${env:E_BACKUP_PAHT}\n', findings: [2], output: 'x\n$b = ${env:E_BACKUP_PATH}\n' },
    { name: 'in a double-quoted string', text: 'Write-Host "Backup in $env:E_BAKUP_PATH"\n', findings: [1], output: 'Write-Host "Backup in $env:E_BACKUP_PATH"\n' },
    { name: 'in an expandable here-string', text: '$t = @"\nfolder: $env:E_MODUL_PATH\n"@\n', findings: [2], output: '$t = @"\nfolder: $env:E_MODULE_PATH\n"@\n' },
    {
      name: 'the name runs on into the file name (no backslash because the value ends with one)',
      text: '$cfg = "$env:E_MODULE_PATHweb.config"\n',
      findings: [1],
      messages: ['In this string PowerShell reads the variable name E_MODULE_PATHweb, which the updater does not set, so the value is empty. Write ${env:E_MODULE_PATH}web to end the name after E_MODULE_PATH'],
      output: '$cfg = "${env:E_MODULE_PATH}web.config"\n',
    },
    {
      name: 'a name that runs on outside a string: no fix (the rest would be lost)',
      text: '$cfg = $env:E_MODULE_PATHweb\n',
      findings: [1],
      messages: ['The updater does not set E_MODULE_PATHweb: it sets only E_MODULE_PATH and E_BACKUP_PATH, so this reads an empty value. Did you mean E_MODULE_PATH?'],
      output: '$cfg = $env:E_MODULE_PATHweb\n',
    },
    { name: 'in a $( ) of a string', text: '$p = "$( $env:E_MODUL_PATH )x"\n', findings: [1], output: '$p = "$( $env:E_MODULE_PATH )x"\n' },
    { name: '.NET call', text: "$p = [Environment]::GetEnvironmentVariable('E_BACKUPPATH')\n", findings: [1], output: "$p = [Environment]::GetEnvironmentVariable('E_BACKUP_PATH')\n" },
    {
      name: 'issue 14: only the last word differs (E_BACKUP_DIR)',
      text: 'Copy-Item x $env:E_BACKUP_DIR\n',
      findings: [1],
      messages: ['Did you mean E_BACKUP_PATH?'],
      output: 'Copy-Item x $env:E_BACKUP_PATH\n',
    },
    { name: 'no close name: no fix', text: '$x = $env:E_SOMETHING_ELSE\n', findings: [1], messages: [/^The updater does not set E_SOMETHING_ELSE: it sets only E_MODULE_PATH and E_BACKUP_PATH, so this reads an empty value\.$/] },
    { name: 'code after a comment line still counts', text: '# comment\n<# block #> $x = $env:E_NOPE\n', findings: [2] },
    { name: 'typographic quotes are quotes to PowerShell', text: '$a = \u201C$env:E_NOPE\u201D\n$b = \u2018$env:E_NOPE2\u2019\n', findings: [1] },
  ],
);

test('phase/unknown-env-var: fixes are unsafe and reversible', () => {
  const text = '$a = "$env:E_MODULE_PATHweb.config"\r\n$b = $env:E_BACKUP_PAHT\r\n';
  const r = lintMemory(at('POSTINSTALL_ecommerce.ps1'), text);
  assert.deepEqual(summary(r), ['phase/unknown-env-var@1', 'phase/unknown-env-var@2']);
  for (const f of r.findings) {
    assert.equal(f.fixes![0].safe, false);
    applyReversibly(text, firstFix(f));
  }
});

test('phase/*: suppression comment and severity settings apply', () => {
  const r = lintMemory(at('POSTINSTALL_ecommerce.ps1'), '# upkeep-disable-next-line phase/unknown-env-var\n$a = $env:E_NOPE\n$b = $env:E_NOPE\n');
  assert.deepEqual(summary(r), ['phase/unknown-env-var@3']);
  const off = lintMemory(at('PREINSTALL_phygital.ps1'), 'x\n', { config: { rules: { 'phase/': 'off' } } });
  assert.deepEqual(summary(off), []);
});
