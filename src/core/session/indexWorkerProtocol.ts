/** Messages between DatasetSession and indexWorker.ts (structured-cloned; batches transferred). */
import type { CompactBatch } from './compactRecords';
import type { DatasetOptions } from '../dataset/dataset';

export interface IndexWorkerInput {
  readonly path: string;
  /** Format pinned to what the session detected, so both threads read the file the same way. */
  readonly options: DatasetOptions & { readonly maxIssues?: number };
  readonly batchSize: number;
  /** BackgroundHold.flag: while anyone holds it the worker waits between batches (DatasetSession.pauseIndexing). */
  readonly paused: Int32Array;
  /** Shared flag: [0] = 1 asks the worker to stop after the batch in hand (a load no longer wanted). */
  readonly stop: Int32Array;
}

export type IndexWorkerMessage =
  | { readonly type: 'batch'; readonly batch: CompactBatch }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string; readonly datasetError: boolean };
