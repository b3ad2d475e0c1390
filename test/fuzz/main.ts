// `npm run fuzz -- --count N [--language L] [--seed S] [--jobs N] [--max-seconds S] [--time-limit MS]`:
// the fuzzer on the command line (scripts/fuzz.mjs bundles this file). Prints a summary with the inputs
// per second and every failure with its minimal input; exits 1 when something failed.
//
// --jobs N splits the count over N worker threads. Job j fuzzes with its own seed (jobSeed(S, j); job 0
// keeps S itself, so `--jobs 1` is the single-threaded run), which the summary prints: a failure found
// by a job is replayed with `--seed <its seed> --count <its count>`, same inputs in the same order.
// --max-seconds S stops every job cleanly after S seconds and reports how many inputs ran.
import * as nodePath from 'node:path';
import * as fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkOne, LANGUAGES, runFuzz, type FuzzLanguage, type FuzzOptions, type FuzzReport } from './engine-fuzz';

const USAGE =
  'usage: npm run fuzz -- --count N [--language L]... [--seed S] [--jobs N] [--max-seconds S] [--time-limit MS] | --input FILE --language L\n';

/** The seed of job `job` of a run with seed `seed` (job 0: the seed itself). */
export function jobSeed(seed: number, job: number): number {
  if (job === 0) return seed;
  // A 32-bit mix of seed and job number (splitmix-style), never 0 (the generator's one bad state).
  let x = (seed ^ Math.imul(job, 0x9e3779b1)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  x = (x ^ (x >>> 16)) & 0x7fffffff;
  return x || job;
}

/** How many of `count` inputs job `job` of `jobs` runs. */
export function jobCount(count: number, jobs: number, job: number): number {
  return Math.floor(count / jobs) + (job < count % jobs ? 1 : 0);
}

interface JobData {
  job: number;
  opts: Omit<FuzzOptions, 'log'>;
}

type JobMessage = { type: 'log'; line: string } | { type: 'done'; report: FuzzReport };

function runJob(data: JobData): void {
  const port = parentPort!;
  const post = (m: JobMessage) => port.postMessage(m);
  const report = runFuzz({ ...data.opts, log: line => post({ type: 'log', line: `[job ${data.job}] ${line}` }) });
  post({ type: 'done', report });
}

function startJob(data: JobData, log: (line: string) => void): Promise<FuzzReport> {
  return new Promise((resolve, reject) => {
    const w = new Worker(__filename, { workerData: data, execArgv: process.execArgv });
    let report: FuzzReport | undefined;
    w.on('message', (m: JobMessage) => {
      if (m.type === 'log') log(m.line);
      else report = m.report;
    });
    w.on('error', reject);
    w.on('exit', code => (report ? resolve(report) : reject(new Error(`job ${data.job} exited with code ${code} before reporting`))));
  });
}

async function main(argv: string[]): Promise<number> {
  let count = 1000;
  let seed = Date.now() % 0x7fffffff;
  let languages: FuzzLanguage[] | undefined;
  let timeLimitMs = 1000;
  let jobs = 1;
  let maxSeconds: number | undefined;
  let root = process.cwd();
  let input: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [k, inline] = argv[i].split('=', 2);
    const v = inline ?? argv[++i];
    if (k === '--count') count = Number(v);
    else if (k === '--seed') seed = Number(v);
    else if (k === '--time-limit') timeLimitMs = Number(v);
    else if (k === '--jobs') jobs = Number(v);
    else if (k === '--max-seconds') maxSeconds = Number(v);
    else if (k === '--root') root = nodePath.resolve(v);
    else if (k === '--input') input = v;
    else if (k === '--language') {
      if (!(LANGUAGES as readonly string[]).includes(v)) {
        process.stderr.write(`fuzz: --language is one of ${LANGUAGES.join(', ')}\n`);
        return 2;
      }
      languages = [...(languages ?? []), v as FuzzLanguage];
    } else {
      process.stderr.write(`fuzz: unknown option ${k}\n${USAGE}`);
      return 2;
    }
  }
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    process.stderr.write(`fuzz: --count takes a positive whole number, --seed a whole number\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    process.stderr.write(`fuzz: --jobs takes a whole number from 1 to 64\n${USAGE}`);
    return 2;
  }
  if (maxSeconds !== undefined && !(Number.isFinite(maxSeconds) && maxSeconds > 0)) {
    process.stderr.write(`fuzz: --max-seconds takes a positive number of seconds\n${USAGE}`);
    return 2;
  }
  if (!(Number.isFinite(timeLimitMs) && timeLimitMs > 0)) {
    process.stderr.write(`fuzz: --time-limit takes a positive number of milliseconds\n${USAGE}`);
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
  jobs = Math.min(jobs, count);
  const t0 = Date.now();
  const deadline = maxSeconds === undefined ? undefined : t0 + maxSeconds * 1000;
  const log = (line: string) => process.stdout.write(line + '\n');
  const plan = Array.from({ length: jobs }, (_, job) => ({ job, seed: jobSeed(seed, job), count: jobCount(count, jobs, job) }));
  process.stdout.write(
    `fuzz: ${count} inputs, seed ${seed}, languages ${(languages ?? LANGUAGES).join(', ')}` +
      (jobs > 1 ? `, ${jobs} jobs (${plan.map(p => `job ${p.job}: --seed ${p.seed} --count ${p.count}`).join('; ')})` : '') +
      (maxSeconds !== undefined ? `, at most ${maxSeconds} s` : '') +
      '\n',
  );
  let reports: FuzzReport[];
  if (jobs === 1) {
    reports = [runFuzz({ count, seed, languages, root, timeLimitMs, deadline, log })];
  } else {
    const opts = (p: (typeof plan)[number]): JobData => ({ job: p.job, opts: { count: p.count, seed: p.seed, languages, root, timeLimitMs, deadline } });
    reports = await Promise.all(plan.map(p => startJob(opts(p), log)));
  }
  const seconds = (Date.now() - t0) / 1000;
  const inputs = reports.reduce((n, r) => n + r.inputs, 0);
  const perLanguage: Record<string, number> = {};
  for (const r of reports) for (const [l, n] of Object.entries(r.perLanguage)) perLanguage[l] = (perLanguage[l] ?? 0) + n;
  const slowest = reports.reduce((a, r) => (r.slowestMs > a.slowestMs ? r : a), reports[0]);
  const failures = reports.flatMap((r, job) => r.failures.map(f => ({ ...f, job })));
  const stopped = reports.some(r => r.stoppedAtDeadline);
  const per = Object.entries(perLanguage).map(([l, n]) => `${l} ${n}`).join(', ');
  process.stdout.write(
    `fuzz: ${inputs} inputs (${per}) in ${seconds.toFixed(1)} s, ${(inputs / Math.max(seconds, 0.001)).toFixed(1)} inputs/s` +
      (jobs > 1 ? ` over ${jobs} jobs` : '') +
      `, slowest ${slowest.slowestMs.toFixed(0)} ms (${slowest.slowestLanguage}); ${failures.length} failure${failures.length === 1 ? '' : 's'}\n`,
  );
  if (stopped) process.stdout.write(`fuzz: stopped after ${maxSeconds} s (--max-seconds): ${inputs} of ${count} inputs ran\n`);
  for (const f of failures) {
    const where = jobs > 1 ? ` (job ${f.job}, --seed ${plan[f.job].seed})` : '';
    const replay = f.inputSeed !== undefined ? ` (replay it: --input FILE --language ${f.language} --seed ${f.inputSeed})` : '';
    process.stdout.write(`\n[${f.language}]${where} ${f.check}: ${f.message}\nminimal input${replay}: ${JSON.stringify(f.minimal)}\n`);
  }
  return failures.length ? 1 : 0;
}

if (isMainThread) {
  main(process.argv.slice(2)).then(
    code => (process.exitCode = code),
    e => {
      process.stderr.write(`fuzz: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
} else {
  runJob(workerData as JobData);
}
