/**
 * Aligns one judgment of a record against the target alignTarget.ts decides (the gold judgments,
 * or for files without gold rationales the original-order judgment), with offsets shifted so they
 * index the ORIGINAL field text (thinking included). The CLI's `align` and the batch tools use it.
 */
import type { AlignInput, Alignment, Claim } from './index';
import { alignRationale } from './index';
import type { AlignmentReference, AlignmentTarget } from './alignTarget';
import { ALIGNMENT_DEADLINE_MS, alignmentTarget, headlineJudgment } from './alignTarget';
import type { EvalRecord, Judgment } from '../record/record';
import { splitThinking } from '../record/thinking';

export interface RecordAlignment {
  readonly alignment: Alignment;
  /** What the rationale was aligned against (alignTarget.ts decides). */
  readonly reference: AlignmentReference;
  readonly judgmentIndex: number;
  /** The text the gold-side offsets index: the gold or judgment field as written, or the joined gold judgments. */
  readonly referenceText: string;
  readonly judgmentText: string;
}

/** The CLI's errors keep their name; the reason comes from alignTarget.ts. */
export { AlignTargetError as AlignRecordError } from './alignTarget';

function shift(claims: Claim[], offset: number): Claim[] {
  if (!offset) return claims;
  return claims.map((c) => ({ ...c, start: c.start + offset, end: c.end + offset, mentions: c.mentions.map((m) => ({ ...m, start: m.start + offset, end: m.end + offset })) }));
}

interface Prepared {
  readonly target: AlignmentTarget;
  readonly referenceText: string;
  readonly judgmentText: string;
  readonly referenceOffset: number;
  readonly rationaleOffset: number;
}

/**
 * The target, with the texts its offsets are moved to: a single field as written (thinking
 * included), or, for several gold judgments, their joined text (no one field holds it).
 */
function prepare(record: EvalRecord, judgmentIndex: number | undefined, goldIndex: number | undefined): Prepared {
  const target = alignmentTarget(record, judgmentIndex ?? headlineJudgment(record) ?? 0, goldIndex);
  const judgment = record.judgments[target.judgment] as Judgment;
  const ref = target.reference;
  let referenceText = target.input.gold;
  let referenceOffset = 0;
  if (ref.kind === 'judgment') {
    const other = record.judgments[ref.index] as Judgment;
    referenceText = other.raw;
    referenceOffset = other.rationaleOffset;
  } else if (ref.indexes.length === 1) {
    referenceText = record.goldRationales[ref.indexes[0] as number] as string;
    referenceOffset = splitThinking(referenceText).answerOffset;
  }
  return { target, referenceText, judgmentText: judgment.raw, referenceOffset, rationaleOffset: judgment.rationaleOffset };
}

/** Offsets moved from the texts the aligner read (thinking removed) to the original field texts. */
function shifted<A extends Alignment>(alignment: A, goldOffset: number, rationaleOffset: number): A {
  return {
    ...alignment,
    gold: shift(alignment.gold, goldOffset),
    rationale: shift(alignment.rationale, rationaleOffset),
    pairs: alignment.pairs.map((p) => ({
      ...p,
      diff: p.diff.map((d) => ({
        ...d,
        ...(d.goldStart !== undefined ? { goldStart: d.goldStart + goldOffset } : {}),
        ...(d.goldEnd !== undefined ? { goldEnd: d.goldEnd + goldOffset } : {}),
        ...(d.rationaleStart !== undefined ? { rationaleStart: d.rationaleStart + rationaleOffset } : {}),
        ...(d.rationaleEnd !== undefined ? { rationaleEnd: d.rationaleEnd + rationaleOffset } : {}),
      })),
    })),
    skipped: {
      gold: alignment.skipped.gold.map((s) => ({ ...s, start: s.start + goldOffset, end: s.end + goldOffset })),
      rationale: alignment.skipped.rationale.map((s) => ({ ...s, start: s.start + rationaleOffset, end: s.end + rationaleOffset })),
    },
  };
}

/**
 * The lexical tier: synchronous, instant. `judgmentIndex` undefined: the record's headline judgment;
 * `goldIndex` undefined: all gold judgments as one text.
 */
export function alignRecord(record: EvalRecord, judgmentIndex?: number, goldIndex?: number): RecordAlignment {
  const p = prepare(record, judgmentIndex, goldIndex);
  const alignment = shifted(alignRationale(p.target.input, { deadlineMs: ALIGNMENT_DEADLINE_MS }), p.referenceOffset, p.rationaleOffset);
  return { alignment, reference: p.target.reference, judgmentIndex: p.target.judgment, referenceText: p.referenceText, judgmentText: p.judgmentText };
}

/** A model-backed tier (embedding or LLM): the same contract, offsets in the original texts. */
export async function alignRecordWith<A extends Alignment>(
  record: EvalRecord,
  align: (input: AlignInput) => Promise<A>,
  judgmentIndex?: number,
  goldIndex?: number,
): Promise<RecordAlignment & { readonly alignment: A }> {
  const p = prepare(record, judgmentIndex, goldIndex);
  const alignment = shifted(await align(p.target.input), p.referenceOffset, p.rationaleOffset);
  return { alignment, reference: p.target.reference, judgmentIndex: p.target.judgment, referenceText: p.referenceText, judgmentText: p.judgmentText };
}
