#!/usr/bin/env node
// `npm run screenshots`: takes the README's screenshots in a real VS Code (code-server) driven by headless
// Chromium through playwright-core, so they show what the extension does today, not a painting:
//   docs/images/diagnostics.png          examples/ihs/conf/maintenance.conf with its squiggles and the Problems panel
//   docs/images/maintenance-quickfix.png httpd.conf with the code action menu offering "Enter maintenance mode"
//   docs/images/plugin-swap.png          plugin-cfg.xml with the cluster code lens and the swap action
// Steps: build (unless --skip-build), copy examples/ to a scratch workspace, start one code-server with the
// working tree as development extension, open the workspace, then per shot: Ctrl+P opens the file, wait
// for the squiggles / lens / menu, page.screenshot(). Every wait is bounded; code-server and the browser
// are stopped at the end, also on failure (the scratch folder and a failure.png are kept then).
// options: --only NAME[,NAME]  (diagnostics, maintenance-quickfix, plugin-swap)
//          --out DIR           (default docs/images)
//          --skip-build, --keep, --verbose
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeScratch, parseArgs, root } from './vscode/common.mjs';
import { codeServerEnv, ensureCodeServer, launchChromium, startCodeServer, tail, workbenchUrl } from './vscode/code-server.mjs';

const TAG = 'screenshots';
const { flag, option } = parseArgs(process.argv.slice(2));
const outDir = path.resolve(option('--out') ?? path.join(root, 'docs/images'));
const verbose = flag('--verbose');
const t0 = Date.now();
const say = msg => console.log(`[${TAG} ${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const VIEWPORT = { width: 1280, height: 760 };
const STEP_MS = 15_000; // bound of each wait in the UI

/** Settings of the screenshot window: a readable font, nothing that is not Upkeep's. */
const SETTINGS = {
  'workbench.colorTheme': 'Default Dark Modern',
  'editor.fontSize': 15,
  'editor.lineHeight': 22,
  'editor.minimap.enabled': false,
  'editor.renderWhitespace': 'none',
  'editor.lightbulb.enabled': 'on',
  'editor.codeLens': true,
  'editor.codeLensFontSize': 14,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 300,
  'workbench.editor.enablePreview': false,
  'workbench.tree.indent': 14,
  'workbench.layoutControl.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'problems.decorations.enabled': true,
  'explorer.openEditors.visible': 0,
  'scm.showActionButton': false,
};

function fail(msg) {
  console.log(`${TAG}: ${msg}`);
  process.exit(1);
}

let codeServer;
try {
  codeServer = ensureCodeServer(say);
} catch (e) {
  fail(e.message);
}
if (!flag('--skip-build')) {
  say('npm run build');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail('npm run build failed');
}

const dirs = makeScratch('upkeep-shots-', SETTINGS);
// The workspace: a copy of examples/ (the README talks about it), named like a deployment checkout.
const ws = path.join(dirs.scratch, 'connections-deployment');
cpSync(path.join(root, 'examples'), ws, { recursive: true });
// No files.associations: VS Code opens conf/maintenance.conf as "Properties", and the extension switches it
// to Apache because httpd.conf includes it, as it does for users.

const only = option('--only')?.split(',');
let server, browser, page;

/** Ctrl+P, the file's name, Enter; waits until its tab is the active one. */
async function openFile(rel) {
  const name = path.basename(rel);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(rel);
  // Enter takes the focused row: wait until the filtering has put the file there
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: STEP_MS });
  await trace(`open-${name}`);
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible', timeout: STEP_MS });
  await page.locator('.monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: STEP_MS });
}

/** Runs a command from the palette (F1), by its title. */
async function command(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
  await trace(title.replace(/\W+/g, '-'));
}

/** Moves the cursor to a 1-based line (and column) with "Go to Line" (Ctrl+G). */
async function goToLine(line, column = 1) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
}

/** With --verbose: a picture of each step in the scratch folder (step-NN-label.png). */
let step = 0;
async function trace(label) {
  if (verbose) await page.screenshot({ path: path.join(dirs.scratch, `step-${String(++step).padStart(2, '0')}-${label}.png`) }).catch(() => {});
}

async function clearNotifications() {
  await command('Notifications: Clear All Notifications').catch(() => {});
}

async function shoot(name, moveMouse = true) {
  const file = path.join(outDir, `${name}.png`);
  if (moveMouse) await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height - 5); // no stray hover
  await page.screenshot({ path: file, timeout: STEP_MS });
  say(`${path.relative(root, file)}: ${(statSync(file).size / 1024).toFixed(0)} KB`);
}

const SHOTS = {
  async diagnostics() {
    await openFile('ihs/conf/maintenance.conf');
    await page.locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: STEP_MS });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: STEP_MS });
    // every finding of the file is listed before the picture is taken
    await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length >= 8, null, { timeout: STEP_MS });
    // the full explanation of one finding, as the keyboard hover shows it (Ctrl+K Ctrl+I)
    await goToLine(7, 30);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.locator('.monaco-hover .hover-contents, .monaco-hover .markdown-hover').first().waitFor({ state: 'visible', timeout: STEP_MS });
    await page.waitForTimeout(500); // the hover fades in
    await shoot('diagnostics', false);
    await page.keyboard.press('Escape');
    await command('View: Toggle Panel Visibility');
  },
  async 'maintenance-quickfix'() {
    await openFile('ihs/conf/httpd.conf');
    await goToLine(52, 1); // the end: the menu opens below, the maintenance Include stays in view
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Enter maintenance mode (503)' });
    await item.first().waitFor({ state: 'visible', timeout: STEP_MS });
    await shoot('maintenance-quickfix');
    await page.keyboard.press('Escape');
  },
  async 'plugin-swap'() {
    await openFile('ihs/plugin-cfg.xml');
    await page.locator('.contentWidgets .codelens-decoration, .codelens-decoration').first().waitFor({ state: 'visible', timeout: STEP_MS });
    await goToLine(40, 8); // <ServerCluster ... Name="AppsCluster">: its lens above, the menu below
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Swap primary and backup servers of AppsCluster' });
    await item.first().waitFor({ state: 'visible', timeout: STEP_MS });
    await shoot('plugin-swap');
    await page.keyboard.press('Escape');
  },
};

const cleanup = async () => {
  if (browser) await browser.close().catch(() => {});
  if (server) await server.stop();
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => cleanup().finally(() => fail(`interrupted by ${sig}`)));

let failed;
try {
  mkdirSync(outDir, { recursive: true });
  say(`starting code-server (scratch ${dirs.scratch})`);
  server = await startCodeServer(codeServer, dirs, codeServerEnv(dirs));
  browser = await launchChromium(dirs.browser);
  page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  if (verbose) page.on('console', m => console.log(`[console.${m.type()}]`, m.text()));
  await page.goto(workbenchUrl(server.base, ws, [
    ['extensionDevelopmentPath', root],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ]), { timeout: 60_000 });
  await page.locator('.monaco-workbench .explorer-folders-view').waitFor({ state: 'visible', timeout: 60_000 });
  // the deployment activates Upkeep at start-up (workspaceContains); give the workbench a moment to settle
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ihs' }).first().waitFor({ state: 'visible', timeout: STEP_MS });
  await page.waitForTimeout(1500);
  await clearNotifications();
  for (const [name, run] of Object.entries(SHOTS)) {
    if (only && !only.includes(name)) continue;
    say(name);
    await run();
    await command('View: Close All Editors');
  }
} catch (e) {
  failed = e;
  if (page) await page.screenshot({ path: path.join(dirs.scratch, 'failure.png') }).catch(() => {});
} finally {
  await cleanup();
}
if (failed) {
  console.log(`${TAG}: ${failed.stack ?? failed}\n${server ? tail(server.log) : ''}`);
  fail(`failed; scratch kept at ${dirs.scratch} (failure.png, code-server.log)`);
}
if (flag('--keep')) say(`scratch kept at ${dirs.scratch}`);
else rmSync(dirs.scratch, { recursive: true, force: true });
say('done');
