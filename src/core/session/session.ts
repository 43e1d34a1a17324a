/**
 * An open evaluation file as the editor sees it: a compact per-record index (offsets, class, labels,
 * subset) built in one streaming pass, records re-read on demand, figures that fold in fidelity
 * verdicts from the LLM journal and human marks, and search. Pure: no `vscode` here.
 */
import { dirname } from 'node:path';
import { BackgroundHold } from '../io/backgroundHold';
import { MAX_ID_CHARS, compactBatches } from './compactRecords';
import type { CompactBatch } from './compactRecords';
import type { OpenedDataset } from '../dataset/dataset';
import { RecordIndex, openDataset, readDataset, readRecordAt } from '../dataset/dataset';
import type { SessionOptions } from './indexLoader';
import { indexInWorker, indexWorkerScript, workerInput } from './indexLoader';
import type { HumanMark, MarkChange } from '../verdicts/marks';
import { appendMark, marksFilesFor, undoLine } from '../verdicts/marks';
import { VerdictOverlay, verdictFilesStamp } from '../verdicts/verdictOverlay';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import type { JudgeAudit } from '../verdicts/judgeAudit';
import { auditMarks } from '../verdicts/judgeAudit';
import { searchRecords } from './recordSearch';
import type { IssueGroup } from '../dataset/issueGroups';
import { groupKey } from '../dataset/issueGroups';
import type { Counts } from '../statistics/metrics';
import { Tally, classifyFacts, fileVerdictDiffers, summarize } from '../statistics/metrics';
import type { RecordKind } from '../record/record';
import { RecordColumns } from './recordColumns';
import type { RecordRow, SessionSnapshot } from './sessionViews';
import type { EvalRecord, Fidelity, ReadIssue } from '../record/record';

export type { RecordRow, SessionOptions, SessionSnapshot };

const CACHE_SIZE = 256;
const BATCH_SIZE = 4096;
export class DatasetSession {
  readonly index = new RecordIndex();
  readonly issues: ReadIssue[] = [];
  /** Every issue of the file grouped by message, with counts (the kept `issues` are the first ones). */
  private readonly issueGroupMap = new Map<string, IssueGroup>();
  malformed = 0;
  warnings = 0;
  loading = true;
  /** Labels, verdict codes, subsets, classes per record: no record text is kept. */
  private readonly columns = new RecordColumns();
  /** The journal's and the marks' verdicts (see verdictOverlay.ts). */
  private overlay = VerdictOverlay.empty();
  /** Built on first lookup by id: ids are not kept in memory otherwise. */
  private recordIds: Map<string, number> | null = null;
  private readonly cache = new Map<number, EvalRecord>();
  private loaded: Promise<void> | undefined;
  private tally: Tally;
  private goldRationales = false;
  private listeners: (() => void)[] = [];
  /** Shared with the indexing worker: held, it waits between batches (see pauseIndexing). */
  private readonly indexHold = new BackgroundHold();
  /** Whether the figures include journal or mark verdicts (so removing them needs a recount). */
  private overlaysApplied = false;
  /** Size and mtime of the journal and marks files as last read or written here (an unchanged pair is not re-read). */
  private verdictFiles = '';

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

  /** Where marks made here are appended: beside the data, or the editor's store (SessionOptions.marksStore). */
  get marksFile(): string {
    return marksFilesFor(this.path, this.options.marksStore).at(-1) as string;
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

  /** Indexes the file once (in a worker when asked and possible), then reads the journal and the marks: a second call (any caller) waits for the same load instead of counting every record again. */
  load(): Promise<void> {
    return (this.loaded ??= this.loadOnce());
  }

  private async loadOnce(): Promise<void> {
    const script = indexWorkerScript(this.options);
    const signal = this.options.signal;
    signal?.throwIfAborted();
    if (script) await indexInWorker(script, workerInput(this.path, this.dataset.adapter.name, this.options, BATCH_SIZE, this.indexHold.flag), (b) => this.addBatch(b), signal);
    else {
      for await (const batch of compactBatches(this.dataset, this.options, BATCH_SIZE)) {
        signal?.throwIfAborted();
        this.addBatch(batch);
      }
    }
    this.indexHold.release();
    await this.reloadVerdicts(false);
    this.loading = false;
    this.options.onProgress?.(this.count);
    this.fire();
  }

  /**
   * Lets the views draw their first screen: a worker indexing the file waits between batches until
   * every holder has resumed it, or `ms` at most. Holders are named ('view': an Inspector's first
   * screen; 'tally': the status bar's whole-file tally), so one resuming never cuts another's pause
   * short. No effect when the file is read on this thread or is loaded.
   */
  pauseIndexing(ms: number, holder = 'view'): void {
    if (!this.loading) return;
    this.indexHold.hold(holder, ms);
  }

  /** Ends `holder`'s pause (every pause when none is named). */
  resumeIndexing(holder?: string): void {
    this.indexHold.release(holder);
  }

  /** Whether some holder is pausing the indexing now. */
  get indexingHeld(): boolean {
    return this.indexHold.held;
  }

  /** Appends a batch of records to the index, classifies and counts them with the file's verdicts. */
  private addBatch(b: CompactBatch): void {
    this.malformed += b.malformed;
    this.warnings += b.warnings;
    this.issues.push(...b.issues); // the batcher keeps at most maxIssues over the whole read
    for (const g of b.issueGroups) this.issueGroupMap.set(groupKey(g.first), g);
    this.columns.beginBatch(b);
    if (b.goldRationales) this.goldRationales = true;
    for (let k = 0; k < b.count; k++) {
      this.index.add({ byteStart: b.starts[k] as number, byteEnd: b.ends[k] as number, line: b.lines[k] as number });
      this.countInto(this.columns.addFromBatch(b, k), this.tally);
    }
    if (b.count) this.options.onProgress?.(this.count);
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
    return this.columns.fileFidelity(index);
  }

  /** Re-reads the journal and the marks (after a run, or when either file changes on disk). */
  async reloadVerdicts(fire = true): Promise<void> {
    const stamp = await verdictFilesStamp(this.path, this.options.marksStore);
    const overlay = await VerdictOverlay.load(this.path, this.count, this.options.marksStore);
    // A judge's verdict stands only on the rationale it was given (the file may have been regenerated).
    for (const i of overlay.fingerprinted().sort((a, b) => a - b)) {
      const record = await this.fileRecord(i).catch(() => null);
      if (record) overlay.check(i, rationaleFingerprint(record), record.id);
    }
    this.overlay = overlay;
    this.verdictFiles = stamp;
    // The load-time tally already counts the file's own verdicts: recount only when overlays exist or did.
    const overlays = overlay.size > 0;
    if (overlays || this.overlaysApplied) this.retally();
    this.overlaysApplied = overlays;
    if (fire) this.fire();
  }

  /**
   * For a file watcher: re-reads the journal and the marks only when either changed since they were
   * last read or written here (a mark made here is already counted). True when they were re-read.
   */
  async reloadVerdictsIfChanged(): Promise<boolean> {
    if ((await verdictFilesStamp(this.path, this.options.marksStore)) === this.verdictFiles) return false;
    await this.reloadVerdicts();
    return true;
  }

  /** Recomputes classes and figures with the verdicts in force, from the compact codes (no file reads). */
  private retally(): void {
    const tally = this.newTally();
    for (let i = 0; i < this.count; i++) this.countInto(i, tally);
    this.tally = tally;
  }

  /** Figures overall and by subset; records are counted from their codes (countInto). */
  private newTally(): Tally {
    return new Tally(this.dataset.adapter.bothOrders, null, undefined, this.dataset.adapter.agreeRule);
  }

  /** Classifies record i with the verdict in force and counts it, from the compact codes: no record is built or read. */
  private countInto(i: number, tally: Tally, delta: 1 | -1 = 1): void {
    const facts = this.columns.facts(i);
    const fidelity = this.fidelityOf(i);
    if (delta === 1) this.columns.setClass(i, classifyFacts(facts, fidelity).kind, fidelity);
    tally.count(facts, fidelity, this.columns.subset(i) ?? '(none)', delta);
  }

  /**
   * Marks a record aligned/misaligned (or clears the mark) durably, then recounts that record alone:
   * the journal and the marks are not re-read, and the watcher's event for this write is ignored.
   */
  async mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<MarkChange> {
    const record = await this.fileRecord(index);
    return this.writeMark({ recordIndex: index, recordId: record.id, verdict, at: new Date().toISOString(), ...(note ? { note } : {}) });
  }

  /** Undoes a mark made here, if it is still the one in force on its record: appends the line that restores what it replaced. */
  async undoMark(change: MarkChange): Promise<MarkChange> {
    const { recordIndex: index, at, verdict } = change.written;
    const current = this.overlay.marks.get(index);
    if (current ? current.at !== at : verdict !== null) throw new Error(`record ${index + 1} was marked again since (here or in another window): nothing was undone`);
    return this.writeMark(undoLine(change, new Date().toISOString()));
  }

  private async writeMark(mark: HumanMark): Promise<MarkChange> {
    const index = mark.recordIndex;
    const replaced = this.overlay.marks.get(index) ?? null;
    const before = await verdictFilesStamp(this.path, this.options.marksStore);
    await appendMark(this.marksFile, mark);
    const after = await verdictFilesStamp(this.path, this.options.marksStore);
    this.countInto(index, this.tally, -1);
    this.overlay.applyMark(mark);
    this.countInto(index, this.tally);
    this.overlaysApplied ||= this.overlay.size > 0;
    // Only our own write happened since the last read: the new stamp is known. Otherwise the watcher re-reads.
    if (before === this.verdictFiles) this.verdictFiles = after;
    this.fire();
    return { written: mark, replaced };
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
    const c = this.columns;
    return { index, id: c.id(index), line: loc?.line ?? 0, kind: c.kind(index), gold: c.gold(index), predicted: c.predicted(index), subset: c.subset(index), fidelityOrigin: c.origin(index) };
  }

  /** The record's first line; a record past the end (or before the start) is an error, never line 1. */
  lineOf(index: number): number {
    const loc = Number.isInteger(index) ? this.index.at(index) : undefined;
    if (!loc) throw new RangeError(`record ${index} is out of range (the file has ${this.count} records)`);
    return loc.line;
  }

  kindOf(index: number): RecordKind {
    return this.columns.kind(index);
  }

  /** Whether the record's file verdict differs from what its text says (counted in the summary's parserDisagreements). */
  fileVerdictDiffers(index: number): boolean {
    return fileVerdictDiffers(this.columns.facts(index));
  }

  subsets(): string[] {
    return this.columns.subsets();
  }

  indexOfLine(line: number): number {
    return this.index.indexOfLine(line);
  }

  /**
   * The first record with this id. The id map is built on first use from the ids the compact index
   * keeps; only an id it cannot hold (empty, or over MAX_ID_CHARS), or a file still indexing, takes
   * one pass over the file.
   */
  async indexOfId(id: string): Promise<number | undefined> {
    if (id === '' || id.length > MAX_ID_CHARS || this.loading) return (await this.idsFromFile()).get(id);
    if (!this.recordIds) {
      const ids = new Map<string, number>();
      for (let i = 0; i < this.count; i++) {
        const known = this.columns.id(i);
        if (known !== null && !ids.has(known)) ids.set(known, i);
      }
      this.recordIds = ids;
    }
    return this.recordIds.get(id);
  }

  private async idsFromFile(): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for await (const event of readDataset(this.dataset, this.options)) {
      if (event.kind === 'record' && !ids.has(event.record.id)) ids.set(event.record.id, event.record.index);
    }
    return ids;
  }

  /** Indexes of records passing the filters, in file order. */
  filter(kinds: readonly RecordKind[] | null, subset: string | null): number[] {
    return this.columns.filter(kinds, subset);
  }

  /** Next record after `from` (wrapping) whose class is `kind`, or -1. */
  next(from: number, kind: RecordKind, direction: 1 | -1 = 1): number {
    return this.columns.next(from, kind, direction);
  }

  /** Whether some row holds several samples of its own (sample sets: src/core/samples). */
  get hasRowSamples(): boolean { return this.columns.rowSamples; }

  /** Every record in file order, re-read with the file's own verdicts (one pass; the sample sets are grouped from it). */
  async *records(signal?: AbortSignal): AsyncGenerator<EvalRecord> {
    for await (const event of readDataset(this.dataset, this.options)) {
      signal?.throwIfAborted();
      if (event.kind === 'record') yield event.record;
    }
  }

  /** Case-insensitive full-text search (recordSearch.ts): streams the file again, stops at `limit` hits. */
  search(query: string, candidates: readonly number[] | null, limit = 10_000, signal?: AbortSignal): Promise<number[]> {
    return searchRecords(this.dataset, this.options, this.count, query, candidates, limit, signal);
  }

  snapshot(): SessionSnapshot {
    // Copies: a mark recounts in place, and a snapshot already handed out must not change under its holder.
    const groups = [...this.tally.groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, c]) => ({ key, ...summarize(structuredClone(c)) }));
    return {
      file: this.path,
      format: this.dataset.adapter.name,
      container: this.dataset.container,
      loading: this.loading,
      records: this.count,
      summary: summarize(structuredClone(this.tally.overall)),
      groups,
      malformed: this.malformed,
      warnings: this.warnings,
      bothOrders: this.dataset.adapter.bothOrders,
      hasGoldRationales: this.goldRationales,
      audit: this.audit(),
    };
  }

  /** Marks are few (people make them): audited from the overlay and the file's verdict codes when asked. */
  private audit(): JudgeAudit | null {
    return auditMarks(this.overlay.marks, this.count, (i) => this.overlay.llmVerdict(i) ?? this.columns.fileFidelity(i));
  }

  counts(): Counts {
    return structuredClone(this.tally.overall);
  }

  /** Folder against which image paths in records resolve. */
  get baseDir(): string {
    return dirname(this.path);
  }
}
