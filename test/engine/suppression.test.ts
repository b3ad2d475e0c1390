// Suppression comments are read by a linear scan. The regular expression it replaces is kept here as
// the reference: on short lines (where its backtracking is harmless) both must agree on every input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeFindings, parseSuppressionLine, type Finding } from '../../server/src/engine/rules';

const REFERENCE = /upkeep-disable(-next-line|-line)?(?:[ \t]+([\w/\-, \t]+?))?[ \t]*(?:-->)?[ \t]*$/;

function reference(line: string) {
  const m = REFERENCE.exec(line);
  if (!m) return null;
  return { kind: m[1] === '-next-line' ? 'next-line' : m[1] === '-line' ? 'line' : 'file', codes: (m[2] ?? '').split(/[\s,]+/).filter(Boolean) };
}

test('the scan agrees with the reference pattern on random short lines', () => {
  const pieces = ['upkeep-disable', '-next-line', '-line', ' ', '\t', 'httpd/', 'x', ',', '-', '-->', '>', '#', '<!--', 'a-b', '/'];
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 20000; i++) {
    let line = '';
    const n = 1 + rnd(8);
    for (let k = 0; k < n; k++) line += pieces[rnd(pieces.length)];
    assert.deepEqual(parseSuppressionLine(line), reference(line), JSON.stringify(line));
  }
});

test('a comment followed by hundreds of blanks and another character is read at once (was catastrophic backtracking)', () => {
  // Minimal input found by fuzzing: 300 blanks took ~10 s with the old pattern, 500 over 3 minutes.
  for (const n of [300, 500, 100_000]) {
    const line = '# upkeep-disable' + ' '.repeat(n) + 'x!';
    assert.equal(parseSuppressionLine(line), null);
    assert.deepEqual(parseSuppressionLine('# upkeep-disable' + ' '.repeat(n) + 'httpd/'), { kind: 'file', codes: ['httpd/'] });
  }
  const text = '# upkeep-disable' + ' '.repeat(500) + 'x!\nFoo\n';
  const f: Finding = { code: 'httpd/unknown-directive', severity: 'error', message: 'm', start: text.indexOf('Foo'), end: text.indexOf('Foo') + 3 };
  assert.equal(finalizeFindings(text, [f]).length, 1);
});

test('the forms of the README still work', () => {
  assert.deepEqual(parseSuppressionLine('# upkeep-disable-next-line httpd/unknown-directive'), { kind: 'next-line', codes: ['httpd/unknown-directive'] });
  assert.deepEqual(parseSuppressionLine('<!-- upkeep-disable-line a/b, c/d -->'), { kind: 'line', codes: ['a/b', 'c/d'] });
  assert.deepEqual(parseSuppressionLine('# upkeep-disable'), { kind: 'file', codes: [] });
  assert.equal(parseSuppressionLine('# upkeep-disabled httpd/x'), null);
});
