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

/** Debounce delay for a document: 250 ms, growing with size so huge files are not re-linted per keystroke. */
export function lintDelay(textLength: number): number {
  return 250 + Math.min(1750, Math.floor(textLength / 5000));
}
