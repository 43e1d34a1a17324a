/**
 * "Align with model" for the open record: the LLM aligner (core/align/llmAligner.ts) on the fidelity
 * judge's endpoint, or another model there (`rationaleLens.aligner.model`), answers cached in the
 * extension's storage like every model call. Pure but for the cache file: the panel passes the
 * profile in, so a failure comes back as a message for the view, never as a thrown error.
 */
import type { CacheStore } from '../../core/llm/cache';
import { LlmCallError, LlmClient } from '../../core/llm/client';
import type { LlmProfile } from '../../core/llm/profile';
import { ChecklistError, LlmAligner } from '../../core/align/llmAligner';
import type { AlignmentJournal, JournaledAlignments } from '../../core/align/alignmentJournal';
import { journaledAlignment, textFingerprint } from '../../core/align/alignmentJournal';
import type { EvalRecord } from '../../core/record';
import type { AlignmentView } from '../../protocol/messages';
import { alignmentInputs, toAlignmentView } from './alignment';
import { goldText } from './views';

export interface ModelAlignmentResult {
  alignments: AlignmentView[];
  /** Why some or all judgments have no model alignment (the call failed, the answer was no checklist), or null. */
  message: string | null;
}

/** `journal`: where each answer is kept beside the dataset (the Inspector shows it again on reopening; a bulk run resumes from it). */
export async function modelAlignmentViews(record: EvalRecord, profile: LlmProfile, cache: CacheStore | null, signal?: AbortSignal, journal: AlignmentJournal | null = null): Promise<ModelAlignmentResult> {
  const aligner = new LlmAligner(new LlmClient(profile, { retry: { maxRetries: 1 } }), cache);
  const alignments: AlignmentView[] = [];
  const failures: string[] = [];
  const inputs = alignmentInputs(record, goldText(record));
  if (inputs.length === 0) return { alignments, message: 'This record has no gold judgment (and no second presentation order) to align a rationale with.' };
  for (const t of inputs) {
    try {
      const a = await aligner.align(t.input.gold, t.input.rationale, signal);
      const notes = [...a.dropped.map((d) => `a ${d.side} quote ${d.reason}`), ...a.problems];
      alignments.push(toAlignmentView({ judgment: t.judgment, against: t.against, alignment: a }));
      await journal?.append({ recordIndex: record.index, recordId: record.id, judgment: t.judgment, against: t.against, model: profile.model, textSha: textFingerprint(t.input), answer: a.answer });
      if (notes.length) failures.push(`judgment ${t.judgment + 1}: ${notes.length} of the model's points were dropped (${notes.slice(0, 3).join('; ')}${notes.length > 3 ? '; …' : ''})`);
    } catch (err) {
      if (!(err instanceof LlmCallError || err instanceof ChecklistError)) throw err;
      failures.push(`judgment ${t.judgment + 1}: ${err.message}`);
    }
  }
  return { alignments, message: failures.length ? failures.join(' · ') : null };
}

/** The record's journaled model alignments whose texts are unchanged, as views. */
export function journaledAlignmentViews(record: EvalRecord, journaled: JournaledAlignments): AlignmentView[] {
  return alignmentInputs(record, goldText(record)).flatMap((t) => {
    const a = journaledAlignment(journaled, record.index, t.judgment, t.input);
    return a ? [toAlignmentView({ judgment: t.judgment, against: t.against, alignment: a })] : [];
  });
}
