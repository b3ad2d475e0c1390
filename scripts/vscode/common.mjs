// Shared by scripts/vscode/run.mjs (code-server) and scripts/vscode/electron.mjs (@vscode/test-electron):
// building the extension, compiling the suite (into .vscode-test/suite-PID: ignored by git, and not under
// out/, which `npm test` wipes), the scratch folder with the fixtures, and the summary line.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Where this run compiles the suite: one folder per run, so parallel runs do not wipe each other's. Inside the
 * repository, so that `require('mocha')` there finds node_modules/. Removed by `removeSuite()`.
 */
export const suiteDir = path.join(root, '.vscode-test', `suite-${process.pid}`);
/** The module the extension host loads as `extensionTestsPath` (compiled test/vscode/index.ts). */
export const testsEntry = path.join(suiteDir, 'index');
export function removeSuite() {
  rmSync(suiteDir, { recursive: true, force: true });
}
export const EXTENSION_ID = 'upkeep.upkeep';

/**
 * The fixture workspaces of test/fixtures/editor, each opened in its own window, in this order; the suite
 * runs the tests of test/vscode/<name>/ in the window of <name> (see test/vscode/index.ts).
 * - ws1: httpd.conf and other programs' .conf files, nothing that activates Upkeep at start-up: the
 *   activation checks (not active until an httpd file opens) run here.
 * - ws2: a deployment (httpd.conf, plugin-cfg.xml, phase scripts, ePages settings): `workspaceContains`
 *   activates Upkeep at start-up; every editor feature is checked here.
 */
export const WORKSPACES = ['ws1', 'ws2'];

export function parseArgs(argv) {
  return {
    flag: name => argv.includes(name),
    option: name => {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : undefined;
    },
  };
}

/** Prints the closing `N passed, N failed` line (after an optional reason) and exits. */
export function finish(tag, passed, failed, skipped = 0, reason) {
  if (reason) console.log(`${tag}: ${reason}`);
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

function run(tag, cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) finish(tag, 0, 1, 0, `${cmd} ${argv.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** `npm run build` (unless skipped) and the suite's own tsc project (test/vscode/tsconfig.json -> suiteDir). */
export function buildAndCompile(tag, { build = true, needDist = true } = {}) {
  if (build) run(tag, 'npm', ['run', '--silent', 'build']);
  if (needDist) {
    for (const f of ['dist/extension.js', 'dist/server.js']) {
      if (!existsSync(path.join(root, f))) finish(tag, 0, 1, 0, `${f} is missing (npm run build)`);
    }
  }
  process.on('exit', removeSuite);
  run(tag, process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'test/vscode/tsconfig.json', '--outDir', suiteDir]);
}

/**
 * A scratch folder with a copy of test/fixtures/editor and empty user-data / extensions / XDG folders;
 * `settings` are added to the user settings.
 */
export function makeScratch(prefix, settings = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dirs = {
    scratch,
    fixtures: path.join(scratch, 'fixtures'),
    userData: path.join(scratch, 'user-data'),
    extensions: path.join(scratch, 'extensions'),
    xdg: path.join(scratch, 'xdg'),
    browser: path.join(scratch, 'browser'),
    resultFile: path.join(scratch, 'result.txt'),
    logFile: path.join(scratch, 'tests.log'),
  };
  for (const d of ['fixtures', 'userData', 'extensions', 'xdg', 'browser']) mkdirSync(dirs[d], { recursive: true });
  cpSync(path.join(root, 'test/fixtures/editor'), dirs.fixtures, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'git.enabled': false,
    'files.autoSave': 'off',
    ...settings,
  }, null, 2));
  return dirs;
}

/**
 * Environment the suite reads inside the extension host (see test/vscode/index.ts and helpers.ts).
 * `expectExtensionPath`: the folder the extension under test must be loaded from (the VSIX runs).
 */
export function suiteEnv(dirs, grep, expectExtensionPath) {
  return {
    UPKEEP_TEST_RESULT: dirs.resultFile,
    UPKEEP_TEST_LOG: dirs.logFile,
    UPKEEP_FIXTURES: dirs.fixtures,
    ...(grep ? { UPKEEP_TEST_GREP: grep } : {}),
    ...(expectExtensionPath ? { UPKEEP_EXPECT_EXTENSION_PATH: expectExtensionPath } : {}),
  };
}

/**
 * The workspaces to run: all of WORKSPACES, or the ones `--workspace a,b` names (unknown names are an
 * error the caller reports).
 */
export function selectedWorkspaces(option) {
  const wanted = option ? option.split(',').map(s => s.trim()).filter(Boolean) : WORKSPACES;
  const unknown = wanted.filter(w => !WORKSPACES.includes(w));
  return { workspaces: wanted.filter(w => WORKSPACES.includes(w)), unknown };
}

/**
 * The summary one window's suite wrote (`N passed, N failed[, N skipped]`), or null; removes the file so
 * that the next window starts without one.
 */
export function takeResult(dirs) {
  const summary = existsSync(dirs.resultFile) ? readFileSync(dirs.resultFile, 'utf8').trim() : '';
  rmSync(dirs.resultFile, { force: true });
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(summary);
  return m ? { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) } : null;
}

/** Prints the per-test log of every window (the summary lines left out: the runner prints its own). */
export function printLog(dirs) {
  if (!existsSync(dirs.logFile)) return;
  const lines = readFileSync(dirs.logFile, 'utf8').split('\n').filter(l => l && !/^\d+ passed, \d+ failed/.test(l));
  if (lines.length) console.log(lines.join('\n'));
}

/**
 * A do-nothing extension to pass as extensionDevelopmentPath when the extension under test is an
 * installed VSIX: the extension host runs tests only for a development extension, and this one keeps
 * Upkeep itself loading the way users get it (from the extensions folder, in production mode).
 */
export function makeRunnerExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'upkeep-test-runner',
    displayName: 'Upkeep test runner (no features)',
    publisher: 'upkeep-tests',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
  }, null, 2));
  return dir;
}
