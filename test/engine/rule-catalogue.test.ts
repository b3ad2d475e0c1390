// Every rule is first-class: a stable code, a documentation page, and test cases that name it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import '../../server/src/languages';
import { allRules, ruleDocPath } from '../../server/src/engine/rules';
import { repoRoot } from '../support/repo';


function testSources(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) testSources(p, out);
    else if (name.endsWith('.ts')) out.push(fs.readFileSync(p, 'utf8'));
  }
  return out;
}

test('every rule has a documentation page with the four parts', () => {
  const root = repoRoot();
  const rules = allRules();
  assert.ok(rules.length >= 20, `only ${rules.length} rules registered`);
  for (const r of rules) {
    assert.match(r.code, /^[a-z]+\/[a-z0-9-]+$/, `code ${r.code} is not of the form language/name`);
    const page = path.join(root, ruleDocPath(r.code));
    assert.ok(fs.existsSync(page), `${r.code}: missing ${ruleDocPath(r.code)}`);
    const text = fs.readFileSync(page, 'utf8');
    assert.ok(text.startsWith(`# ${r.code}\n`), `${r.code}: the page must start with its code as title`);
    for (const part of ['## What it reports', '## Why it matters', '## Fix']) assert.ok(text.includes(part), `${r.code}: no "${part}"`);
  }
});

test('every rule is named by the tests (valid and invalid cases live next to it)', () => {
  const sources = testSources(path.join(repoRoot(), 'test')).join('\n');
  const untested = allRules().filter(r => !sources.includes(`'${r.code}'`) && !sources.includes(`"${r.code}"`));
  assert.deepEqual(untested.map(r => r.code), []);
});

test('the README rule table lists exactly the registered rules (npm run docs:rules)', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'rules-doc.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
