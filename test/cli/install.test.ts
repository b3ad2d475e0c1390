// Installable as users install it: `npm pack`, `npm install -g --prefix TMP ./upkeep-*.tgz`, then
// `TMP/bin/upkeep lint examples/` finds what the checkout finds. Also: `npx upkeep` in the checkout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/repo';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack -> npm install -g --prefix TMP -> TMP/bin/upkeep lint examples/ works and ships what it needs', () => {
  const root = repoRoot();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'upkeep-install-'));
  try {
    // --ignore-scripts: dist/ is built already (npm test builds it); pack must not rebuild it concurrently.
    const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', tmp, '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(pack.status, 0, pack.stderr);
    const info = (JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[])[0];
    const files = info.files.map(f => f.path);
    for (const f of ['bin/upkeep.js', 'dist/cli.js', 'dist/server.js', 'dist/engine.js', 'dist/THIRD-PARTY-NOTICES.md', 'docs/rules/httpd/retry-after.md', 'schemas/upkeep.schema.json', 'README.md', 'LICENSE', 'package.json']) {
      assert.ok(files.includes(f), `${f} is not in the package`);
    }
    assert.ok(!files.some(f => f.startsWith('server/') || f.startsWith('test/') || f.endsWith('.map')), 'no sources, tests or source maps');
    const tgz = path.join(tmp, path.basename(info.filename));
    const prefix = path.join(tmp, 'prefix');
    const install = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tgz], { cwd: tmp, encoding: 'utf8' });
    assert.equal(install.status, 0, install.stderr);
    const bin = path.join(prefix, 'bin', 'upkeep');
    const installed = spawnSync(bin, ['lint', 'examples/'], { cwd: root, encoding: 'utf8' });
    const checkout = spawnSync(process.execPath, [path.join(root, 'bin', 'upkeep.js'), 'lint', 'examples/'], { cwd: root, encoding: 'utf8' });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /^10 files checked: 0 errors, 14 warnings$/m);
    assert.equal(installed.stdout, checkout.stdout);
    // The installed package resolves as a library too, and SARIF help texts come from its docs/.
    const lib = spawnSync(process.execPath, ['-e', "const e = require('upkeep'); const c = require('upkeep/cli'); console.log(typeof e.lintFile, typeof c.main)"], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(prefix, 'lib', 'node_modules') },
    });
    assert.equal(lib.stdout.trim(), 'function function', lib.stderr);
    const sarif = JSON.parse(spawnSync(bin, ['lint', '-f', 'sarif', 'examples/'], { cwd: root, encoding: 'utf8' }).stdout) as { runs: { tool: { driver: { rules: { id: string; fullDescription: { text: string } }[] } } }[] };
    const retry = sarif.runs[0].tool.driver.rules.find(r => r.id === 'httpd/retry-after')!;
    assert.match(retry.fullDescription.text, /mod_headers/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('npx upkeep works in the checkout after npm ci (the README says so)', () => {
  const r = spawnSync(npm, ['exec', '--no', '--', 'upkeep', '--version'], { cwd: repoRoot(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});
