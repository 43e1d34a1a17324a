/** Worker-thread entry: tallies one byte range of an R-Align JSONL file (see parallelTally.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { adapterByName } from './formats';
import type { FormatAdapter } from './formats/adapter';
import { fastTallyRAlign } from './fastTally';
import { Tally } from './metrics';
import type { PartialTally, WorkerInput } from './parallelTally';
import type { ReadIssue } from './record';
import { compileUserPatterns } from './verdict';

async function run(input: WorkerInput): Promise<PartialTally> {
  const adapter = adapterByName(input.options.format) as FormatAdapter;
  const tally = new Tally(adapter.bothOrders, (r) => r.subset);
  const issues: ReadIssue[] = [];
  let malformed = 0;
  let warnings = 0;
  let newlines = 0;
  const { patterns } = compileUserPatterns(input.options.userPatterns);
  await fastTallyRAlign(
    { path: input.path, container: 'jsonl', adapter, sizeBytes: input.range.end },
    { ...input.options, extraPatterns: patterns },
    {
      record: (r) => tally.add(r),
      issue: (issue, skipped) => {
        if (skipped) malformed++;
        else warnings++;
        if (issues.length < input.options.maxIssues) issues.push(issue);
      },
      lines: (n: number) => {
        newlines = n;
      },
    },
    input.range,
  );
  return { overall: tally.overall, groups: [...tally.groups.entries()], issues, malformed, warnings, newlines };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as WorkerInput).then(
    (result) => port.postMessage(result),
    (err: unknown) => {
      throw err;
    },
  );
}
