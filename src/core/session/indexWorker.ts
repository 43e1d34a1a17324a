/**
 * Worker-thread entry: reads a whole evaluation file, or one byte range of it (indexLoader.ts), into
 * compact batches (compactRecords.ts) and posts them, buffers transferred, so the extension host's
 * own thread stays free while a large file is indexed. Started by DatasetSession.load({ indexInWorker }).
 * The same script also decodes a Parquet file's rows for a main thread that reads them (the extension
 * host opening the file, the CLI): started with a ParquetRowsRequest (io/containers/parquetThread.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compactBatches, transferList } from './compactRecords';
import type { IndexWorkerInput, IndexWorkerMessage } from './indexWorkerProtocol';
import { waitWhileHeld } from '../io/backgroundHold';
import { DatasetError, openDataset } from '../dataset/dataset';
import { giveStart } from '../io/containers/packedStart';
import { copiesWritten, copyOnNextRead, setDecompressedCopyDir } from '../io/containers/decompressedCopy';
import { isParquetRowsRequest } from '../io/containers/parquetThread';

if (parentPort && isParquetRowsRequest(workerData)) {
  // Not an index: a Parquet file's rows, decoded here for the thread that reads them (parquetThread.ts).
  const [port, request] = [parentPort, workerData];
  void import('../io/containers/parquetFile').then((m) => m.serveParquetRows(port, request));
} else if (parentPort && workerData) {
  const port = parentPort;
  const input = workerData as IndexWorkerInput;
  const post = (m: IndexWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  giveStart(input.start);
  const warn = (message: string) => post({ type: 'warning', message });
  setDecompressedCopyDir(input.copyDir, { info: () => undefined, warn, error: warn });
  (async () => {
    const dataset = await openDataset(input.path, input.options);
    // A gzip or zstd file is decompressed once: this pass writes the copy the editor re-reads records from.
    if (!input.range) copyOnNextRead(dataset.path, dataset.packing);
    const stopped = (): boolean => Atomics.load(input.stop, 0) === 1;
    let newlines = 0;
    for await (const batch of compactBatches(dataset, input.options, input.batchSize, input.range, (n) => (newlines = n))) {
      if (stopped()) return;
      post({ type: 'batch', batch }, transferList(batch));
      // Paused while the views draw their first screen: this thread gives its core back.
      waitWhileHeld(input.paused, stopped);
      waitWhileHeld(input.background, stopped);
    }
    // Done means the copy is there too (renamed from its partial file): the next read of a record goes to it.
    await copiesWritten();
    post({ type: 'done', newlines });
  })().catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err), datasetError: err instanceof DatasetError }));
}
