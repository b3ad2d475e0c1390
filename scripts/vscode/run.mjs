#!/usr/bin/env node
// `npm run test:vscode`: runs the mocha suite of test/vscode/ inside a real VS Code extension host.
//
// VS Code's desktop build cannot be downloaded on every machine (CI here reaches only the npm registry and
// Debian), so this uses code-server: VS Code's own workbench and extension host from npm. Steps:
//   1. install code-server once into a cache folder (scripts/vscode/install-code-server.sh);
//   2. build the extension (`npm run build`) and compile the suite (test/vscode/tsconfig.json -> .vscode-test/suite-PID);
//   3. copy test/fixtures/editor to a scratch folder, start ONE code-server on 127.0.0.1:<free port> with
//      scratch user-data / extensions / XDG folders, in its own process group;
//   4. for each fixture workspace (ws1, then ws2: see WORKSPACES in common.mjs) open a workbench window in
//      headless Chromium (playwright-core) with a `payload` that carries extensionDevelopmentPath +
//      extensionTestsPath, as VS Code's browser integration runner does; the suite runs the tests of
//      test/vscode/<workspace>/ and the window ends with window.codeAutomationExit(code) (bounded wait);
//   5. print the per-test log and, last, `N passed, N failed`; stop code-server's whole process group,
//      also on failure or Ctrl+C.
//
// options:
//   --grep TEXT        only tests whose full title contains TEXT (also UPKEEP_TEST_GREP)
//   --workspace A[,B]  only these fixture workspaces (default: all)
//   --vsix FILE        test the packaged extension: install FILE into code-server and run the suite against
//                      the installed copy (a do-nothing runner extension is the development extension)
//   --package          `npm run package` into a temporary VSIX first (a vsce warning fails the run), then as
//                      --vsix (what users install); dist/ is rebuilt for development afterwards
//   --extension-dir D  run the suite against the extension in folder D instead of the working tree
//   --skip-build       do not run `npm run build` (dist/ must exist)
//   --keep             keep the scratch folder (it is kept anyway when the run fails)
//   --verbose          echo the workbench and extension host console
// environment:
//   UPKEEP_CACHE               cache root (default ~/.cache/upkeep); code-server goes to $UPKEEP_CACHE/code-server-4.100.3
//   UPKEEP_CODE_SERVER         path of an existing code-server launcher (skips the install)
//   UPKEEP_CHROMIUM            browser executable (default /usr/bin/chromium, installed by the install script)
//   UPKEEP_VSCODE_TIMEOUT_MS   timeout of each window's suite (default 180000)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildAndCompile, finish as finishWith, makeRunnerExtension, makeScratch, parseArgs, printLog, root, selectedWorkspaces,
  suiteEnv, takeResult, testsEntry,
} from './common.mjs';
import { codeServerEnv, ensureCodeServer, installVsix, launchChromium, playwrightChromium, startCodeServer, tail, workbenchUrl } from './code-server.mjs';

const TAG = 'test:vscode';
const finish = (...a) => finishWith(TAG, ...a);
const { flag, option } = parseArgs(process.argv.slice(2));
const timeoutMs = Number(process.env.UPKEEP_VSCODE_TIMEOUT_MS ?? 180_000);
const verbose = flag('--verbose');
let vsix = option('--vsix');
let extDir = option('--extension-dir') ? path.resolve(option('--extension-dir')) : root;
const { workspaces, unknown } = selectedWorkspaces(option('--workspace'));
if (unknown.length || !workspaces.length) finish(0, 1, 0, `unknown workspace(s) ${unknown.join(', ')}`);

const t0 = Date.now();
const say = msg => console.log(`[${TAG} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);

// ---- 1. code-server, Chromium, playwright-core
let codeServer;
try {
  codeServer = ensureCodeServer(say);
  await playwrightChromium();
} catch (e) {
  finish(0, 1, 0, e.message);
}

// ---- 2. build + compile (or package)
if (flag('--package')) {
  vsix = path.join(os.tmpdir(), `upkeep-test-${process.pid}.vsix`);
  say(`npm run package -> ${vsix}`);
  const r = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  // vsce lists the files it packed; show that only when asked, but always its warnings and errors
  if (verbose || r.status !== 0) process.stdout.write(r.stdout + r.stderr);
  const warnings = (r.stdout + r.stderr).split('\n').filter(l => /WARNING|ERROR/.test(l));
  process.on('exit', () => rmSync(vsix, { force: true }));
  if (r.status !== 0 || !existsSync(vsix)) finish(0, 1, 0, `npm run package failed (exit ${r.status})`);
  if (warnings.length) finish(0, 1, 0, `vsce warned:\n${warnings.join('\n')}`);
  say(`packaged ${path.basename(vsix)}: ${(statSync(vsix).size / 1024).toFixed(0)} KB, no vsce warnings`);
  // `npm run package` left a minified dist/ without source maps: put the development build back
  if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) finish(0, 1, 0, 'npm run build failed');
}
const fromTree = !vsix && extDir === root;
say(fromTree && !flag('--skip-build') ? 'npm run build + compiling test/vscode' : 'compiling test/vscode');
buildAndCompile(TAG, { build: fromTree && !flag('--skip-build'), needDist: fromTree });

// ---- 3. scratch folders + code-server
const dirs = makeScratch('upkeep-vscode-');
let devExtension = extDir; // what the workbench loads as the development extension
let expectPath = extDir; // where the suite must find the extension under test
const env0 = codeServerEnv(dirs);
if (vsix) {
  say(`installing ${path.basename(vsix)} into code-server`);
  const r = installVsix(codeServer, vsix, dirs, env0);
  if (verbose || !r.ok) process.stdout.write(r.output);
  if (!r.ok) finish(0, 1, 0, 'code-server --install-extension failed');
  const installed = readdirSync(dirs.extensions).filter(d => d.toLowerCase().startsWith('upkeep.upkeep-'));
  if (installed.length !== 1) finish(0, 1, 0, `the VSIX install left ${JSON.stringify(readdirSync(dirs.extensions))}`);
  expectPath = path.join(dirs.extensions, installed[0]);
  if (existsSync(path.join(expectPath, 'node_modules'))) finish(0, 1, 0, 'the VSIX contains node_modules (it must be bundled)');
  devExtension = makeRunnerExtension(path.join(dirs.scratch, 'runner-extension'));
}
const env = { ...env0, ...suiteEnv(dirs, option('--grep') ?? process.env.UPKEEP_TEST_GREP, expectPath) };

let server;
let browser;
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => cleanup().finally(() => finish(0, 1, 0, `interrupted by ${sig}; scratch kept at ${dirs.scratch}`)));
}

/** Opens one workbench window on `folder` and waits (bounded) for the suite's exit code. */
async function runWindow(base, name) {
  const url = workbenchUrl(base, path.join(dirs.fixtures, name), [
    ['extensionDevelopmentPath', devExtension],
    ['extensionTestsPath', testsEntry],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  let done;
  const exited = new Promise(r => (done = r));
  await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
    if (verbose) console.log(`[${name} host ${type}]`, ...(Array.isArray(logArgs) ? logArgs : [logArgs]));
  });
  await page.exposeFunction('codeAutomationExit', code => done(code));
  page.on('pageerror', e => verbose && console.log(`[${name} pageerror]`, e.message));
  if (verbose) page.on('console', m => console.log(`[${name} console.${m.type()}]`, m.text()));
  page.on('crash', () => done('the browser page crashed'));
  let timer;
  const timedOut = new Promise(r => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const loaded = page.goto(url, { waitUntil: 'commit', timeout: timeoutMs }).then(() => exited, e => `loading the workbench failed: ${e.message}`);
  const code = await Promise.race([loaded, timedOut]);
  clearTimeout(timer);
  if (code !== 0) await page.screenshot({ path: path.join(dirs.scratch, `workbench-${name}.png`) }).catch(() => {});
  await page.close().catch(() => {});
  return code;
}

const outcomes = [];
let error;
try {
  say(`starting code-server (scratch ${dirs.scratch})`);
  server = await startCodeServer(codeServer, dirs, env);
  browser = await launchChromium(dirs.browser);
  for (const name of workspaces) {
    const t = Date.now();
    say(`${name}: running the suite in a workbench window`);
    const code = await runWindow(server.base, name);
    const result = takeResult(dirs);
    outcomes.push({ name, code, result });
    say(`${name}: extension host exited with ${JSON.stringify(code)} after ${((Date.now() - t) / 1000).toFixed(1)}s` +
      (result ? ` (${result.passed} passed, ${result.failed} failed)` : ' (no result)'));
  }
} catch (e) {
  error = e;
} finally {
  await cleanup();
}

// ---- 5. report
printLog(dirs);
let passed = 0, failed = 0, skipped = 0;
const problems = [];
for (const o of outcomes) {
  passed += o.result?.passed ?? 0;
  failed += o.result?.failed ?? 0;
  skipped += o.result?.skipped ?? 0;
  if (o.code === 'timeout') problems.push(`${o.name}: timed out after ${timeoutMs} ms (UPKEEP_VSCODE_TIMEOUT_MS)`);
  else if (!o.result) problems.push(`${o.name}: the suite wrote no result (exit ${JSON.stringify(o.code)}): did the extension host load ${testsEntry}.js?`);
  // a non-zero exit with no failed test (the suite threw while loading, say) still fails the run
  else if (o.code !== 0 && o.result.failed === 0) problems.push(`${o.name}: the extension host exited with ${JSON.stringify(o.code)}`);
}
if (error) problems.push(`${error.stack ?? error}\n${server ? tail(server.log) : ''}`);
const bad = problems.length > 0 || failed > 0;
if (flag('--keep') || bad) console.log(`${TAG}: scratch kept at ${dirs.scratch} (code-server.log, tests.log, workbench-*.png of failed windows)`);
else rmSync(dirs.scratch, { recursive: true, force: true });
say(`done (${workspaces.length} window${workspaces.length === 1 ? '' : 's'})`);
finish(passed, failed + problems.length, skipped, problems.join('\n') || undefined);
