// The bounded fuzzing run of `npm test`: a fixed seed, every language, every check of
// test/fuzz/engine-fuzz.ts (`npm run fuzz` runs as many inputs as asked). A failure prints its minimal
// input; add it as a regression test next to the code it is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOne, LANGUAGES, runFuzz } from './engine-fuzz';
import { repoRoot } from '../support/repo';

const COUNT = Number(process.env.UPKEEP_FUZZ_COUNT ?? 2500);

test(`fuzzing: ${COUNT} mutated fixtures and token soups over every language, seed 20261204`, () => {
  const lines: string[] = [];
  const r = runFuzz({ count: COUNT, seed: 20261204, root: repoRoot(), log: l => lines.push(l) });
  assert.equal(r.inputs, COUNT);
  for (const l of LANGUAGES) assert.ok((r.perLanguage[l] ?? 0) > 0, `no input for ${l}`);
  assert.deepEqual(
    r.failures.map(f => `${f.language} ${f.check}: ${f.message.split('\n')[0]} | minimal: ${JSON.stringify(f.minimal)}`),
    [],
    lines.join('\n'),
  );
});

test('inputs fuzzing found pass every check now (minimal inputs of fixed failures)', () => {
  // Inputs that failed before their fix, kept as regressions of the fuzzer's own findings.
  assert.equal(checkOne('epages', 'MAILTO=|# '), null, 'epages/shell-syntax gives a real fix');
  assert.equal(checkOne('sametime', '<managed-communities>\n<managed-community host="h" port="80/>\n</managed-communities>\n'), null);
  assert.equal(checkOne('apacheconf', '# upkeep-disable' + ' '.repeat(3000) + 'x!\nFoo\n'), null);
  assert.equal(checkOne('apacheconf', `RewriteRule ^ - [${'a,'.repeat(16000)}a]\n`), null);
});
