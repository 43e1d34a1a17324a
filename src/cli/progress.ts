/** A one-line progress bar on a terminal (stderr), or a line every 10% when output is not a terminal. */
import type { RunProgress } from '../core/llm/runner';

function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export class ProgressBar {
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly tty: boolean,
    private readonly write: (text: string) => void,
  ) {}

  update(p: RunProgress, force = false): void {
    const total = p.total ?? 0;
    const fraction = total ? p.done / total : 0;
    const text = `${this.label} ${p.done}/${p.total ?? '?'} · failed ${p.failed} · cached ${p.cached} · skipped ${p.skipped} · in flight ${p.inFlight} · ETA ${formatDuration(p.etaMs)}`;
    if (this.tty) {
      const now = Date.now();
      if (!force && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 24;
      const filled = Math.round(fraction * width);
      this.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\x1b[K`);
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (force || decile > this.lastDecile) {
      this.lastDecile = decile;
      this.write(`${text}\n`);
    }
  }

  done(p: RunProgress): void {
    this.update(p, true);
    if (this.tty) this.write('\n');
  }
}
