/**
 * A file's sample figures (issue 24): the `samples` object of `stats` (table and --json), the same
 * for the Inspector. Each figure states what it counts over; an undefined one says why. Records
 * here are sample sets (see model.ts); `test/oracle/samples.py` computes every figure independently.
 */
import type { Interval } from '../statistics/interval';
import { wilson } from '../statistics/interval';
import type { Label } from '../record/record';
import { UNSTABLE_FLIP_RATE, countVerdicts, isUnstable, majorityOf, majorityOfFirst, recordSampleFigures, spuriousInMost } from './figures';
import type { SampleFacts, SampleSet } from './model';

export interface SampleFigure {
  /** Null when undefined: `reason` says why. */
  readonly value: number | null;
  /** What was counted (absent for a mean). */
  readonly count?: number;
  readonly denominator: number;
  /** What the denominator counts, in words. */
  readonly over: string;
  readonly reason?: string;
}

interface FleissKappa {
  readonly value: number | null;
  /** The k of the records it is computed over (the most common k of 2 or more; null: none). */
  readonly k: number | null;
  /** Records with that k and at least two parsed verdicts, and the parsed verdicts among them. */
  readonly records: number;
  readonly ratings: number;
  /** Records left out: another k, or fewer than two parsed verdicts. */
  readonly leftOut: number;
  readonly reason?: string;
}

interface ReliabilityPoint {
  readonly k: number;
  /** Records whose majority over their first k samples equals their majority over all (two "none" are equal). */
  readonly agreement: number | null;
  readonly count: number;
  readonly denominator: number;
}

export interface FileSampleFigures {
  readonly records: number;
  readonly samples: number;
  readonly samplesPerRecord: { readonly min: number; readonly median: number; readonly max: number } | null;
  readonly meanFlipRate: SampleFigure;
  readonly flipRateAbove20: SampleFigure;
  readonly labelAccuracyPerSample: SampleFigure;
  readonly labelAccuracyMajority: SampleFigure;
  readonly sCorrPerSample: SampleFigure & { readonly interval: Interval | null };
  readonly sCorrMajority: SampleFigure;
  readonly fleissKappa: FleissKappa;
  readonly reliability: readonly ReliabilityPoint[];
  /** How something was counted where a reader could expect otherwise. */
  readonly notes: readonly string[];
  /** Present when some record is a synthesis over parallel trajectories (PaCoRe); see synthesisFigures. */
  readonly synthesis?: SynthesisFigures;
}

/**
 * Records that are a synthesis over parallel trajectories: their samples (k, flip rate, the per-sample
 * and majority figures above) are the trajectories, and the record's verdict (the file's L-Acc, S-Corr
 * and F-Score) is the synthesis's.
 * - `labelAccuracy`: syntheses whose verdict equals the gold / records with a synthesis and a gold label;
 * - `agreesWithMajority`: syntheses whose verdict equals their trajectories' majority / records with a
 *   synthesis whose trajectories have a majority;
 * - `overrulesMajority`: of the records whose trajectory majority is label-wrong (or none) and that have
 *   a gold label, the share whose synthesis is label-correct.
 */
interface SynthesisFigures {
  readonly records: number;
  readonly labelAccuracy: SampleFigure;
  readonly agreesWithMajority: SampleFigure;
  readonly overrulesMajority: SampleFigure;
}

function synthesisFigures(sets: readonly SampleSet<SampleFacts>[]): SynthesisFigures | null {
  let records = 0;
  let withGold = 0;
  let correct = 0;
  let withMajority = 0;
  let agrees = 0;
  let majorityWrong = 0;
  let overruled = 0;
  for (const set of sets) {
    const synthesis = set.synthesis;
    if (!synthesis) continue;
    records++;
    const majority = majorityOf(countVerdicts(set.samples.map((x) => x.verdict)));
    if (majority !== null) {
      withMajority++;
      if (synthesis.verdict === majority) agrees++;
    }
    if (set.goldLabel === null) continue;
    withGold++;
    if (synthesis.verdict === set.goldLabel) correct++;
    if (majority !== set.goldLabel) {
      majorityWrong++;
      if (synthesis.verdict === set.goldLabel) overruled++;
    }
  }
  if (records === 0) return null;
  return {
    records,
    labelAccuracy: figureOf(correct, withGold, 'records with a synthesis and a gold label', 'no record with a synthesis has a gold label'),
    agreesWithMajority: figureOf(agrees, withMajority, "records with a synthesis whose trajectories have a majority", 'no record with a synthesis has a trajectory majority'),
    overrulesMajority: figureOf(overruled, majorityWrong, 'records with a synthesis whose trajectory majority is label-wrong or none', "every record's trajectory majority is label-correct (or no gold label)"),
  };
}

/** count / denominator, or null with the reason when the denominator is 0. */
export function figureOf(count: number, denominator: number, over: string, undefinedReason: string): SampleFigure {
  return denominator > 0 ? { value: count / denominator, count, denominator, over } : { value: null, count, denominator, over, reason: undefinedReason };
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Fleiss' kappa over A/B/tie on the records with the most common k (of 2 or more; on a tie the larger
 * k), unparsed verdicts left out, so a record may have fewer than k ratings: P_i is the share of
 * agreeing ordered pairs among its own n_i ratings (records with n_i < 2 left out), p_j the share of
 * category j among all ratings kept, κ = (mean P_i − Σ p_j²) / (1 − Σ p_j²). With no unparsed
 * verdict this is Fleiss' kappa exactly.
 */
function fleissKappa(sets: readonly { readonly samples: readonly SampleFacts[] }[]): FleissKappa {
  const byK = new Map<number, number>();
  for (const s of sets) if (s.samples.length >= 2) byK.set(s.samples.length, (byK.get(s.samples.length) ?? 0) + 1);
  let k: number | null = null;
  for (const [size, n] of byK) if (k === null || n > (byK.get(k) as number) || (n === byK.get(k) && size > k)) k = size;
  if (k === null) return { value: null, k: null, records: 0, ratings: 0, leftOut: sets.length, reason: 'no record has two samples or more' };
  let subjects = 0;
  let ratings = 0;
  let sumP = 0;
  const totals = [0, 0, 0];
  for (const s of sets) {
    if (s.samples.length !== k) continue;
    const c = countVerdicts(s.samples.map((x) => x.verdict));
    const n = c.A + c.B + c.tie;
    if (n < 2) continue;
    subjects++;
    ratings += n;
    sumP += (c.A * (c.A - 1) + c.B * (c.B - 1) + c.tie * (c.tie - 1)) / (n * (n - 1));
    totals[0]! += c.A;
    totals[1]! += c.B;
    totals[2]! += c.tie;
  }
  const base = { k, records: subjects, ratings, leftOut: sets.length - subjects };
  if (subjects === 0) return { value: null, ...base, reason: `no record with ${k} samples has two parsed verdicts or more` };
  const pe = totals.reduce((acc, t) => acc + (t / ratings) ** 2, 0);
  if (pe >= 1) return { value: null, ...base, reason: 'every parsed verdict is the same, so chance agreement is 1 and kappa is undefined' };
  return { value: (sumP / subjects - pe) / (1 - pe), ...base };
}

export function fileSampleFigures(sets: readonly SampleSet<SampleFacts>[]): FileSampleFigures {
  const notes: string[] = [];
  const sizes = sets.map((s) => s.samples.length).sort((a, b) => a - b);
  const samples = sizes.reduce((a, b) => a + b, 0);
  let flipSum = 0;
  let flipRecords = 0;
  let above20 = 0;
  let sampleCorrect = 0;
  let samplesWithGold = 0;
  let withGold = 0;
  let majorityCorrect = 0;
  let aligned = 0;
  let misaligned = 0;
  let judgedOnWrong = 0;
  let majorityJudged = 0;
  let majoritySpurious = 0;
  for (const set of sets) {
    const f = recordSampleFigures(set);
    if (f.flipRate !== null) {
      flipRecords++;
      flipSum += f.flipRate;
      if (isUnstable(f, UNSTABLE_FLIP_RATE)) above20++;
    }
    sampleCorrect += f.labelCorrect;
    aligned += f.judgedLabelCorrect - f.misalignedLabelCorrect;
    misaligned += f.misalignedLabelCorrect;
    for (const s of set.samples) {
      const wrong = set.goldLabel === null || s.verdict !== set.goldLabel;
      if (wrong && (s.fidelityVerdict === 'Correct' || s.fidelityVerdict === 'Incorrect')) judgedOnWrong++;
    }
    if (set.goldLabel !== null) {
      withGold++;
      samplesWithGold += f.k;
      if (f.majority === set.goldLabel) {
        majorityCorrect++;
        if (f.judgedLabelCorrect > 0) {
          majorityJudged++;
          if (spuriousInMost(f)) majoritySpurious++;
        }
      }
    }
  }
  if (judgedOnWrong > 0) {
    notes.push(`${judgedOnWrong} fidelity verdict${judgedOnWrong === 1 ? ' sits' : 's sit'} on label-wrong samples and ${judgedOnWrong === 1 ? 'is' : 'are'} left out of sCorrPerSample (R-Align's S-Corr counts every verdict in the file)`);
  }
  const noGold = 'no record has a gold label';
  const labelAccuracyPerSample = withGold === 0 ? { value: null, count: 0, denominator: samples, over: 'samples', reason: noGold } : figureOf(sampleCorrect, samples, 'samples', 'the file has no samples');
  if (withGold > 0 && samplesWithGold < samples) notes.push(`${samples - samplesWithGold} samples belong to records without a gold label: they count in labelAccuracyPerSample's denominator (as L-Acc counts such records)`);
  const judged = aligned + misaligned;
  const synthesis = synthesisFigures(sets);
  if (synthesis) notes.push(`${synthesis.records} record${synthesis.records === 1 ? ' is a synthesis' : 's are syntheses'} over parallel trajectories: their samples here are the trajectories; the record's verdict (L-Acc, S-Corr and F-Score of the file) is the synthesis's`);
  return {
    records: sets.length,
    samples,
    samplesPerRecord: sizes.length ? { min: sizes[0] as number, median: median(sizes), max: sizes[sizes.length - 1] as number } : null,
    meanFlipRate: flipRecords ? { value: flipSum / flipRecords, denominator: flipRecords, over: 'records' } : { value: null, denominator: 0, over: 'records', reason: 'the file has no samples' },
    flipRateAbove20: figureOf(above20, flipRecords, 'records', 'the file has no samples'),
    labelAccuracyPerSample,
    labelAccuracyMajority: figureOf(majorityCorrect, withGold, 'records with a gold label', noGold),
    sCorrPerSample: {
      ...figureOf(misaligned, judged, 'label-correct samples with a fidelity verdict (Correct or Incorrect)', withGold === 0 ? noGold : 'no label-correct sample has a fidelity verdict'),
      // 1 − Correct/judged, as metrics.ts computes S-Corr: a one-sample file gives the very same number.
      ...(judged > 0 ? { value: 1 - aligned / judged } : {}),
      interval: wilson(misaligned, judged),
    },
    sCorrMajority: figureOf(majoritySpurious, majorityJudged, 'records whose majority verdict is label-correct with at least one judged label-correct sample', withGold === 0 ? noGold : 'no record with a label-correct majority has a judged label-correct sample'),
    fleissKappa: fleissKappa(sets),
    reliability: reliability(sets),
    notes,
    ...(synthesis ? { synthesis } : {}),
  };
}

/** For k' = 1, 3, 5, … up to the smallest k: records whose majority over their first k' samples equals their majority over all. */
function reliability(sets: readonly { readonly samples: readonly SampleFacts[] }[]): ReliabilityPoint[] {
  if (sets.length === 0) return [];
  let smallest = Number.POSITIVE_INFINITY;
  for (const s of sets) smallest = Math.min(smallest, s.samples.length);
  const full: (Label | null)[] = sets.map((s) => majorityOfFirst(s.samples, s.samples.length));
  const out: ReliabilityPoint[] = [];
  for (let k = 1; k <= smallest; k += 2) {
    let same = 0;
    sets.forEach((s, i) => {
      if (majorityOf(countVerdicts(s.samples.slice(0, k).map((x) => x.verdict))) === full[i]) same++;
    });
    out.push({ k, agreement: same / sets.length, count: same, denominator: sets.length });
  }
  return out;
}
