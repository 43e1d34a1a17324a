/** Worker-thread entry: tallies one byte range of an R-Align JSONL file (see parallelTally.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInput } from './parallelTally';
import { tallyRange } from './tallyRange';

if (parentPort && workerData) {
  const port = parentPort;
  tallyRange(workerData as WorkerInput).then(
    (result) => port.postMessage(result),
    (err: unknown) => {
      throw err;
    },
  );
}
