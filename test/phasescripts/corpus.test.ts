// Real PowerShell deployment scripts (../shared/corpus/powershell): none is a phase script, so none may
// get a phase/* finding where it lives; and the scanner copes with their real syntax when one is put
// in the scripts folder under a valid name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { lintFile } from '../../server/src/languages';
import { classifyFile } from '../../server/src/engine/files';
import { decodeBytes } from '../../server/src/engine/text';
import { MemoryFileSystem, nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { scanPowerShell } from '../../server/src/phasescripts/scanner';
import { corpusDir, summary } from './util';

const dir = corpusDir('powershell');

function ps1Files(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = nodePath.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.toLowerCase().endsWith('.ps1')) out.push(p);
    }
  };
  walk(root);
  return out;
}

test('corpus: deployment scripts are not phase scripts where they live', t => {
  if (!dir) return t.skip('../shared/corpus/powershell is not present');
  const files = ps1Files(dir);
  assert.ok(files.length >= 10, `found ${files.length} scripts`);
  const project = new Project(nodeFileSystem, { roots: [dir] });
  for (const f of files) {
    assert.equal(classifyFile(f), null, f);
    const r = lintFile(project, f);
    assert.equal(r, null, `${f} was linted as ${r?.language}`);
  }
});

test('corpus: as PREINSTALL_ecommerce.ps1 in the scripts folder, no finding at all (their variables are not the updater\'s)', t => {
  if (!dir) return t.skip('../shared/corpus/powershell is not present');
  let refs = 0;
  for (const f of ps1Files(dir)) {
    const { text } = decodeBytes(readFileSync(f));
    refs += scanPowerShell(text).envRefs.length;
    const path = '/ws/updates/scripts/PREINSTALL_ecommerce.ps1';
    const project = new Project(new MemoryFileSystem({ [path]: text }), { roots: ['/ws'] });
    const r = lintFile(project, path);
    assert.ok(r);
    assert.deepEqual(summary(r), [], f);
  }
  // $env:DEPLOYMENT_SOURCE, $env:branch, $env:DEPLOYMENT_TEMP, $env:SystemRoot (the ${env:SystemRoot} one is in a comment)
  assert.equal(refs, 4);
});

test('corpus: the scanner finds exactly the real references of deploy.ps1 and the Calamari script', t => {
  if (!dir) return t.skip('../shared/corpus/powershell is not present');
  const names = (rel: string) => {
    const { text } = decodeBytes(readFileSync(nodePath.join(dir, rel)));
    return scanPowerShell(text).envRefs.map(r => `${r.name}@${text.slice(0, r.start).split('\n').length}`);
  };
  assert.deepEqual(names('NuGetGallery/deploy.ps1'), ['DEPLOYMENT_SOURCE@12', 'branch@15', 'DEPLOYMENT_TEMP@20']);
  assert.deepEqual(names('Calamari/source/Calamari/Scripts/Octopus.Features.IISWebSite_BeforePostDeploy.ps1'), ['SystemRoot@746']);
});
