// `npm test`: type-checks and compiles the TypeScript tests, bundles dist/, then runs every
// out/test/**/*.test.js with node's test runner. Extra arguments filter test files by substring.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
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
run(process.execPath, ['--test', `--test-reporter=${reporter}`, '--test-concurrency=2', ...selected]);
