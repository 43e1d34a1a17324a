/** Synthetic R-Align records (synthetic.ts) written as JSONL in a fresh folder, then as Parquet by DuckDB. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParquetCodec } from '../../../support/containerFiles';
import { containerDir, duckDbParquet } from '../../../support/containerFiles';
import { seeded, syntheticRAlignRecord } from '../synthetic';

interface SyntheticRecords {
  readonly count: number;
  readonly seed: number;
  readonly textBytes: number;
  readonly adversarial: boolean;
}

/** The records, and `<name>.jsonl` as Parquet with each of `codecs` in row groups of `rowGroupSize`. */
export async function syntheticParquet(name: string, spec: SyntheticRecords, codecs: readonly ParquetCodec[], rowGroupSize: number): Promise<{ records: Record<string, unknown>[]; parquet: Record<ParquetCodec, string> }> {
  const dir = containerDir();
  const rand = seeded(spec.seed);
  const jsonl = join(dir, `${name}.jsonl`);
  const records = Array.from({ length: spec.count }, (_, i) => syntheticRAlignRecord(i, rand, spec.textBytes, spec.adversarial));
  writeFileSync(jsonl, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { records, parquet: await duckDbParquet(jsonl, dir, codecs, rowGroupSize) };
}
