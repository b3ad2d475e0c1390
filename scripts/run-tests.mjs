// `npm test`: type-checks and compiles the TypeScript tests, bundles dist/, then runs every
// out/test/**/*.test.js with node's test runner. Extra arguments filter test files by substring.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// Each run compiles into its own folder, so two runs at once (or an editor's watch build) never clash.
const outDir = path.join(root, `out-run-${process.pid}`);
rmSync(outDir, { recursive: true, force: true });
process.on('exit', () => rmSync(outDir, { recursive: true, force: true }));
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', outDir]);
run(process.execPath, [path.join(root, 'scripts/build.mjs')]);

const files = [];
const walk = dir => {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js')) files.push(p);
  }
};
walk(path.join(outDir, 'test'));
const filters = process.argv.slice(2);
const selected = filters.length ? files.filter(f => filters.some(s => f.includes(s))) : files;
if (selected.length === 0) { console.error('no test files matched'); process.exit(1); }
const reporter = process.env.UPKEEP_TEST_REPORTER ?? 'spec';
const summaryFile = path.join(outDir, 'summary.json');
// Bounds, so that a hang fails the run with a name instead of stalling CI: each test gets
// UPKEEP_TEST_TIMEOUT ms (node 20 applies it to each test file as a whole; default 10 min, several times the slowest file), a test file's process is ended
// once its tests are done even if a handle (a child, a timer) is still open, and the whole unit run
// gets UPKEEP_UNIT_TIMEOUT ms (default 45 min).
const testTimeout = Number(process.env.UPKEEP_TEST_TIMEOUT ?? 600_000);
const unitTimeout = Number(process.env.UPKEEP_UNIT_TIMEOUT ?? 45 * 60_000);
const unit = spawnSync(
  process.execPath,
  [
    // Blocking stdout in each test file's process: with --test-force-exit its last results were lost otherwise.
    '--require',
    path.join(root, 'scripts/test-child-preload.cjs'),
    '--test',
    `--test-reporter=${reporter}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts/test-summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    '--test-concurrency=2',
    `--test-timeout=${testTimeout}`,
    '--test-force-exit',
    ...selected,
  ],
  { cwd: root, stdio: 'inherit', timeout: unitTimeout, killSignal: 'SIGKILL', env: { ...process.env, UPKEEP_TEST_SUMMARY: summaryFile } },
);
if (unit.error?.code === 'ETIMEDOUT') console.error(`\nupkeep: the unit tests did not finish within ${unitTimeout / 60_000} min; stopped`);
// The runner's own totals when it got to print them; else what was counted up to where it stopped.
const seen = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : { pass: 0, fail: 0, skipped: 0, failed: [], summary: null };
const totals = seen.summary && 'pass' in seen.summary ? seen.summary : seen;
let passed = totals.pass ?? 0;
const unitFailed = (totals.fail ?? 0) + (totals.cancelled ?? 0);
let failed = unitFailed + (unit.status !== 0 && unitFailed === 0 ? 1 : 0);
const skipped = totals.skipped ?? 0;
if (seen.failed.length) console.log(`\nupkeep: failed: ${seen.failed.join('; ')}`);
// Tests the runner enqueued that never reported a result (a test process ended early): each is a failure.
const unreported = seen.unreported ?? [];
if (unreported.length) {
  console.log(`\nupkeep: ${unreported.length} test(s) enqueued but never reported:\n  ${unreported.join('\n  ')}`);
  failed += unreported.length;
}

// The real-editor suites (Neovim, VS Code in code-server) run with the full suite, not with a filter.
// UPKEEP_SKIP_EDITORS=1 leaves them out for a quick local run; CI never sets it.
if (filters.length === 0 && process.env.UPKEEP_SKIP_EDITORS !== '1') {
  const editors = spawnSync(process.execPath, [path.join(root, 'scripts/test-editors.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(editors.stdout ?? '');
  const m = [...(editors.stdout ?? '').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  passed += m ? Number(m[1]) : 0;
  failed += m ? Number(m[2]) : 0;
  if (editors.status !== 0 && !(m && Number(m[2]) > 0)) failed += 1;
}
console.log(`\nupkeep: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
