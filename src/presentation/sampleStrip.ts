/**
 * A record's sample set as the Inspector's strip shows it (issue 24): every sample of the rows of the
 * set (the file's rows repeating the record's id and comparison, a row's own votes) and the samples
 * re-query ×k journaled for them, each with its verdict, order, label-correctness, fidelity standing
 * and its rationale aligned with the gold judgment; the figures are the core's (src/core/samples).
 * A row that is a synthesis over parallel trajectories (PaCoRe) is shown as named parts: its
 * trajectories are the samples ("trajectory 1…n") and the synthesis, the record's final judgment, is
 * `synthesis` (part "synthesis"), apart from the figures.
 * Pure: no `vscode`.
 */
import { alignRationale } from '../core/align';
import type { JournaledSample } from '../core/llm/sampleJournal';
import { sampleJudgment } from '../core/llm/sampling';
import type { EvalRecord, Fidelity, FidelityVerdict, Judgment, Label, PresentationOrder, Verdict } from '../core/record/record';
import { recordSampleFigures } from '../core/samples/figures';
import { samplesOfRow } from '../core/samples/model';
import type { SampleChipView, SampleFidelity, SampleStripView } from '../protocol/messages';
import { toAlignmentView } from './alignment';
import { cut, goldText } from './snapshotViews';

/** The chips shown (the figures count every sample). */
export const MAX_CHIPS = 256;
/** Samples aligned with the gold per record view (each within its own time bound); the rest show their text unaligned. */
const MAX_ALIGNED = 64;

interface StripSample {
  readonly source: 'file' | 'journal';
  readonly sampleNumber: number | null;
  readonly recordIndex: number;
  readonly judgment: Judgment | null;
  readonly verdict: Verdict;
  readonly order: PresentationOrder;
  readonly fidelityVerdict: FidelityVerdict | null;
  readonly error: string | null;
  readonly model: string | null;
  /** "trajectory 2" for a row that is a synthesis over trajectories; null otherwise. */
  readonly part: string | null;
}

function standing(v: FidelityVerdict | null): SampleFidelity {
  if (v === 'Correct') return 'aligned';
  if (v === 'Incorrect') return 'spurious';
  if (v === 'CallFail' || v === 'ParseFail') return 'failed';
  return 'unjudged';
}

/** One row of the set: the record itself and the fidelity verdict in force on it. */
export interface SetRow {
  readonly record: EvalRecord;
  readonly fidelity: Fidelity | null;
  readonly journaled: readonly JournaledSample[];
}

function samplesOf(rows: readonly SetRow[]): StripSample[] {
  const out: StripSample[] = [];
  for (const row of rows) {
    const trajectories = row.record.samplesAre === 'trajectories';
    for (const s of samplesOfRow(row.record, row.fidelity)) {
      out.push({ source: 'file', sampleNumber: null, recordIndex: row.record.index, judgment: s.judgment, verdict: s.verdict, order: s.order, fidelityVerdict: s.fidelityVerdict, error: null, model: s.judgment?.model ?? null, part: trajectories ? `trajectory ${s.slot + 1}` : null });
    }
    for (const j of row.journaled) {
      const judgment = j.raw === null ? null : sampleJudgment({ raw: j.raw, reasoning: j.reasoning, pred: j.pred, order: j.order, model: j.model, sample: j.sample });
      out.push({ source: 'journal', sampleNumber: j.sample, recordIndex: row.record.index, judgment, verdict: judgment?.verdict ?? null, order: j.order, fidelityVerdict: j.fidelity?.verdict ?? null, error: j.error, model: j.model || null, part: null });
    }
  }
  return out;
}

/**
 * The strip of the set whose rows are given (the shown record first or not, in file order), or null
 * when the set is one sample: such a record is shown exactly as before.
 */
export function buildSampleStrip(rows: readonly SetRow[], truncated: string[], deadlineMs = 120): SampleStripView | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const samples = samplesOf(rows);
  if (samples.length <= 1) return undefined;
  const goldLabel: Label | null = first.record.goldLabel;
  const figures = recordSampleFigures({ goldLabel, samples });
  const gold = goldText(first.record);
  const chip = (s: StripSample, n: number, aligned: boolean): SampleChipView => {
    const name = s.part ?? `sample ${n}`;
    const rationale = s.judgment ? cut(s.judgment.rationale, `${name}'s rationale`, truncated) : '';
    const thinking = s.judgment?.thinking ? cut(s.judgment.thinking, `${name}'s thinking`, truncated) : null;
    const alignment =
      gold !== null && rationale && aligned
        ? toAlignmentView({ judgment: 0, against: 'gold', alignment: alignRationale({ gold, rationale, goldOrder: 'original', rationaleOrder: 'original', goldLabel }, { deadlineMs }) })
        : null;
    return {
      n,
      source: s.source,
      sampleNumber: s.sampleNumber,
      recordIndex: s.recordIndex,
      verdict: s.verdict,
      order: s.order,
      labelCorrect: goldLabel === null ? null : s.verdict === goldLabel,
      fidelity: standing(s.fidelityVerdict),
      part: s.part,
      model: s.model,
      rationale,
      thinking,
      error: s.error,
      alignment,
    };
  };
  const chips: SampleChipView[] = samples.slice(0, MAX_CHIPS).map((s, i) => chip(s, i + 1, i < MAX_ALIGNED));
  // A synthesis over trajectories: the record's final judgment, shown apart after its trajectories (numbered after the samples).
  const row = rows.find((r) => r.record.samplesAre === 'trajectories');
  const judgment = row?.record.judgments[0] ?? null;
  const synthesis = row
    ? chip({ source: 'file', sampleNumber: null, recordIndex: row.record.index, judgment, verdict: judgment?.verdict ?? null, order: judgment?.order ?? 'original', fidelityVerdict: row.fidelity?.verdict ?? null, error: judgment ? null : 'the row has no synthesis', model: judgment?.model ?? null, part: 'synthesis' }, chips.length + 1, true)
    : null;
  return {
    k: figures.k,
    counts: figures.counts,
    majority: figures.majority,
    agreement: figures.agreement,
    flipRate: figures.flipRate,
    labelCorrectShare: figures.labelCorrectShare,
    misalignedShare: figures.misalignedShare,
    samples: chips,
    more: Math.max(0, samples.length - MAX_CHIPS),
    synthesis,
  };
}
