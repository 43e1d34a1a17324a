/**
 * Tallies one line-aligned byte range of an R-Align JSONL file: run in a worker, or in the main thread.
 * What the worker bundle evaluates before its range begins is kept small (each worker starts late under load).
 */
import { adapterByName } from '../formats';
import type { FormatAdapter } from '../formats/adapter';
import { fastTallyRAlign } from './fastTally';
import { Tally } from '../statistics/metrics';
import type { PartialTally, WorkerInput } from './parallelTally';
import type { ReadIssue } from '../record/record';
import { compileUserPatterns } from '../record/verdict';
import { RepeatWatch, groupingId } from '../samples/repeatWatch';

/** `readBuffers`: EntryReaderOptions.readBuffers, when this thread reads range after range. */
export async function tallyRange(input: WorkerInput, readBuffers?: Buffer[]): Promise<PartialTally> {
  const adapter = adapterByName(input.options.format) as FormatAdapter;
  const tally = new Tally(adapter.bothOrders, (r) => r.subset);
  const issues: ReadIssue[] = [];
  let malformed = 0;
  let warnings = 0;
  let newlines = 0;
  const { patterns } = compileUserPatterns(input.options.userPatterns);
  const repeats = new RepeatWatch(groupingId({ packing: 'plain' }));
  // The rationale-vs-verdict check (off for files over 32 MB unless asked for) brings the lexical
  // aligner: loaded only when asked, so a worker that does not run it starts sooner.
  const check = input.options.contradictionCheck ? await import('../why/selfContradiction') : null;
  const contradictions = check ? check.emptySelfContradiction() : null;
  await fastTallyRAlign(
    { path: input.path, container: 'jsonl', packing: 'plain', adapter, sizeBytes: input.range.end },
    { ...input.options, extraPatterns: patterns, keepJudgmentText: contradictions !== null, ...(readBuffers ? { readBuffers } : {}) },
    {
      record: (r) => {
        tally.add(r);
        repeats.add(r);
        if (check && contradictions) check.addSelfContradictions(contradictions, r);
      },
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
  return { overall: tally.overall, groups: [...tally.groups.entries()], issues, malformed, warnings, newlines, idHashes: repeats.collected(), rowSamples: repeats.rowSamples, selfContradictions: contradictions };
}
