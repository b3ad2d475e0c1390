// Entry point the extension host loads through `extensionTestsPath` (see scripts/vscode/run.mjs and
// scripts/vscode/electron.mjs). Each fixture workspace is opened in its own window, and each window runs
// the tests of the folder named like its workspace (ws1/*.test.js in the ws1 window, ws2/*.test.js in ws2)
// with mocha (tdd UI). Writes:
// - $UPKEEP_TEST_LOG: one line per test (`ok`/`FAIL` + title + error), because console output of the
//   extension host reaches the runner unformatted or not at all; windows append to the same log;
// - $UPKEEP_TEST_RESULT: the summary line `N passed, N failed` of this window (the runner reads it and
//   removes it before opening the next window).
// $UPKEEP_TEST_GREP filters tests by a substring of their full title; a window where it selects no test
// passes with `0 passed, 0 failed`.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/** Files that must run first in their window, in this order (activation is checked before anything opens a file). */
const FIRST = ['activation.test.js', 'startup.test.js'];

/** Whether the extension was active when the test run began (read by activation.test.ts). */
export let activeAtStart: boolean | undefined;

function log(line: string): void {
  const file = process.env.UPKEEP_TEST_LOG;
  if (file) fs.appendFileSync(file, line + '\n');
  console.log(line);
}

export function run(): Promise<void> {
  activeAtStart = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;
  const workspace = vscode.workspace.workspaceFolders?.[0]?.name ?? '';
  const dir = path.join(__dirname, workspace);
  if (!workspace || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    const msg = `FAIL no tests for the workspace "${workspace}" (expected a folder ${dir})`;
    log(msg);
    return Promise.reject(new Error(msg));
  }
  log(`-- ${workspace}`);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.UPKEEP_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(dir).filter(f => f.endsWith('.test.js'));
  files.sort((a, b) => {
    const ia = FIRST.indexOf(a), ib = FIRST.indexOf(b);
    return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib) || a.localeCompare(b);
  });
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let pending = 0;
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(() => {
        const summary = `${passed} passed, ${failed} failed` + (pending ? `, ${pending} skipped` : '');
        log(summary);
        const out = process.env.UPKEEP_TEST_RESULT;
        if (out) fs.writeFileSync(out, summary + '\n');
        if (failed > 0) reject(new Error(`${failed} test(s) failed`));
        else if (passed === 0 && !grep) reject(new Error('no test ran'));
        else resolve();
      });
    } catch (e) {
      log(`FAIL loading the suite: ${e instanceof Error ? e.stack : String(e)}`);
      reject(e);
      return;
    }
    runner.on('pass', t => {
      passed++;
      log(`ok   ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t, err: Error) => {
      failed++;
      log(`FAIL ${t.fullTitle()}\n     ${String(err?.stack ?? err).split('\n').join('\n     ')}`);
    });
    runner.on('pending', t => {
      pending++;
      log(`skip ${t.fullTitle()}`);
    });
  });
}
