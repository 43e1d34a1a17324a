/**
 * Re-query ×k as one Inspector tells its webview: `samplesStarted`, each sample's streamed text
 * throttled to one `sampleDelta` per sample every DELTA_INTERVAL_MS (k streams at once would
 * otherwise post a message per token), `sampleEnded` once that sample's text is all sent, and
 * `samplesEnded` after every pending delta. Pure (no `vscode`): unit tests drive it directly.
 */
import type { SampleSlot } from '../core/llm/sampling';
import type { ToWebview } from '../protocol/messages';
import { DELTA_INTERVAL_MS } from './runRelay';

/** What the relay reads of a run (the extension's SampleRun has these and more). */
export interface RelayedSampleRun {
  readonly id: number;
  readonly records: number;
  readonly count: number;
  readonly target: number;
  readonly k: number;
  readonly model: string;
  readonly temperature: number;
}

export type RelayedSampleEvent =
  | { readonly kind: 'started'; readonly run: RelayedSampleRun }
  | { readonly kind: 'delta'; readonly run: RelayedSampleRun; readonly index: number; readonly slot: SampleSlot; readonly content: string; readonly reasoning: string; readonly reset: boolean }
  | { readonly kind: 'sample'; readonly run: RelayedSampleRun; readonly index: number; readonly slot: SampleSlot; readonly pred: 'A' | 'B' | null; readonly error: string | null; readonly resumed: boolean }
  | { readonly kind: 'ended'; readonly run: RelayedSampleRun; readonly outcome: 'done' | 'cancelled' | 'failed'; readonly message: string };

interface Pending {
  readonly runId: number;
  readonly index: number;
  readonly slot: SampleSlot;
  content: string;
  reasoning: string;
  reset: boolean;
}

export class SampleRelay {
  private readonly pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly emit: (message: ToWebview) => void,
    private readonly intervalMs = DELTA_INTERVAL_MS,
  ) {}

  onEvent(e: RelayedSampleEvent): void {
    const { run } = e;
    switch (e.kind) {
      case 'started':
        this.emit({ type: 'samplesStarted', runId: run.id, records: run.records, samples: run.count, target: run.target, k: run.k, model: run.model, temperature: run.temperature });
        return;
      case 'delta': {
        const key = `${run.id}:${e.index}:${e.slot.sample}`;
        let p = this.pending.get(key);
        if (!p) this.pending.set(key, (p = { runId: run.id, index: e.index, slot: e.slot, content: '', reasoning: '', reset: false }));
        if (e.reset) Object.assign(p, { content: '', reasoning: '', reset: true });
        p.content += e.content;
        p.reasoning += e.reasoning;
        this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
        return;
      }
      case 'sample':
        this.flush(`${run.id}:${e.index}:${e.slot.sample}`);
        this.emit({ type: 'sampleEnded', runId: run.id, index: e.index, sample: e.slot.sample, order: e.slot.order, pred: e.pred, error: e.error, resumed: e.resumed });
        return;
      case 'ended':
        this.flush();
        this.emit({ type: 'samplesEnded', runId: run.id, outcome: e.outcome, message: e.message });
        return;
    }
  }

  dispose(): void {
    this.stopTimer();
    this.pending.clear();
  }

  /** Sends what streamed since the last delta (of one sample, or of all). */
  private flush(only?: string): void {
    if (only === undefined) this.stopTimer();
    for (const [key, p] of [...this.pending]) {
      if (only !== undefined && key !== only) continue;
      this.pending.delete(key);
      this.emit({ type: 'sampleDelta', runId: p.runId, index: p.index, sample: p.slot.sample, order: p.slot.order, content: p.content, reasoning: p.reasoning, reset: p.reset });
    }
    if (this.pending.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
