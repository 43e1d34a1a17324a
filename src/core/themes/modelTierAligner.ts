/**
 * Failure claims from a model tier's alignments (embedding or LLM aligner): each record's headline
 * alignment is taken from the alignment journal when that model and method journaled it for these
 * texts (no request), else asked for live (cached) and journaled, exactly as the Inspector's
 * "Align with model" and the bulk command do.
 */
import { alignRecordWith } from '../align/alignRecord';
import type { AlignmentJournal, JournaledAlignments } from '../align/models/alignmentJournal';
import { hasJournaledAlignment, journaledAlignment, textFingerprint } from '../align/models/alignmentJournal';
import { checklistMessages } from '../align/models/checklist';
import type { ModelAligner } from '../align/models/modelAligner';
import type { AlignmentTarget } from '../align/alignTarget';
import { headlineTarget } from '../align/alignTarget';
import type { EvalRecord } from '../record/record';
import type { RecordAligner } from './collect';

/** The record's headline target against its gold judgments, or null (themes need a gold judgment). */
function goldTarget(record: EvalRecord): AlignmentTarget | null {
  if (!record.goldRationales.length) return null;
  try {
    return headlineTarget(record);
  } catch {
    return null;
  }
}

/** What a model-tier run still has to ask: records whose headline alignment this model has not journaled, and the prompt characters they take. */
export function pendingAlignment(record: EvalRecord, journaled: JournaledAlignments, by: { method: 'llm' | 'embedding'; model: string }): number | null {
  const t = goldTarget(record);
  if (!t || hasJournaledAlignment(journaled, record.index, t.judgment, t.input, by)) return null;
  if (by.method === 'llm') return checklistMessages(t.input.gold, t.input.rationale).reduce((n, m) => n + m.content.length, 0);
  return t.input.gold.length + t.input.rationale.length;
}

export interface ModelTierCounts {
  fromJournal: number;
  asked: number;
  failed: number;
  firstFailure: string | null;
}

/** `live` null: journaled alignments only (records without one are left out and counted as failed). */
export function modelTierAligner(journaled: JournaledAlignments, by: { method: 'llm' | 'embedding'; model: string }, live: ModelAligner | null, journal: AlignmentJournal | null, counts: ModelTierCounts): RecordAligner {
  return async (record) => {
    const t = goldTarget(record);
    if (!t) return null;
    const known = await journaledAlignment(journaled, record.index, t.judgment, t.input, by);
    if (known) {
      counts.fromJournal++;
      return alignRecordWith(record, () => Promise.resolve(known), t.judgment);
    }
    if (!live) {
      counts.failed++;
      counts.firstFailure ??= `record ${record.id} has no journaled ${by.method} alignment by ${by.model}`;
      return null;
    }
    try {
      counts.asked++;
      const { alignment, payload } = await live.align(t.input);
      await journal?.append({ recordIndex: record.index, recordId: record.id, judgment: t.judgment, against: t.reference.kind === 'gold' ? 'gold' : 'original', model: live.model, textSha: textFingerprint(t.input), ...payload });
      return alignRecordWith(record, () => Promise.resolve(alignment), t.judgment);
    } catch (err) {
      counts.failed++;
      counts.firstFailure ??= `record ${record.id}: ${(err as Error).message}`;
      return null;
    }
  };
}
