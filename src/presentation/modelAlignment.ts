/**
 * "Align with model" for a record: the model tier the settings choose (the LLM aligner's checklist,
 * or embedding similarity; core/align/models/modelAligner.ts) on the fidelity judge's endpoint, answers
 * cached like every model call and journaled beside the dataset. Pure but for the cache and journal
 * files: the caller passes the setup in, so a failure comes back as a message, never as a throw.
 */
import type { CacheStore } from '../core/llm/cache';
import { LlmCallError } from '../core/llm/client';
import { ChecklistError } from '../core/align/models/llmAligner';
import type { AlignmentJournal, JournaledAlignments } from '../core/align/models/alignmentJournal';
import { journaledAlignment, textFingerprint } from '../core/align/models/alignmentJournal';
import type { ModelAlignerSetup } from '../core/align/models/modelAligner';
import { modelAligner } from '../core/align/models/modelAligner';
import type { EvalRecord } from '../core/record/record';
import type { AlignmentView } from '../protocol/messages';
import { alignmentInputs, toAlignmentView } from './alignment';

export interface ModelAlignmentResult {
  alignments: AlignmentView[];
  /** Why some or all judgments have no model alignment (the call failed, the answer was no checklist), or null. */
  message: string | null;
}

/** `journal`: where each answer is kept beside the dataset (the Inspector shows it again on reopening; a bulk run resumes from it). */
export async function modelAlignmentViews(record: EvalRecord, setup: ModelAlignerSetup, cache: CacheStore | null, signal?: AbortSignal, journal: AlignmentJournal | null = null): Promise<ModelAlignmentResult> {
  const aligner = modelAligner(setup, cache, { maxRetries: 1 });
  const alignments: AlignmentView[] = [];
  const failures: string[] = [];
  const inputs = alignmentInputs(record);
  if (inputs.length === 0) return { alignments, message: 'This record has no gold judgment (and no second presentation order) to align a rationale with.' };
  for (const t of inputs) {
    try {
      const { alignment, notes, payload } = await aligner.align(t.input, signal);
      alignments.push(toAlignmentView({ judgment: t.judgment, against: t.against, alignment }));
      await journal?.append({ recordIndex: record.index, recordId: record.id, judgment: t.judgment, against: t.against, model: aligner.model, textSha: textFingerprint(t.input), ...payload });
      if (notes.length) failures.push(`judgment ${t.judgment + 1}: ${notes.length} of the model's points were dropped (${notes.slice(0, 3).join('; ')}${notes.length > 3 ? '; …' : ''})`);
    } catch (err) {
      if (!(err instanceof LlmCallError || err instanceof ChecklistError)) throw err;
      failures.push(`judgment ${t.judgment + 1}: ${err.message}`);
    }
  }
  return { alignments, message: failures.length ? failures.join(' · ') : null };
}

/** The record's journaled model alignments whose texts are unchanged, as views (rebuilt giving the event loop turns). */
export async function journaledAlignmentViews(record: EvalRecord, journaled: JournaledAlignments): Promise<AlignmentView[]> {
  const views: AlignmentView[] = [];
  for (const t of alignmentInputs(record)) {
    const a = await journaledAlignment(journaled, record.index, t.judgment, t.input);
    if (a) views.push(toAlignmentView({ judgment: t.judgment, against: t.against, alignment: a }));
  }
  return views;
}
