/**
 * A session's sample sets (issue 24) as the editor uses them: which rows form one record's sample
 * set, each set's figures, and the file's — all from the core's definitions (src/core/samples), so
 * the Inspector's header, list filters, sort and the status bar say what `stats` says.
 *
 * Grouping needs the comparison's text (id, prompt and responses), which the compact index does not
 * keep: the file is read once more, only when a set may exist (an id of a row's own repeats, a row
 * holds several samples, or an Inspect log whose epochs share a sample id), and again after the
 * verdicts in force change (a mark, a judge run). A file of single samples costs nothing. Pure: no `vscode`.
 */
import type { RecordSampleFigures, SampleFilter } from '../core/samples/figures';
import { SAMPLE_FILTERS, UNSTABLE_FLIP_RATE, matchesSampleFilter, recordSampleFigures } from '../core/samples/figures';
import type { SampleFigure } from '../core/samples/fileFigures';
import type { SamplesReport } from '../core/samples/fileSamples';
import { groupingId, hashesRepeat, idHash, samplesReportOf } from '../core/samples/fileSamples';
import type { SampleSet } from '../core/samples/model';
import { SampleSetGrouper } from '../core/samples/model';
import { lineId } from '../core/formats/adapter';
import type { DatasetSession } from '../core/session/session';
import type { EvalRecord } from '../core/record/record';
import type { SampleFigureView, SamplesSummaryView } from '../protocol/messages';

export interface SessionSampleSets {
  /** The `samples` object of `stats` (without VL-RewardBench's cal.py replay, which the CLI adds). */
  readonly report: SamplesReport;
  readonly sets: readonly SampleSet[];
  /** Per set, in the order of `sets`. */
  readonly figures: readonly RecordSampleFigures[];
  /** Per record index: its set's ordinal. */
  readonly setOf: Int32Array;
}

/** Whether the session's file may hold a set of several samples (cheap: the compact index's ids and flags). */
export function mayHaveSampleSets(session: DatasetSession): boolean {
  if (session.hasRowSamples || session.dataset.packing === 'zip') return true;
  // 8 bytes an id (a 53-bit hash, as `stats` does), not the ids themselves: a collision only costs a pass that finds no set.
  const hashes = new Float64Array(session.count);
  let n = 0;
  for (let i = 0; i < session.count; i++) {
    const row = session.row(i);
    // An id too long for the index to keep may repeat: read the file to know.
    if (row.id === null) return true;
    if (row.id !== lineId(row.line)) hashes[n++] = idHash(row.id);
  }
  return hashesRepeat(hashes.subarray(0, n));
}

/** Groups the session's rows into sample sets with the verdicts in force; null when every record is one sample. */
export async function readSessionSampleSets(session: DatasetSession, signal?: AbortSignal): Promise<SessionSampleSets | null> {
  if (!mayHaveSampleSets(session)) return null;
  const grouper = new SampleSetGrouper({ keyId: groupingId(session.dataset) });
  const setOf = new Int32Array(session.count).fill(-1);
  for await (const record of session.records(signal)) {
    const ordinal = grouper.add(record, session.fidelityOf(record.index));
    if (record.index < setOf.length) setOf[record.index] = ordinal;
  }
  const report = samplesReportOf(grouper, null);
  if (!report) return null;
  const sets = grouper.sets();
  return { report, sets, figures: sets.map((s) => recordSampleFigures(s)), setOf };
}

/** Per session: the sets once computed, dropped when the session changes (verdicts in force, the file). */
export class SampleSetsCache {
  private static readonly caches = new WeakMap<DatasetSession, SampleSetsCache>();
  private pending: Promise<SessionSampleSets | null> | null = null;
  private value: SessionSampleSets | null | undefined = undefined;
  private generation = 0;

  private constructor(private readonly session: DatasetSession) {
    session.onDidChange(() => {
      this.generation++;
      this.pending = null;
      this.value = undefined;
    });
  }

  static for(session: DatasetSession): SampleSetsCache {
    let cache = this.caches.get(session);
    if (!cache) {
      cache = new SampleSetsCache(session);
      this.caches.set(session, cache);
    }
    return cache;
  }

  /** The sets when computed and current; null: the file has none; undefined: not known yet. */
  get current(): SessionSampleSets | null | undefined {
    return this.value;
  }

  /** Computes the sets once per generation (a loading session: none yet, its rows are still coming). */
  compute(): Promise<SessionSampleSets | null> {
    if (this.session.loading) return Promise.resolve(null);
    if (this.value !== undefined) return Promise.resolve(this.value);
    if (this.pending) return this.pending;
    const generation = this.generation;
    const pending = readSessionSampleSets(this.session).then((sets) => {
      if (generation === this.generation) this.value = sets;
      return sets;
    });
    this.pending = pending;
    pending.catch(() => {
      if (this.pending === pending) this.pending = null;
    });
    return pending;
  }
}

/** The records of each filter: sets whose figures pass it. */
function filterCounts(s: SessionSampleSets, threshold: number): Record<SampleFilter, number> {
  const out = { unstable: 0, 'majority-spurious': 0, 'sometimes-correct': 0 } as Record<SampleFilter, number>;
  s.figures.forEach((f, i) => {
    const gold = s.sets[i]?.goldLabel ?? null;
    for (const filter of SAMPLE_FILTERS) if (matchesSampleFilter(filter, f, gold, threshold)) out[filter]++;
  });
  return out;
}

function figureView(f: SampleFigure): SampleFigureView {
  return { value: f.value, count: f.count ?? null, denominator: f.denominator, over: f.over, reason: f.reason ?? null };
}

/** The header's and the status bar's sample figures (the `stats` samples object's, and the filters' counts). */
export function samplesSummaryView(s: SessionSampleSets, threshold = UNSTABLE_FLIP_RATE): SamplesSummaryView {
  const r = s.report;
  const iv = r.sCorrPerSample.interval;
  return {
    records: r.records,
    samples: r.samples,
    k: r.samplesPerRecord ?? { min: 0, median: 0, max: 0 },
    threshold,
    meanFlipRate: figureView(r.meanFlipRate),
    flipRateAbove20: figureView(r.flipRateAbove20),
    lAccPerSample: figureView(r.labelAccuracyPerSample),
    lAccMajority: figureView(r.labelAccuracyMajority),
    sCorrPerSample: { ...figureView(r.sCorrPerSample), low: iv ? iv[0] : null, high: iv ? iv[1] : null },
    sCorrMajority: figureView(r.sCorrMajority),
    filters: filterCounts(s, threshold),
  };
}

/**
 * The rows a sample filter keeps, in the order given: each row whose set passes, one row per set
 * (the first given), so the list counts records in the figures' sense.
 */
export function filterBySamples(indexes: readonly number[], s: SessionSampleSets, filter: SampleFilter, threshold: number): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  for (const i of indexes) {
    const set = s.setOf[i] ?? -1;
    if (set < 0 || seen.has(set)) continue;
    const f = s.figures[set];
    if (!f || !matchesSampleFilter(filter, f, s.sets[set]?.goldLabel ?? null, threshold)) continue;
    seen.add(set);
    out.push(i);
  }
  return out;
}

/** The record's set's flip rate (null: no set, or none computed). */
export function flipRateOf(s: SessionSampleSets | null | undefined, index: number): number | null {
  const set = s ? s.setOf[index] ?? -1 : -1;
  return set >= 0 ? s?.figures[set]?.flipRate ?? null : null;
}

/** Rows by their set's flip rate, highest first; equal rates (and rows of one set) keep their order, rows without a rate last. */
export function sortByFlipRate(indexes: readonly number[], s: SessionSampleSets): number[] {
  const rate = (i: number) => flipRateOf(s, i) ?? -1;
  return indexes
    .map((i, at) => ({ i, at, r: rate(i) }))
    .sort((a, b) => b.r - a.r || a.at - b.at)
    .map((x) => x.i);
}

/** The rows of record `index`'s sample set, in file order ([index] when it has none). */
function setRowsOf(s: SessionSampleSets | null, index: number): readonly number[] {
  const set = s ? s.setOf[index] ?? -1 : -1;
  return set >= 0 && s ? s.sets[set]?.records ?? [index] : [index];
}

/**
 * The rows of `record`'s sample set with the verdicts in force, in file order (`record` itself among
 * them, at most `max`), for the strip; null when the record is one sample or its set is one row.
 */
export async function setRowRecords(session: DatasetSession, record: EvalRecord, max: number): Promise<EvalRecord[] | null> {
  const rows = setRowsOf(await SampleSetsCache.for(session).compute(), record.index);
  if (rows.length <= 1) return null;
  const out: EvalRecord[] = [];
  for (const i of rows.slice(0, max)) out.push(i === record.index ? record : await session.record(i));
  return out;
}
