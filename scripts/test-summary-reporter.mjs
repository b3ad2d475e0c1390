// A node:test reporter for scripts/run-tests.mjs: prints nothing, and keeps the run's counts in the JSON
// file named by UPKEEP_TEST_SUMMARY, written synchronously at every result. Unlike a file reporter's
// stream, it is complete even when the runner ends a test process with --test-force-exit, and a run
// stopped half-way still shows the failures seen so far.
// It also keeps, per test file, the tests the runner enqueued and those that reported a result: with
// --test-force-exit a file's process can end before its last tests have reported, which the runner's
// totals do not show (they just count fewer tests); run-tests.mjs fails the run on such a shortfall.
import { writeFileSync } from 'node:fs';

export default async function* summaryReporter(source) {
  const file = process.env.UPKEEP_TEST_SUMMARY;
  const counts = { pass: 0, fail: 0, skipped: 0, failed: [], summary: null, unreported: [] };
  // file -> (nesting + name -> enqueued minus reported); the file's own entry (named by its path) is left out.
  const open = new Map();
  const key = data => `${data.nesting}\u0000${data.name}`;
  const track = (data, delta) => {
    if (!data.file || data.name === data.file) return;
    let m = open.get(data.file);
    if (!m) open.set(data.file, (m = new Map()));
    m.set(key(data), (m.get(key(data)) ?? 0) + delta);
  };
  const noTests = [];
  // Written at every result: the runner (--test-force-exit) may end this process before the loop below does.
  const save = () => {
    if (!file) return;
    counts.unreported = [...noTests];
    for (const [f, m] of open) {
      for (const [k, n] of m) {
        if (n > 0) counts.unreported.push(`${f}: ${k.slice(k.indexOf('\u0000') + 1)}${n > 1 ? ` (x${n})` : ''}`);
      }
    }
    writeFileSync(file, JSON.stringify(counts));
  };
  const summary = {};
  for await (const event of source) {
    const { type, data } = event;
    if (type === 'test:enqueue') track(data, 1);
    else if (type === 'test:pass' || type === 'test:fail') {
      track(data, -1);
      // The runner reports a file as a test of its own when none of its tests reached it: the file's
      // process ended (or was ended) before anything it ran was reported.
      if (data.file && data.name === data.file && !open.has(data.file)) noTests.push(`${data.file}: no test reported`);
    }
    if ((type === 'test:pass' || type === 'test:fail') && data.details?.type !== 'suite') {
      if (type === 'test:fail') {
        counts.fail++;
        counts.failed.push(data.name);
      } else if (data.skip !== undefined && data.skip !== false) counts.skipped++;
      else counts.pass++;
      save();
    } else if (type === 'test:diagnostic' && data.nesting === 0) {
      // The runner's own totals, printed as "tests N", "pass N", ... at the end.
      const m = /^(tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(data.message);
      if (m) {
        summary[m[1]] = Number(m[2]);
        counts.summary = summary;
        save();
      }
    }
  }
  save();
}
