/** Messages between DatasetSession and indexWorker.ts (structured-cloned; batches transferred). */
import type { CompactBatch } from './compactRecords';
import type { DatasetOptions } from '../dataset/dataset';
import type { ByteRange } from '../io/entryReader';
import type { PackedStart } from '../io/containers/packedStart';

export interface IndexWorkerInput {
  readonly path: string;
  /** Format pinned to what the session detected, so both threads read the file the same way. */
  readonly options: DatasetOptions & { readonly maxIssues?: number };
  readonly batchSize: number;
  /** Line-aligned byte ranges to read in as many workers (a plain R-Align JSONL file); unset: the whole file in one. */
  readonly parts?: number | 'auto';
  /** This worker's range (set by indexInWorker); its line numbers count from 1 within it. */
  readonly range?: ByteRange;
  /** BackgroundHold.flag: while anyone holds it the worker waits between batches (DatasetSession.pauseIndexing). */
  readonly paused: Int32Array;
  /** Another hold the worker waits on between batches, the editor's (SessionOptions.backgroundHold). */
  readonly background?: Int32Array;
  /** Shared flag: [0] = 1 asks the worker to stop after the batch in hand (a load no longer wanted). */
  readonly stop: Int32Array;
  /** A Parquet file's start as this thread decoded it to open the file (packedStart.ts): the worker's first batches come from it (it decodes those rows again only to get past them, dropped, never as text). */
  readonly start?: PackedStart;
  /** The editor's folder for decompressed copies (decompressedCopy.ts): a gzip or zstd file's pass writes its copy there, or reads the complete one. */
  readonly copyDir?: string;
}

export type IndexWorkerMessage =
  | { readonly type: 'batch'; readonly batch: CompactBatch }
  | { readonly type: 'done'; readonly newlines: number }
  | { readonly type: 'error'; readonly message: string; readonly datasetError: boolean }
  /** A failure that does not stop the read (the decompressed copy could not be written): said in the opening thread's log. */
  | { readonly type: 'warning'; readonly message: string };
