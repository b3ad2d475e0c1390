// A node:test reporter for scripts/run-tests.mjs: prints nothing, and keeps the run's counts in the JSON
// file named by UPKEEP_TEST_SUMMARY, written synchronously at every result. Unlike a file reporter's
// stream, it is complete even when the runner ends a test process with --test-force-exit, and a run
// stopped half-way still shows the failures seen so far.
import { writeFileSync } from 'node:fs';

export default async function* summaryReporter(source) {
  const file = process.env.UPKEEP_TEST_SUMMARY;
  const counts = { pass: 0, fail: 0, skipped: 0, failed: [], summary: null };
  const save = () => file && writeFileSync(file, JSON.stringify(counts));
  const summary = {};
  for await (const event of source) {
    const { type, data } = event;
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
