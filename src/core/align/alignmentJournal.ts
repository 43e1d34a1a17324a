/**
 * Model alignments journaled beside the dataset (`<file>.rlens-alignments.jsonl`, append-only,
 * fsynced, never the dataset itself): the model's raw checklist per (record, judgment), with a
 * fingerprint of the two texts it was asked about. An entry is rebuilt into the claim contract on
 * demand (alignmentFromChecklist) and only while both texts are unchanged, so a stale alignment is
 * never shown; a bulk run skips what is journaled (resume).
 */
import { createHash } from 'node:crypto';
import { JsonlAppender, scanJsonl } from '../llm/jsonl';
import type { AlignInput } from './index';
import { parseChecklist } from './checklist';
import type { LlmAlignment } from './llmAligner';
import { alignmentFromChecklist } from './llmAligner';

export const ALIGNMENTS_SUFFIX = '.rlens-alignments.jsonl';

export function alignmentsPathFor(datasetPath: string): string {
  return datasetPath + ALIGNMENTS_SUFFIX;
}

export interface AlignmentEntry {
  readonly kind: 'alignment';
  readonly recordIndex: number;
  readonly recordId: string;
  readonly judgment: number;
  readonly against: 'gold' | 'original';
  readonly model: string;
  /** sha256 of the reference text and the rationale the model was asked about. */
  readonly textSha: string;
  /** The model's checklist answer, as received. */
  readonly answer: string;
  readonly at: string;
}

export class AlignmentJournalError extends Error {}

export function textFingerprint(input: Pick<AlignInput, 'gold' | 'rationale'>): string {
  return createHash('sha256').update(input.gold).update('\u0000').update(input.rationale).digest('hex').slice(0, 32);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isText = (v: unknown): v is string => typeof v === 'string';

function asEntry(v: unknown): AlignmentEntry | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  if (o.kind !== 'alignment' || !isCount(o.recordIndex) || !isText(o.recordId) || !isCount(o.judgment)) return undefined;
  if ((o.against !== 'gold' && o.against !== 'original') || !isText(o.model) || !isText(o.textSha) || !isText(o.answer) || !isText(o.at)) return undefined;
  return o as unknown as AlignmentEntry;
}

const keyOf = (recordIndex: number, judgment: number): string => `${recordIndex}:${judgment}`;

export interface JournaledAlignments {
  /** Latest entry per record and judgment. */
  readonly entries: ReadonlyMap<string, AlignmentEntry>;
  /** Lines that are not entries (skipped, left in place). */
  readonly corruptLines: readonly number[];
}

export async function readAlignments(datasetPath: string): Promise<JournaledAlignments> {
  const entries = new Map<string, AlignmentEntry>();
  const scan = await scanJsonl(alignmentsPathFor(datasetPath), asEntry, (e) => entries.set(keyOf(e.recordIndex, e.judgment), e));
  return { entries, corruptLines: scan.corruptLines };
}

/** The journaled alignment of a judgment, rebuilt, or null when there is none or its texts changed. */
export function journaledAlignment(j: JournaledAlignments, recordIndex: number, judgment: number, input: Pick<AlignInput, 'gold' | 'rationale'>): Omit<LlmAlignment, 'cached' | 'answer'> | null {
  const e = j.entries.get(keyOf(recordIndex, judgment));
  if (!e || e.textSha !== textFingerprint(input)) return null;
  try {
    return alignmentFromChecklist(input.gold, input.rationale, parseChecklist(e.answer), e.model);
  } catch {
    return null;
  }
}

export class AlignmentJournal {
  private constructor(private readonly appender: JsonlAppender) {}

  static async open(datasetPath: string): Promise<AlignmentJournal> {
    const path = alignmentsPathFor(datasetPath);
    const scan = await scanJsonl(path, asEntry, () => undefined, (t) => t.includes('"kind":"alignment"'));
    if (scan.firstLineForeign) throw new AlignmentJournalError(`${path} is not a Rationale Lens alignment journal (its first line is not an entry): nothing was written to it; move it aside`);
    return new AlignmentJournal(await JsonlAppender.open(path, { sync: true, ...(scan.torn ? { truncateTo: scan.goodLength } : {}), ensureNewline: !scan.torn && scan.missingFinalNewline }));
  }

  async append(entry: Omit<AlignmentEntry, 'kind' | 'at'>): Promise<void> {
    await this.appender.append(JSON.stringify({ kind: 'alignment', ...entry, at: new Date().toISOString() }));
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}
