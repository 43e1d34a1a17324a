/**
 * Writes the R-Align-format output of a run: every input field kept, the step's fields added or
 * replaced. Answers are matched to records by their request key (or, for records no request was
 * built for, by index and id), never by position alone: if the dataset changed during the run,
 * nothing is written and the user is told why.
 */
import type { DatasetOptions, OpenedDataset } from '../core/dataset/dataset';
import { readDataset } from '../core/dataset/dataset';
import { isObject } from '../core/formats/adapter';
import { writeFileAtomically } from '../core/io/sideFiles';
import { applyFidelityResult, applyGenrmResult, rAlignFields } from '../core/llm/export';
import type { LlmRole } from '../core/llm/profile';
import type { LlmResult } from '../core/llm/runner';
import type { EvalRecord } from '../core/record/record';
import { UsageError } from './options';

/**
 * How a record's answer is found: by the request key it carries; `skip` when the record needs no
 * call (its verdict follows from the record: SkippedLabelMismatch); `none` when no request could be
 * built (the failure is found by index and id).
 */
type AnswerLookup = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'skip' } | { readonly kind: 'none' } | { readonly kind: 'samples'; readonly keys: readonly string[] };
export type KeyOf = (record: EvalRecord) => Promise<AnswerLookup>;

const SKIPPED = { verdict: 'SkippedLabelMismatch', raw: null, reasoning: null, analysis: null, error: null } as const;

function identity(record: { recordIndex: number; recordId: string } | EvalRecord): string {
  return 'recordIndex' in record ? `${record.recordIndex}\u0000${record.recordId}` : `${record.index}\u0000${record.id}`;
}

/** Written atomically (core/io/sideFiles.ts): a crash never leaves half a file; a link at `outPath` is refused. */
export async function writeRAlignOutput(
  dataset: OpenedDataset,
  options: DatasetOptions,
  outPath: string,
  results: readonly LlmResult[],
  kind: LlmRole,
  model: string,
  keyOf: KeyOf,
): Promise<{ records: number; skipped: number }> {
  const byKey = new Map<string, LlmResult>();
  const byIdentity = new Map<string, LlmResult>();
  for (const r of results) {
    if (r.key !== null) byKey.set(r.key, r);
    else byIdentity.set(identity(r), r);
  }
  let records = 0;
  let skipped = 0;
  const unmatched: EvalRecord[] = [];
  const convert = dataset.adapter.name !== 'r-align';
  await writeFileAtomically(outPath, async (fh) => {
    let pending: string[] = [];
    let pendingBytes = 0;
    const flush = async (): Promise<void> => {
      if (pending.length) await fh.write(pending.join(''));
      pending = [];
      pendingBytes = 0;
    };
    for await (const e of readDataset(dataset, options)) {
      if (e.kind !== 'record') {
        if (e.skipped) skipped++;
        continue;
      }
      const record = e.record;
      const source = record.source;
      if (!isObject(source)) continue;
      const lookup = await keyOf(record);
      const convert1 = convert ? { ...source, ...rAlignFields(record, source) } : source;
      if (lookup.kind === 'samples') {
        // Re-query ×k: one row per sample, the record's id repeated (how VL-RewardBench writes its k runs).
        const found = lookup.keys.map((k) => byKey.get(k));
        if (found.some((r) => r === undefined)) {
          unmatched.push(record);
          continue;
        }
        for (const r of found as LlmResult[]) {
          if (r.kind !== 'genrm') continue;
          const line = JSON.stringify({ ...applyGenrmResult(convert1, r, model), ...(r.sample ? { sample: r.sample.sample } : {}) }) + '\n';
          pending.push(line);
          pendingBytes += line.length;
          records++;
        }
        if (pendingBytes > 1 << 20) await flush();
        continue;
      }
      const r = lookup.kind === 'key' ? byKey.get(lookup.key) : lookup.kind === 'none' ? byIdentity.get(identity(record)) : undefined;
      if (!r && lookup.kind !== 'skip') {
        unmatched.push(record);
        continue;
      }
      // Other formats become R-Align records (gold label and rationale included), so `stats` on
      // the output reads the new run's figures and not the input format's own verdicts.
      const base = convert1;
      let obj = base;
      if (!r) obj = applyFidelityResult(base, SKIPPED, model);
      else if (r.kind === 'fidelity' && kind === 'fidelity') obj = applyFidelityResult(base, r, model);
      else if (r.kind === 'genrm' && kind === 'genrm') obj = applyGenrmResult(base, r, model);
      const line = JSON.stringify(obj) + '\n';
      pending.push(line);
      pendingBytes += line.length;
      if (pendingBytes > 1 << 20) await flush();
      records++;
    }
    if (unmatched.length) {
      const first = unmatched[0] as EvalRecord;
      throw new UsageError(
        `the dataset changed since the run: ${unmatched.length} record${unmatched.length === 1 ? '' : 's'} no longer match${unmatched.length === 1 ? 'es' : ''} an answer (first: line ${first.line}, id ${first.id}); ${outPath} was not written. Rerun the same command: finished calls are reused from the journal`,
      );
    }
    await flush();
  });
  return { records, skipped };
}
