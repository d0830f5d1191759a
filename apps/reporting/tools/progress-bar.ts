/**
 * A one-line progress bar on stderr. Hand-written (20 lines) rather than a dependency: it needs a
 * bar, a count and a rate, nothing more, and the root package.json stays as it is. On a terminal it
 * redraws in place (at most every 100 ms); otherwise (CI, a log file) it prints a line per 10 %.
 */
export class ProgressBar {
  private lastDraw = 0;
  private lastDecile = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, total: number, force = false): void {
    const now = Date.now();
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    if (this.out.isTTY) {
      if (!force && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      const seconds = (now - this.started) / 1000;
      const rate = seconds > 0 ? Math.round(done / seconds) : 0;
      this.out.write(
        `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${done}/${total} ${rate}/s   `,
      );
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile === this.lastDecile && !force) return;
      this.lastDecile = decile;
      this.out.write(`${this.label} ${decile * 10}% (${done}/${total})\n`);
    }
  }

  finish(done: number, total: number): void {
    this.update(done, total, this.out.isTTY === true);
    if (this.out.isTTY) this.out.write('\n');
  }
}
