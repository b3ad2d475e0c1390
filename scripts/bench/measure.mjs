// Measuring a child process: CPU time (user + sys), wall time and peak RSS, plus small statistics helpers.
//
// Why GNU time: Node has no way to get a child's rusage (spawnSync returns no resource usage, and
// process.resourceUsage() is the bench's own). The kernel hands the child's rusage to the parent that reaps it
// (wait4); GNU time (/usr/bin/time, Debian package `time`) is exactly a wait4 wrapper and prints user, sys,
// elapsed and max RSS (-f '%U %S %e %M', written with -o to a file of its own so the child's stdout and stderr
// stay untouched). wait4's rusage covers the child and the descendants it reaped itself, and threads (worker
// threads included) are part of the process, so a CLI that uses worker threads is fully counted.
// When /usr/bin/time is absent, python3's os.wait4 does the same job; with neither, CPU and RSS are reported
// as unknown and only wall time is measured.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PY_WAIT4 = `
import os, sys, time
out = sys.argv[1]
t0 = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.monotonic() - t0
code = os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else (status >> 8)
with open(out, 'w') as f:
    f.write('%f %f %f %d %d\\n' % (ru.ru_utime, ru.ru_stime, wall, ru.ru_maxrss, code))
`;

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** Which rusage wrapper is available: 'gnu-time', 'python3' or 'none'. */
export function rusageMethod() {
  if (process.env.BENCH_RUSAGE) return process.env.BENCH_RUSAGE;
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', '%U', 'true'], { encoding: 'utf8' });
    if (r.status === 0) return 'gnu-time';
  }
  if (onPath('python3')) return 'python3';
  return 'none';
}

/** Seconds after which one measured process is killed (BENCH_TIMEOUT_S, default 900). */
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);
const TIMEOUT_BIN = onPath('timeout');

let scratch = null;
const scratchFile = name => {
  scratch ??= mkdtempSync(path.join(os.tmpdir(), 'upkeep-bench-rusage-'));
  return path.join(scratch, name);
};
export function cleanupMeasure() {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

/**
 * Runs `cmd args` to completion and returns { cpu, user, sys, wall (seconds), rssMB, status, stderr }.
 * stdout goes to `stdoutFile` when given (big JSON outputs), else is discarded.
 */
export function runMeasured(cmd, args, { stdoutFile, cwd, env, method = rusageMethod(), timeoutS = TIMEOUT_S } = {}) {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const stats = scratchFile('rusage.txt');
  rmSync(stats, { force: true });
  // coreutils' timeout between the wrapper and the command: a runaway run is killed (exit 137) instead of
  // hanging the bench, and its CPU still counts (timeout reaps it, so wait4 reports it).
  if (TIMEOUT_BIN && timeoutS > 0) {
    args = ['-s', 'KILL', String(timeoutS), cmd, ...args];
    cmd = TIMEOUT_BIN;
  }
  let argv;
  if (method === 'gnu-time') argv = ['/usr/bin/time', ['-o', stats, '-f', '%U %S %e %M %x', cmd, ...args]];
  else if (method === 'python3') argv = ['python3', ['-c', PY_WAIT4, stats, cmd, ...args]];
  else argv = [cmd, args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { cwd, env, stdio: ['ignore', out, 'pipe'], maxBuffer: 64 << 20, encoding: 'utf8' });
  // (the wrapper's own exit status is the command's; the status reported below comes from the wrapper's file)
  const wallNs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof out === 'number') closeSync(out);
  if (r.error) throw r.error;
  const stderr = r.stderr ?? '';
  if (method === 'none') return { cpu: NaN, user: NaN, sys: NaN, wall: wallNs, rssMB: NaN, status: r.status, stderr, timedOut: r.status === 137 };
  const text = existsSync(stats) ? readFileSync(stats, 'utf8').trim() : '';
  // GNU time writes "Command exited with non-zero status N" before the format line: keep the last line.
  const last = text.split('\n').pop() ?? '';
  const [u, s, e, m, x] = last.split(/\s+/).map(Number);
  if (!Number.isFinite(u)) throw new Error(`could not read the child's resource usage (${method}): ${text}\n${stderr}`);
  return { cpu: u + s, user: u, sys: s, wall: e, rssMB: m / 1024, status: x, stderr, timedOut: x === 137 };
}

/**
 * Findings of an `upkeep lint --format json` output file, by code. Scans the bytes for `"code":` rather than
 * JSON.parse: a slow engine's output can exceed the longest string V8 allows (about 512 MB).
 */
export function countByCode(file) {
  const buf = readFileSync(file);
  const key = Buffer.from('"code":');
  const byCode = {};
  let total = 0;
  for (let i = buf.indexOf(key); i >= 0; i = buf.indexOf(key, i + key.length)) {
    const open = buf.indexOf(0x22, i + key.length); // the opening quote of the value
    const close = buf.indexOf(0x22, open + 1);
    if (open < 0 || close < 0) break;
    const code = buf.toString('utf8', open + 1, close);
    byCode[code] = (byCode[code] ?? 0) + 1;
    total++;
  }
  return { total, byCode };
}

export function median(xs) {
  const s = xs.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of the finite values. */
export function percentile(xs, p) {
  const s = xs.filter(x => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

/**
 * Runs `round(i)` up to `runs` times and returns the results. Stops early (after at least `min` rounds) once
 * `budgetS` seconds have gone by, so a slow engine cannot make the whole bench take an hour: the number of
 * rounds actually run is part of the result and is printed.
 */
export async function rounds(runs, budgetS, min, round) {
  const out = [];
  const t0 = Date.now();
  for (let i = 0; i < runs; i++) {
    out.push(await round(i));
    if (out.length >= min && (Date.now() - t0) / 1000 > budgetS && i < runs - 1) break;
  }
  return out;
}
