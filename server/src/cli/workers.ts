// Worker threads for `upkeep lint DIR`: the main thread collects the files, workers lint batches of them,
// each with its own Projects (its own parsed trees and Include graphs), and send back plain reports.
// The main thread puts the reports back in file order, so the output is the same as one thread's.
import * as os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LoadedConfig } from '../engine/config-file';
import { lintFile } from '../languages';
import type { SeveritySetting } from '../engine/rules';
import { OverlayFileSystem, nodeFileSystem } from '../engine/workspace';
import type { Progress } from './progress';
import { fileReport, type FileReport } from './report';
import { Settings } from './settings';

/**
 * `--jobs auto` uses workers from this many files on. Each worker loads the engine and rebuilds the
 * cross-file facts (main configs, Include graphs, plugin-cfg.xml hosts) in its own Project, so workers pay
 * only when per-file work dominates. Measured with scripts/bench-jobs.mjs (1,000-file directory, 2 cores,
 * machine shared with other jobs, load average 20): with a 200-cluster plugin-cfg.xml (400,199 findings)
 * --jobs 2 took 41.4 s CPU / 149 s wall against 33.0 s / 116 s for one thread; without plugin-cfg.xml
 * (999 findings) 24.8 s CPU / 78 s wall against 23.7 s / 96 s. Not a measurable gain on today's engine,
 * so auto stays on one thread until the incremental model (issue 10) makes the shared facts cheap:
 * re-measure then and lower this number.
 */
export const AUTO_WORKERS_MIN_FILES = Number.POSITIVE_INFINITY;
const BATCH = 25;

interface WorkerInit {
  upkeepLintWorker: true;
  roots: string[];
  config?: LoadedConfig;
  rules: Record<string, SeveritySetting>;
  allow: string[];
  ignorePatterns: string[];
}

type ToWorker = { batch: number; targets: { abs: string; shown: string }[] } | { stop: true };
type FromWorker = { batch: number; reports: (FileReport | null)[] } | { error: string };

export function shouldUseWorkers(files: number, jobs: number | 'auto'): boolean {
  if (jobs === 'auto') return files >= AUTO_WORKERS_MIN_FILES && (os.availableParallelism?.() ?? os.cpus().length) > 1;
  return jobs > 1 && files > 1;
}

/** The entry of a worker: lints each batch it is sent. */
export function isLintWorker(): boolean {
  return !isMainThread && !!(workerData as WorkerInit | undefined)?.upkeepLintWorker;
}

export function runLintWorker(): void {
  const init = workerData as WorkerInit;
  const settings = new Settings(init, init.roots, new OverlayFileSystem(nodeFileSystem));
  parentPort!.on('message', (msg: ToWorker) => {
    if ('stop' in msg) {
      parentPort!.close();
      return;
    }
    try {
      const reports = msg.targets.map(t => {
        const r = lintFile(settings.projectFor(t.abs), t.abs);
        return r ? fileReport(t.abs, t.shown, r) : null;
      });
      parentPort!.postMessage({ batch: msg.batch, reports } satisfies FromWorker);
    } catch (e) {
      parentPort!.postMessage({ error: (e as Error).stack ?? String(e) } satisfies FromWorker);
    }
  });
}

/** Lints `targets` on `threads` workers; blocks until done (the CLI has nothing else to do meanwhile). */
export function lintInWorkers(
  targets: { abs: string; shown: string }[],
  flags: Omit<WorkerInit, 'upkeepLintWorker' | 'roots'>,
  roots: string[],
  threads: number,
  progress: Progress,
): Promise<FileReport[]> {
  const batches: { abs: string; shown: string }[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  const results: (FileReport | null)[][] = new Array(batches.length);
  let next = 0;
  let finished = 0;
  const init: WorkerInit = { upkeepLintWorker: true, roots, config: flags.config, rules: flags.rules, allow: flags.allow, ignorePatterns: flags.ignorePatterns };
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let failed = false;
    const feed = (w: Worker) => {
      if (next < batches.length) {
        w.postMessage({ batch: next, targets: batches[next] } satisfies ToWorker);
        next++;
      } else w.postMessage({ stop: true } satisfies ToWorker);
    };
    const n = Math.max(1, Math.min(threads, batches.length));
    for (let i = 0; i < n; i++) {
      const w = new Worker(__filename, { workerData: init });
      workers.push(w);
      w.on('message', (msg: FromWorker) => {
        if ('error' in msg) {
          fail(new Error(`worker: ${msg.error}`));
          return;
        }
        results[msg.batch] = msg.reports;
        progress.tick(msg.reports.length);
        finished++;
        if (finished === batches.length) {
          for (const x of workers) x.postMessage({ stop: true } satisfies ToWorker);
          resolve(results.flat().filter((r): r is FileReport => r !== null));
        } else feed(w);
      });
      w.on('error', e => fail(e));
      w.on('exit', code => {
        if (code !== 0 && finished < batches.length) fail(new Error(`a worker thread stopped with code ${code}`));
      });
      feed(w);
    }
    function fail(e: Error) {
      if (failed) return;
      failed = true;
      for (const x of workers) void x.terminate();
      reject(e);
    }
  });
}
