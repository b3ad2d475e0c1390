// `npm run fuzz -- --count N [--language L] [--seed S]`: bundles the fuzzer (test/fuzz/main.ts) with
// esbuild and runs it against the repository's fixtures. See test/fuzz/engine-fuzz.ts for what it checks.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, `out-fuzz-${process.pid}`, 'fuzz.js');
await esbuild.build({
  entryPoints: [path.join(root, 'test', 'fuzz', 'main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: out,
  sourcemap: 'inline',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', out, '--root', root, ...process.argv.slice(2)], { stdio: 'inherit' });
rmSync(path.dirname(out), { recursive: true, force: true });
process.exit(r.status ?? 1);
