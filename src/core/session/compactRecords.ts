/**
 * Records reduced to what the session index keeps (offsets, label codes, flags, subset), in
 * column batches. The session builds its index from these whether the file is read on its own
 * thread or in a worker (indexWorker.ts), so both paths give the same index by construction.
 */
import type { DatasetOptions, OpenedDataset } from '../dataset/dataset';
import { readDataset } from '../dataset/dataset';
import { FIDELITY_VERDICTS } from '../record/record';
import type { EvalRecord, Label, ReadIssue } from '../record/record';
import type { IssueGroup } from '../dataset/issueGroups';
import { IssueGrouper } from '../dataset/issueGroups';
import type { ByteRange } from '../io/entryReader';
import type { RecordSink } from '../tally/fastTally';
import { canFastTally, fastRecordChunks } from '../tally/fastTally';
import { parquetRecordChunks } from './parquetRecords';

export const LABEL_CODES: readonly (Label | null)[] = [null, 'A', 'B', 'tie'];
/** No swapped-order judgment. */
export const NONE = 255;
export const HAS_JUDGMENT = 1;
export const FROM_FILE = 2;
export const HAS_GOLD_RATIONALE = 4;
/** The row holds several samples of its own (votes, trajectories: `EvalRecord.samples`). */
export const ROW_SAMPLES = 8;
/**
 * Read in a byte range (line numbers count within it): the record has no id of its own, so its id is
 * its line's (`line 12`), left out here and written by RangeMerge once the range's first line is known.
 */
export const LINE_ID = 16;

/** A column batch of records in file order, with the issues read among them. */
export interface CompactBatch {
  readonly count: number;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly lines: Uint32Array;
  readonly golds: Uint8Array;
  readonly preds: Uint8Array;
  readonly parsedPreds: Uint8Array;
  readonly swappedPreds: Uint8Array;
  readonly flags: Uint8Array;
  readonly fileVerdicts: Uint8Array;
  /** Subset numbers, 1-based in first-seen order over the whole read (names in `newSubsetNames`), 0 = none. */
  readonly subsetIds: Uint32Array;
  /** The records' ids, concatenated (an id over MAX_ID_CHARS is left out: ''), and where each ends in it. */
  readonly idText: string;
  readonly idEnds: Uint32Array;
  /** Subset names new in this batch, continuing the numbering of earlier batches. */
  readonly newSubsetNames: readonly string[];
  readonly goldRationales: boolean;
  /** Issues read with this batch's records (kept ones only; `malformed`/`warnings` count all). */
  readonly issues: readonly ReadIssue[];
  readonly malformed: number;
  readonly warnings: number;
  /** Issue groups (same severity, field and message) that grew in this batch, with their totals so far. */
  readonly issueGroups: readonly IssueGroup[];
}

/** Ids longer than this are not kept in the index (the list shows the record's line instead). */
export const MAX_ID_CHARS = 512;
/** The first batch is small, so the views have records to show within moments of opening a large file. */
const FIRST_BATCH_RECORDS = 256;
const FIRST_BATCH_BYTES = 8 * 1024 * 1024;
/** A batch of very large records is sent before it holds `size` of them. */
const BATCH_BYTES = 64 * 1024 * 1024;

/** Builds column batches of `size` records (fewer for the first, or for very large records), numbering subsets across batches. */
class CompactBatcher {
  private batches = 0;
  private bytes = 0;
  private ids: string[] = [];
  private readonly subsetIds = new Map<string, number>();
  private next: Mutable;
  private issuesKept = 0;
  private readonly grouper = new IssueGrouper();
  private readonly touched = new Set<string>();

  constructor(
    private readonly size: number,
    private readonly maxIssues: number,
    private readonly inRange: boolean,
  ) {
    this.next = this.fresh();
  }

  /** Adds a record; returns a full batch when one is ready. */
  add(record: EvalRecord): CompactBatch | undefined {
    const b = this.next;
    const i = b.count;
    b.starts[i] = record.byteStart;
    b.ends[i] = record.byteEnd;
    b.lines[i] = record.line;
    b.golds[i] = LABEL_CODES.indexOf(record.goldLabel);
    const primary = record.judgments[0];
    const swapped = record.judgments.find((j) => j.order === 'swapped');
    b.preds[i] = LABEL_CODES.indexOf(primary?.verdict ?? null);
    b.parsedPreds[i] = LABEL_CODES.indexOf(primary?.parsedVerdict ?? null);
    b.swappedPreds[i] = swapped ? LABEL_CODES.indexOf(swapped.verdict) : NONE;
    b.flags[i] = (primary ? HAS_JUDGMENT : 0) | (primary?.verdictSource === 'file' ? FROM_FILE : 0) | (record.goldRationales.length ? HAS_GOLD_RATIONALE : 0) | (record.samples && record.samples.length > 1 ? ROW_SAMPLES : 0);
    b.fileVerdicts[i] = record.fidelity ? FIDELITY_VERDICTS.indexOf(record.fidelity.verdict) + 1 : 0;
    b.subsetIds[i] = this.subsetId(record.subset);
    const lineId = this.inRange && record.id === `line ${record.line}`;
    if (lineId) b.flags[i] |= LINE_ID;
    this.ids.push(lineId || record.id.length > MAX_ID_CHARS ? '' : record.id);
    if (record.goldRationales.length) b.goldRationales = true;
    b.count++;
    this.bytes += record.byteEnd - record.byteStart;
    const first = this.batches === 0;
    return b.count === this.size || this.bytes >= BATCH_BYTES || (first && (b.count >= FIRST_BATCH_RECORDS || this.bytes >= FIRST_BATCH_BYTES)) ? this.flush() : undefined;
  }

  issue(issue: ReadIssue, skipped: boolean): void {
    if (skipped) this.next.malformed++;
    else this.next.warnings++;
    const key = this.grouper.add(issue);
    if (key !== null) this.touched.add(key);
    if (this.issuesKept < this.maxIssues) {
      this.issuesKept++;
      this.next.issues.push(issue);
    }
  }

  /** The batch so far (possibly empty), and a fresh one started. */
  flush(): CompactBatch {
    const b = this.next;
    this.next = this.fresh();
    this.batches++;
    this.bytes = 0;
    const idEnds = new Uint32Array(b.count);
    let at = 0;
    this.ids.forEach((id, k) => (idEnds[k] = at += id.length));
    b.idText = this.ids.join('');
    b.idEnds = idEnds;
    this.ids = [];
    b.issueGroups = this.grouper.groups([...this.touched]);
    this.touched.clear();
    const cut = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => (b.count === this.size ? a : (a.slice(0, b.count) as T));
    return {
      ...b,
      starts: cut(b.starts),
      ends: cut(b.ends),
      lines: cut(b.lines),
      golds: cut(b.golds),
      preds: cut(b.preds),
      parsedPreds: cut(b.parsedPreds),
      swappedPreds: cut(b.swappedPreds),
      flags: cut(b.flags),
      fileVerdicts: cut(b.fileVerdicts),
      subsetIds: cut(b.subsetIds),
    };
  }

  private subsetId(subset: string | null): number {
    if (subset === null) return 0;
    let id = this.subsetIds.get(subset);
    if (id === undefined) {
      id = this.subsetIds.size + 1;
      this.subsetIds.set(subset, id);
      this.next.newSubsetNames.push(subset);
    }
    return id;
  }

  private fresh(): Mutable {
    const n = this.size;
    return {
      count: 0,
      starts: new Float64Array(n),
      ends: new Float64Array(n),
      lines: new Uint32Array(n),
      golds: new Uint8Array(n),
      preds: new Uint8Array(n),
      parsedPreds: new Uint8Array(n),
      swappedPreds: new Uint8Array(n),
      flags: new Uint8Array(n),
      fileVerdicts: new Uint8Array(n),
      subsetIds: new Uint32Array(n),
      idText: '',
      idEnds: new Uint32Array(0),
      newSubsetNames: [],
      goldRationales: false,
      issues: [],
      malformed: 0,
      warnings: 0,
      issueGroups: [],
    };
  }
}

type Mutable = { -readonly [K in keyof CompactBatch]: CompactBatch[K] } & { newSubsetNames: string[]; issues: ReadIssue[] };

/** The buffers of a batch, to transfer it to another thread without copying. */
export function transferList(b: CompactBatch): ArrayBuffer[] {
  return [b.starts, b.ends, b.lines, b.golds, b.preds, b.parsedPreds, b.swappedPreds, b.flags, b.fileVerdicts, b.subsetIds, b.idEnds].map((a) => a.buffer as ArrayBuffer);
}

export interface CompactReadOptions extends DatasetOptions {
  readonly maxIssues?: number;
  /** Read every record with the full adapter even where the fast R-Align read applies (the reference it is tested against). */
  readonly full?: boolean;
}

/**
 * Reads a whole dataset, or one line-aligned byte range of a plain R-Align JSONL file, as compact
 * batches (the worker's loop, and the session's on its own thread). R-Align JSONL goes through the
 * stats fast path (tally/fastTally.ts: only the fields the index keeps, every line still validated
 * as JSON.parse would; odd lines fall back to the full adapter), which gives the same batches as
 * the full read (test/unit/core/session/compactFast.test.ts). `onLines` gets the newlines read.
 */
export async function* compactBatches(dataset: OpenedDataset, options: CompactReadOptions, size = 4096, range?: ByteRange, onLines?: (newlines: number) => void): AsyncGenerator<CompactBatch> {
  const batcher = new CompactBatcher(size, options.maxIssues ?? 5000, range !== undefined);
  if (!options.full && canFastTally(dataset)) {
    const ready: CompactBatch[] = [];
    const sink: RecordSink = {
      record: (r) => {
        const full = batcher.add(r);
        if (full) ready.push(full);
      },
      issue: (issue, skipped) => batcher.issue(issue, skipped),
      ...(onLines ? { lines: onLines } : {}),
    };
    // The session's figures count rationales whose own verdict differs from the file's: always checked here.
    // A Parquet file's rows are read without their JSON text (parquetRecords.ts).
    const chunks = dataset.packing === 'parquet' && !range ? parquetRecordChunks(dataset, { ...options, verdictCheck: true }, sink) : fastRecordChunks(dataset, { ...options, verdictCheck: true }, sink, range);
    for await (const _ of chunks) yield* ready.splice(0);
  } else {
    if (range) throw new Error('only a plain R-Align JSONL file is read in byte ranges');
    for await (const event of readDataset(dataset, options)) {
      if (event.kind === 'issue') batcher.issue(event.issue, event.skipped);
      else {
        const full = batcher.add(event.record);
        if (full) yield full;
      }
    }
  }
  yield batcher.flush();
}
