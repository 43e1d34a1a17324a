/**
 * An open evaluation file as the editor sees it: a compact per-record index (offsets, class, labels,
 * subset) built in one streaming pass, records re-read on demand, figures that fold in fidelity
 * verdicts from the LLM journal and human marks, and search. Pure: no `vscode` here.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompactBatch } from './compactRecords';
import { FROM_FILE, HAS_GOLD_RATIONALE, HAS_JUDGMENT, LABEL_CODES, NONE, compactBatches } from './compactRecords';
import type { DatasetOptions, OpenedDataset } from './dataset';
import { DatasetError, RecordIndex, doubled, openDataset, readDataset, readRecordAt } from './dataset';
import type { IndexWorkerInput, IndexWorkerMessage } from './indexWorkerProtocol';
import { appendMark, marksPathFor } from './marks';
import { VerdictOverlay, rationaleFingerprint } from './verdictOverlay';
import type { IssueGroup } from './issueGroups';
import { groupKey } from './issueGroups';
import type { Counts, RecordClass, Summary } from './metrics';
import { Tally, classifyRecord, summarize } from './metrics';
import { FIDELITY_VERDICTS } from './formats/adapter';
import type { EvalRecord, Fidelity, FidelityVerdict, Judgment, Label, ReadIssue, Verdict } from './record';

export type RecordKind = RecordClass['kind'];
export const RECORD_KINDS: readonly RecordKind[] = ['aligned', 'spurious', 'label-wrong', 'unjudged', 'unparseable'];

/** What a record list row needs, without reading the record. */
export interface RecordRow {
  readonly index: number;
  readonly line: number;
  readonly kind: RecordKind;
  readonly gold: Label | null;
  readonly predicted: Verdict;
  readonly subset: string | null;
  readonly fidelityOrigin: Fidelity['origin'] | null;
}

export interface SessionSnapshot {
  readonly file: string;
  readonly format: string;
  readonly container: string;
  readonly loading: boolean;
  readonly records: number;
  readonly summary: Summary;
  readonly groups: readonly (Summary & { key: string })[];
  readonly malformed: number;
  readonly warnings: number;
  readonly bothOrders: boolean;
  readonly hasGoldRationales: boolean;
}

export interface SessionOptions extends DatasetOptions {
  /** Issues kept for diagnostics (all are counted). */
  readonly maxIssues?: number;
  /** Called every `progressEvery` records while loading, so views can show the first page early. */
  readonly onProgress?: (records: number) => void;
  /**
   * Index the file in a worker thread (the extension host's thread stays free for the views) when
   * the worker script is there: `true` for indexWorker.js beside this module or the bundle, or a path.
   */
  readonly indexInWorker?: boolean | string;
  /** Stops a load that is no longer wanted (the file changed again): the worker is asked to stop. */
  readonly signal?: AbortSignal;
}

const CACHE_SIZE = 256;
const BATCH_SIZE = 4096;
/** A worker asked to stop that is still running after this long is terminated. */
const STUCK_WORKER_MS = 10_000;
/** Stands for "has a gold rationale" in light records (the text is not kept in memory). */
const LIGHT_GOLD: readonly string[] = [''];
const EMPTY_JUDGMENT: Judgment = { raw: '', thinking: null, rationale: '', rationaleOffset: 0, verdict: null, verdictSource: 'file', parsedVerdict: null, order: 'original', field: '' };

export class DatasetSession {
  readonly index = new RecordIndex();
  readonly issues: ReadIssue[] = [];
  /** Every issue of the file grouped by message, with counts (the kept `issues` are the first ones). */
  private readonly issueGroupMap = new Map<string, IssueGroup>();
  malformed = 0;
  warnings = 0;
  loading = true;
  private kinds = new Uint8Array(1024);
  private golds = new Uint8Array(1024);
  private preds = new Uint8Array(1024);
  /** Swapped-order verdict (formats judged in both orders); 255 when there is none. */
  private swappedPreds = new Uint8Array(1024);
  /** What the parser read in the primary judgment's text, and whether the verdict came from the file. */
  private parsedPreds = new Uint8Array(1024);
  private flags = new Uint8Array(1024);
  private subsetIds = new Uint32Array(1024);
  private origins = new Uint8Array(1024);
  private readonly subsetNames: string[] = [];
  private readonly subsetLookup = new Map<string, number>();
  /** The file's own fidelity verdict per record as a code (details are re-read with the record). */
  private fileVerdicts = new Uint8Array(1024);
  /** The journal's and the marks' verdicts (see verdictOverlay.ts). */
  private overlay = VerdictOverlay.empty();
  /** Built on first lookup by id: ids are not kept in memory otherwise. */
  private recordIds: Map<string, number> | null = null;
  private readonly cache = new Map<number, EvalRecord>();
  private tally: Tally;
  private goldRationales = false;
  private listeners: (() => void)[] = [];
  /** Shared with the indexing worker: 1 while it should wait (see pauseIndexing). */
  private readonly paused = new Int32Array(new SharedArrayBuffer(4));
  private pauseTimer: NodeJS.Timeout | undefined;
  /** Whether the figures include journal or mark verdicts (so removing them needs a recount). */
  private overlaysApplied = false;

  private constructor(
    readonly dataset: OpenedDataset,
    private readonly options: SessionOptions,
  ) {
    this.tally = this.newTally();
  }

  static async open(path: string, options: SessionOptions = {}): Promise<DatasetSession> {
    const dataset = await openDataset(path, options);
    return new DatasetSession(dataset, options);
  }

  get path(): string {
    return this.dataset.path;
  }

  get count(): number {
    return this.index.length;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  private fire(): void {
    for (const l of this.listeners) l();
  }

  /** Reads the whole file once (in a worker when asked and possible), then the journal and the marks. */
  async load(): Promise<void> {
    const worker = this.workerScript();
    const signal = this.options.signal;
    signal?.throwIfAborted();
    if (worker) await this.loadInWorker(worker);
    else {
      for await (const batch of compactBatches(this.dataset, this.options, BATCH_SIZE)) {
        signal?.throwIfAborted();
        this.addBatch(batch);
      }
    }
    this.resumeIndexing();
    await this.reloadVerdicts(false);
    this.loading = false;
    this.options.onProgress?.(this.count);
    this.fire();
  }

  /**
   * Lets the views draw their first screen: a worker indexing the file waits between batches until
   * resumeIndexing(), or `ms` at most. No effect when the file is read on this thread or is loaded.
   */
  pauseIndexing(ms: number): void {
    if (!this.loading) return;
    Atomics.store(this.paused, 0, 1);
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.resumeIndexing(), ms);
    this.pauseTimer.unref(); // a pause never keeps a process alive
  }

  resumeIndexing(): void {
    clearTimeout(this.pauseTimer);
    Atomics.store(this.paused, 0, 0);
    Atomics.notify(this.paused, 0);
  }

  private workerScript(): string | undefined {
    const want = this.options.indexInWorker;
    if (!want) return undefined;
    // Custom verdict readers are functions, which cannot cross to another thread.
    if (this.options.extraPatterns?.some((p) => p.read)) return undefined;
    const script = typeof want === 'string' ? want : join(__dirname, 'indexWorker.js');
    return existsSync(script) ? script : undefined;
  }

  private loadInWorker(script: string): Promise<void> {
    const o = this.options;
    const input: IndexWorkerInput = {
      path: this.path,
      options: {
        ...(o.mapping ? { mapping: o.mapping } : { format: this.dataset.adapter.name }),
        ...(o.extraPatterns ? { extraPatterns: o.extraPatterns.map((p) => ({ name: p.name, regex: p.regex, ...(p.anchors ? { anchors: p.anchors } : {}), ...(p.linear ? { linear: true } : {}) })) } : {}),
        ...(o.maxEntryBytes !== undefined ? { maxEntryBytes: o.maxEntryBytes } : {}),
        ...(o.chunkBytes !== undefined ? { chunkBytes: o.chunkBytes } : {}),
        ...(o.maxIssues !== undefined ? { maxIssues: o.maxIssues } : {}),
      },
      batchSize: BATCH_SIZE,
      paused: this.paused,
      stop: new Int32Array(new SharedArrayBuffer(4)),
    };
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(script, { workerData: input });
      let settled = false;
      // The worker is asked to stop and ends on its own: terminate() while it runs can abort the
      // process inside V8 (Node 20: "Assertion failed: (data.first) != nullptr" under a concurrent
      // compile), so it is only the last resort for a worker stuck in one batch.
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err) {
          Atomics.store(input.stop, 0, 1);
          Atomics.notify(this.paused, 0);
          setTimeout(() => void worker.terminate(), STUCK_WORKER_MS).unref();
          reject(err);
        } else resolve();
      };
      worker.on('message', (m: IndexWorkerMessage) => {
        if (settled) return; // batches still queued from a cancelled load
        if (m.type === 'batch') this.addBatch(m.batch);
        else if (m.type === 'done') settle();
        else settle(m.datasetError ? new DatasetError(m.message) : new Error(m.message));
      });
      worker.once('error', (err) => settle(err));
      worker.once('exit', (code) => settle(new Error(`the indexing worker stopped (exit code ${code}) before it read the whole file`)));
      const signal = this.options.signal;
      const onAbort = () => settle(signal?.reason instanceof Error ? signal.reason : new Error('the load was cancelled'));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('exit', () => signal?.removeEventListener('abort', onAbort));
    });
  }

  /** Appends a batch of records to the index, classifies and counts them with the file's verdicts. */
  private addBatch(b: CompactBatch): void {
    this.malformed += b.malformed;
    this.warnings += b.warnings;
    this.issues.push(...b.issues); // the batcher keeps at most maxIssues over the whole read
    for (const g of b.issueGroups) this.issueGroupMap.set(groupKey(g.first), g);
    for (const name of b.newSubsetNames) this.subsetId(name);
    if (b.goldRationales) this.goldRationales = true;
    for (let k = 0; k < b.count; k++) {
      const i = this.index.length;
      this.index.add({ byteStart: b.starts[k] as number, byteEnd: b.ends[k] as number, line: b.lines[k] as number });
      if (i >= this.kinds.length) this.grow();
      this.golds[i] = b.golds[k] as number;
      this.preds[i] = b.preds[k] as number;
      this.parsedPreds[i] = b.parsedPreds[k] as number;
      this.swappedPreds[i] = b.swappedPreds[k] as number;
      this.flags[i] = b.flags[k] as number;
      this.fileVerdicts[i] = b.fileVerdicts[k] as number;
      // Batches number subsets in first-seen order across the file, as subsetId() does here.
      this.subsetIds[i] = b.subsetIds[k] as number;
      this.classifyInto(i, this.tally);
    }
    if (b.count) this.options.onProgress?.(this.count);
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
  }

  private subsetId(subset: string | null): number {
    if (subset === null) return 0;
    let id = this.subsetLookup.get(subset);
    if (id === undefined) {
      this.subsetNames.push(subset);
      id = this.subsetNames.length;
      this.subsetLookup.set(subset, id);
    }
    return id;
  }

  /** Human mark, else the LLM judge's latest verdict, else the file's. */
  fidelityOf(index: number): Fidelity | null {
    return this.overlay.resolve(index, this.fileFidelity(index));
  }

  /** Every issue grouped by message, in order of first appearance, with counts. */
  get issueGroups(): IssueGroup[] {
    return [...this.issueGroupMap.values()];
  }

  /** LLM verdicts dropped because the rationale they judged is no longer the file's. */
  get staleVerdicts(): number {
    return this.overlay.stale;
  }

  /** Journal or marks lines (or files) that could not be read, with where. */
  get overlayProblems(): readonly string[] {
    return this.overlay.problems;
  }

  private fileFidelity(index: number): Fidelity | null {
    const code = this.fileVerdicts[index] ?? 0;
    return code ? { verdict: FIDELITY_VERDICTS[code - 1] as FidelityVerdict, origin: 'file' } : null;
  }

  /** Re-reads the journal and the marks (after a run, or when either file changes on disk). */
  async reloadVerdicts(fire = true): Promise<void> {
    const overlay = await VerdictOverlay.load(this.path, this.count);
    // A judge's verdict stands only on the rationale it was given (the file may have been regenerated).
    for (const i of overlay.fingerprinted().sort((a, b) => a - b)) {
      const record = await this.fileRecord(i).catch(() => null);
      if (record) overlay.check(i, rationaleFingerprint(record), record.id);
    }
    this.overlay = overlay;
    // The load-time tally already counts the file's own verdicts: recount only when overlays exist or did.
    const overlays = overlay.size > 0;
    if (overlays || this.overlaysApplied) this.retally();
    this.overlaysApplied = overlays;
    if (fire) this.fire();
  }

  /** Recomputes classes and figures with the verdicts in force, from the compact index (no file reads). */
  private retally(): void {
    const tally = this.newTally();
    for (let i = 0; i < this.count; i++) this.classifyInto(i, tally);
    this.tally = tally;
  }

  /** Figures by subset, each record counted with the verdict in force. */
  private newTally(): Tally {
    return new Tally(this.dataset.adapter.bothOrders, (r) => r.subset, (r) => this.fidelityOf(r.index), this.dataset.adapter.agreeRule);
  }

  /**
   * Classifies record i with the verdict in force and counts it. Labels and subsets are in the
   * compact index and only fidelity varies, so a light record suffices: no file read.
   */
  private classifyInto(i: number, tally: Tally): void {
    const light = this.lightRecord(i);
    const fidelity = this.fidelityOf(i);
    this.kinds[i] = RECORD_KINDS.indexOf(classifyRecord(light, fidelity).kind);
    this.origins[i] = fidelity ? ['file', 'llm', 'human'].indexOf(fidelity.origin) + 1 : 0;
    tally.add(light);
  }

  /** A record carrying exactly what the tally reads, rebuilt from the compact index. */
  private lightRecord(i: number): EvalRecord {
    const loc = this.index.at(i);
    const label = (code: number | undefined) => LABEL_CODES[code as number] ?? null;
    const flags = this.flags[i] as number;
    const judgments: Judgment[] = [];
    if (flags & HAS_JUDGMENT) {
      const verdict = label(this.preds[i]);
      judgments.push({ ...EMPTY_JUDGMENT, verdict, parsedVerdict: label(this.parsedPreds[i]), verdictSource: flags & FROM_FILE ? 'file' : 'parser', order: 'original' });
    }
    if (this.swappedPreds[i] !== NONE) judgments.push({ ...EMPTY_JUDGMENT, verdict: label(this.swappedPreds[i]), parsedVerdict: null, verdictSource: 'file', order: 'swapped' });
    return {
      index: i,
      id: '',
      line: loc?.line ?? 0,
      byteStart: 0,
      byteEnd: 0,
      conversation: [],
      responseA: '',
      responseB: '',
      goldLabel: LABEL_CODES[this.golds[i] as number] ?? null,
      goldRationales: flags & HAS_GOLD_RATIONALE ? LIGHT_GOLD : [],
      judgments,
      fidelity: this.fileFidelity(i),
      subset: this.subsetNames[(this.subsetIds[i] as number) - 1] ?? null,
      source: null,
    };
  }

  /** Marks a record aligned/misaligned (or clears the mark) durably, then updates the figures. */
  async mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<void> {
    const record = await this.record(index);
    await appendMark(marksPathFor(this.path), { recordIndex: index, recordId: record.id, verdict, at: new Date().toISOString(), ...(note ? { note } : {}) });
    await this.reloadVerdicts();
  }

  /** A record with `fidelity` replaced by the verdict in force (the file's own keeps its analysis and model). */
  async record(index: number): Promise<EvalRecord> {
    return this.withFidelity(await this.fileRecord(index));
  }

  /** The record as the file has it (its own fidelity verdict), from the cache or re-read. */
  private async fileRecord(index: number): Promise<EvalRecord> {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const loc = this.index.at(index);
    if (!loc) throw new RangeError(`record ${index} is out of range (the file has ${this.count} records)`);
    const out = await readRecordAt(this.dataset, loc, index, this.options.extraPatterns);
    if (!out.record) throw new Error(`record ${index} (line ${loc.line}) changed on disk: ${out.issues[0]?.message ?? 'unreadable'}; reload the file`);
    this.cache.set(index, out.record);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number);
    return out.record;
  }

  private withFidelity(record: EvalRecord): EvalRecord {
    const inForce = this.fidelityOf(record.index);
    if (!inForce || inForce.origin === 'file') return { ...record, fidelity: record.fidelity };
    // What the verdict in force overrides stays visible (the LLM judge under a human mark, the file's under either).
    const llm = inForce.origin === 'human' ? this.overlay.llmVerdict(record.index) : undefined;
    const overrides = [llm, record.fidelity].filter((f): f is Fidelity => !!f);
    return { ...record, fidelity: overrides.length ? { ...inForce, overrides } : inForce };
  }

  row(index: number): RecordRow {
    const loc = this.index.at(index);
    const origin = this.origins[index] as number;
    return {
      index,
      line: loc?.line ?? 0,
      kind: RECORD_KINDS[this.kinds[index] as number] ?? 'unjudged',
      gold: LABEL_CODES[this.golds[index] as number] ?? null,
      predicted: LABEL_CODES[this.preds[index] as number] ?? null,
      subset: this.subsetNames[(this.subsetIds[index] as number) - 1] ?? null,
      fidelityOrigin: origin ? (['file', 'llm', 'human'] as const)[origin - 1] ?? null : null,
    };
  }

  /** The record's first line; a record past the end (or before the start) is an error, never line 1. */
  lineOf(index: number): number {
    const loc = Number.isInteger(index) ? this.index.at(index) : undefined;
    if (!loc) throw new RangeError(`record ${index} is out of range (the file has ${this.count} records)`);
    return loc.line;
  }

  kindOf(index: number): RecordKind {
    return RECORD_KINDS[this.kinds[index] as number] ?? 'unjudged';
  }

  subsets(): string[] {
    return [...this.subsetNames];
  }

  indexOfLine(line: number): number {
    return this.index.indexOfLine(line);
  }

  /** The first record with this id; the id map is built by one pass over the file on first use. */
  async indexOfId(id: string): Promise<number | undefined> {
    if (!this.recordIds) {
      const ids = new Map<string, number>();
      for await (const event of readDataset(this.dataset, this.options)) {
        if (event.kind === 'record' && !ids.has(event.record.id)) ids.set(event.record.id, event.record.index);
      }
      this.recordIds = ids;
    }
    return this.recordIds.get(id);
  }

  /** Indexes of records passing the filters, in file order. */
  filter(kinds: readonly RecordKind[] | null, subset: string | null): number[] {
    const kindCodes = kinds ? new Set(kinds.map((k) => RECORD_KINDS.indexOf(k))) : null;
    const subsetCode = subset === null ? null : this.subsetLookup.get(subset) ?? -1;
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) {
      if (kindCodes && !kindCodes.has(this.kinds[i] as number)) continue;
      if (subsetCode !== null && this.subsetIds[i] !== subsetCode) continue;
      out.push(i);
    }
    return out;
  }

  /** Next record after `from` (wrapping) whose class is `kind`, or -1. */
  next(from: number, kind: RecordKind, direction: 1 | -1 = 1): number {
    const code = RECORD_KINDS.indexOf(kind);
    for (let step = 1; step <= this.count; step++) {
      const i = (((from + direction * step) % this.count) + this.count) % this.count;
      if (this.kinds[i] === code) return i;
    }
    return -1;
  }

  /**
   * Case-insensitive full-text search over prompt, responses, rationales and gold judgments.
   * Streams the file again (nothing but the index is kept in memory); stops at `limit` hits.
   */
  async search(query: string, candidates: readonly number[] | null, limit = 10_000, signal?: AbortSignal): Promise<number[]> {
    const needle = query.toLowerCase();
    if (!needle) return candidates ? [...candidates] : Array.from({ length: this.count }, (_, i) => i);
    const allowed = candidates ? new Set(candidates) : null;
    const hits: number[] = [];
    for await (const event of readDataset(this.dataset, this.options)) {
      if (signal?.aborted) break;
      if (event.kind !== 'record') continue;
      const r = event.record;
      if (allowed && !allowed.has(r.index)) continue;
      if (searchableText(r).toLowerCase().includes(needle)) {
        hits.push(r.index);
        if (hits.length >= limit) break;
      }
    }
    return hits;
  }

  snapshot(): SessionSnapshot {
    const groups = [...this.tally.groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, c]) => ({ key, ...summarize(c) }));
    return {
      file: this.path,
      format: this.dataset.adapter.name,
      container: this.dataset.container,
      loading: this.loading,
      records: this.count,
      summary: summarize(this.tally.overall),
      groups,
      malformed: this.malformed,
      warnings: this.warnings,
      bothOrders: this.dataset.adapter.bothOrders,
      hasGoldRationales: this.goldRationales,
    };
  }

  counts(): Counts {
    return this.tally.overall;
  }

  /** Folder against which image paths in records resolve. */
  get baseDir(): string {
    return dirname(this.path);
  }
}

export function searchableText(r: EvalRecord): string {
  const turns = r.conversation.map((t) => (typeof t.content === 'string' ? t.content : t.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ')));
  return [r.id, ...turns, r.responseA, r.responseB, ...r.goldRationales, ...r.judgments.map((j) => j.raw)].join('\n');
}

export type { FidelityVerdict };
