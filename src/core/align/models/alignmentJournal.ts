/**
 * Model alignments journaled beside the dataset (`<file>.rlens-alignments.jsonl`, append-only,
 * fsynced, never the dataset itself): per (record, judgment), the LLM aligner's raw checklist or the
 * embedding tier's claim scores, with a fingerprint of the two texts. An entry is rebuilt into the
 * claim contract on demand (rebuildAlignment) and only while both texts are unchanged, so a stale
 * alignment is never shown; a bulk run skips what the same model and method journaled (resume).
 */
import { createHash } from 'node:crypto';
import type { JsonlAppender } from '../../io/jsonl';
import type { SideFileSpec } from '../../io/keyedStore';
import { openSideFileAppender, readSideFile } from '../../io/keyedStore';
import type { Infer } from '../../schema/schema';
import { arr, check, int, lit, num, obj, optional, str } from '../../schema/schema';
import type { AnchorWork } from '../lexical/anchor';
import { parseChecklist } from './checklist';
import type { AlignmentPayload, ModelAlignerMethod } from './modelAligner';
import { rebuildAlignment } from './modelAligner';
import type { AlignInput, Alignment } from '../lexical/types';

const ALIGNMENTS_SUFFIX = '.rlens-alignments.jsonl';

export function alignmentsPathFor(datasetPath: string): string {
  return datasetPath + ALIGNMENTS_SUFFIX;
}

const entryHead = {
  kind: lit('alignment'),
  recordIndex: int(),
  recordId: str(),
  judgment: int(),
  against: lit('gold', 'original'),
  model: str(),
  /** sha256 of the reference text and the rationale the model was asked about. */
  textSha: str(100),
  at: str(100),
};
/** An LLM entry: the checklist as received (`method` absent in older journals). */
const llmEntry = obj({ ...entryHead, method: optional(lit('llm')), answer: str() }, { extra: 'allow' });
/** An embedding entry: the claim score matrix and the threshold it was matched at. */
const embeddingEntry = obj({ ...entryHead, method: lit('embedding'), threshold: num, scores: arr(arr(num)) }, { extra: 'allow' });
type EntryHead = Omit<Infer<typeof llmEntry>, 'method' | 'answer'>;

type AlignmentEntry = EntryHead & AlignmentPayload;

export function textFingerprint(input: Pick<AlignInput, 'gold' | 'rationale'>): string {
  return createHash('sha256').update(input.gold).update('\u0000').update(input.rationale).digest('hex').slice(0, 32);
}

function asEntry(v: unknown): AlignmentEntry | undefined {
  if (check(embeddingEntry, v, 'entry').ok) return v as AlignmentEntry;
  return check(llmEntry, v, 'entry').ok ? ({ ...(v as object), method: 'llm' } as AlignmentEntry) : undefined;
}

/** The alignments file (store: io/keyedStore.ts); read whole, the latest entry per record and judgment. */
const ALIGNMENTS_FILE: SideFileSpec<AlignmentEntry> = {
  what: 'alignment journal',
  parse: asEntry,
  looksLikeEntry: (t) => t.includes('"kind":"alignment"'),
  ours: (t) => t.startsWith('{"kind":"alignment",'),
};

const keyOf = (recordIndex: number, judgment: number): string => `${recordIndex}:${judgment}`;

export interface JournaledAlignments {
  /** Latest entry per record and judgment. */
  readonly entries: ReadonlyMap<string, AlignmentEntry>;
  /** Lines that are not entries (skipped, left in place). */
  readonly corruptLines: readonly number[];
  /** Of those, lines over the line reader's cap (not read at all). */
  readonly tooLongLines: readonly number[];
}

export async function readAlignments(datasetPath: string): Promise<JournaledAlignments> {
  const entries = new Map<string, AlignmentEntry>();
  const scan = await readSideFile(alignmentsPathFor(datasetPath), ALIGNMENTS_FILE, (e) => entries.set(keyOf(e.recordIndex, e.judgment), e));
  return { entries, corruptLines: scan.corruptLines, tooLongLines: scan.tooLongLines };
}

/** The latest entry of a judgment while its texts are unchanged and (with `by`) the same model and method made it. */
function currentEntry(j: JournaledAlignments, recordIndex: number, judgment: number, input: AlignInput, by?: { method: ModelAlignerMethod; model: string }): AlignmentEntry | undefined {
  const e = j.entries.get(keyOf(recordIndex, judgment));
  if (!e || e.textSha !== textFingerprint(input)) return undefined;
  if (by && (by.method !== e.method || by.model !== e.model)) return undefined;
  return e;
}

/**
 * The journaled alignment of a judgment, rebuilt (anchoring gives the event loop turns; `work`
 * counts its steps), or null when there is none, its texts changed, or (with `by`) another model or
 * method made it.
 */
export async function journaledAlignment(j: JournaledAlignments, recordIndex: number, judgment: number, input: AlignInput, by?: { method: ModelAlignerMethod; model: string }, work?: AnchorWork & { turns?: number }): Promise<Alignment | null> {
  const e = currentEntry(j, recordIndex, judgment, input, by);
  if (!e) return null;
  try {
    return await rebuildAlignment(input, e.model, e, work);
  } catch {
    return null; // the entry no longer rebuilds (another version's answer): as if none, the model is asked again
  }
}

/**
 * Whether a judgment has a journaled alignment for these texts by this model and method (what a bulk
 * run skips), from the journal's keys and fingerprints: nothing is anchored. An LLM answer must
 * still parse as a checklist (linear; a journal written by an older version may not), as a rebuild
 * would require.
 */
export function hasJournaledAlignment(j: JournaledAlignments, recordIndex: number, judgment: number, input: AlignInput, by: { method: ModelAlignerMethod; model: string }): boolean {
  const e = currentEntry(j, recordIndex, judgment, input, by);
  if (!e) return false;
  if (e.method === 'embedding') return true;
  try {
    parseChecklist(e.answer);
    return true;
  } catch {
    return false;
  }
}

export class AlignmentJournal {
  private constructor(private readonly appender: JsonlAppender) {}

  static async open(datasetPath: string): Promise<AlignmentJournal> {
    const { appender } = await openSideFileAppender(alignmentsPathFor(datasetPath), ALIGNMENTS_FILE, { sync: true });
    return new AlignmentJournal(appender);
  }

  async append(entry: Omit<EntryHead, 'kind' | 'at'> & AlignmentPayload): Promise<void> {
    await this.appender.append({ kind: 'alignment', ...entry, at: new Date().toISOString() });
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}
