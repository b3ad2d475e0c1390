#!/usr/bin/env node
// `npm run test:nvim`: Neovim as a second, independent LSP client of the bundled server (dist/server.js).
// Builds dist/ (unless --skip-build), then runs test/nvim/client.lua in headless Neovim with the
// expectations of test/nvim/cases.lua against a scratch copy of test/fixtures/editor. Neovim runs under
// `timeout`, in its own process group, with XDG_* in a scratch folder. Last line: `N passed, N failed`.
// environment: UPKEEP_NVIM (default `nvim`), UPKEEP_SERVER_JS (another server bundle),
//              UPKEEP_NVIM_CASES (another expectations table), UPKEEP_LSP_TIMEOUT_MS (each wait, default 10000),
//              UPKEEP_NVIM_TIMEOUT_S (whole run, default 120), UPKEEP_NVIM_LSP_LOG (Neovim's LSP log level, e.g. DEBUG)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const args = process.argv.slice(2);
const nvim = process.env.UPKEEP_NVIM ?? 'nvim';
const limit = Number(process.env.UPKEEP_NVIM_TIMEOUT_S ?? 120);

function finish(passed, failed, reason) {
  if (reason) console.log(`test:nvim: ${reason}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

// Debian's neovim (0.7.2 on bookworm) is enough; install it on a machine that lacks it.
if (spawnSync(nvim, ['--version'], { stdio: 'ignore' }).status !== 0) {
  if (nvim !== 'nvim') finish(0, 1, `${nvim} does not run`);
  console.log('test:nvim: installing Debian\'s neovim');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...a) => spawnSync(sudo[0] ?? a[0], sudo.length ? a : a.slice(1), {
    stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  apt('apt-get', 'update', '-qq');
  if (apt('apt-get', 'install', '-y', '-qq', 'neovim').status !== 0) finish(0, 1, 'could not install neovim');
}

if (!args.includes('--skip-build')) {
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) finish(0, 1, 'npm run build failed');
}
const serverJs = process.env.UPKEEP_SERVER_JS ? path.resolve(process.env.UPKEEP_SERVER_JS) : path.join(root, 'dist/server.js');
if (!existsSync(serverJs)) finish(0, 1, `${serverJs} is missing (npm run build)`);

const scratch = mkdtempSync(path.join(os.tmpdir(), 'upkeep-nvim-'));
const fixtures = path.join(scratch, 'fixtures');
cpSync(path.join(root, 'test/fixtures/editor'), fixtures, { recursive: true });
const xdg = {};
for (const k of ['CONFIG', 'DATA', 'CACHE', 'STATE']) {
  xdg[`XDG_${k}_HOME`] = path.join(scratch, k.toLowerCase());
  mkdirSync(xdg[`XDG_${k}_HOME`]);
}

// pcall + cquit: a Lua error in -c would otherwise leave headless Neovim waiting forever
const lua = `local ok, e = pcall(dofile, ${JSON.stringify(path.join(here, 'client.lua'))}); ` +
  `if not ok then io.stdout:write('FAIL client.lua: ' .. tostring(e) .. '\\n0 passed, 1 failed\\n'); vim.cmd('cquit 2') end`;
const child = spawn('timeout', ['-k', '5', String(limit), nvim, '--headless', '--clean', '-n', '-i', 'NONE', '-c', `lua ${lua}`], {
  cwd: scratch,
  detached: true, // own process group: the language server goes down with it
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env, ...xdg,
    UPKEEP_SERVER_JS: serverJs,
    UPKEEP_FIXTURES: fixtures,
    UPKEEP_NVIM_CASES: process.env.UPKEEP_NVIM_CASES ?? path.join(here, 'cases.lua'),
  },
});
let stdout = '';
child.stdout.on('data', d => { stdout += d; process.stdout.write(d); });
child.stderr.on('data', d => process.stderr.write(d));
const status = await new Promise(r => child.on('close', (code, signal) => r(code ?? signal)));
try { process.kill(-child.pid, 'SIGKILL'); } catch {}

const m = [...stdout.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
if (status === 124) finish(m ? +m[1] : 0, (m ? +m[2] : 0) + 1, `Neovim timed out after ${limit} s; scratch kept at ${scratch}`);
if (!m) finish(0, 1, `Neovim printed no summary (exit ${status}); scratch kept at ${scratch}`);
if (status !== 0 && +m[2] === 0) finish(+m[1], 1, `Neovim exited with ${status}; scratch kept at ${scratch}`);
const ok = +m[2] === 0 && +m[1] > 0;
// a failed run keeps its scratch folder (with UPKEEP_NVIM_LSP_LOG=DEBUG: cache/nvim/lsp.log has the traffic)
if (ok) rmSync(scratch, { recursive: true, force: true });
else console.log(`test:nvim: scratch kept at ${scratch}`);
// the summary Neovim printed was the last line already; exit with its verdict
process.exit(ok ? 0 : 1);
