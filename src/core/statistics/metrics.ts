/**
 * S-Corr, L-Acc and F-Score exactly as the R-Align reference scorer (`show_result.py`) defines them,
 * plus Wilson intervals, the label × fidelity table, position-bias figures and per-subset breakdowns.
 */
import type { EvalRecord, Fidelity, Label, RecordKind, Verdict } from '../record/record';
import type { Interval } from './interval';
import { wilson } from './interval';

interface FidelityCounts {
  aligned: number;
  misaligned: number;
  callFail: number;
  parseFail: number;
  skipped: number;
  /** Records with no fidelity verdict at all. */
  unjudged: number;
}

interface FidelityTableRow {
  aligned: number;
  misaligned: number;
  notJudged: number;
}

export interface PositionCounts {
  originalCorrect: number;
  swappedCorrect: number;
  bothCorrect: number;
  agree: number;
  combinedCorrect: number;
}

export interface Counts {
  records: number;
  labelCorrect: number;
  /** Records whose primary verdict could not be read (including records with no judgment). */
  unparseable: number;
  ties: number;
  fidelity: FidelityCounts;
  table: { labelCorrect: FidelityTableRow; labelIncorrect: FidelityTableRow };
  /** Label-correct records whose fidelity call failed (CallFail/ParseFail): a scorer that counts a failure as misaligned needs them. */
  labelCorrectFailed: number;
  /** Records whose file verdict differs from what our parser reads in the text. */
  parserDisagreements: number;
  positions: PositionCounts | null;
  /** Records judged in both orders (positions are shown only when some are). */
  bothOrderPairs: number;
  /** Records with a gold label / with a gold rationale (what decides which figures exist). */
  withGoldLabel: number;
  withGoldRationale: number;
  /** Where the fidelity verdict in force came from, per record that has one. */
  origins: { file: number; llm: number; human: number };
}

/**
 * What the fidelity figures rest on: `gold` (a judge or a person compared the rationale with a gold
 * rationale, R-Align's rule), `marks` (no gold rationale in the file: people marked rationales
 * sound or not themselves), or null (no fidelity verdict, or no gold labels).
 */
type FidelityBasis = 'gold' | 'marks' | null;

export interface Summary extends Counts {
  labelAccuracy: number | null;
  labelAccuracyInterval: Interval | null;
  sCorr: number | null;
  sCorrInterval: Interval | null;
  fScore: number | null;
  fScoreInterval: Interval | null;
  /** F-Score's denominator (R-Align: total − CallFail − ParseFail; on marks: records that could be judged). */
  fScoreDenominator: number;
  fidelityBasis: FidelityBasis;
  /** Why a figure is undefined or how it was counted, in words; empty when there is nothing to say. */
  notes: string[];
}

function isLabelCorrect(verdict: Verdict, gold: Label | null): boolean {
  return verdict !== null && gold !== null && verdict === gold;
}

function emptyCounts(bothOrders: boolean): Counts {
  return {
    records: 0,
    labelCorrect: 0,
    unparseable: 0,
    ties: 0,
    fidelity: { aligned: 0, misaligned: 0, callFail: 0, parseFail: 0, skipped: 0, unjudged: 0 },
    table: { labelCorrect: { aligned: 0, misaligned: 0, notJudged: 0 }, labelIncorrect: { aligned: 0, misaligned: 0, notJudged: 0 } },
    labelCorrectFailed: 0,
    parserDisagreements: 0,
    positions: bothOrders ? { originalCorrect: 0, swappedCorrect: 0, bothCorrect: 0, agree: 0, combinedCorrect: 0 } : null,
    bothOrderPairs: 0,
    withGoldLabel: 0,
    withGoldRationale: 0,
    origins: { file: 0, llm: 0, human: 0 },
  };
}

/** JudgeBench's rule: +1 per decision equal to the label, −1 per decision equal to the flipped label. */
function combinedScore(verdicts: readonly Verdict[], gold: Label | null): number {
  if (gold === null || gold === 'tie') return verdicts.reduce<number>((s, v) => s + (v === gold && gold !== null ? 1 : 0), 0);
  const flipped = gold === 'A' ? 'B' : 'A';
  return verdicts.reduce<number>((s, v) => s + (v === gold ? 1 : v === flipped ? -1 : 0), 0);
}

/** The fidelity verdict in force: an override (human or LLM) replaces the file's. */
export type FidelityResolver = (record: EvalRecord) => Fidelity | null;

export interface RecordClass {
  readonly labelCorrect: boolean;
  readonly unparseable: boolean;
  /** aligned | spurious (label-correct, misaligned) | label-wrong | judge-failed | never-judged | unparseable */
  readonly kind: RecordKind;
}

/**
 * What counting and classifying read of a record: the primary judgment's verdict and how it was
 * read, each presentation order's verdict, the gold label and whether there is a gold rationale.
 * The session builds it from its compact codes, so a recount never rebuilds or re-reads a record.
 */
export interface TallyFacts {
  readonly goldLabel: Label | null;
  readonly hasGoldRationale: boolean;
  /** The first judgment (the one scored): its verdict, where it came from and what the parser read. */
  readonly primary: { readonly verdict: Verdict; readonly verdictSource: 'file' | 'parser'; readonly parsedVerdict: Verdict } | null;
  /** The original- and swapped-order verdicts (undefined: no judgment in that order). */
  readonly original: Verdict | undefined;
  readonly swapped: Verdict | undefined;
}

function factsOf(record: EvalRecord): TallyFacts {
  const primary = record.judgments[0];
  return {
    goldLabel: record.goldLabel,
    hasGoldRationale: record.goldRationales.length > 0,
    primary: primary ? { verdict: primary.verdict, verdictSource: primary.verdictSource, parsedVerdict: primary.parsedVerdict } : null,
    original: record.judgments.find((j) => j.order === 'original')?.verdict,
    swapped: record.judgments.find((j) => j.order === 'swapped')?.verdict,
  };
}

/** The record's file verdict differs from what our parser reads in its text (the header's "file verdicts differ from the text"). */
export function fileVerdictDiffers(facts: Pick<TallyFacts, 'primary'>): boolean {
  const p = facts.primary;
  return p !== null && p.verdictSource === 'file' && p.parsedVerdict !== null && p.parsedVerdict !== p.verdict;
}

export function classifyFacts(facts: Pick<TallyFacts, 'goldLabel' | 'primary'>, fidelity: Fidelity | null): RecordClass {
  const verdict = facts.primary ? facts.primary.verdict : null;
  const labelCorrect = isLabelCorrect(verdict, facts.goldLabel);
  const unparseable = verdict === null;
  let kind: RecordClass['kind'];
  if (unparseable) kind = 'unparseable';
  else if (!labelCorrect) kind = 'label-wrong';
  else if (fidelity?.verdict === 'Correct') kind = 'aligned';
  else if (fidelity?.verdict === 'Incorrect') kind = 'spurious';
  // show_result.py leaves CallFail/ParseFail out of F-Score's denominator; every other label-correct
  // record without Correct/Incorrect (no verdict, SkippedLabelMismatch) stays in it as not aligned.
  else if (fidelity?.verdict === 'CallFail' || fidelity?.verdict === 'ParseFail') kind = 'judge-failed';
  else kind = 'never-judged';
  return { labelCorrect, unparseable, kind };
}

export function classifyRecord(record: EvalRecord, fidelity: Fidelity | null = record.fidelity): RecordClass {
  return classifyFacts(factsOf(record), fidelity);
}

/**
 * How many records of each class the counts hold, as classifyFacts assigns them: label-correct
 * records by their fidelity verdict (judge-failed = CallFail/ParseFail), the rest by their label.
 */
export function classCounts(c: Counts): Record<RecordKind, number> {
  const notJudged = c.table.labelCorrect.notJudged;
  return {
    aligned: c.table.labelCorrect.aligned,
    spurious: c.table.labelCorrect.misaligned,
    'label-wrong': Math.max(0, c.records - c.labelCorrect - c.unparseable),
    'judge-failed': c.labelCorrectFailed,
    'never-judged': Math.max(0, notJudged - c.labelCorrectFailed),
    unparseable: c.unparseable,
  };
}

/** Streaming accumulator: constant memory per group, whatever the number of records. */
export class Tally {
  readonly overall: Counts;
  readonly groups = new Map<string, Counts>();

  constructor(
    private readonly bothOrders: boolean,
    private readonly groupOf: ((record: EvalRecord) => string | null) | null = null,
    private readonly resolveFidelity: FidelityResolver = (r) => r.fidelity,
    private readonly agreeRule: AgreeRule = 'verdicts',
  ) {
    this.overall = emptyCounts(bothOrders);
  }

  add(record: EvalRecord): void {
    this.count(factsOf(record), this.resolveFidelity(record), this.groupOf ? (this.groupOf(record) ?? '(none)') : null);
  }

  /**
   * Counts one record given as facts with the verdict in force, in `group` (null: no group) too;
   * `delta` −1 takes back an earlier count (a verdict that changed is recounted, not the file).
   */
  count(facts: TallyFacts, fidelity: Fidelity | null, group: string | null, delta: 1 | -1 = 1): void {
    addTo(this.overall, facts, fidelity, this.agreeRule, delta);
    if (group === null) return;
    let counts = this.groups.get(group);
    if (!counts) {
      counts = emptyCounts(this.bothOrders);
      this.groups.set(group, counts);
    }
    addTo(counts, facts, fidelity, this.agreeRule, delta);
  }
}

/**
 * How "the two orders agree" is counted: `values` compares the two verdicts as values, so a record
 * with no verdict in either order agrees (LLMBar's evaluate.py); `verdicts` needs a readable verdict.
 */
export type AgreeRule = 'values' | 'verdicts';

function addTo(c: Counts, r: TallyFacts, fidelity: Fidelity | null, agreeRule: AgreeRule, d: 1 | -1): void {
  c.records += d;
  const primary = r.primary;
  const verdict = primary ? primary.verdict : null;
  const correct = isLabelCorrect(verdict, r.goldLabel);
  if (correct) c.labelCorrect += d;
  if (verdict === null) c.unparseable += d;
  if (verdict === 'tie') c.ties += d;
  if (r.goldLabel !== null) c.withGoldLabel += d;
  if (r.hasGoldRationale) c.withGoldRationale += d;
  if (fidelity) c.origins[fidelity.origin] += d;
  if (fileVerdictDiffers(r)) c.parserDisagreements += d;

  // Counted over every record, as the reference scorer does (it does not re-check label correctness).
  const f = c.fidelity;
  const v = fidelity?.verdict;
  if (v === 'Correct') f.aligned += d;
  else if (v === 'Incorrect') f.misaligned += d;
  else if (v === 'CallFail') f.callFail += d;
  else if (v === 'ParseFail') f.parseFail += d;
  else if (v === 'SkippedLabelMismatch') f.skipped += d;
  else f.unjudged += d;
  const row = correct ? c.table.labelCorrect : c.table.labelIncorrect;
  if (v === 'Correct') row.aligned += d;
  else if (v === 'Incorrect') row.misaligned += d;
  else row.notJudged += d;
  if (correct && (v === 'CallFail' || v === 'ParseFail')) c.labelCorrectFailed += d;

  if (c.positions) {
    if (r.original !== undefined && r.swapped !== undefined) c.bothOrderPairs += d;
    const original = r.original ?? null;
    const swapped = r.swapped ?? null;
    const p = c.positions;
    const oc = isLabelCorrect(original, r.goldLabel);
    const sc = isLabelCorrect(swapped, r.goldLabel);
    if (oc) p.originalCorrect += d;
    if (sc) p.swappedCorrect += d;
    if (oc && sc) p.bothCorrect += d;
    // LLMBar's evaluate.py compares the two winners as values: null in both orders agrees.
    if (agreeRule === 'values' ? original === swapped && r.swapped !== undefined : original !== null && original === swapped) p.agree += d;
    if (combinedScore([original, swapped], r.goldLabel) > 0) p.combinedCorrect += d;
  }
}

/**
 * L-Acc = label-correct / total; S-Corr = 1 − Correct/(Correct+Incorrect); F = Correct/(total − CallFail − ParseFail),
 * as R-Align's show_result.py. Two cases the reference never meets are said, not guessed: a file
 * without gold labels has no figures at all, and on a file without gold rationales the verdicts are
 * people's marks, so F-Score leaves out the label-correct records nobody marked.
 */
export function summarize(c: Counts): Summary {
  const notes: string[] = [];
  const judged = c.fidelity.aligned + c.fidelity.misaligned;
  const noGoldLabels = c.records > 0 && c.withGoldLabel === 0;
  // The reference prints 0.00% for a file no fidelity judge has seen; we say "undefined" instead.
  const anyFidelity = c.records - c.fidelity.unjudged > 0;
  // Verdicts the file itself carries were given by its own fidelity judge against a gold rationale the
  // file need not hold (trl-ralign's predictions.jsonl keeps only the verdict): R-Align's rule, not marks.
  const basis: FidelityBasis = noGoldLabels || !anyFidelity ? null : c.withGoldRationale > 0 || c.origins.file > 0 ? 'gold' : judged > 0 ? 'marks' : null;
  const fDenom = basis === 'marks' ? c.records - c.table.labelCorrect.notJudged : c.records - c.fidelity.callFail - c.fidelity.parseFail;
  if (noGoldLabels) {
    notes.push('no record has a gold label, so L-Acc, S-Corr and F-Score do not exist for this file (MT-Bench keeps its human labels in a separate file: join them with a field mapping\'s goldLabelFile)');
  } else if (basis === 'marks') {
    notes.push(
      `the file has no gold rationales: S-Corr and F-Score come from ${judged} human mark${judged === 1 ? '' : 's'} alone (a person judging each rationale without a gold), and F-Score counts only the ${fDenom} records that were marked or are label-wrong`,
    );
  }
  const fidelityOk = !noGoldLabels && fDenom > 0 && anyFidelity;
  return {
    ...c,
    positions: c.bothOrderPairs > 0 ? c.positions : null,
    labelAccuracy: c.records && !noGoldLabels ? c.labelCorrect / c.records : null,
    labelAccuracyInterval: noGoldLabels ? null : wilson(c.labelCorrect, c.records),
    sCorr: judged && !noGoldLabels ? 1 - c.fidelity.aligned / judged : null,
    sCorrInterval: noGoldLabels ? null : wilson(c.fidelity.misaligned, judged),
    fScore: fidelityOk ? c.fidelity.aligned / fDenom : null,
    fScoreInterval: fidelityOk ? wilson(c.fidelity.aligned, fDenom) : null,
    fScoreDenominator: fDenom,
    fidelityBasis: basis,
    notes,
  };
}
