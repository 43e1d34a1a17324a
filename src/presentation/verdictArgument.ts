/**
 * The rationale-vs-verdict check (core/why/verdictArgument.ts, a heuristic) as the editor shows it:
 * per record (any of its judgments or samples contradicting), cached per session for the list
 * filter and the Problems panel, and the hover's line. Pure: no `vscode`.
 */
import type { DatasetSession } from '../core/session/session';
import type { EvalRecord, Judgment } from '../core/record/record';
import { checkJudgment, type VerdictArgument } from '../core/why/verdictArgument';
import type { SelfContradicted, SelfContradictionCounts } from '../core/why/selfContradiction';
import { addSelfContradictions, emptySelfContradiction, mergeSelfContradictions, summarizeSelfContradictions } from '../core/why/selfContradiction';
import { escapeMarkdown } from './markdownText';
import { forEachTimeSliced } from './timeSliced';

const CONTRADICTION_HEURISTIC = 'heuristic: a reading of the rationale\u2019s praise, blame, concessions and stated preference, not a verdict';

/** The check on one judgment, with evidence offsets into its rationale (thinking removed), as the record view shows it. */
export function argumentOfJudgment(j: Judgment): VerdictArgument {
  const r = checkJudgment(j);
  return { ...r, evidence: r.evidence.map((e) => ({ ...e, start: e.start - j.rationaleOffset, end: e.end - j.rationaleOffset })) };
}

/** The first judgment of `record` whose rationale argues for the other response than its verdict, with the raw-text result. */
export function firstContradiction(record: EvalRecord): { index: number; judgment: Judgment; result: VerdictArgument } | null {
  for (const [index, judgment] of record.judgments.entries()) {
    if (judgment.verdict !== 'A' && judgment.verdict !== 'B') continue;
    const result = checkJudgment(judgment);
    if (result.contradicts === true) return { index, judgment, result };
  }
  return null;
}

function oneLine(text: string, max = 140): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** "The rationale argues for B but the verdict is A: “Response B is clearly better.”" (plain text; record text inside). */
export function contradictionMessage(record: EvalRecord, found: NonNullable<ReturnType<typeof firstContradiction>>): string {
  const { index, judgment, result } = found;
  const which = record.judgments.length > 1 ? ` (judgment ${index + 1}, ${judgment.order} order)` : '';
  const first = result.evidence[0];
  const quote = first ? `: \u201c${oneLine(judgment.raw.slice(first.start, first.end))}\u201d` : '';
  return `The rationale argues for ${result.argues ?? '?'} but the verdict is ${result.verdict ?? '?'}${which}${quote} (${CONTRADICTION_HEURISTIC}).`;
}

/** The hover's line, Markdown with the record's text escaped; '' when no judgment contradicts its verdict. */
export function hoverArgumentLine(record: EvalRecord): string {
  try {
    const found = firstContradiction(record);
    if (!found) return '';
    const { index, judgment, result } = found;
    const which = record.judgments.length > 1 ? ` (judgment ${index + 1}, ${judgment.order} order)` : '';
    const first = result.evidence[0];
    const quote = first ? `: \u201c${escapeMarkdown(oneLine(judgment.raw.slice(first.start, first.end)))}\u201d` : '';
    return `$(warning) Contradicts its verdict: the rationale argues for **${result.argues ?? '?'}**, the verdict is **${result.verdict ?? '?'}**${which}${quote} · *${CONTRADICTION_HEURISTIC}*`;
  } catch {
    return '';
  }
}

const UNKNOWN = 0;
const NO = 1;
const YES = 2;
/** Set once a record's judgments are in `totals` (a record noted from the record view is flagged, not counted). */
const COUNTED = 4;

/**
 * Per record of a session: does any judgment's rationale argue for the other response? Computed on
 * demand, in time slices. Two bits a record, plus the running counts of every record checked, so the
 * file's `selfContradicted` (as `stats` counts it, per judgment) costs no second pass.
 */
export class ContradictionCache {
  private static readonly caches = new WeakMap<DatasetSession, ContradictionCache>();
  private values: Uint8Array;
  private readonly totals: SelfContradictionCounts = emptySelfContradiction();
  private counted = 0;

  private constructor(private readonly session: DatasetSession) {
    this.values = new Uint8Array(session.count);
  }

  static for(session: DatasetSession): ContradictionCache {
    let cache = this.caches.get(session);
    if (!cache || cache.values.length < session.count) {
      cache = new ContradictionCache(session);
      this.caches.set(session, cache);
    }
    return cache;
  }

  /** True / false when checked, undefined when not yet. */
  get(index: number): boolean | undefined {
    const v = (this.values[index] ?? UNKNOWN) & 3;
    return v === YES ? true : v === NO ? false : undefined;
  }

  /** Records the result for a record read for another reason (the record view). */
  note(index: number, contradicts: boolean): void {
    if (index < this.values.length) this.values[index] = ((this.values[index] as number) & COUNTED) | (contradicts ? YES : NO);
  }

  /** Checks the records of `indexes` not counted yet, yielding every ~30 ms; stops when `signal` aborts. */
  async compute(indexes: ArrayLike<number>, signal: AbortSignal, onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
    await forEachTimeSliced(indexes, signal, onProgress, async (i) => {
      if (i >= this.values.length || (this.values[i] as number) & COUNTED) return;
      let record: EvalRecord;
      try {
        record = await this.session.record(i);
      } catch {
        this.values[i] = NO; // changed on disk: a reload follows (and a new cache)
        return;
      }
      const counts = emptySelfContradiction();
      addSelfContradictions(counts, record);
      mergeSelfContradictions(this.totals, counts);
      this.counted++;
      this.values[i] = COUNTED | (counts.contradicted > 0 ? YES : NO);
    });
  }

  /**
   * The whole file's figure (`stats`' `selfContradicted`: per judgment, overall and label-correct),
   * checking the records not counted yet; null while the session is still indexing or when aborted.
   */
  async selfContradicted(signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<SelfContradicted | null> {
    if (this.session.loading) return null;
    const all = new Uint32Array(this.values.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    await this.compute(all, signal, onProgress);
    if (signal.aborted || this.counted < this.values.length) return null;
    return summarizeSelfContradictions(this.totals);
  }
}
