#!/usr/bin/env node
// `npm run test:editors`: builds once, then runs the real-editor suites one after the other:
// Neovim (test/nvim/run.mjs) and VS Code in code-server (scripts/vscode/run.mjs). Each keeps its own
// output; the last line adds them up as `N passed, N failed`. Exit code non-zero if either failed.
// Extra arguments go to the VS Code runner (e.g. --vsix upkeep-0.1.0.vsix, --grep httpd).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const extra = process.argv.slice(2);

const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) {
  console.log('test:editors: npm run build failed\n0 passed, 1 failed');
  process.exit(1);
}

function runSuite(name, script, args) {
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(root, script), '--skip-build', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', d => { out += d; process.stdout.write(d); });
    child.on('close', code => {
      const m = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].pop();
      const passed = m ? +m[1] : 0;
      const skipped = m ? +(m[3] ?? 0) : 0;
      const failed = m ? +m[2] : 0;
      resolve({ name, code, passed, skipped, failed: failed + (code !== 0 && failed === 0 ? 1 : 0) });
    });
  });
}

const results = [];
results.push(await runSuite('nvim', 'test/nvim/run.mjs', []));
results.push(await runSuite('vscode', 'scripts/vscode/run.mjs', extra));
for (const r of results) console.log(`test:editors: ${r.name}: ${r.passed} passed, ${r.failed} failed (exit ${r.code})`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || results.some(r => r.code !== 0) ? 1 : 0);
