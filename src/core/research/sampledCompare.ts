/**
 * `compare` of two sampled runs (issue 24): each file's rows grouped into sample sets (a record in
 * the sense of the figures, see core/samples/model.ts), sets paired by record id, then
 * - the majority verdicts: L-Acc by majority in each run and the exact McNemar test on the records
 *   right by majority in one run only;
 * - the per-sample S-Corr: each run's figure (misaligned / judged label-correct samples) and a
 *   seeded paired bootstrap over the paired records of the difference b − a: its 95% interval and a
 *   two-sided p-value.
 *
 * Only when one of the two files has samples is this computed: `readRun` notes whether a row may
 * share its grouping id with another (4 bytes a row), and only then are both files read again to
 * group them. A pair of single-sample files gives exactly the comparison it gave before.
 *
 * The bootstrap, written so that test/oracle/samples_compare.py draws the very same resamples:
 * the paired records in a's file order (a's set order), n of them; mulberry32 from `seed`; each of
 * `resamples` resamples draws n records, the i-th `floor(random() * n)`; on a resample each run's
 * S-Corr is 1 − Σ aligned / Σ judged over the drawn records (undefined when Σ judged is 0, and the
 * resample is then left out); the interval is the 2.5th and 97.5th percentiles (numpy's linear
 * interpolation) of the sorted differences; p = min(1, 2 · min(#{δ ≤ 0}, #{δ ≥ 0}) / m) over the m
 * resamples kept (0 when no resample falls on the other side of zero: p < 1/m).
 */
import type { DatasetOptions } from '../dataset/dataset';
import { openDataset, readDataset } from '../dataset/dataset';
import type { SampleFigure } from '../samples/fileFigures';
import { figureOf } from '../samples/fileFigures';
import { groupingId } from '../samples/fileSamples';
import { recordSampleFigures } from '../samples/figures';
import type { SampleSet } from '../samples/model';
import { SampleSetGrouper, comparisonDigest } from '../samples/model';
import { mcnemarExact, mulberry32, percentile } from '../statistics/pairedTests';
import { pairByKey } from './pairByKey';
import { VerdictOverlay } from '../verdicts/verdictOverlay';

/** A file grouped into sample sets, with what the join needs of each set. */
interface SampledRun {
  readonly sets: readonly SampleSet[];
  /** Whether each set is grouped by an id of its own (else it is one row without an id). */
  readonly ownIds: readonly boolean[];
  readonly digests: readonly string[];
  /** Rows that repeat a set's id and content with another gold label (counted; the first row's label is kept). */
  readonly problemCount: number;
}

async function readSampledRun(path: string, options: DatasetOptions & { readonly overlays?: boolean } = {}): Promise<SampledRun> {
  const dataset = await openDataset(path, options);
  const overlay = options.overlays === false ? VerdictOverlay.empty() : await VerdictOverlay.load(dataset.path);
  const resolve = overlay.resolver();
  const keyId = groupingId(dataset);
  const grouper = new SampleSetGrouper({ keyId });
  const ownIds: boolean[] = [];
  const digests: string[] = [];
  for await (const event of readDataset(dataset, options)) {
    if (event.kind !== 'record') continue;
    const before = grouper.size;
    grouper.add(event.record, resolve(event.record));
    if (grouper.size > before) {
      ownIds.push(keyId(event.record) !== null);
      digests.push(comparisonDigest(event.record));
    }
  }
  return { sets: grouper.sets(), ownIds, digests, problemCount: grouper.problemCount };
}

export interface SampledSide {
  readonly records: number;
  readonly samples: number;
  readonly k: { readonly min: number; readonly max: number } | null;
}

export interface SampledComparison {
  readonly a: SampledSide;
  readonly b: SampledSide;
  readonly join: {
    readonly by: 'id' | 'content';
    readonly why: string;
    readonly matched: number;
    /** Records (sample sets) in one run only: left out of every figure below. */
    readonly onlyInA: number;
    readonly onlyInB: number;
    /** Paired by id, but the prompt or responses differ. */
    readonly contentMismatches: number;
    /** Paired records whose two runs give different gold labels (each run is scored against its own). */
    readonly goldMismatches: number;
  };
  readonly majority: {
    /** Records whose majority verdict equals the gold, over the paired records with a gold label in both runs. */
    readonly a: SampleFigure;
    readonly b: SampleFigure;
    readonly onlyACorrect: number;
    readonly onlyBCorrect: number;
    readonly mcnemarP: number;
    readonly test: string;
  };
  readonly sCorrPerSample: {
    /** Misaligned / judged label-correct samples of the paired records. */
    readonly a: SampleFigure;
    readonly b: SampleFigure;
    readonly delta: number | null;
    readonly ci: [number, number] | null;
    readonly p: number | null;
    /** Records resampled (the paired records) and resamples where both figures were defined. */
    readonly records: number;
    readonly usedResamples: number;
    readonly resamples: number;
    readonly seed: number;
    readonly method: string;
  };
}

function side(run: SampledRun): SampledSide {
  let samples = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const s of run.sets) {
    samples += s.samples.length;
    min = Math.min(min, s.samples.length);
    max = Math.max(max, s.samples.length);
  }
  return { records: run.sets.length, samples, k: run.sets.length ? { min, max } : null };
}

/** Pairs sets by id where every set of both runs has a unique id of its own; else by prompt and responses, the k-th copy to the k-th. */
function pairSampleSets(a: SampledRun, b: SampledRun): { by: 'id' | 'content'; why: string; pairs: [number, number][]; contentMismatches: number } {
  const unique = (r: SampledRun) => new Set(r.sets.map((s) => s.id)).size === r.sets.length;
  const own = (r: SampledRun) => r.ownIds.every(Boolean);
  const byId = own(a) && own(b) && unique(a) && unique(b);
  const keysA = byId ? a.sets.map((s) => s.id) : a.digests;
  const keysB = byId ? b.sets.map((s) => s.id) : b.digests;
  const { pairs, contentMismatches } = pairByKey(keysA, keysB, byId ? [a.digests, b.digests] : null);
  const why = byId ? 'every record of both files has an id of its own, once' : !own(a) || !own(b) ? `some record of ${!own(a) ? 'a' : 'b'} has no id of its own` : `${!unique(a) ? 'a' : 'b'} has two records with one id and different prompts or responses`;
  return { by: byId ? 'id' : 'content', why, pairs, contentMismatches };
}

export interface BootstrapOfSamples {
  readonly a: number | null;
  readonly b: number | null;
  readonly delta: number | null;
  readonly ci: [number, number] | null;
  readonly p: number | null;
  readonly used: number;
}

const sCorrOf = (aligned: number, judged: number) => (judged > 0 ? 1 - aligned / judged : null);

/**
 * The paired bootstrap of the per-sample S-Corr difference (see the file's comment for the rule).
 * `counts` holds four numbers a record: a's aligned and judged label-correct samples, then b's.
 */
export function sampleBootstrap(counts: Int32Array, resamples: number, seed: number): BootstrapOfSamples {
  const n = counts.length / 4;
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) sums[i % 4]! += counts[i] as number;
  const a = sCorrOf(sums[0]!, sums[1]!);
  const b = sCorrOf(sums[2]!, sums[3]!);
  const delta = a === null || b === null ? null : b - a;
  if (delta === null || n === 0) return { a, b, delta, ci: null, p: null, used: 0 };
  const random = mulberry32(seed);
  const deltas: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let alignedA = 0;
    let judgedA = 0;
    let alignedB = 0;
    let judgedB = 0;
    for (let i = 0; i < n; i++) {
      const at = 4 * Math.floor(random() * n);
      alignedA += counts[at] as number;
      judgedA += counts[at + 1] as number;
      alignedB += counts[at + 2] as number;
      judgedB += counts[at + 3] as number;
    }
    const sa = sCorrOf(alignedA, judgedA);
    const sb = sCorrOf(alignedB, judgedB);
    if (sa !== null && sb !== null) deltas.push(sb - sa);
  }
  if (deltas.length === 0) return { a, b, delta, ci: null, p: null, used: 0 };
  const sorted = Float64Array.from(deltas).sort();
  let atMost = 0;
  let atLeast = 0;
  for (const d of sorted) {
    if (d <= 0) atMost++;
    if (d >= 0) atLeast++;
  }
  return { a, b, delta, ci: [percentile(sorted, 0.025), percentile(sorted, 0.975)], p: Math.min(1, (2 * Math.min(atMost, atLeast)) / sorted.length), used: sorted.length };
}

const MAJORITY_TEST = 'exact McNemar: two-sided binomial(n, ½) on the records right by majority in one run only';

function compareSampledRuns(a: SampledRun, b: SampledRun, options: { readonly seed: number; readonly resamples: number }): SampledComparison {
  const join = pairSampleSets(a, b);
  let goldMismatches = 0;
  let withGold = 0;
  let rightA = 0;
  let rightB = 0;
  let onlyA = 0;
  let onlyB = 0;
  const counts = new Int32Array(4 * join.pairs.length);
  join.pairs.forEach(([i, j], p) => {
    const sa = a.sets[i] as SampleSet;
    const sb = b.sets[j] as SampleSet;
    if (sa.goldLabel !== sb.goldLabel) goldMismatches++;
    const fa = recordSampleFigures(sa);
    const fb = recordSampleFigures(sb);
    counts[4 * p] = fa.judgedLabelCorrect - fa.misalignedLabelCorrect;
    counts[4 * p + 1] = fa.judgedLabelCorrect;
    counts[4 * p + 2] = fb.judgedLabelCorrect - fb.misalignedLabelCorrect;
    counts[4 * p + 3] = fb.judgedLabelCorrect;
    if (sa.goldLabel === null || sb.goldLabel === null) return;
    withGold++;
    const ca = fa.majority === sa.goldLabel;
    const cb = fb.majority === sb.goldLabel;
    if (ca) rightA++;
    if (cb) rightB++;
    if (ca && !cb) onlyA++;
    if (cb && !ca) onlyB++;
  });
  const boot = sampleBootstrap(counts, options.resamples, options.seed);
  let judgedA = 0;
  let misalignedA = 0;
  let judgedB = 0;
  let misalignedB = 0;
  for (let p = 0; p < join.pairs.length; p++) {
    judgedA += counts[4 * p + 1] as number;
    misalignedA += (counts[4 * p + 1] as number) - (counts[4 * p] as number);
    judgedB += counts[4 * p + 3] as number;
    misalignedB += (counts[4 * p + 3] as number) - (counts[4 * p + 2] as number);
  }
  const over = 'label-correct samples with a fidelity verdict (Correct or Incorrect) of the paired records';
  const sCorr = (misaligned: number, judged: number, value: number | null): SampleFigure => ({ ...figureOf(misaligned, judged, over, 'no label-correct sample of the paired records has a fidelity verdict'), value });
  const overMajority = 'paired records with a gold label in both runs';
  const noGold = 'no paired record has a gold label in both runs';
  return {
    a: side(a),
    b: side(b),
    join: { by: join.by, why: join.why, matched: join.pairs.length, onlyInA: a.sets.length - join.pairs.length, onlyInB: b.sets.length - join.pairs.length, contentMismatches: join.contentMismatches, goldMismatches },
    majority: { a: figureOf(rightA, withGold, overMajority, noGold), b: figureOf(rightB, withGold, overMajority, noGold), onlyACorrect: onlyA, onlyBCorrect: onlyB, mcnemarP: mcnemarExact(onlyA, onlyB), test: MAJORITY_TEST },
    sCorrPerSample: {
      a: sCorr(misalignedA, judgedA, boot.a),
      b: sCorr(misalignedB, judgedB, boot.b),
      delta: boot.delta,
      ci: boot.ci,
      p: boot.p,
      records: join.pairs.length,
      usedResamples: boot.used,
      resamples: options.resamples,
      seed: options.seed,
      method: 'paired bootstrap over the paired records (mulberry32 from the seed; n draws of floor(random() × n) per resample); 95% percentile interval; p = min(1, 2 × the smaller share of resampled differences on either side of 0)',
    },
  };
}

/** Both files grouped and compared, when either may have samples (`readRun`'s `mayHaveSamples`); else null. */
export async function sampledComparisonOf(
  files: { readonly a: { readonly file: string; readonly mayHaveSamples: boolean }; readonly b: { readonly file: string; readonly mayHaveSamples: boolean } },
  options: DatasetOptions & { readonly overlays?: boolean },
  test: { readonly seed: number; readonly resamples: number },
): Promise<SampledComparison | null> {
  if (!files.a.mayHaveSamples && !files.b.mayHaveSamples) return null;
  const [a, b] = await Promise.all([readSampledRun(files.a.file, options), readSampledRun(files.b.file, options)]);
  // A hash collision only costs the second read: if no set has two samples, the files have none.
  if (!a.sets.some((s) => s.samples.length > 1) && !b.sets.some((s) => s.samples.length > 1)) return null;
  return compareSampledRuns(a, b, test);
}
