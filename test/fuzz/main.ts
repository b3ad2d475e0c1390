// `npm run fuzz -- --count N [--language L] [--seed S] [--time-limit MS]`: the fuzzer on the command
// line (scripts/fuzz.mjs bundles this file). Prints a summary and every failure with its minimal input;
// exits 1 when something failed.
import * as nodePath from 'node:path';
import * as fs from 'node:fs';
import { checkOne, LANGUAGES, runFuzz, type FuzzLanguage } from './engine-fuzz';

function main(argv: string[]): number {
  let count = 1000;
  let seed = Date.now() % 0x7fffffff;
  let languages: FuzzLanguage[] | undefined;
  let timeLimitMs = 1000;
  let root = process.cwd();
  let input: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const v = inline ?? argv[++i];
    if (k === '--count') count = Number(v);
    else if (k === '--seed') seed = Number(v);
    else if (k === '--time-limit') timeLimitMs = Number(v);
    else if (k === '--root') root = nodePath.resolve(v);
    else if (k === '--input') input = v;
    else if (k === '--language') {
      if (!(LANGUAGES as readonly string[]).includes(v)) {
        process.stderr.write(`fuzz: --language is one of ${LANGUAGES.join(', ')}\n`);
        return 2;
      }
      languages = [...(languages ?? []), v as FuzzLanguage];
    } else {
      process.stderr.write(`fuzz: unknown option ${k}\nusage: npm run fuzz -- --count N [--language L]... [--seed S] [--time-limit MS] | --input FILE --language L\n`);
      return 2;
    }
  }
  if (!Number.isInteger(count) || count < 1 || !Number.isFinite(seed)) {
    process.stderr.write('fuzz: --count takes a positive whole number, --seed a number\n');
    return 2;
  }
  if (input !== undefined) {
    // One file, every check, for reproducing a failure: --input FILE --language L.
    const language = languages?.[0];
    if (!language) {
      process.stderr.write('fuzz: --input needs --language\n');
      return 2;
    }
    const o = checkOne(language, fs.readFileSync(input, 'latin1'), seed, timeLimitMs);
    process.stdout.write(o ? `${o.check}: ${o.message}\n` : 'ok\n');
    return o ? 1 : 0;
  }
  const t0 = Date.now();
  process.stdout.write(`fuzz: ${count} inputs, seed ${seed}, languages ${(languages ?? LANGUAGES).join(', ')}\n`);
  const r = runFuzz({ count, seed, languages, root, timeLimitMs, log: line => process.stdout.write(line + '\n') });
  const per = Object.entries(r.perLanguage).map(([l, n]) => `${l} ${n}`).join(', ');
  process.stdout.write(
    `fuzz: ${r.inputs} inputs (${per}) in ${((Date.now() - t0) / 1000).toFixed(1)} s, slowest ${r.slowestMs.toFixed(0)} ms (${r.slowestLanguage}); ${r.failures.length} failure${r.failures.length === 1 ? '' : 's'}\n`,
  );
  for (const f of r.failures) process.stdout.write(`\n[${f.language}] ${f.check}: ${f.message}\nminimal input: ${JSON.stringify(f.minimal)}\n`);
  return r.failures.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
