// Diagnostics in a worker thread. The main thread of the server answers the editor (completion, hover,
// symbols, code actions) from its own parse of the open documents; the lint that produces diagnostics runs
// in a worker, so a request never waits behind a lint of a large configuration (a 10,000-line httpd.conf
// takes tens of milliseconds to lint; a completion must come back in a few).
//
// The worker is a replica: it receives the same document notifications (didOpen/didChange/didClose, as
// the client sent them), the same folders, settings, trust and file events, and keeps its own
// DocumentStore, ProjectPool, DocumentLinter and LintScheduler, the same classes the in-process server
// uses (its open documents in a small table of the same PieceTextDocument, WorkerDocuments below). It sends back each publishDiagnostics with the findings behind it, which the main thread keeps
// for code actions asked automatically (the light bulb) without linting again.
//
// If the worker cannot start or dies, the server lints in its own thread as before (LintScheduler), and
// `UPKEEP_LINT_WORKER=0` in the server's environment asks for that from the start.
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
  PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { PieceTextDocuments, type PieceTextDocument } from './text-document';
import type { Finding, LanguageId } from '../engine/rules';
import { DocumentStore, EditorOverlay } from './documents';
import { DocumentLinter } from './linter';
import { LintScheduler } from './scheduler';
import { ProjectPool } from './scopes';
import type { UpkeepSettings } from './settings';

/** What the main thread tells the worker. Document params are the client's own. */
export type ToWorker =
  | { t: 'open'; params: DidOpenTextDocumentParams }
  | { t: 'change'; params: DidChangeTextDocumentParams }
  | { t: 'close'; params: DidCloseTextDocumentParams }
  | { t: 'roots'; roots: string[] }
  | { t: 'settings'; global: UpkeepSettings; perFolder: [string, UpkeepSettings][] }
  | { t: 'trusted'; trusted: boolean }
  | { t: 'ready' }
  | { t: 'touch'; paths: string[] }
  | { t: 'configChanged' }
  | { t: 'relintAll' }
  | { t: 'stop' };

/** What the worker sends back. */
export type FromWorker =
  | { t: 'diagnostics'; params: PublishDiagnosticsParams; lint: RemoteLint | null }
  | { t: 'log'; level: 'log' | 'warn' | 'error'; message: string };

/** The findings behind a publishDiagnostics, for code actions on the main thread. */
export interface RemoteLint {
  version: number;
  path: string;
  language: LanguageId;
  findings: Finding[];
}

interface WorkerInit {
  upkeepDiagnosticsWorker: true;
  packageRoot: string;
}

/** True in a thread started by DiagnosticsWorker (server.ts then runs the worker, not a server). */
export function isDiagnosticsWorker(): boolean {
  return !isMainThread && !!(workerData as WorkerInit | undefined)?.upkeepDiagnosticsWorker;
}

// ---- the worker thread ------------------------------------------------------------------------------

/**
 * The worker's open documents, updated from the client's own notifications as the main thread's
 * TextDocuments updates its copies (same document class, same order of events: open, then its content;
 * a change; a close). Its own small table rather than TextDocuments, so the worker's bundle
 * (dist/lint-worker.js) does not load the protocol library it never speaks.
 */
class WorkerDocuments {
  private readonly docs = new Map<string, PieceTextDocument>();
  constructor(
    private readonly on: {
      open(doc: PieceTextDocument): void;
      change(doc: PieceTextDocument): void;
      close(doc: PieceTextDocument): void;
    },
  ) {}
  get(uri: string): PieceTextDocument | undefined {
    return this.docs.get(uri);
  }
  all(): PieceTextDocument[] {
    return [...this.docs.values()];
  }
  open(p: DidOpenTextDocumentParams): void {
    const t = p.textDocument;
    const doc = PieceTextDocuments.create(t.uri, t.languageId, t.version, t.text);
    this.docs.set(t.uri, doc);
    this.on.open(doc);
    this.on.change(doc);
  }
  change(p: DidChangeTextDocumentParams): void {
    const { uri, version } = p.textDocument;
    const doc = this.docs.get(uri);
    if (p.contentChanges.length === 0 || !doc) return;
    if (version === null || version === undefined) throw new Error(`Received document change event for ${uri} without valid version identifier`);
    PieceTextDocuments.update(doc, p.contentChanges, version);
    this.on.change(doc);
  }
  close(p: DidCloseTextDocumentParams): void {
    const doc = this.docs.get(p.textDocument.uri);
    if (!doc) return;
    this.docs.delete(p.textDocument.uri);
    this.on.close(doc);
  }
}

/** Runs the worker side on `port` (the worker's parentPort). Exported for tests, which may use a MessageChannel. */
export function runDiagnosticsWorker(port: MessagePort, packageRoot: string): void {
  const post = (msg: FromWorker) => port.postMessage(msg);
  const log = (message: string) => post({ t: 'log', level: 'log', message });
  const error = (message: string, err?: unknown) =>
    post({ t: 'log', level: 'error', message: err ? `${message}: ${(err as Error)?.stack ?? err}` : message });

  const overlay = new EditorOverlay();
  // Settings file problems are reported from here (the main thread, reading the same files, stays quiet).
  const projects = new ProjectPool(overlay, { warn: message => post({ t: 'log', level: 'warn', message }) });
  // The scheduler is made below; the table calls back only when a message arrives, after both exist.
  let scheduler!: LintScheduler;
  const documents = new WorkerDocuments({
    open: doc => store.opened(doc.uri),
    change: doc => {
      if (store.changed(doc)) scheduler.changed(doc.uri);
    },
    close: doc => {
      const state = store.closed(doc.uri);
      scheduler.closed(doc.uri, state?.language ?? null, (state?.publishedCount ?? 0) > 0);
    },
  });
  const store = new DocumentStore(documents, overlay, projects);
  const linter = new DocumentLinter(store, packageRoot, log, projects);
  let delay: number | null = null;
  let markReady!: () => void;
  const ready = new Promise<void>(resolve => (markReady = resolve));
  scheduler = new LintScheduler(store, linter, {
    send: params => {
      const cache = store.state(params.uri)?.cache;
      const r = cache && cache.version === params.version ? cache.result : null;
      post({ t: 'diagnostics', params, lint: r && params.version !== undefined ? { version: params.version, path: r.path, language: r.language, findings: r.findings } : null });
    },
    delaySetting: () => delay,
    ready: () => ready,
    error,
    offThread: true,
  });

  port.on('message', (msg: ToWorker) => {
    try {
      switch (msg.t) {
        case 'open':
          documents.open(msg.params);
          break;
        case 'change':
          documents.change(msg.params);
          break;
        case 'close':
          documents.close(msg.params);
          break;
        case 'roots':
          projects.setRoots(msg.roots);
          break;
        case 'settings':
          delay = msg.global.diagnostics.delay;
          projects.setSettings(msg.global, new Map(msg.perFolder));
          break;
        case 'trusted':
          projects.setTrusted(msg.trusted);
          break;
        case 'ready':
          markReady();
          break;
        case 'touch':
          projects.touch(msg.paths);
          break;
        case 'configChanged':
          projects.configChanged();
          break;
        case 'relintAll':
          scheduler.relintAll();
          break;
        case 'stop':
          scheduler.stop();
          port.close();
          break;
      }
    } catch (e) {
      error(`upkeep: the diagnostics worker failed on ${msg.t}`, e);
    }
  });
}

/** The entry of the worker thread (server.ts calls it when isDiagnosticsWorker()). */
export function runDiagnosticsWorkerThread(): void {
  runDiagnosticsWorker(parentPort!, (workerData as WorkerInit).packageRoot);
}

// ---- the main thread --------------------------------------------------------------------------------

export interface DiagnosticsWorkerOptions {
  /** The script the worker runs (the server's own bundle: it checks isDiagnosticsWorker() first). */
  script: string;
  packageRoot: string;
  diagnostics(params: PublishDiagnosticsParams, lint: RemoteLint | null): void;
  log(level: 'log' | 'warn' | 'error', message: string): void;
  /** The worker is gone without being stopped (the server then lints in its own thread). */
  died(reason: string): void;
}

/** The main thread's handle on the worker: posts what the worker must know, receives its diagnostics. */
export class DiagnosticsWorker {
  private readonly worker: Worker;
  private stopped = false;
  private gone = false;

  constructor(private readonly opts: DiagnosticsWorkerOptions) {
    const init: WorkerInit = { upkeepDiagnosticsWorker: true, packageRoot: opts.packageRoot };
    this.worker = new Worker(opts.script, { workerData: init, stdout: false, stderr: false });
    this.worker.on('message', (msg: FromWorker) => {
      if (msg.t === 'diagnostics') opts.diagnostics(msg.params, msg.lint);
      else opts.log(msg.level, msg.message);
    });
    this.worker.on('error', e => this.lost(`it failed: ${e?.stack ?? e}`));
    this.worker.on('exit', code => this.lost(`it exited with code ${code}`));
    // The worker alone must not keep the process alive.
    this.worker.unref();
  }

  get alive(): boolean {
    return !this.gone && !this.stopped;
  }

  post(msg: ToWorker): void {
    if (!this.alive) return;
    try {
      this.worker.postMessage(msg);
    } catch (e) {
      this.lost(`a message could not be sent: ${(e as Error)?.message ?? e}`);
    }
  }

  /** Shutdown: the worker stops publishing and ends. */
  stop(): void {
    if (this.stopped) return;
    this.post({ t: 'stop' });
    this.stopped = true;
    void this.worker.terminate().catch(() => undefined);
  }

  private lost(reason: string): void {
    if (this.gone || this.stopped) return;
    this.gone = true;
    void this.worker.terminate().catch(() => undefined);
    this.opts.died(reason);
  }
}

/** Whether the server should lint in a worker: yes unless UPKEEP_LINT_WORKER=0. */
export function workerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPKEEP_LINT_WORKER !== '0';
}
