/**
 * Aligns one judgment of a record against its gold judgment (or, for files without gold
 * rationales, against the other presentation order's judgment), with offsets shifted so they
 * index the ORIGINAL field text (thinking included). Shared by the CLI, hovers and the Inspector.
 */
import type { Alignment, Claim } from './align';
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

export function alignRecord(record: EvalRecord, judgmentIndex = 0, goldIndex = 0): RecordAlignment {
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
  const alignment = alignRationale({
    gold: ref.answer,
    rationale: judgment.rationale,
    goldOrder: referenceOrder,
    rationaleOrder: judgment.order,
    goldLabel: record.goldLabel,
  });
  const shifted: Alignment = {
    ...alignment,
    gold: shift(alignment.gold, ref.answerOffset),
    rationale: shift(alignment.rationale, judgment.rationaleOffset),
    pairs: alignment.pairs.map((p) => ({
      ...p,
      diff: p.diff.map((d) => ({
        ...d,
        ...(d.goldStart !== undefined ? { goldStart: d.goldStart + ref.answerOffset } : {}),
        ...(d.goldEnd !== undefined ? { goldEnd: d.goldEnd + ref.answerOffset } : {}),
        ...(d.rationaleStart !== undefined ? { rationaleStart: d.rationaleStart + judgment.rationaleOffset } : {}),
        ...(d.rationaleEnd !== undefined ? { rationaleEnd: d.rationaleEnd + judgment.rationaleOffset } : {}),
      })),
    })),
    skipped: {
      gold: alignment.skipped.gold.map((s) => ({ ...s, start: s.start + ref.answerOffset, end: s.end + ref.answerOffset })),
      rationale: alignment.skipped.rationale.map((s) => ({ ...s, start: s.start + judgment.rationaleOffset, end: s.end + judgment.rationaleOffset })),
    },
  };
  return { alignment: shifted, reference, judgmentIndex, referenceText, judgmentText: judgment.raw };
}
