/**
 * A file's first record read from its head, on the calling thread, before its index has it: what
 * the Inspector's page carries when the index worker's first batch is late (docs/ARCHITECTURE.md,
 * "The first screen"). It is read through the session's own reader (readDataset: the entry reader,
 * then entryToRecord with the same verdict patterns), so it is the record the session serves as
 * record 0 while the file is indexed (lines skipped before it are skipped here too). Bounded for any
 * file: entries over HEAD_MAX_ENTRY_BYTES end the read (the reader reports one as soon as it has read
 * past that much of it, and the session, whose cap is larger, may read it as its record 0), and so
 * do HEAD_MAX_ENTRIES entries without a record. Plain JSONL only: a JSON array's reader reports an
 * over-long element only at its end (unbounded), a compressed or Parquet file's source is the
 * container's (its decompressed copy, its decoded start), left to the index.
 */
import type { EvalRecord } from '../record/record';
import type { VerdictPattern } from '../record/verdict';
import { DEFAULT_MAX_ENTRY_BYTES, isOverCapIssue } from '../io/entryReader';
import type { OpenedDataset } from './dataset';
import { readDataset } from './dataset';

/** The longest first record read from the head (records are 3–40 KB in the R-Align files measured). */
export const HEAD_MAX_ENTRY_BYTES = 1024 * 1024;
/** Entries (records, or lines skipped before the first record) looked at before giving up. */
export const HEAD_MAX_ENTRIES = 8;
/** The reader's read size here: a small first record costs one small read. */
const HEAD_CHUNK_BYTES = 64 * 1024;

export interface HeadOptions {
  /** The session's record size cap (its reader skips longer lines). */
  readonly maxEntryBytes?: number;
  readonly extraPatterns?: readonly VerdictPattern[];
}

/** Record 0 of `dataset` as its session reads it, or undefined when the head does not settle it within the bounds. */
export async function headRecord(dataset: OpenedDataset, options: HeadOptions = {}): Promise<EvalRecord | undefined> {
  if (dataset.packing !== 'plain' || dataset.container !== 'jsonl') return undefined;
  const sessionCap = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const maxEntryBytes = Math.min(sessionCap, HEAD_MAX_ENTRY_BYTES);
  let entries = 0;
  // Leaving the loop early closes the reader (and the file).
  for await (const event of readDataset(dataset, { maxEntryBytes, chunkBytes: HEAD_CHUNK_BYTES, ...(options.extraPatterns ? { extraPatterns: options.extraPatterns } : {}) })) {
    if (event.kind === 'record') return event.record;
    // Over the head's cap but maybe not the session's: that line may be its record 0.
    if (isOverCapIssue(event.issue) && maxEntryBytes < sessionCap) return undefined;
    // A warning rides with a record (yielded next); a skipped line counts against the bound.
    if (event.skipped && ++entries >= HEAD_MAX_ENTRIES) return undefined;
  }
  return undefined; // no record in the file
}
