/**
 * The rationale-vs-verdict check (core/why/verdictArgument.ts, a heuristic) as the editor shows it:
 * per record (any of its judgments or samples contradicting), cached per session for the list
 * filter and the Problems panel, and the hover's line. Pure: no `vscode`.
 */
import type { DatasetSession } from '../core/session/session';
import type { EvalRecord, Judgment } from '../core/record/record';
import { checkJudgment, type VerdictArgument } from '../core/why/verdictArgument';
import { escapeMarkdown } from './markdownText';
import { forEachTimeSliced } from './timeSliced';

export const CONTRADICTION_HEURISTIC = 'heuristic: a reading of the rationale\u2019s praise, blame, concessions and stated preference, not a verdict';

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

/** Per record of a session: does any judgment's rationale argue for the other response? Computed on demand, in time slices. */
export class ContradictionCache {
  private static readonly caches = new WeakMap<DatasetSession, ContradictionCache>();
  private values: Uint8Array;

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
    const v = this.values[index];
    return v === YES ? true : v === NO ? false : undefined;
  }

  /** Records the result for a record read for another reason (the record view). */
  note(index: number, contradicts: boolean): void {
    if (index < this.values.length) this.values[index] = contradicts ? YES : NO;
  }

  /** Checks the records of `indexes` not checked yet, yielding every ~30 ms; stops when `signal` aborts. */
  async compute(indexes: ArrayLike<number>, signal: AbortSignal, onProgress: (done: number, total: number) => void = () => undefined): Promise<void> {
    await forEachTimeSliced(indexes, signal, onProgress, async (i) => {
      if (this.values[i] !== UNKNOWN) return;
      let found = false;
      try {
        found = firstContradiction(await this.session.record(i)) !== null;
      } catch {
        found = false; // changed on disk: a reload follows
      }
      this.values[i] = found ? YES : NO;
    });
  }
}
