/**
 * Whether a file's ids may repeat, found during the main tally pass: `RepeatWatch` keeps a hash of each
 * row's grouping id (also from worker threads). Its own module so the tally worker loads it without
 * fileSamples.ts' second-pass readers and their dependencies (see fileSamples.ts for the whole story).
 */
import type { OpenedDataset } from '../dataset/dataset';
import type { EvalRecord } from '../record/record';
import { hasOwnId, inspectSampleId } from './model';

/** The id rows are grouped by: an Inspect log's sample id (its epochs), else the record's own id. */
export function groupingId(dataset: Pick<OpenedDataset, 'packing'>): (record: EvalRecord) => string | null {
  if (dataset.packing === 'zip') return (r) => inspectSampleId(r) ?? (hasOwnId(r) ? r.id : null);
  return (r) => (hasOwnId(r) ? r.id : null);
}

/**
 * A 53-bit hash of an id (two FNV-1a passes with different bases over its UTF-16 units), exact in a
 * double: enough to say "no id repeats" for certain. 32 bits were not: among 278,204 distinct ids a
 * collision is all but certain (n²/2³³ ≈ 9 expected), and each one cost a whole second pass over the
 * file that found no set (`stats` on 1 GB: 13 s instead of 5).
 */
export function idHash(id: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11);
}

export class RepeatWatch {
  private hashes = new Float64Array(1024);
  private count = 0;
  /** A row held several samples itself. */
  rowSamples = false;

  constructor(private readonly keyId: (record: EvalRecord) => string | null) {}

  add(record: EvalRecord): void {
    if (record.samples && record.samples.length > 1) this.rowSamples = true;
    const id = this.keyId(record);
    if (id !== null) this.addHashes([idHash(id)]);
  }

  addHashes(hashes: ArrayLike<number>): void {
    if (this.count + hashes.length > this.hashes.length) {
      const bigger = new Float64Array(Math.max(this.hashes.length * 2, this.count + hashes.length));
      bigger.set(this.hashes.subarray(0, this.count));
      this.hashes = bigger;
    }
    for (let i = 0; i < hashes.length; i++) this.hashes[this.count++] = hashes[i] as number;
  }

  /** The hashes gathered (a worker sends them to the calling thread). */
  collected(): Float64Array {
    return this.hashes.slice(0, this.count);
  }

  /** True when some row may share its grouping id with another, or holds several samples. */
  mayHaveSets(): boolean {
    return this.rowSamples || hashesRepeat(this.hashes.subarray(0, this.count));
  }
}

/** Whether some hash occurs twice (sorts `hashes` in place). */
export function hashesRepeat(hashes: Float64Array): boolean {
  const sorted = hashes.sort();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}
