#!/usr/bin/env node
// `npm run test:editors`: builds once, then runs the real-editor suites one after the other:
//   1. Neovim as an LSP client of dist/server.js (test/nvim/run.mjs);
//   2. VS Code in code-server with the working tree as the extension (scripts/vscode/run.mjs);
//   3. the same VS Code suite against the packaged extension: `npm run package` (a vsce warning fails it),
//      installed into code-server from the VSIX (scripts/vscode/run.mjs --package).
// Never two code-servers at once. Each suite keeps its own output; the last line adds them up as
// `N passed, N failed`. Exit code non-zero if any failed. Extra arguments go to the VS Code runs
// (e.g. --grep swap). UPKEEP_SKIP_VSIX=1 leaves out run 3 (a quicker local run; CI never sets it).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const extra = process.argv.slice(2);
const t0 = Date.now();

const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (b.status !== 0) {
  console.log('test:editors: npm run build failed\n0 passed, 1 failed');
  process.exit(1);
}

// A suite that runs longer than this (UPKEEP_EDITOR_SUITE_TIMEOUT, ms; default 20 min) is stopped with
// everything it started (its own process group) and counted as failed, so a hung editor cannot stall CI.
const suiteTimeout = Number(process.env.UPKEEP_EDITOR_SUITE_TIMEOUT ?? 20 * 60_000);
// Suites run in their own process group; an interrupt of this runner ends the running one too.
let running;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (running) try { process.kill(-running.pid, 'SIGKILL'); } catch { /* already gone */ }
    process.exit(130);
  });
}

function runSuite(name, script, args) {
  const t = Date.now();
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    running = child;
    let out = '';
    let timedOut = false;
    const watchdog = setTimeout(() => {
      timedOut = true;
      console.log(`test:editors: ${name} did not finish within ${suiteTimeout / 60_000} min; stopped`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, suiteTimeout);
    child.stdout.on('data', d => { out += d; process.stdout.write(d); });
    child.on('close', code => {
      clearTimeout(watchdog);
      running = undefined;
      if (timedOut) code = code ?? 124;
      const m = [...out.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].pop();
      const passed = m ? +m[1] : 0;
      const skipped = m ? +(m[3] ?? 0) : 0;
      const failed = m ? +m[2] : 0;
      resolve({ name, code, passed, skipped, failed: failed + (code !== 0 && failed === 0 ? 1 : 0), seconds: (Date.now() - t) / 1000 });
    });
  });
}

const results = [];
results.push(await runSuite('nvim', 'test/nvim/run.mjs', ['--skip-build']));
results.push(await runSuite('vscode', 'scripts/vscode/run.mjs', ['--skip-build', ...extra]));
if (process.env.UPKEEP_SKIP_VSIX !== '1') results.push(await runSuite('vscode-vsix', 'scripts/vscode/run.mjs', ['--package', ...extra]));
for (const r of results) {
  console.log(`test:editors: ${r.name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (exit ${r.code}, ${r.seconds.toFixed(1)} s)`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
console.log(`test:editors: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || results.some(r => r.code !== 0) ? 1 : 0);
