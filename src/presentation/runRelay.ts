/**
 * Model runs on single records, as one Inspector tells its webview: `runStarted` (answering the
 * `runLlm` this Inspector sent, or null when the run started elsewhere), streamed text throttled to
 * one `runDelta` per run every DELTA_INTERVAL_MS (deltaRelay.ts), and `runEnded`; a (re)loaded webview is told of
 * runs in progress with their text so far. Pure (no `vscode`): unit tests drive it directly.
 */
import type { LlmResult } from '../core/llm/runner';
import type { LlmRoleView, RunOutcome, RunResultView, ToWebview } from '../protocol/messages';
import { DELTA_INTERVAL_MS, DeltaRelay } from './deltaRelay';

/** What the relay reads of a run (the extension's RecordRun has these and more). */
export interface RelayedRun {
  readonly id: number;
  readonly index: number;
  readonly role: LlmRoleView;
  /** Whoever started it: `{ owner, requestId }` when an Inspector did. */
  readonly origin: unknown;
  readonly model: string;
  readonly content: string;
  readonly reasoning: string;
}

/** A record run's events, over the extension's own run type (recordRuns.ts fires them with its RecordRun). */
export type RelayedEvent<Run extends RelayedRun = RelayedRun> =
  | { readonly kind: 'started'; readonly run: Run }
  | { readonly kind: 'delta'; readonly run: Run; readonly content: string; readonly reasoning: string; readonly reset: boolean }
  | { readonly kind: 'ended'; readonly run: Run; readonly outcome: RunOutcome; readonly message: string | null; readonly result: LlmResult | null };

/** Who started a run, so that its `runStarted` answers the right `runLlm`. */
export interface RunOrigin {
  readonly owner: unknown;
  readonly requestId: number;
}

function resultView(r: LlmResult): RunResultView {
  return {
    model: r.model,
    verdict: r.kind === 'fidelity' ? r.verdict : null,
    analysis: r.kind === 'fidelity' ? r.analysis : null,
    pred: r.kind === 'genrm' ? r.pred : null,
    error: r.error,
  };
}

export class RunRelay {
  /** Each run's streamed text, by run id. */
  private readonly deltas: DeltaRelay<number, RelayedRun>;

  /** `owner`: the Inspector whose `runLlm` requests started runs with `{ owner, requestId }` as origin. */
  constructor(
    private readonly owner: unknown,
    private readonly emit: (message: ToWebview) => void,
    intervalMs = DELTA_INTERVAL_MS,
  ) {
    this.deltas = new DeltaRelay(({ about: run, content, reasoning, reset }, runId) => this.emit({ type: 'runDelta', runId, index: run.index, role: run.role, content, reasoning, reset }), intervalMs);
  }

  /** An event of a run on this Inspector's file. */
  onEvent(e: RelayedEvent): void {
    const run = e.run;
    switch (e.kind) {
      case 'started': {
        const origin = run.origin as Partial<RunOrigin> | null;
        const requestId = origin && origin.owner === this.owner && typeof origin.requestId === 'number' ? origin.requestId : null;
        this.emit({ type: 'runStarted', requestId, runId: run.id, index: run.index, role: run.role, model: run.model });
        return;
      }
      case 'delta':
        this.deltas.add(run.id, run, e.content, e.reasoning, e.reset);
        return;
      case 'ended':
        this.deltas.flush(run.id);
        this.emit({ type: 'runEnded', runId: run.id, index: run.index, role: run.role, outcome: e.outcome, message: e.message, result: e.result ? resultView(e.result) : null });
        return;
    }
  }

  /** A (re)loaded webview learns of runs in progress, with their text so far. */
  replay(runs: readonly RelayedRun[]): void {
    for (const run of runs) {
      this.deltas.drop(run.id);
      this.emit({ type: 'runStarted', requestId: null, runId: run.id, index: run.index, role: run.role, model: run.model });
      this.emit({ type: 'runDelta', runId: run.id, index: run.index, role: run.role, content: run.content, reasoning: run.reasoning, reset: true });
    }
  }

  dispose(): void {
    this.deltas.dispose();
  }
}
