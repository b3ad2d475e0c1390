import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseFold, literalPattern, safeRegex, safeTest } from '../../server/src/engine/safe-regex';

test('user patterns run in linear time: a catastrophic pattern answers at once', () => {
  // With a backtracking engine this takes about 2^40 steps; the linear engine answers immediately.
  assert.equal(safeTest('^(a|a)*b$', 'a'.repeat(40) + 'c'), false);
  assert.equal(safeTest('^(a+)+$', 'a'.repeat(5000) + '!'), false);
});

test('patterns the linear engine cannot run give null, never a guess', () => {
  assert.equal(safeRegex('(a)\\1'), null);
  assert.equal(safeRegex('(?<=a)b'), null);
  assert.equal(safeRegex('(?>atomic)'), null);
  assert.equal(safeTest('(', 'x'), null);
});

test('case-insensitive matching without the i flag', () => {
  assert.equal(caseFold('^ab[c-e]\\d$'), '^[aA][bB][c-eC-E]\\d$');
  assert.equal(safeTest('^admin\\.example\\.com$', 'ADMIN.Example.com', true), true);
  assert.equal(safeTest('^admin\\.example\\.com$', 'ADMIN.Example.com', false), false);
  assert.equal(safeTest('^[^a-c]x$', 'Bx', true), false);
});

test('plain-string patterns are compared as strings, with the answer a regex gives', () => {
  assert.deepEqual(literalPattern('^10\\.0\\.5\\.1$'), { text: '10.0.5.1', lower: '10.0.5.1', start: true, end: true });
  assert.deepEqual(literalPattern('maint\\$'), { text: 'maint$', lower: 'maint$', start: false, end: false });
  for (const p of ['^10\\.0\\.5\\.\\d$', '^a.b$', 'a|b', '(a)', '^a+$', 'a\\', '\\bword', '[ab]']) assert.equal(literalPattern(p), null, p);
  // Random patterns over an alphabet of literal characters, escapes and operators, against a real RegExp.
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
  const parts = ['a', 'B', '1', '.', '\\.', '-', '\\-', '/', '\\/', '$', '\\$', '^', ' ', '\\\\', ':', 'é', '*', '\\d'];
  let literalCount = 0;
  for (let k = 0; k < 5000; k++) {
    let p = '';
    for (let j = rnd(6); j >= 0; j--) p += parts[rnd(parts.length)];
    if (rnd(2)) p = '^' + p;
    if (rnd(2)) p += '$';
    const lit = literalPattern(p);
    if (!lit) continue;
    literalCount++;
    const re = new RegExp(p);
    const reI = new RegExp(p, 'i');
    for (const input of [lit.text, lit.text.toUpperCase(), `x${lit.text}`, `${lit.text}y`, '', 'a.b', 'A-B/1', lit.text.slice(1)]) {
      assert.equal(safeTest(p, input), re.test(input), `${p} on ${JSON.stringify(input)}`);
      if (!/[^\x00-\x7f]/.test(p + input)) assert.equal(safeTest(p, input, true), reI.test(input), `${p} /i on ${JSON.stringify(input)}`);
    }
  }
  assert.ok(literalCount > 500, `only ${literalCount} literal patterns generated`);
});
