// Bundles the extension client, the language server and the CLI into single files under dist/.
// Run by `npm run build` and by npm's `prepare` step, so `npm ci` leaves a working checkout.
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  metafile: true,
};

const results = await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/lint-worker.ts'], outfile: 'dist/lint-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/index.ts'], outfile: 'dist/engine.js' }),
]);

// dist/THIRD-PARTY-NOTICES.md: the license of every package bundled into dist/ (shipped in the VSIX and
// the npm package), from the bundles' own inputs, so it lists exactly what is inside.
const packages = new Map();
for (const r of results) {
  for (const input of Object.keys(r.metafile.inputs)) {
    // The innermost node_modules/<name>/ of the input path is its package.
    const m = [...input.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].pop();
    if (!m) continue;
    const dir = path.join(root, input.slice(0, m.index + m[0].length - 1));
    if (!packages.has(dir)) packages.set(dir, m[1]);
  }
}
const sections = [...packages.entries()]
  .map(([dir, name]) => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(dir).find(f => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const text = licenseFile ? readFileSync(path.join(dir, licenseFile), 'utf8').trim() : `License: ${pkg.license ?? 'see the package'}`;
    return { key: `${name}@${pkg.version}`, body: `## ${name} ${pkg.version} (${pkg.license ?? 'unknown license'})\n\n${pkg.homepage ?? ''}\n\n\`\`\`\n${text}\n\`\`\`\n` };
  })
  .sort((a, b) => a.key.localeCompare(b.key))
  .filter((s, i, all) => i === 0 || all[i - 1].key !== s.key);
const notices = `# Third-party notices\n\nThe bundles in dist/ (the extension, the language server, the CLI and the engine) include the following\npackages, under the licenses below.\n\n${sections.map(s => s.body).join('\n')}`;
if (!existsSync(path.join(root, 'dist'))) throw new Error('dist/ was not written');
writeFileSync(path.join(root, 'dist', 'THIRD-PARTY-NOTICES.md'), notices);
