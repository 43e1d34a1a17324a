/**
 * trl-ralign's `eval_out/<bench>/predictions.jsonl` (gqBond/trl-ralign, `scripts/ralign/eval_benchmarks.py`):
 * `idx, category, gt_label, predicted_label, label_correct, generation` and, on a rationale-aware
 * run, `rationale_correct` (a bool) wherever the example had a golden rationale.
 *
 * Its scorer differs from R-Align's in three ways, all read here as the file records them:
 * - the meta-judge was asked about EVERY example with a golden rationale, label-wrong ones too
 *   (R-Align skips those: here they are `SkippedLabelMismatch`, with the file's verdict in a note);
 * - a failed or unparseable meta-judge call is written as `rationale_correct: false`, which the
 *   file cannot tell from Incorrect (counted as misaligned under both conventions, and said);
 * - it divides S-Corr and F-Score by ALL records (`trlFigures`), where R-Align divides S-Corr by the
 *   judged label-correct records and F-Score by the records whose call did not fail.
 * The prompt and the two responses are not in the file (only the judge's generation is).
 */
import type { Counts } from '../statistics/metrics';
import type { Fidelity, Label } from '../record/record';
import type { ConventionFigure, ConventionFigures } from '../scorers/conventions';
import { ratio } from '../scorers/conventions';
import { pythonFixed } from '../scorers/pythonFormat';
import type { FormatAdapter } from './adapter';
import { FieldReader, describe, hasKeys, idOf, isObject, makeJudgment, notAnObject, recordResult } from './adapter';
import { rAlignGold } from './ralign';

const TRL_RALIGN_CONVENTION = 'trl-ralign';
const TRL_RALIGN_SCORER = "trl-ralign's eval_benchmarks.py";

/** eval_benchmarks.py's `extract_label` returns "A", "B" or None: anything else is not its output. */
function predictedLabel(fields: FieldReader): Label | null {
  const raw = fields.obj.predicted_label;
  if (raw === 'A' || raw === 'B') return raw;
  if (raw !== null && raw !== undefined) fields.warn('predicted_label', `predicted_label is ${describe(raw)}, not "A", "B" or null: counted as an unparseable verdict`);
  return null;
}

function fidelityOf(fields: FieldReader, labelCorrect: boolean): Fidelity | null {
  const raw = fields.obj.rationale_correct;
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'boolean') {
    fields.warn('rationale_correct', `rationale_correct is ${describe(raw)}, not true or false: not counted`);
    return null;
  }
  if (!labelCorrect) {
    return { verdict: 'SkippedLabelMismatch', origin: 'file', note: `trl-ralign judged this label-wrong rationale anyway (rationale_correct: ${raw}); R-Align skips label-wrong records, and trl-ralign's figures do not count it either` };
  }
  return raw
    ? { verdict: 'Correct', origin: 'file' }
    : { verdict: 'Incorrect', origin: 'file', note: 'rationale_correct: false, which trl-ralign also writes for a failed or unparseable meta-judge call (the file cannot tell them apart)' };
}

export const trlRalignAdapter: FormatAdapter = {
  name: 'trl-ralign',
  description: "trl-ralign eval_benchmarks.py predictions.jsonl: idx, category, gt_label, predicted_label, label_correct, generation, rationale_correct",
  bothOrders: false,
  detect: (o) => hasKeys(o, 'gt_label', 'predicted_label', 'label_correct', 'generation'),
  ownScorer: { convention: TRL_RALIGN_CONVENTION, scorer: TRL_RALIGN_SCORER, figures: trlFigures },
  toRecord(value, ctx) {
    if (!isObject(value)) return notAnObject(value);
    const fields = new FieldReader(value);
    const goldLabel = rAlignGold(value.gt_label);
    if (goldLabel === null) fields.warn('gt_label', `gt_label is ${describe(value.gt_label)}, not "A" or "B": the record is counted but can never be label-correct`);
    const verdict = predictedLabel(fields);
    // eval_benchmarks.py: label_ok = pred is not None and pred == ex["gt_label"] (the loaders strip and upper-case gt_label).
    const labelCorrect = verdict !== null && verdict === value.gt_label;
    const written = value.label_correct;
    if (typeof written !== 'boolean') fields.warn('label_correct', `label_correct is ${describe(written)}, not true or false; counted from predicted_label and gt_label (${labelCorrect})`);
    else if (written !== labelCorrect) fields.warn('label_correct', `label_correct is ${written} but predicted_label ${JSON.stringify(verdict)} and gt_label ${JSON.stringify(value.gt_label)} say ${labelCorrect}: counted as ${labelCorrect}`);
    const raw = fields.text('generation', false);
    const judgment = makeJudgment({ raw, field: 'generation', order: 'original', ctx, fileVerdict: { verdict, frame: 'judge' } });
    return recordResult(fields, ctx, value, {
      id: idOf(value.idx, ctx),
      conversation: [],
      responseA: '',
      responseB: '',
      goldLabel,
      goldRationales: [],
      judgments: [judgment],
      fidelity: fidelityOf(fields, labelCorrect && goldLabel !== null),
      subset: typeof value.category === 'string' ? value.category : null,
    });
  },
};

/**
 * eval_benchmarks.py's summary: n, label_accuracy = label_ok / n and, on a rationale-aware run,
 * fidelity_score = (label_ok and fid) / n and spurious_correctness = (label_ok and not fid) / n,
 * where a failed call is `not fid`. A file without any rationale verdict was not a rationale-aware
 * run: it printed L-Acc alone.
 */
function trlFigures(c: Counts): ConventionFigures {
  const n = c.records;
  const over = `all ${n} records`;
  const rationaleAware = c.records - c.fidelity.unjudged > 0;
  const aligned = c.table.labelCorrect.aligned;
  const spurious = c.table.labelCorrect.misaligned + c.labelCorrectFailed;
  const figures: ConventionFigure[] = [{ metric: 'L-Acc', value: ratio(c.labelCorrect, n) ?? 0, numerator: c.labelCorrect, denominator: n, over }];
  if (rationaleAware) {
    figures.push({ metric: 'S-Corr', value: ratio(spurious, n), numerator: spurious, denominator: n, over: `${over} (label-correct and misaligned, a failed call counted misaligned)` });
    figures.push({ metric: 'F-Score', value: ratio(aligned, n), numerator: aligned, denominator: n, over: `${over} (label-correct and aligned)` });
  }
  const f4 = (x: number | null) => (x === null ? 'ZeroDivisionError' : pythonFixed(x, 4));
  const [lAcc, sCorr, fScore] = [figures[0], figures[1], figures[2]];
  const printed = `  n=${n}  L-Acc=${f4(lAcc?.value ?? null)}${rationaleAware ? `  F-Score=${f4(fScore?.value ?? null)}  S-Corr=${f4(sCorr?.value ?? null)}` : ''}`;
  const notes = rationaleAware
    ? ["the file writes a failed or unparseable meta-judge call as rationale_correct false, which cannot be told from Incorrect: both conventions count it misaligned here, where R-Align's would leave it out of S-Corr and F-Score"]
    : ['no record has rationale_correct: the run was not rationale-aware, and the scorer printed L-Acc alone'];
  return { convention: TRL_RALIGN_CONVENTION, scorer: TRL_RALIGN_SCORER, figures, printed, notes };
}
