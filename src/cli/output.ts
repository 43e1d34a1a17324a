/** Writes the R-Align-format output of a run: every input field kept, the step's fields added or replaced. */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DatasetOptions, OpenedDataset } from '../core/dataset';
import { readDataset } from '../core/dataset';
import { isObject } from '../core/formats/adapter';
import { applyFidelityResult, applyGenrmResult } from '../core/llm/export';
import type { LlmRole } from '../core/llm/profile';
import type { LlmResult } from '../core/llm/runner';

/** Written to a temporary file in the same folder, then renamed: a crash never leaves half a file. */
export async function writeRAlignOutput(
  dataset: OpenedDataset,
  options: DatasetOptions,
  outPath: string,
  results: ReadonlyMap<number, LlmResult>,
  kind: LlmRole,
  model: string,
): Promise<{ records: number; skipped: number }> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomBytes(4).toString('hex')}.tmp`);
  const out = createWriteStream(temp, { encoding: 'utf8' });
  let records = 0;
  let skipped = 0;
  try {
    for await (const e of readDataset(dataset, options)) {
      if (e.kind !== 'record') {
        if (e.skipped) skipped++;
        continue;
      }
      const source = e.record.source;
      if (!isObject(source)) continue;
      const r = results.get(e.record.index);
      let obj = source;
      if (r?.kind === 'fidelity' && kind === 'fidelity') obj = applyFidelityResult(source, r, model);
      else if (r?.kind === 'genrm' && kind === 'genrm') obj = applyGenrmResult(source, r, model);
      if (!out.write(JSON.stringify(obj) + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      records++;
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await rename(temp, outPath);
  } catch (err) {
    out.destroy();
    await rm(temp, { force: true });
    throw err;
  }
  return { records, skipped };
}
