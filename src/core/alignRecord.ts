/**
 * Aligns one judgment of a record against its gold judgment (or, for files without gold
 * rationales, against the other presentation order's judgment), with offsets shifted so they
 * index the ORIGINAL field text (thinking included). Shared by the CLI, hovers and the Inspector.
 */
import type { AlignInput, Alignment, Claim } from './align';
import { alignRationale } from './align';
import type { EvalRecord, Judgment } from './record';
import { splitThinking } from './thinking';

export interface RecordAlignment {
  readonly alignment: Alignment;
  /** What the rationale was aligned against. */
  readonly reference: { readonly kind: 'gold'; readonly index: number } | { readonly kind: 'judgment'; readonly index: number };
  readonly judgmentIndex: number;
  readonly referenceText: string;
  readonly judgmentText: string;
}

export class AlignRecordError extends Error {}

function shift(claims: Claim[], offset: number): Claim[] {
  if (!offset) return claims;
  return claims.map((c) => ({ ...c, start: c.start + offset, end: c.end + offset, mentions: c.mentions.map((m) => ({ ...m, start: m.start + offset, end: m.end + offset })) }));
}

interface Prepared {
  readonly input: AlignInput;
  readonly reference: RecordAlignment['reference'];
  readonly referenceText: string;
  readonly judgmentText: string;
  readonly referenceOffset: number;
  readonly rationaleOffset: number;
}

function prepare(record: EvalRecord, judgmentIndex: number, goldIndex: number): Prepared {
  const judgment: Judgment | undefined = record.judgments[judgmentIndex];
  if (!judgment) throw new AlignRecordError(`record ${record.id} has no judgment ${judgmentIndex} (it has ${record.judgments.length})`);
  let referenceText: string;
  let reference: RecordAlignment['reference'];
  let referenceOrder: Judgment['order'] = 'original';
  if (record.goldRationales.length) {
    const gold = record.goldRationales[goldIndex];
    if (gold === undefined) throw new AlignRecordError(`record ${record.id} has no gold judgment ${goldIndex} (it has ${record.goldRationales.length})`);
    referenceText = gold;
    reference = { kind: 'gold', index: goldIndex };
  } else {
    const otherIndex = record.judgments.findIndex((j, i) => i !== judgmentIndex && j.order !== judgment.order);
    const other = record.judgments[otherIndex];
    if (!other) throw new AlignRecordError(`record ${record.id} has no gold judgment and no judgment in the other presentation order to compare with`);
    referenceText = other.raw;
    referenceOrder = other.order;
    reference = { kind: 'judgment', index: otherIndex };
  }
  const ref = splitThinking(referenceText);
  return {
    input: { gold: ref.answer, rationale: judgment.rationale, goldOrder: referenceOrder, rationaleOrder: judgment.order, goldLabel: record.goldLabel },
    reference,
    referenceText,
    judgmentText: judgment.raw,
    referenceOffset: ref.answerOffset,
    rationaleOffset: judgment.rationaleOffset,
  };
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

/** The lexical tier: synchronous, instant. */
export function alignRecord(record: EvalRecord, judgmentIndex = 0, goldIndex = 0): RecordAlignment {
  const p = prepare(record, judgmentIndex, goldIndex);
  const alignment = shifted(alignRationale(p.input), p.referenceOffset, p.rationaleOffset);
  return { alignment, reference: p.reference, judgmentIndex, referenceText: p.referenceText, judgmentText: p.judgmentText };
}

/** A model-backed tier (embedding or LLM): the same contract, offsets in the original texts. */
export async function alignRecordWith<A extends Alignment>(
  record: EvalRecord,
  align: (input: AlignInput) => Promise<A>,
  judgmentIndex = 0,
  goldIndex = 0,
): Promise<RecordAlignment & { readonly alignment: A }> {
  const p = prepare(record, judgmentIndex, goldIndex);
  const alignment = shifted(await align(p.input), p.referenceOffset, p.rationaleOffset);
  return { alignment, reference: p.reference, judgmentIndex, referenceText: p.referenceText, judgmentText: p.judgmentText };
}
