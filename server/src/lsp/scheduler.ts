// When documents are linted and their diagnostics published: at once on open, after the diagnostics
// delay on a change (the user's `upkeep.diagnostics.delay`, else an adaptive one), and, debounced, the
// other open documents a change can affect (dependents.ts). Diagnostics are sent through an injected
// function and timers are injectable, so tests need no connection and no real time.
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { isConfigFilePath } from '../engine/config-file';
import type { LanguageId } from '../engine/rules';
import { Debouncer, diagnosticsDelay, realTimers, type Timers } from './debounce';
import { dependentDocuments } from './dependents';
import type { DocumentStore } from './documents';
import type { DocumentLinter } from './linter';

/** Other documents are linted again this long after the last change that affects them. */
export const DEPENDENTS_DELAY_MS = 600;
/** After a settings, folder or disk change, every open document is linted again after this. */
export const RELINT_ALL_DELAY_MS = 50;

export interface SchedulerOptions {
  send(params: PublishDiagnosticsParams): Promise<void> | void;
  /** The user's delay setting in ms, or null for the adaptive default. Read at each change. */
  delaySetting(): number | null;
  /** Settings arrive asynchronously from some clients; no lint runs before they are known. */
  ready(): Promise<void>;
  error(message: string, err?: unknown): void;
  timers?: Timers;
  now?(): number;
  /**
   * Runs a due lint after the messages already received (default setImmediate): a hover or completion
   * that arrived as the delay ran out is answered first.
   */
  defer?(fn: () => void): void;
  /**
   * The lint runs in a thread of its own (the diagnostics worker), beside the one that answers hover and
   * completion: a long lint holds up no request, so the adaptive delay counts half of the last lint's time
   * (it still keeps a slow file from being linted at every key).
   */
  offThread?: boolean;
}

export class LintScheduler {
  private readonly lintTimers: Debouncer<string>;
  private readonly dependentsTimer: Debouncer<'dependents'>;
  private readonly pendingDependents = new Set<string>();
  private readonly lastLintMs = new Map<string, number>();
  private stopped = false;
  private readonly now: () => number;

  constructor(
    private readonly store: DocumentStore,
    private readonly linter: DocumentLinter,
    private readonly opts: SchedulerOptions,
  ) {
    const timers = opts.timers ?? realTimers;
    this.now = opts.now ?? (() => performance.now());
    const defer = opts.defer ?? (fn => void setImmediate(fn));
    this.lintTimers = new Debouncer<string>(uri => void opts.ready().then(() => defer(() => this.publish(uri))), timers);
    this.dependentsTimer = new Debouncer<'dependents'>(() => {
      const uris = [...this.pendingDependents];
      this.pendingDependents.clear();
      void opts.ready().then(() =>
        defer(() => {
          for (const uri of uris) if (!this.lintTimers.isPending(uri)) this.publish(uri);
        }),
      );
    }, timers);
  }

  /** The delay before the lint of a changed document. */
  delayFor(uri: string): number {
    const doc = this.store.documents.get(uri);
    const length = doc?.getText().length ?? 0;
    // lineCount scans a text that was replaced whole; past 2 MB an estimate does as well.
    const lines = length > 2_000_000 ? Math.round(length / 40) : doc?.lineCount ?? 0;
    const last = this.lastLintMs.get(uri) ?? 0;
    return diagnosticsDelay(this.opts.delaySetting(), lines, this.opts.offThread ? last / 2 : last);
  }

  /** A document's text is new (opened or changed). */
  changed(uri: string): void {
    const state = this.store.state(uri);
    if (!state) return;
    if (state.fresh) {
      state.fresh = false;
      this.lintTimers.schedule(uri, 0);
    } else {
      this.lintTimers.schedule(uri, this.delayFor(uri));
      // An Include target or a plugin-cfg.xml changed: documents that depend on it are linted again. A
      // settings file being edited changes nothing else until it is saved (the server re-reads it then).
      if (!isConfigFilePath(state.path)) this.scheduleDependents(uri, state.language);
    }
  }

  /** A document closed: nothing more is published for it but an empty list; its dependents are linted again. */
  closed(uri: string, language: LanguageId | null, hadDiagnostics: boolean): void {
    this.lintTimers.cancel(uri);
    this.pendingDependents.delete(uri);
    this.lastLintMs.delete(uri);
    if (hadDiagnostics) {
      try {
        void Promise.resolve(this.opts.send({ uri, diagnostics: [] })).catch(() => undefined);
      } catch {
        // the connection is going away
      }
    }
    // Unsaved edits are gone: the disk text is back for the documents that include this file.
    this.scheduleDependents(uri, language);
  }

  /** Lints other open documents (of the languages a change to `language` affects; null: all), debounced. */
  scheduleDependents(except: string | null, language: LanguageId | null, delay = DEPENDENTS_DELAY_MS): void {
    const open = [...this.store.open()].map(({ doc, state }) => ({ uri: doc.uri, language: state.language }));
    for (const uri of dependentDocuments(open, except, language)) this.pendingDependents.add(uri);
    if (this.pendingDependents.size) this.dependentsTimer.schedule('dependents', delay);
  }

  /** Every open document, soon (settings, workspace folders or files on disk changed). */
  relintAll(): void {
    this.scheduleDependents(null, null, RELINT_ALL_DELAY_MS);
  }

  /** Lints a document now and publishes its diagnostics unless a newer version is on its way. */
  publish(uri: string): void {
    try {
      const doc = this.store.documents.get(uri);
      const state = this.store.state(uri);
      if (!doc || !state || this.stopped) return;
      const version = doc.version;
      const cachedBefore = state.cache;
      const started = this.now();
      const out = this.linter.lint(uri);
      // The first lint of a document is cold (its configuration model is built, the code not yet
      // optimised): it says nothing of how long the lint after a keystroke takes, so it sets no delay.
      if (out !== cachedBefore && cachedBefore) this.lastLintMs.set(uri, this.now() - started);
      // A newer version arrived meanwhile (or the document closed): its own run will publish.
      if (this.store.documents.get(uri)?.version !== version || this.store.state(uri) !== state) return;
      if (version < state.publishedVersion) return;
      // This very result was already published for this version (a timer that was due as the next
      // keystroke arrived ran the lint of the newer text, and that text's own timer follows): nothing new.
      if (version === state.publishedVersion && out === cachedBefore && out) return;
      const diagnostics = out?.diagnostics ?? [];
      if (diagnostics.length === 0 && state.publishedCount === 0 && !out?.result) return;
      state.publishedVersion = version;
      state.publishedCount = diagnostics.length;
      this.sendSafely({ uri, version, diagnostics });
    } catch (e) {
      this.opts.error(`upkeep: linting ${uri} failed`, e);
    }
  }

  isPending(uri: string): boolean {
    return this.lintTimers.isPending(uri) || this.pendingDependents.has(uri);
  }

  /** Shutdown: no timer fires and nothing is published any more. */
  stop(): void {
    this.stopped = true;
    this.lintTimers.dispose();
    this.dependentsTimer.dispose();
    this.pendingDependents.clear();
  }

  private sendSafely(params: PublishDiagnosticsParams): void {
    try {
      void Promise.resolve(this.opts.send(params)).catch(e => this.opts.error('upkeep: sending diagnostics failed', e));
    } catch (e) {
      this.opts.error('upkeep: sending diagnostics failed', e);
    }
  }
}
