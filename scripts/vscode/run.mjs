#!/usr/bin/env node
// `npm run test:vscode`: runs the mocha suite of test/vscode/ inside a real VS Code extension host.
//
// VS Code's desktop build cannot be downloaded on every machine (CI here reaches only the npm registry and
// Debian), so this uses code-server: VS Code's own workbench and extension host from npm. Steps:
//   1. install code-server once into a cache folder (scripts/vscode/install-code-server.sh);
//   2. build the extension (`npm run build`) and compile the suite (test/vscode/tsconfig.json -> .vscode-test/suite-PID);
//   3. copy test/fixtures/editor to a scratch folder, start code-server on 127.0.0.1:<free port> with scratch
//      user-data / extensions / XDG folders, in its own process group;
//   4. open the workbench in headless Chromium (playwright-core) with a `payload` that carries
//      extensionDevelopmentPath + extensionTestsPath, as VS Code's browser integration runner does;
//   5. wait (bounded) for window.codeAutomationExit(code), print the per-test log and, last,
//      `N passed, N failed`; stop code-server's whole process group, also on failure or Ctrl+C.
//
// options:
//   --grep TEXT        only tests whose full title contains TEXT (also UPKEEP_TEST_GREP)
//   --vsix FILE        test the packaged extension: install FILE into code-server, run the suite against it
//   --package          `npm run package` into a temporary VSIX first, then as --vsix (what users install)
//   --extension-dir D  run the suite against the extension in folder D instead of the working tree
//   --skip-build       do not run `npm run build` (dist/ must exist)
//   --keep             keep the scratch folder (it is kept anyway when the run fails)
//   --verbose          echo the workbench and extension host console
// environment:
//   UPKEEP_CACHE               cache root (default ~/.cache/upkeep); code-server goes to $UPKEEP_CACHE/code-server-4.100.3
//   UPKEEP_CODE_SERVER         path of an existing code-server launcher (skips the install)
//   UPKEEP_CHROMIUM            browser executable (default /usr/bin/chromium, installed by the install script)
//   UPKEEP_VSCODE_TIMEOUT_MS   whole-suite timeout (default 300000)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildAndCompile, finish as finishWith, makeScratch, parseArgs, readResults, root, suiteEnv, testsEntry } from './common.mjs';

const TAG = 'test:vscode';
const finish = (...a) => finishWith(TAG, ...a);
const { flag, option } = parseArgs(process.argv.slice(2));
const timeoutMs = Number(process.env.UPKEEP_VSCODE_TIMEOUT_MS ?? 300_000);
const verbose = flag('--verbose');
let vsix = option('--vsix');
const chromiumPath = process.env.UPKEEP_CHROMIUM ?? '/usr/bin/chromium';
let extDir = option('--extension-dir') ? path.resolve(option('--extension-dir')) : root;

const t0 = Date.now();
const say = msg => console.log(`[${TAG} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// ---- 1. code-server, Chromium, playwright-core
let codeServer = process.env.UPKEEP_CODE_SERVER;
if (!codeServer) {
  say('checking the code-server install (the first time takes 1-2 minutes)');
  const r = spawnSync('bash', [path.join(root, 'scripts/vscode/install-code-server.sh')], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8',
  });
  if (r.status !== 0) finish(0, 1, 0, `installing code-server failed (exit ${r.status})`);
  codeServer = r.stdout.trim().split('\n').pop();
}
if (!codeServer || !existsSync(codeServer)) finish(0, 1, 0, `code-server not found at ${codeServer}`);
if (!existsSync(chromiumPath)) finish(0, 1, 0, `no browser at ${chromiumPath} (apt-get install chromium, or set UPKEEP_CHROMIUM)`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  finish(0, 1, 0, 'playwright-core is not installed (a devDependency: npm ci)');
}

// ---- 2. build + compile (or package)
if (flag('--package')) {
  vsix = path.join(os.tmpdir(), `upkeep-test-${process.pid}.vsix`);
  say(`npm run package -> ${vsix}`);
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(vsix)) finish(0, 1, 0, `npm run package failed (exit ${r.status})`);
  process.on('exit', () => rmSync(vsix, { force: true }));
}
const fromTree = !vsix && extDir === root;
say(fromTree && !flag('--skip-build') ? 'npm run build + compiling test/vscode' : 'compiling test/vscode');
buildAndCompile(TAG, { build: fromTree && !flag('--skip-build'), needDist: fromTree });

// ---- 3. scratch folders + code-server
const dirs = makeScratch('upkeep-vscode-');
const serverLog = path.join(dirs.scratch, 'code-server.log');
const env = {
  ...process.env,
  XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
  XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
  XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
  XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
  // no extension marketplace: nothing to look up, and no traffic to anything but this machine
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
  ...suiteEnv(dirs, option('--grep') ?? process.env.UPKEEP_TEST_GREP),
};
delete env.VSCODE_IPC_HOOK_CLI; // run from a VS Code terminal, code-server would talk to that instance

if (vsix) {
  say(`installing ${vsix} into code-server`);
  const r = spawnSync(codeServer, ['--install-extension', path.resolve(vsix), '--extensions-dir', dirs.extensions,
    '--user-data-dir', dirs.userData], { env, encoding: 'utf8' });
  if (verbose || r.status !== 0) process.stdout.write(r.stdout + r.stderr);
  if (r.status !== 0) finish(0, 1, 0, `code-server --install-extension failed (exit ${r.status})`);
  const installed = readdirSync(dirs.extensions).filter(d => d.toLowerCase().startsWith('upkeep.upkeep-'));
  if (installed.length !== 1) finish(0, 1, 0, `the VSIX install left ${JSON.stringify(readdirSync(dirs.extensions))}`);
  extDir = path.join(dirs.extensions, installed[0]);
  if (existsSync(path.join(extDir, 'node_modules'))) finish(0, 1, 0, 'the VSIX contains node_modules (it must be bundled)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let server;
let browser;
let stopped = false;
function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}
/** Closes the browser and stops code-server's process group (extension hosts, language server included). */
async function cleanup() {
  if (stopped) return;
  stopped = true;
  if (browser) await browser.close().catch(() => {});
  if (server?.pid && groupAlive(server.pid)) {
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    const end = Date.now() + 5_000;
    while (Date.now() < end && groupAlive(server.pid)) await new Promise(r => setTimeout(r, 100));
    try { process.kill(-server.pid, 'SIGKILL'); } catch {}
  }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => cleanup().finally(() => finish(0, 1, 0, `interrupted by ${sig}; scratch kept at ${dirs.scratch}`)));
}

async function waitForHealth(base, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see ${serverLog}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {}
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${base}/healthz within ${ms} ms; see ${serverLog}`);
}

async function runInBrowser(base) {
  const host = new URL(base).host;
  const remote = p => `vscode-remote://${host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(testsEntry)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const folder = path.join(dirs.fixtures, 'ws1');
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // our own handlers stop code-server too; Playwright's would exit before they run
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    // Chromium's profile and caches stay in the scratch folder, not in $HOME
    env: { ...process.env, HOME: dirs.browser, XDG_CONFIG_HOME: `${dirs.browser}/.config`, XDG_CACHE_HOME: `${dirs.browser}/.cache` },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  let done;
  const exited = new Promise(r => (done = r));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    if (verbose) console.log(`[host ${type}]`, ...(Array.isArray(logArgs) ? logArgs : [logArgs]));
  });
  await page.exposeFunction('codeAutomationExit', code => done(code));
  page.on('pageerror', e => verbose && console.log('[pageerror]', e.message));
  if (verbose) page.on('console', m => console.log(`[console.${m.type()}]`, m.text()));
  page.on('crash', () => done('the browser page crashed'));
  let timer;
  const timedOut = new Promise(r => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const loaded = page.goto(url, { waitUntil: 'commit', timeout: timeoutMs }).then(() => exited, e => `loading the workbench failed: ${e.message}`);
  const code = await Promise.race([loaded, timedOut]);
  clearTimeout(timer);
  if (code !== 0) await page.screenshot({ path: path.join(dirs.scratch, 'workbench.png') }).catch(() => {});
  return code;
}

let code;
let error;
try {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  say(`starting code-server on ${base} (scratch ${dirs.scratch})`);
  const logFd = openSync(serverLog, 'a');
  server = spawn(codeServer, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--disable-proxy',
    '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
  ], { env, detached: true /* setsid: its own process group */, stdio: ['ignore', logFd, logFd] });
  await waitForHealth(base, 30_000);
  say('code-server is up; running the suite in headless Chromium');
  code = await runInBrowser(base);
} catch (e) {
  code = 'error';
  error = e;
} finally {
  await cleanup();
}

// ---- 5. report
say(`extension host exited with ${JSON.stringify(code)}`);
const r = readResults(dirs);
const failedRun = code !== 0 || !r || r.failed > 0;
if (flag('--keep') || failedRun) {
  console.log(`${TAG}: scratch kept at ${dirs.scratch} (code-server.log, tests.log${code !== 0 ? ', workbench.png' : ''})`);
} else {
  rmSync(dirs.scratch, { recursive: true, force: true });
}
const passed = r?.passed ?? 0;
const failed = r?.failed ?? 0;
if (code === 'error') {
  const tail = existsSync(serverLog) ? readFileSync(serverLog, 'utf8').split('\n').slice(-20).join('\n') : '';
  finish(passed, failed + 1, 0, `${error?.stack ?? error}\n${tail}`);
}
if (code === 'timeout') finish(passed, failed + 1, 0, `timed out after ${timeoutMs} ms (UPKEEP_VSCODE_TIMEOUT_MS)`);
if (!r) finish(0, 1, 0, `the suite wrote no result (exit ${JSON.stringify(code)}): did the extension host load ${testsEntry}.js?`);
// a non-zero exit with no failed test (the suite threw while loading, say) still fails the run
if (code !== 0 && failed === 0) finish(passed, 1, r.skipped, `the extension host exited with ${JSON.stringify(code)}`);
finish(passed, failed, r.skipped);
