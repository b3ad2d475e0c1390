// The sample files of examples/ (phase scripts and ePages settings) each show exactly their one
// deliberate mistake, and every phase/ and epages/ rule has its documentation page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import '../../server/src/languages';
import { lintFile } from '../../server/src/languages';
import { allRules, ruleDocPath } from '../../server/src/engine/rules';
import { nodeFileSystem, Project } from '../../server/src/engine/workspace';
import { repoRoot, summary } from './util';

const root = repoRoot();

test('examples: one deliberate finding per sample file', () => {
  const expected: Record<string, string[]> = {
    'examples/updates/scripts/PREINSTALL_phygital.ps1': ['phase/unknown-module@1'],
    'examples/updates/scripts/POSTINSTALL_ecommerce.ps1': ['phase/unknown-env-var@6'],
    'examples/epages/etc/sysconfig/epages-hotfix': ['epages/invalid-value@8'],
    'examples/epages/etc/default/epages6': ['epages/invalid-value@8'],
  };
  const project = new Project(nodeFileSystem, { roots: [nodePath.join(root, 'examples')] });
  for (const [rel, findings] of Object.entries(expected)) {
    const r = lintFile(project, nodePath.join(root, rel));
    assert.ok(r, rel);
    assert.deepEqual(summary(r), findings, rel);
  }
});

test('docs: every phase/ and epages/ rule has its page with the four sections', () => {
  // Load the rules of both languages (they register on first parse).
  const project = new Project(nodeFileSystem, {});
  lintFile(project, nodePath.join(root, 'examples/updates/scripts/PREINSTALL_phygital.ps1'));
  lintFile(project, nodePath.join(root, 'examples/epages/etc/default/epages6'));
  const codes = allRules().map(r => r.code).filter(c => c.startsWith('phase/') || c.startsWith('epages/'));
  assert.deepEqual(codes, [
    'epages/ignored-setting',
    'epages/invalid-value',
    'epages/lock-file-changed',
    'epages/not-exported',
    'epages/shell-syntax',
    'epages/unknown-key',
    'phase/separator',
    'phase/unknown-env-var',
    'phase/unknown-module',
    'phase/unknown-phase',
  ]);
  for (const code of codes) {
    const p = nodePath.join(root, ruleDocPath(code));
    assert.ok(existsSync(p), p);
    const md = readFileSync(p, 'utf8');
    assert.ok(md.startsWith(`# ${code}\n`), code);
    for (const h of ['## What it reports', '## Why it matters', '## Example', '## Fix']) assert.ok(md.includes(`\n${h}\n`), `${code}: ${h}`);
  }
});
