/**
 * The minimal record of the fast R-Align reads, whichever way its members were read: from a JSONL
 * line's bytes (fastTally.ts' readFast) or from a Parquet row's values (session/parquetRecords.ts).
 * The rules on the file's fidelity verdict, the judgment and the record's shape live here once, so
 * the two reads cannot drift apart from each other or from the full adapter they are tested against
 * (test/unit/core/tally/fastTally.test.ts, test/unit/core/session/parquetRecords.test.ts).
 */
import { FIDELITY_VERDICTS } from '../record/record';
import type { EvalRecord, Fidelity, FidelityVerdict, Judgment, Label } from '../record/record';
import { splitThinking } from '../record/thinking';

/** The index and the tally only count whether a gold rationale is there; its text is never decoded. */
const GOLD_PRESENT: readonly string[] = [''];

/** `metarm_verdict` as the fast read takes it: null when absent or null; false when the full adapter must read the record. */
export function fileFidelity(raw: unknown): Fidelity | null | false {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== 'string' || !(FIDELITY_VERDICTS as readonly string[]).includes(raw)) return false;
  return { verdict: raw as FidelityVerdict, origin: 'file' };
}

/**
 * `model_judgment` as the record's one judgment: the file's verdict `pred` and the rationale's own
 * (`parsed`) when the cross-check is on; without it parsedVerdict mirrors the file's, so no
 * disagreement is counted. `raw` is the judgment's text when it is kept, else ''.
 */
export function fastJudgment(raw: string, pred: Label | null, parsed: Judgment['parsedVerdict'], check: boolean): Judgment {
  const split = splitThinking(raw);
  return { raw, thinking: split.thinking, rationale: split.answer, rationaleOffset: split.answerOffset, verdict: pred, verdictSource: 'file', parsedVerdict: check ? parsed : pred, order: 'original', field: 'model_judgment' };
}

/** The record (no texts: the views read those again from the file), its id the full adapter's: `id` when a non-empty string or a number, else its line's. */
export function fastRecord(index: number, line: number, byteStart: number, byteEnd: number, rawId: unknown, goldLabel: Label, hasGoldRationale: boolean, judgments: readonly Judgment[], fidelity: Fidelity | null, subset: string | null): EvalRecord {
  return {
    index,
    id: typeof rawId === 'string' && rawId ? rawId : typeof rawId === 'number' ? String(rawId) : `line ${line}`,
    line,
    byteStart,
    byteEnd,
    conversation: [],
    responseA: '',
    responseB: '',
    goldLabel,
    goldRationales: hasGoldRationale ? GOLD_PRESENT : [],
    judgments,
    fidelity,
    subset,
    source: null,
  };
}
