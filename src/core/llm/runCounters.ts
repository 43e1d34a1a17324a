/** A run's counters: what is done, failed, cached, skipped and in flight, the tokens spent and usage notes, and the ETA (as RunProgress). */
import type { LlmResult, RunProgress } from './runTypes';
import type { TokenUsage, UsageNoteTally } from './usage';
import { addUsage, NO_USAGE_NOTES, tallyUsageNotes, ZERO_USAGE } from './usage';

/** CallFail or ParseFail (fidelity); no verdict (GenRM: a failed call or no \boxed{A|B}). */
function isFailure(r: LlmResult): boolean {
  return r.kind === 'fidelity' ? r.verdict === 'CallFail' || r.verdict === 'ParseFail' : r.pred === null;
}

export class RunCounters {
  private readonly started: number;
  private done = 0;
  private failed = 0;
  private cached = 0;
  private skipped = 0;
  private inFlight = 0;
  private tokens: TokenUsage = ZERO_USAGE;
  private notes: UsageNoteTally = NO_USAGE_NOTES;

  /** `total`: the items in the input, null until an async input has been read to its end. */
  constructor(
    private total: number | null,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** An item's request began. */
  begin(): void {
    this.inFlight++;
  }

  /** An item's request ended (with a result or none). */
  end(): void {
    this.inFlight--;
  }

  /** A finished item. Tokens and usage notes count answers obtained now, not the cache's or the journal's. */
  count(r: LlmResult): void {
    this.done++;
    if (isFailure(r)) this.failed++;
    if (r.cached) this.cached++;
    if (!r.cached) this.tokens = addUsage(this.tokens, r.usage);
    if (!r.cached) this.notes = tallyUsageNotes(this.notes, r.usageNotes, r.recordIndex + 1);
    if (r.kind === 'fidelity' && r.verdict === 'SkippedLabelMismatch') this.skipped++;
  }

  /** The input was read to its end: its length is the total. */
  inputEnded(items: number): void {
    this.total = items;
  }

  get usageNotes(): UsageNoteTally {
    return this.notes;
  }

  /** The ETA is the mean time per finished item times the items left; unknown before the first or without a total. */
  progress(): RunProgress {
    const { done, total, failed, cached, skipped, inFlight, tokens } = this;
    const elapsedMs = this.now() - this.started;
    const etaMs = total !== null && done > 0 ? Math.max(0, Math.round((elapsedMs / done) * (total - done))) : null;
    return { done, total, failed, cached, skipped, inFlight, tokens, elapsedMs, etaMs };
  }
}
