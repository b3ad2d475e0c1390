// Phase script names, settings, the file classifier and the new-script template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyFile } from '../../server/src/engine/files';
import { closestNames, DEFAULT_MODULES, parsePhaseName, phaseSettings, PHASE_NAMES } from '../../server/src/phasescripts/model';
import { newPhaseScript } from '../../server/src/phasescripts/template';
import { lintMemory, summary } from './util';

const parts = (path: string, sep = '_') => {
  const p = parsePhaseName(path, sep);
  return [p.phase.text, p.separator, p.module?.text ?? null, p.ext];
};

test('parsePhaseName splits phase, separator and module', () => {
  assert.deepEqual(parts('C:\\x\\updates\\scripts\\PREINSTALL_ecommerce.ps1'), ['PREINSTALL', '_', 'ecommerce', '.ps1']);
  assert.deepEqual(parts('/a/POSTINSTALL-phygital.PS1'), ['POSTINSTALL', '-', 'phygital', '.PS1']);
  assert.deepEqual(parts('POSTINSTALL-gestion_commerciale.ps1'), ['POSTINSTALL-gestion', '_', 'commerciale', '.ps1'], 'the configured separator wins');
  assert.deepEqual(parts('POSTINSTALL-ecommerce.ps1', '-'), ['POSTINSTALL', '-', 'ecommerce', '.ps1']);
  assert.deepEqual(parts('PREINSTALLecommerce.ps1'), ['PREINSTALL', '', 'ecommerce', '.ps1']);
  assert.deepEqual(parts('PREBACKUP.ps1'), ['PREBACKUP', null, null, '.ps1']);
  assert.deepEqual(parts('helpers.ps1'), ['helpers', null, null, '.ps1']);
  assert.deepEqual(parts(''), ['', null, null, '']);
});

test('phaseSettings: defaults and overrides', () => {
  assert.deepEqual(phaseSettings(undefined), { folder: 'updates/scripts', modules: DEFAULT_MODULES.map(m => m.name), separator: '_' });
  assert.deepEqual(phaseSettings({ folder: 'C:\\deploy\\hooks', modules: [' crm ', ''], separator: '-' }), { folder: 'C:\\deploy\\hooks', modules: ['crm'], separator: '-' });
  assert.equal(phaseSettings({ separator: '' }).separator, '_');
  assert.equal(phaseSettings({ separator: 'ab' }).separator, '_');
  assert.deepEqual(phaseSettings({ modules: [] }).modules, DEFAULT_MODULES.map(m => m.name));
});

test('closestNames: edit distance, then containment', () => {
  assert.deepEqual(closestNames('phygital', ['gestioncommerciale', 'ecommerce', 'phygitalapi', 'integration']), ['phygitalapi']);
  assert.deepEqual(closestNames('PREINSTAL', PHASE_NAMES), ['PREINSTALL']);
  assert.deepEqual(closestNames('xyz', PHASE_NAMES), []);
  assert.deepEqual(closestNames('', PHASE_NAMES), []);
});

test('classifyFile: which .ps1 files are phase scripts', () => {
  const cases: [string, string | null, string?][] = [
    ['/srv/app/updates/scripts/PREINSTALL_ecommerce.ps1', 'phasescript'],
    ['C:\\ProgramData\\CPoint\\[e]\\bin\\updates\\scripts\\helpers.ps1', 'phasescript'],
    ['updates/scripts/anything.ps1', 'phasescript'],
    ['/srv/UPDATES/Scripts/x.ps1', 'phasescript'],
    ['/repo/deploy/POSTINSTALL_ecommerce.ps1', 'phasescript'],
    ['/repo/deploy/POSTINSTALL-phygital.ps1', 'phasescript'],
    ['/srv/app/updates/scripts/lib/helpers.ps1', null],
    ['/repo/PostInstall.ps1', null],
    ['/repo/PreInstall-Checks.ps1', null],
    ['/repo/PREINSTALL.ps1', null],
    ['/repo/Deploy.ps1', null],
    ['/repo/PreDeploy.ps1', null],
    ['/repo/Octopus.Features.IISWebSite_BeforePostDeploy.ps1', null],
    ['/srv/app/updates/scripts/readme.txt', null],
    ['/srv/hooks/x.ps1', 'phasescript', '/srv/hooks'],
    ['/srv/hooks/x.ps1', 'phasescript', 'hooks/'],
    ['C:\\ProgramData\\CPoint\\[e]\\bin\\updates\\scripts\\x.ps1', 'phasescript', '%PROGRAMDATA%\\CPoint\\[e]\\bin\\updates\\scripts'],
    ['/srv/app/updates/scripts/x.ps1', null, 'hooks'],
  ];
  for (const [path, expected, folder] of cases) {
    assert.equal(classifyFile(path, undefined, folder ? { scriptsFolder: folder } : {}), expected, path);
  }
});

test('classifyFile: the other languages keep their behaviour, ePages files by path', () => {
  assert.equal(classifyFile('/etc/sysconfig/epages-hotfix'), 'epages');
  assert.equal(classifyFile('examples/epages/etc/default/epages6'), 'epages');
  assert.equal(classifyFile('C:\\x\\etc\\default\\epages6'), 'epages');
  assert.equal(classifyFile('/etc/default/epages6.bak'), null);
  assert.equal(classifyFile('/etc/epages-hotfix'), null);
  assert.equal(classifyFile('/etc/httpd/conf/httpd.conf'), 'apacheconf');
  assert.equal(classifyFile('/opt/plugin-cfg.xml'), 'plugincfg');
});

test('the folder setting reaches the classifier through the project', () => {
  const r = lintMemory('/ws/hooks/PREINSTAL_ecommerce.ps1', 'x\n', { phaseScripts: { folder: 'hooks' } });
  assert.equal(r.language, 'phasescript');
  assert.deepEqual(summary(r), ['phase/unknown-phase@1']);
});

test('newPhaseScript: file name and a template that lints clean', () => {
  const s = newPhaseScript('POSTINSTALL', 'ecommerce');
  assert.equal(s.fileName, 'POSTINSTALL_ecommerce.ps1');
  assert.equal(newPhaseScript('preinstall', 'phygitalapi', '-').fileName, 'PREINSTALL-phygitalapi.ps1');
  assert.match(s.content, /^# POSTINSTALL_ecommerce\.ps1\r\n# Runs after the new files are copied and set up, just before the module is switched back on\.\r\n/);
  assert.ok(s.content.includes('#   app_offline.htm: present in the module folder\r\n'));
  assert.ok(s.content.includes('$modulePath = $env:E_MODULE_PATH\r\n'));
  assert.ok(!s.content.includes('\n\n') && !/[^\r]\n/.test(s.content), 'CRLF throughout');
  assert.match(s.content, /^[\x00-\x7f]*$/, 'ASCII only (Windows PowerShell 5.1 reads BOM-less files as ANSI)');
  assert.equal(newPhaseScript('ENDUPDATE', 'crm', '_', '\n').content.includes('\r'), false);
  for (const phase of PHASE_NAMES) {
    for (const m of DEFAULT_MODULES) {
      const t = newPhaseScript(phase, m.name);
      const r = lintMemory(`/ws/updates/scripts/${t.fileName}`, t.content);
      assert.deepEqual(summary(r), [], t.fileName);
    }
  }
});
