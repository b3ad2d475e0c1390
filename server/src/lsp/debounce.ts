// Per-key debouncing: the last schedule() of a key within its delay wins. Timer functions are injected
// so tests can drive time by hand.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: h => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Debouncer<K> {
  private readonly pendingTimers = new Map<K, unknown>();

  constructor(
    private readonly run: (key: K) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(key: K, delayMs: number): void {
    this.cancel(key);
    const handle = this.timers.set(() => {
      this.pendingTimers.delete(key);
      this.run(key);
    }, delayMs);
    this.pendingTimers.set(key, handle);
  }

  cancel(key: K): void {
    const h = this.pendingTimers.get(key);
    if (h !== undefined) {
      this.timers.clear(h);
      this.pendingTimers.delete(key);
    }
  }

  isPending(key: K): boolean {
    return this.pendingTimers.has(key);
  }

  dispose(): void {
    for (const h of this.pendingTimers.values()) this.timers.clear(h);
    this.pendingTimers.clear();
  }
}

/** The adaptive delay grows with the document's lines up to this (ms). */
export const SIZE_DELAY_CAP_MS = 150;
/** Whatever the last lint took, no adaptive delay is longer than this (ms). */
export const ADAPTIVE_DELAY_CAP_MS = 1000;

/**
 * The default time between a change and the lint of a document (`upkeep.diagnostics.delay` unset):
 * about 1 ms per 200 lines (0-20 ms up to a few thousand lines, 50 ms at 10,000), at most 150 ms;
 * but not shorter than the document's last lint took (so a file whose lint takes longer than a
 * keystroke is not linted after every key), and never over 1 s.
 */
export function lintDelay(lines: number, lastLintMs = 0): number {
  const bySize = Math.min(SIZE_DELAY_CAP_MS, Math.round(Math.max(0, lines) / 200));
  const bySpeed = Number.isFinite(lastLintMs) ? Math.max(0, Math.round(lastLintMs)) : 0;
  return Math.min(ADAPTIVE_DELAY_CAP_MS, Math.max(bySize, bySpeed));
}

/** The delay to use: the user's setting when given (a number of ms), else the adaptive default. */
export function diagnosticsDelay(setting: number | null | undefined, lines: number, lastLintMs = 0): number {
  return typeof setting === 'number' && Number.isFinite(setting) && setting >= 0 ? setting : lintDelay(lines, lastLintMs);
}
