import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseFold, safeRegex, safeTest } from '../../server/src/engine/safe-regex';

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
