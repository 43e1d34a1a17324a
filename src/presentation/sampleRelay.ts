/**
 * Re-query ×k as one Inspector tells its webview: `samplesStarted`, each sample's streamed text
 * throttled to one `sampleDelta` per sample every DELTA_INTERVAL_MS (deltaRelay.ts: k streams at
 * once would otherwise post a message per token), `sampleEnded` once that sample's text is all sent, and
 * `samplesEnded` after every pending delta. Pure (no `vscode`): unit tests drive it directly.
 */
import type { SampleSlot } from '../core/llm/sampling';
import type { ToWebview } from '../protocol/messages';
import { DELTA_INTERVAL_MS, DeltaRelay } from './deltaRelay';

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

/** A re-query run's events, over the extension's own run type (sampleRuns.ts fires them with its SampleRun). */
export type RelayedSampleEvent<Run extends RelayedSampleRun = RelayedSampleRun> =
  | { readonly kind: 'started'; readonly run: Run }
  | { readonly kind: 'delta'; readonly run: Run; readonly index: number; readonly slot: SampleSlot; readonly content: string; readonly reasoning: string; readonly reset: boolean }
  | { readonly kind: 'sample'; readonly run: Run; readonly index: number; readonly slot: SampleSlot; readonly pred: 'A' | 'B' | null; readonly error: string | null; readonly resumed: boolean }
  | { readonly kind: 'ended'; readonly run: Run; readonly outcome: 'done' | 'cancelled' | 'failed'; readonly message: string };

/** Which sample a stream of text is. */
interface SampleStream {
  readonly runId: number;
  readonly index: number;
  readonly slot: SampleSlot;
}

const streamKey = (runId: number, index: number, slot: SampleSlot): string => `${runId}:${index}:${slot.sample}`;

export class SampleRelay {
  /** Each sample's streamed text, by run, record and sample number. */
  private readonly deltas: DeltaRelay<string, SampleStream>;

  constructor(
    private readonly emit: (message: ToWebview) => void,
    intervalMs = DELTA_INTERVAL_MS,
  ) {
    this.deltas = new DeltaRelay(({ about: { runId, index, slot }, content, reasoning, reset }) => this.emit({ type: 'sampleDelta', runId, index, sample: slot.sample, order: slot.order, content, reasoning, reset }), intervalMs);
  }

  onEvent(e: RelayedSampleEvent): void {
    const { run } = e;
    switch (e.kind) {
      case 'started':
        this.emit({ type: 'samplesStarted', runId: run.id, records: run.records, samples: run.count, target: run.target, k: run.k, model: run.model, temperature: run.temperature });
        return;
      case 'delta':
        this.deltas.add(streamKey(run.id, e.index, e.slot), { runId: run.id, index: e.index, slot: e.slot }, e.content, e.reasoning, e.reset);
        return;
      case 'sample':
        this.deltas.flush(streamKey(run.id, e.index, e.slot));
        this.emit({ type: 'sampleEnded', runId: run.id, index: e.index, sample: e.slot.sample, order: e.slot.order, pred: e.pred, error: e.error, resumed: e.resumed });
        return;
      case 'ended':
        this.deltas.flush();
        this.emit({ type: 'samplesEnded', runId: run.id, outcome: e.outcome, message: e.message });
        return;
    }
  }

  dispose(): void {
    this.deltas.dispose();
  }
}
