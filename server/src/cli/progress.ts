// Progress on stderr for long runs: only when stderr is a terminal, only after the first second, at
// most ten updates a second, and erased at the end so the report reads as without it.
export class Progress {
  private done_ = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly stream: { isTTY?: boolean; write(s: string): unknown },
    private readonly delayMs = 1000,
  ) {}

  tick(n = 1): void {
    this.done_ += n;
    if (!this.stream.isTTY) return;
    const now = Date.now();
    if (now - this.started < this.delayMs || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r\x1b[Kupkeep: ${this.done_}/${this.total} files checked`);
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
