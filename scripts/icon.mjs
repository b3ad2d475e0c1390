#!/usr/bin/env node
// `npm run icon`: renders images/icon.svg (drawn by hand, the source) to images/icon.png, the 128x128
// extension icon the Marketplace and the Extensions view show (vsce does not accept SVG icons).
// Rendered by headless Chromium through playwright-core (the browser the editor tests use), with a
// transparent background outside the rounded square. Run it after editing the SVG; commit both files.
// options: --out FILE (default images/icon.png), --size N (default 128)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, root } from './vscode/common.mjs';
import { launchChromium } from './vscode/code-server.mjs';

const { option } = parseArgs(process.argv.slice(2));
const size = Number(option('--size') ?? 128);
const out = path.resolve(option('--out') ?? path.join(root, 'images/icon.png'));
const svg = readFileSync(path.join(root, 'images/icon.svg'), 'utf8');

const profile = mkdtempSync(path.join(os.tmpdir(), 'upkeep-icon-'));
let browser;
try {
  browser = await launchChromium(profile);
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  // the SVG scaled to the requested size, nothing else on the page
  const sized = svg.replace(/<svg\b([^>]*?)\swidth="\d+"\s+height="\d+"/, `<svg$1 width="${size}" height="${size}"`);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`, { timeout: 10_000 });
  await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size }, timeout: 10_000 });
  console.log(`icon: ${path.relative(root, out)} (${size}x${size})`);
} finally {
  if (browser) await browser.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
