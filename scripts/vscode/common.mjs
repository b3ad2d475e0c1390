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

/** A scratch folder with a copy of test/fixtures/editor and empty user-data / extensions / XDG folders. */
export function makeScratch(prefix) {
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
  }, null, 2));
  return dirs;
}

/** Environment the suite reads inside the extension host (see test/vscode/index.ts and helpers.ts). */
export function suiteEnv(dirs, grep) {
  return {
    UPKEEP_TEST_RESULT: dirs.resultFile,
    UPKEEP_TEST_LOG: dirs.logFile,
    UPKEEP_FIXTURES: dirs.fixtures,
    ...(grep ? { UPKEEP_TEST_GREP: grep } : {}),
  };
}

/** Prints the per-test log and returns the parsed summary written by the suite, or null. */
export function readResults(dirs) {
  if (existsSync(dirs.logFile)) {
    const lines = readFileSync(dirs.logFile, 'utf8').split('\n').filter(l => l && !/^\d+ passed, \d+ failed/.test(l));
    if (lines.length) console.log(lines.join('\n'));
  }
  const summary = existsSync(dirs.resultFile) ? readFileSync(dirs.resultFile, 'utf8').trim() : '';
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/.exec(summary);
  return m ? { passed: +m[1], failed: +m[2], skipped: +(m[3] ?? 0) } : null;
}
