/**
 * What a judgment of a record is aligned against, decided here and only here: the CLI (`align`), the
 * Inspector's views, the list's coverage column and the hover all ask this module, so one record
 * never shows two coverages. The rule:
 * - a record with gold judgments: every judgment against all of them as one text (each annotator's
 *   reasoning, thinking removed, joined by a blank line: what the fidelity judge reads), or against
 *   one annotator's when asked for by index;
 * - a record without: a swapped-order judgment against the original-order one (the reference frame);
 *   an original-order judgment has nothing to be aligned against.
 * The record's headline (coverage column, hover, the CLI's default) is its first judgment against
 * the gold, else its first swapped-order judgment against the original.
 */
import type { AlignInput } from './lexical/types';
import type { EvalRecord } from '../record/record';
import { splitThinking } from '../record/thinking';

export type AlignmentReference = { readonly kind: 'gold'; readonly indexes: readonly number[] } | { readonly kind: 'judgment'; readonly index: number };

export interface AlignmentTarget {
  readonly judgment: number;
  readonly reference: AlignmentReference;
  /** The texts the aligner reads (thinking removed); gold-side offsets index `input.gold`. */
  readonly input: AlignInput;
}

export class AlignTargetError extends Error {}

/**
 * The one time bound every view aligns with (the word diffs'; matching stops at twice this as a last
 * resort): with a shorter one for the hover or the coverage column, a long record on a busy machine
 * was cut short there and not in the Inspector, and showed another coverage.
 */
export const ALIGNMENT_DEADLINE_MS = 250;

/** Between two annotators' gold judgments in the joined reference text. */
const GOLD_SEPARATOR = '\n\n';

/** The gold judgments as the reference text (thinking removed): all of them, or the one at `goldIndex`; null without any. */
export function goldReferenceText(record: EvalRecord, goldIndex?: number): string | null {
  if (!record.goldRationales.length) return null;
  const golds = goldIndex === undefined ? record.goldRationales : [record.goldRationales[goldIndex] ?? ''];
  return golds.map((g) => splitThinking(g).answer).join(GOLD_SEPARATOR);
}

/** Why `judgmentIndex` has no target, or null when it has one. */
function missingTarget(record: EvalRecord, judgmentIndex: number, goldIndex: number | undefined): string | null {
  const judgment = record.judgments[judgmentIndex];
  if (!judgment) return `record ${record.id} has no judgment ${judgmentIndex} (it has ${record.judgments.length})`;
  if (record.goldRationales.length) {
    if (goldIndex !== undefined && record.goldRationales[goldIndex] === undefined) return `record ${record.id} has no gold judgment ${goldIndex} (it has ${record.goldRationales.length})`;
    return null;
  }
  const original = record.judgments.findIndex((j) => j.order === 'original');
  const swapped = record.judgments.findIndex((j) => j.order === 'swapped');
  if (original === -1 || swapped === -1) return `record ${record.id} has no gold judgment and no judgment in the other presentation order to compare with`;
  if (judgment.order === 'original') return `record ${record.id} has no gold judgment: its original-order judgment ${original} is the reference, so align the swapped-order judgment ${swapped} against it`;
  return null;
}

/** The target of one judgment; throws AlignTargetError saying why there is none. */
export function alignmentTarget(record: EvalRecord, judgmentIndex: number, goldIndex?: number): AlignmentTarget {
  const why = missingTarget(record, judgmentIndex, goldIndex);
  if (why !== null) throw new AlignTargetError(why);
  const judgment = record.judgments[judgmentIndex] as EvalRecord['judgments'][number];
  const gold = goldReferenceText(record, goldIndex);
  if (gold !== null) {
    const indexes = goldIndex === undefined ? record.goldRationales.map((_, i) => i) : [goldIndex];
    return { judgment: judgmentIndex, reference: { kind: 'gold', indexes }, input: { gold, rationale: judgment.rationale, goldOrder: 'original', rationaleOrder: judgment.order, goldLabel: record.goldLabel } };
  }
  const index = record.judgments.findIndex((j) => j.order === 'original');
  const original = record.judgments[index] as EvalRecord['judgments'][number];
  return { judgment: judgmentIndex, reference: { kind: 'judgment', index }, input: { gold: original.rationale, rationale: judgment.rationale, goldOrder: original.order, rationaleOrder: judgment.order, goldLabel: record.goldLabel } };
}

/** Every judgment that has a target, in order (the Inspector shows one alignment per entry). */
export function alignmentTargets(record: EvalRecord): AlignmentTarget[] {
  return record.judgments.flatMap((_, i) => (missingTarget(record, i, undefined) === null ? [alignmentTarget(record, i)] : []));
}

/** The judgment whose alignment is the record's headline, or null when no judgment has a target. */
export function headlineJudgment(record: EvalRecord): number | null {
  if (record.goldRationales.length) return record.judgments.length ? 0 : null;
  const swapped = record.judgments.findIndex((j) => j.order === 'swapped');
  return swapped !== -1 && missingTarget(record, swapped, undefined) === null ? swapped : null;
}

/** The record's headline target, or null. */
export function headlineTarget(record: EvalRecord): AlignmentTarget | null {
  const judgment = headlineJudgment(record);
  return judgment === null ? null : alignmentTarget(record, judgment);
}
