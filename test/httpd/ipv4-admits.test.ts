// What an allowlist pattern admits (server/src/httpd/ipv4-admits.ts), checked against the regex itself:
// every address the analysis calls admitted matches the pattern, and addresses it leaves out do not.
// For these patterns (digits, dots, anchors, |) JavaScript's regex reads them as PCRE does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseAllowlist, formatAddress, normalize, subtract, type Range } from '../../server/src/httpd/ipv4-admits';

/** A small deterministic generator, so a failure repeats. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PATTERNS = [
  '^10.1.2.3',
  '^10.1.2.3$',
  '^192.168.157.139',
  '^127.0.0.1',
  '^10\\.0\\.0\\.1',
  '10\\.0\\.0\\.1$',
  '^10\\.0\\.0\\.',
  '^192.168.1.',
  '^10\\.0\\.0\\.1|10\\.0\\.0\\.2$',
  '^(?:10\\.20\\.0\\.11|10.20.0.12)$',
  '^172.16',
  '^1.1',
];

const inRanges = (n: number, rs: Range[]) => rs.some(([lo, hi]) => n >= lo && n <= hi);

test('ipv4-admits: admitted addresses match the regex, others do not', () => {
  const rand = rng(42);
  for (const p of PATTERNS) {
    const a = analyseAllowlist(p);
    assert.ok(a, `${p} is analysed`);
    const re = new RegExp(p);
    const all = normalize([...a.extra, ...a.intended]);
    // Samples: ends and random points of every extra range, random addresses anywhere, and the neighbourhood
    // of the intended address (where mistakes would be).
    const samples: number[] = [];
    for (const [lo, hi] of a.extra) samples.push(lo, hi, lo + Math.floor(rand() * (hi - lo + 1)));
    for (let i = 0; i < 3000; i++) samples.push(Math.floor(rand() * 2 ** 32));
    for (const [lo] of a.intended) for (let d = -300; d <= 300; d++) if (lo + d >= 0) samples.push(lo + d);
    for (const n of samples) {
      const text = formatAddress(n);
      // Intended addresses of a pattern that is a prefix need not all match (`^10\.0\.0\.1` means one address).
      if (inRanges(n, a.extra)) assert.ok(re.test(text), `${p}: ${text} is said to be admitted but does not match`);
      else if (!inRanges(n, all)) assert.ok(!re.test(text), `${p}: ${text} matches but is not counted`);
    }
  }
});

test('ipv4-admits: the issue examples', () => {
  assert.equal(analyseAllowlist('^192.168.157.139')!.extra.length, 0, '192.168.157.1390 is no address');
  assert.deepEqual(
    analyseAllowlist('^127.0.0.1')!.extra.map(r => r.map(formatAddress).join('-')),
    ['127.0.0.10-127.0.0.19', '127.0.0.100-127.0.0.199'],
  );
  assert.equal(analyseAllowlist('=10.1.2.3'), null, 'not a regex of the analysed shape');
  assert.deepEqual(subtract([[0, 10]], [[3, 4]]), [
    [0, 2],
    [5, 10],
  ]);
});
