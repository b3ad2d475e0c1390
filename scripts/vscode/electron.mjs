#!/usr/bin/env node
// `npm run test:electron`: the same suite (test/vscode/) in a desktop VS Code that @vscode/test-electron
// downloads (into .vscode-test/). For machines that can reach the VS Code download servers; where they
// cannot (CI here reaches only the npm registry and Debian), use `npm run test:vscode` (code-server).
// On Linux without a display, run it under a virtual one: `xvfb-run -a npm run test:electron`.
// options: --grep TEXT, --workspace A[,B], --skip-build, --keep
// Each fixture workspace (WORKSPACES in common.mjs) gets its own VS Code instance, one after the other.
// environment: UPKEEP_VSCODE_VERSION (default 1.100.3, the lowest version package.json's engines allow;
//              `stable` for the latest), UPKEEP_VSCODE_EXECUTABLE (an installed VS Code, skips the download)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildAndCompile, finish, makeScratch, parseArgs, printLog, root, selectedWorkspaces, suiteEnv, takeResult, testsEntry } from './common.mjs';

const TAG = 'test:electron';
const { flag, option } = parseArgs(process.argv.slice(2));
let runTests, downloadAndUnzipVSCode;
try {
  ({ runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron'));
} catch (e) {
  finish(TAG, 0, 1, 0, `@vscode/test-electron is not installed (npm ci): ${e.message}`);
}
buildAndCompile(TAG, { build: !flag('--skip-build') });

const version = process.env.UPKEEP_VSCODE_VERSION ?? '1.100.3';
let vscodeExecutablePath = process.env.UPKEEP_VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.vscode-test') });
  } catch (e) {
    finish(TAG, 0, 1, 0,
      `could not download VS Code ${version} (${e?.message ?? e}).\n` +
      '  This runner needs the VS Code download servers. On a machine without them, run `npm run test:vscode`\n' +
      '  (the same suite in code-server, from the npm registry), or set UPKEEP_VSCODE_EXECUTABLE to an installed VS Code.');
  }
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`${TAG}: no DISPLAY; if VS Code fails to start, run this under \`xvfb-run -a\``);
}

const { workspaces, unknown } = selectedWorkspaces(option('--workspace'));
if (unknown.length || !workspaces.length) finish(TAG, 0, 1, 0, `unknown workspace(s) ${unknown.join(', ')}`);
const dirs = makeScratch('upkeep-electron-');
let passed = 0, failed = 0, skipped = 0;
for (const name of workspaces) {
  let code = 0;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsEntry,
      extensionTestsEnv: suiteEnv(dirs, option('--grep') ?? process.env.UPKEEP_TEST_GREP, root),
      launchArgs: [
        path.join(dirs.fixtures, name),
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        '--disable-extensions', // other installed extensions; the one under development still loads
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
  } catch (e) {
    code = 1;
    console.log(`${TAG}: ${name}: ${e?.message ?? e}`);
  }
  const r = takeResult(dirs);
  if (!r) console.log(`${TAG}: ${name}: the suite wrote no result`);
  passed += r?.passed ?? 0;
  skipped += r?.skipped ?? 0;
  failed += (r?.failed ?? 0) + (!r || (code !== 0 && r.failed === 0) ? 1 : 0);
}
printLog(dirs);
if (flag('--keep') || failed) console.log(`${TAG}: scratch kept at ${dirs.scratch}`);
else rmSync(dirs.scratch, { recursive: true, force: true });
finish(TAG, passed, failed, skipped);
