// Regression inputs found by fuzzing the RewriteRule flag check: a long flag list was quadratic (a 32 KB
// line took 8.4 s). The check now classifies flags in one pass and words the did-you-mean for a few.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../support/rule-tester';

test('a 32 KB list of unknown RewriteRule flags gives one finding naming the first few', () => {
  const text = `RewriteRule ^ - [${Array.from({ length: 16_000 }, () => 'a').join(',')}]\n`;
  const found = lintText({ text }).findings.filter(f => f.code === 'httpd/rewrite-syntax');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /16000 unknown flags \("a", "a", "a", "a", "a", \.\.\.\)/);
});

test('a few unknown flags are still reported one by one, with their fix', () => {
  const found = lintText({ text: 'RewriteRule ^ - [QSAX,Z,L]\n' }).findings.filter(f => f.code === 'httpd/rewrite-syntax');
  assert.equal(found.length, 2);
  assert.equal(found[0].fixes?.[0].edits[0].newText, 'QSA');
});
