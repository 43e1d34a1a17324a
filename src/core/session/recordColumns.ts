/**
 * The session's compact per-record columns: labels, verdict codes, flags, subset and the file's own
 * fidelity verdict (compactRecords.ts encodes them), plus the class and verdict origin in force.
 * About 16 bytes per record and its id's characters; counting and classifying read the codes
 * directly (TallyFacts), and a list row shows an id without reading the file.
 */
import type { CompactBatch } from './compactRecords';
import { FROM_FILE, HAS_GOLD_RATIONALE, HAS_JUDGMENT, LABEL_CODES, NONE, ROW_SAMPLES } from './compactRecords';
import { doubled } from '../dataset/dataset';
import { FIDELITY_VERDICTS, RECORD_KINDS } from '../record/record';
import type { TallyFacts } from '../statistics/metrics';
import type { Fidelity, FidelityVerdict, Label, RecordKind } from '../record/record';

const ORIGINS = ['file', 'llm', 'human'] as const;

const label = (code: number | undefined): Label | null => LABEL_CODES[code as number] ?? null;

export class RecordColumns {
  length = 0;
  private kinds = new Uint8Array(1024);
  private golds = new Uint8Array(1024);
  private preds = new Uint8Array(1024);
  /** Swapped-order verdict (formats judged in both orders); NONE when there is none. */
  private swappedPreds = new Uint8Array(1024);
  /** What the parser read in the primary judgment's text. */
  private parsedPreds = new Uint8Array(1024);
  private flags = new Uint8Array(1024);
  /** Some row holds several samples of its own. */
  rowSamples = false;
  private subsetIds = new Uint32Array(1024);
  private origins = new Uint8Array(1024);
  /** The file's own fidelity verdict per record as a code (details are re-read with the record). */
  private fileVerdicts = new Uint8Array(1024);
  private readonly subsetNames: string[] = [];
  private readonly subsetLookup = new Map<string, number>();
  /** Ids: one string per batch (its records' ids concatenated), the first record of each, and where each id ends. */
  private readonly idChunks: string[] = [];
  private readonly idChunkFirst: number[] = [];
  private idEnds = new Uint32Array(1024);

  /** Before a batch's records: its new subsets (numbered in first-seen order across the file, as here) and its ids. */
  beginBatch(b: CompactBatch): void {
    for (const name of b.newSubsetNames) this.subsetId(name);
    if (b.count === 0) return;
    this.idChunks.push(b.idText);
    this.idChunkFirst.push(this.length);
  }

  /** Appends record `k` of a batch; returns its index. */
  addFromBatch(b: CompactBatch, k: number): number {
    const i = this.length++;
    if (i >= this.kinds.length) this.grow();
    this.golds[i] = b.golds[k] as number;
    this.preds[i] = b.preds[k] as number;
    this.parsedPreds[i] = b.parsedPreds[k] as number;
    this.swappedPreds[i] = b.swappedPreds[k] as number;
    const flags = b.flags[k] as number;
    this.flags[i] = flags;
    if (flags & ROW_SAMPLES) this.rowSamples = true;
    this.fileVerdicts[i] = b.fileVerdicts[k] as number;
    this.subsetIds[i] = b.subsetIds[k] as number;
    this.idEnds[i] = b.idEnds[k] as number;
    return i;
  }

  /** The record's id as the file has it, or null when it was too long to keep (MAX_ID_CHARS). */
  id(i: number): string | null {
    if (i < 0 || i >= this.length) return null;
    let lo = 0;
    let hi = this.idChunkFirst.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.idChunkFirst[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    const first = this.idChunkFirst[lo] as number;
    const start = i === first ? 0 : (this.idEnds[i - 1] as number);
    return this.idChunks[lo]?.slice(start, this.idEnds[i]) || null;
  }

  /** What the tally and the classifier read of record i, from its codes (no record is built). */
  facts(i: number): TallyFacts {
    const flags = this.flags[i] as number;
    const judged = (flags & HAS_JUDGMENT) !== 0;
    const swapped = this.swappedPreds[i] === NONE ? undefined : label(this.swappedPreds[i]);
    const primaryVerdict = label(this.preds[i]);
    return {
      goldLabel: label(this.golds[i]),
      hasGoldRationale: (flags & HAS_GOLD_RATIONALE) !== 0,
      primary: judged
        ? { verdict: primaryVerdict, verdictSource: flags & FROM_FILE ? 'file' : 'parser', parsedVerdict: label(this.parsedPreds[i]) }
        : swapped !== undefined
          ? { verdict: swapped, verdictSource: 'file', parsedVerdict: null }
          : null,
      original: judged ? primaryVerdict : undefined,
      swapped,
    };
  }

  /** Sets the class and the origin of the verdict in force. */
  setClass(i: number, kind: RecordKind, fidelity: Fidelity | null): void {
    this.kinds[i] = RECORD_KINDS.indexOf(kind);
    this.origins[i] = fidelity ? ORIGINS.indexOf(fidelity.origin) + 1 : 0;
  }

  kind(i: number): RecordKind {
    return RECORD_KINDS[this.kinds[i] as number] ?? 'never-judged';
  }

  origin(i: number): Fidelity['origin'] | null {
    const o = this.origins[i] as number;
    return o ? (ORIGINS[o - 1] ?? null) : null;
  }

  gold(i: number): Label | null {
    return label(this.golds[i]);
  }

  predicted(i: number): Label | null {
    return label(this.preds[i]);
  }

  subset(i: number): string | null {
    return this.subsetNames[(this.subsetIds[i] as number) - 1] ?? null;
  }

  fileFidelity(i: number): Fidelity | null {
    const code = this.fileVerdicts[i] ?? 0;
    return code ? { verdict: FIDELITY_VERDICTS[code - 1] as FidelityVerdict, origin: 'file' } : null;
  }

  subsets(): string[] {
    return [...this.subsetNames];
  }

  /** Indexes of records passing the filters, in file order. */
  filter(kinds: readonly RecordKind[] | null, subset: string | null): number[] {
    const kindCodes = kinds ? new Set(kinds.map((k) => RECORD_KINDS.indexOf(k))) : null;
    const subsetCode = subset === null ? null : (this.subsetLookup.get(subset) ?? -1);
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) {
      if (kindCodes && !kindCodes.has(this.kinds[i] as number)) continue;
      if (subsetCode !== null && this.subsetIds[i] !== subsetCode) continue;
      out.push(i);
    }
    return out;
  }

  /** Next record after `from` (wrapping) whose class is `kind`, or -1. */
  next(from: number, kind: RecordKind, direction: 1 | -1 = 1): number {
    const code = RECORD_KINDS.indexOf(kind);
    const n = this.length;
    for (let step = 1; step <= n; step++) {
      const i = (((from + direction * step) % n) + n) % n;
      if (this.kinds[i] === code) return i;
    }
    return -1;
  }

  private grow(): void {
    this.kinds = doubled(this.kinds);
    this.golds = doubled(this.golds);
    this.preds = doubled(this.preds);
    this.swappedPreds = doubled(this.swappedPreds);
    this.parsedPreds = doubled(this.parsedPreds);
    this.flags = doubled(this.flags);
    this.fileVerdicts = doubled(this.fileVerdicts);
    this.origins = doubled(this.origins);
    this.subsetIds = doubled(this.subsetIds);
    this.idEnds = doubled(this.idEnds);
  }

  private subsetId(subset: string): number {
    let id = this.subsetLookup.get(subset);
    if (id === undefined) {
      this.subsetNames.push(subset);
      id = this.subsetNames.length;
      this.subsetLookup.set(subset, id);
    }
    return id;
  }
}
