/**
 * Claim alignment for the record view and the coverage sort. Runs in the extension host; the
 * coverage figure is a heuristic estimate, labelled as such in the view and never part of S-Corr.
 */
import type { AlignInput, Alignment } from '../core/align';
import { alignRationale } from '../core/align';
import { coverageArithmetic, tierLabel } from '../core/align/explain';
import type { AlignmentTarget } from '../core/align/alignTarget';
import { ALIGNMENT_DEADLINE_MS, alignmentTargets, headlineTarget } from '../core/align/alignTarget';
import type { EvalRecord } from '../core/record/record';
import type { DatasetSession } from '../core/session/session';
import type { AlignmentView, ClaimView, DiffView, PairView } from '../protocol/messages';
import { forEachTimeSliced } from './timeSliced';

export interface AlignmentTask {
  judgment: number;
  against: 'gold' | 'original';
  alignment: Alignment;
}

export interface AlignmentInput {
  judgment: number;
  against: 'gold' | 'original';
  input: AlignInput;
}

function inputOf(t: AlignmentTarget): AlignmentInput {
  return { judgment: t.judgment, against: t.reference.kind === 'gold' ? 'gold' : 'original', input: t.input };
}

/** Each judgment that has a target, with what it is aligned against (core/align/alignTarget.ts decides). */
export function alignmentInputs(record: EvalRecord): AlignmentInput[] {
  return alignmentTargets(record).map(inputOf);
}

function task(t: AlignmentInput): AlignmentTask {
  return { judgment: t.judgment, against: t.against, alignment: alignRationale(t.input, { deadlineMs: ALIGNMENT_DEADLINE_MS }) };
}

function diffViews(a: Alignment['pairs'][number]): DiffView[] {
  const out: DiffView[] = [];
  for (const d of a.diff) {
    if (d.kind === 'removed' && d.goldStart !== undefined && d.goldEnd !== undefined) out.push({ kind: 'removed', start: d.goldStart, end: d.goldEnd });
    else if (d.kind === 'added' && d.rationaleStart !== undefined && d.rationaleEnd !== undefined) out.push({ kind: 'added', start: d.rationaleStart, end: d.rationaleEnd });
  }
  return out;
}

export function toAlignmentView(t: AlignmentTask): AlignmentView {
  const a = t.alignment;
  const claim = (c: Alignment['gold'][number]): ClaimView => ({ start: c.start, end: c.end, cls: c.class, match: c.match });
  const pairs: PairView[] = a.pairs.map((p) => ({ gold: p.gold, rationale: p.rationale, primary: p.primary, conflict: p.conflict, diff: diffViews(p) }));
  return {
    judgment: t.judgment,
    against: t.against,
    coverage: a.coverage,
    estimate: a.estimate,
    threshold: a.threshold,
    gold: a.gold.map(claim),
    rationale: a.rationale.map(claim),
    pairs,
    skippedGold: a.skipped.gold.map((s) => ({ start: s.start, end: s.end })),
    skippedRationale: a.skipped.rationale.map((s) => ({ start: s.start, end: s.end })),
    truncated: a.truncated,
    disclaimer: a.disclaimer,
    tier: tierLabel(a.tier, (a as { cached?: boolean }).cached ?? false),
    arithmetic: coverageArithmetic(a),
  };
}

export function alignmentViews(record: EvalRecord): AlignmentView[] {
  return alignmentInputs(record).map((t) => toAlignmentView(task(t)));
}

/** The record's headline alignment (core/align/alignTarget.ts): the list's coverage column and the hover show it. */
export function headlineAlignment(record: EvalRecord): AlignmentTask | null {
  const target = headlineTarget(record);
  return target ? task(inputOf(target)) : null;
}

/** The record's headline coverage: the primary judgment against the gold, else swapped against original. */
export function coverageOf(record: EvalRecord): number | null {
  return headlineAlignment(record)?.alignment.coverage ?? null;
}

const UNKNOWN = Number.NaN;
const NONE = -1;

/**
 * Coverage per record, computed on demand and cached for the session's lifetime (a reload makes a
 * new session and so a fresh cache). Float32 per record: 4 MB for a million records.
 */
export class CoverageCache {
  private static readonly caches = new WeakMap<DatasetSession, CoverageCache>();
  private values: Float32Array;

  private constructor(private readonly session: DatasetSession) {
    this.values = new Float32Array(session.count).fill(UNKNOWN);
  }

  static for(session: DatasetSession): CoverageCache {
    let cache = this.caches.get(session);
    if (!cache || cache.values.length < session.count) {
      cache = new CoverageCache(session);
      this.caches.set(session, cache);
    }
    return cache;
  }

  /** Cached coverage; undefined when not computed yet. */
  get(index: number): number | null | undefined {
    const v = this.values[index];
    if (v === undefined || Number.isNaN(v)) return undefined;
    return v === NONE ? null : v;
  }

  /**
   * Computes the missing coverages of `indexes` in time slices (the host stays responsive),
   * reporting progress; stops early when `signal` aborts.
   */
  async compute(indexes: ArrayLike<number>, signal: AbortSignal, onProgress: (done: number, total: number) => void): Promise<void> {
    await forEachTimeSliced(indexes, signal, onProgress, async (i) => {
      if (this.get(i) !== undefined) return;
      let value: number | null = null;
      try {
        value = coverageOf(await this.session.record(i));
      } catch {
        // The file changed under the session (a reload follows) or the record is malformed: no value.
        value = null;
      }
      this.values[i] = value === null ? NONE : value;
    });
  }

  /** Sorts by coverage; records without a coverage go last either way. */
  sort(indexes: number[], order: 'coverage-asc' | 'coverage-desc'): number[] {
    const sign = order === 'coverage-asc' ? 1 : -1;
    return indexes.sort((a, b) => {
      const ca = this.get(a);
      const cb = this.get(b);
      const na = ca === null || ca === undefined;
      const nb = cb === null || cb === undefined;
      if (na || nb) return na === nb ? a - b : na ? 1 : -1;
      return sign * (ca - cb) || a - b;
    });
  }
}
