/**
 * The index part of a session (session.ts): a compact per-record table built in one streaming pass
 * (byte ranges, `RecordIndex`; labels, verdict codes, subset, id and class, `RecordColumns`), the
 * file's issues, records re-read on demand, lookups by line and id, search and the sample-set hint.
 * It knows nothing of the verdicts in force: sessionVerdicts.ts classifies and counts its records.
 */
import { BackgroundHold } from '../io/backgroundHold';
import { copyOnNextRead } from '../io/containers/decompressedCopy';
import { MAX_ID_CHARS, compactBatches } from './compactRecords';
import type { CompactBatch } from './compactRecords';
import type { OpenedDataset } from '../dataset/dataset';
import { RecordIndex, readDataset, readRecordAt } from '../dataset/dataset';
import type { SessionOptions } from './indexLoader';
import { indexInWorker, indexWorkerScript, workerInput } from './indexLoader';
import { searchRecords } from './recordSearch';
import type { IssueGroup } from '../dataset/issueGroups';
import { groupKey } from '../dataset/issueGroups';
import { RecordColumns } from './recordColumns';
import type { EvalRecord, ReadIssue } from '../record/record';

const CACHE_SIZE = 256;
const BATCH_SIZE = 4096;

export class SessionIndex {
  /** Byte ranges and first lines, by record. */
  readonly offsets = new RecordIndex();
  readonly issues: ReadIssue[] = [];
  /** Every issue of the file grouped by message, with counts (the kept `issues` are the first ones). */
  private readonly issueGroupMap = new Map<string, IssueGroup>();
  malformed = 0;
  warnings = 0;
  /** Labels, verdict codes, subsets, classes per record: no record text is kept. The verdict part sets the classes. */
  readonly columns = new RecordColumns();
  goldRationales = false;
  /** Whether the whole file is indexed. */
  built = false;
  /** Built on first lookup by id: ids are not kept in memory otherwise. */
  private recordIds: Map<string, number> | null = null;
  private readonly cache = new Map<number, EvalRecord>();
  /** Shared with the indexing worker: held, it waits between batches (see pause). */
  private readonly hold = new BackgroundHold();

  constructor(
    readonly dataset: OpenedDataset,
    readonly options: SessionOptions,
  ) {}

  get path(): string {
    return this.dataset.path;
  }

  get count(): number {
    return this.offsets.length;
  }

  /**
   * Indexes the whole file (in a worker when asked and possible); after each batch, `counted(from, to)`
   * sees its records, then the progress callback hears the count.
   */
  async build(counted: (from: number, to: number) => void): Promise<void> {
    const script = indexWorkerScript(this.options);
    const signal = this.options.signal;
    signal?.throwIfAborted();
    const add = (b: CompactBatch) => this.addBatch(b, counted);
    if (script) await indexInWorker(script, workerInput(this.path, this.dataset.adapter.name, this.options, BATCH_SIZE, this.hold.flag), add, signal);
    else {
      copyOnNextRead(this.path, this.dataset.packing);
      for await (const batch of compactBatches(this.dataset, this.options, BATCH_SIZE)) {
        signal?.throwIfAborted();
        add(batch);
      }
    }
    this.hold.release();
    this.built = true;
  }

  /** Holds the indexing worker between batches (`holder`'s pause, `ms` at most); no effect once built. */
  pause(ms: number, holder: string): void {
    if (!this.built) this.hold.hold(holder, ms);
  }

  /** Ends `holder`'s pause (every pause when none is named). */
  resume(holder?: string): void {
    this.hold.release(holder);
  }

  get held(): boolean {
    return this.hold.held;
  }

  private addBatch(b: CompactBatch, counted: (from: number, to: number) => void): void {
    this.malformed += b.malformed;
    this.warnings += b.warnings;
    this.issues.push(...b.issues); // the batcher keeps at most maxIssues over the whole read
    for (const g of b.issueGroups) this.issueGroupMap.set(groupKey(g.first), g);
    this.columns.beginBatch(b);
    if (b.goldRationales) this.goldRationales = true;
    const from = this.count;
    for (let k = 0; k < b.count; k++) {
      this.offsets.add({ byteStart: b.starts[k] as number, byteEnd: b.ends[k] as number, line: b.lines[k] as number });
      this.columns.addFromBatch(b, k);
    }
    counted(from, this.count);
    if (b.count) this.options.onProgress?.(this.count);
  }

  /** Every issue grouped by message, in order of first appearance, with counts. */
  get issueGroups(): IssueGroup[] {
    return [...this.issueGroupMap.values()];
  }

  /** The record as the file has it (its own fidelity verdict), from the cache or re-read. */
  async fileRecord(index: number): Promise<EvalRecord> {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const loc = this.offsets.at(index);
    if (!loc) throw new RangeError(`record ${index} is out of range (the file has ${this.count} records)`);
    const out = await readRecordAt(this.dataset, loc, index, this.options.extraPatterns);
    if (!out.record) throw new Error(`record ${index} (line ${loc.line}) changed on disk: ${out.issues[0]?.message ?? 'unreadable'}; reload the file`);
    this.cache.set(index, out.record);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    return out.record;
  }

  /** The record's first line; a record past the end (or before the start) is an error, never line 1. */
  lineOf(index: number): number {
    const loc = Number.isInteger(index) ? this.offsets.at(index) : undefined;
    if (!loc) throw new RangeError(`record ${index} is out of range (the file has ${this.count} records)`);
    return loc.line;
  }

  indexOfLine(line: number): number {
    return this.offsets.indexOfLine(line);
  }

  /**
   * The first record with this id. The id map is built on first use from the ids the compact index
   * keeps; only an id it cannot hold (empty, or over MAX_ID_CHARS), or a file still indexing, takes
   * one pass over the file.
   */
  async indexOfId(id: string): Promise<number | undefined> {
    if (id === '' || id.length > MAX_ID_CHARS || !this.built) return (await this.idsFromFile()).get(id);
    if (!this.recordIds) {
      const ids = new Map<string, number>();
      for (let i = 0; i < this.count; i++) {
        const known = this.columns.id(i);
        if (known !== null && !ids.has(known)) ids.set(known, i);
      }
      this.recordIds = ids;
    }
    return this.recordIds.get(id);
  }

  private async idsFromFile(): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for await (const event of readDataset(this.dataset, this.options)) {
      if (event.kind === 'record' && !ids.has(event.record.id)) ids.set(event.record.id, event.record.index);
    }
    return ids;
  }

  /** Every record in file order, re-read with the file's own verdicts (one pass). */
  async *records(signal?: AbortSignal): AsyncGenerator<EvalRecord> {
    for await (const event of readDataset(this.dataset, this.options)) {
      signal?.throwIfAborted();
      if (event.kind === 'record') yield event.record;
    }
  }

  /** Case-insensitive full-text search (recordSearch.ts): streams the file again, stops at `limit` hits. */
  search(query: string, candidates: readonly number[] | null, limit: number, signal?: AbortSignal): Promise<number[]> {
    return searchRecords(this.dataset, this.options, this.count, query, candidates, limit, signal);
  }
}
