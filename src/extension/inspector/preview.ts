/**
 * The first records of a file, read directly while the shared session is still indexing the whole
 * file, so the Inspector shows records within a second even for gigabyte files. Holds at most
 * PREVIEW_RECORDS records and PREVIEW_BYTES of source; replaced by the session once it is loaded.
 *
 * (SessionRegistry.get resolves only once the whole file is indexed; if it handed out the session
 * while loading, this would not be needed.)
 */
import type { DatasetOptions } from '../../core/dataset';
import { openDataset, readDataset } from '../../core/dataset';
import { classifyRecord } from '../../core/metrics';
import type { EvalRecord } from '../../core/record';
import type { RecordKind } from '../../protocol/messages';

export const PREVIEW_RECORDS = 200;
const PREVIEW_BYTES = 16 * 1024 * 1024;
const PREVIEW_MS = 1500;

export interface Preview {
  readonly format: string;
  readonly sizeBytes: number;
  readonly records: readonly EvalRecord[];
  readonly kinds: readonly RecordKind[];
  readonly baseDir: string;
}

export async function readPreview(path: string, options: DatasetOptions, baseDir: string, signal: AbortSignal): Promise<Preview | undefined> {
  const dataset = await openDataset(path, options);
  const records: EvalRecord[] = [];
  let bytes = 0;
  const started = Date.now();
  for await (const event of readDataset(dataset, options)) {
    if (signal.aborted) return undefined;
    if (event.kind !== 'record') continue;
    records.push(event.record);
    bytes += event.record.byteEnd - event.record.byteStart;
    if (records.length >= PREVIEW_RECORDS || bytes >= PREVIEW_BYTES || Date.now() - started > PREVIEW_MS) break;
  }
  return {
    format: dataset.adapter.name,
    sizeBytes: dataset.sizeBytes,
    records,
    kinds: records.map((r) => classifyRecord(r).kind),
    baseDir,
  };
}
