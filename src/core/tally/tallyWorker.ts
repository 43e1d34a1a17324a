/**
 * Worker-thread entry: tallies one byte range of an R-Align JSONL file, or takes pieces of a shared
 * list (see parallelTally.ts, claimedRanges.ts). Its input comes as workerData, or as the first
 * message when it was started before the input was known (prestartWorkers).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { ClaimedInput, WorkerInput } from './parallelTally';
import { tallyRange } from './tallyRange';
import { tallyClaimed } from './claimedRanges';

function run(port: MessagePort, input: WorkerInput | ClaimedInput): void {
  ('next' in input ? tallyClaimed(input) : tallyRange(input)).then(
    (result) => port.postMessage(result),
    (err: unknown) => {
      throw err;
    },
  );
}

if (parentPort) {
  const port = parentPort;
  if (workerData) run(port, workerData as WorkerInput | ClaimedInput);
  else port.once('message', (input: WorkerInput | ClaimedInput) => run(port, input));
}
