/**
 * An open evaluation file as the editor sees it, composed of two parts: its index (sessionIndex.ts:
 * the compact per-record table built in one streaming pass, records re-read on demand, lookups and
 * search) and its verdicts (sessionVerdicts.ts: the verdicts in force from the LLM journal and human
 * marks, each record's class, the figures). This class loads them in order and answers for both.
 * Pure: no `vscode` here. Its lifecycle in the editor is sessionLifecycle.ts.
 */
import { dirname } from 'node:path';
import type { MarkChange } from '../verdicts/marks';
import type { OpenedDataset, RecordIndex } from '../dataset/dataset';
import { openDataset } from '../dataset/dataset';
import type { SessionOptions } from './indexLoader';
import type { IssueGroup } from '../dataset/issueGroups';
import type { Counts } from '../statistics/metrics';
import { fileVerdictDiffers } from '../statistics/metrics';
import type { RecordKind } from '../record/record';
import type { RecordRow, SessionSnapshot } from './sessionViews';
import type { EvalRecord, Fidelity, ReadIssue } from '../record/record';
import { SessionIndex } from './sessionIndex';
import { SessionVerdicts } from './sessionVerdicts';

export type { RecordRow, SessionOptions, SessionSnapshot };

export class DatasetSession {
  /** The index part: offsets, compact columns, issues, record reads, lookups and search. */
  readonly fileIndex: SessionIndex;
  /** The verdict part: the verdicts in force, marks, classes and figures. */
  readonly verdicts: SessionVerdicts;
  loading = true;
  private loaded: Promise<void> | undefined;
  private listeners: (() => void)[] = [];

  private constructor(
    readonly dataset: OpenedDataset,
    private readonly options: SessionOptions,
  ) {
    this.fileIndex = new SessionIndex(dataset, options);
    this.verdicts = new SessionVerdicts(this.fileIndex, () => this.fire());
  }

  static async open(path: string, options: SessionOptions = {}): Promise<DatasetSession> {
    const dataset = await openDataset(path, options);
    return new DatasetSession(dataset, options);
  }

  get path(): string {
    return this.dataset.path;
  }

  /** Byte ranges and first lines, by record. */
  get index(): RecordIndex {
    return this.fileIndex.offsets;
  }

  get count(): number {
    return this.fileIndex.count;
  }

  get issues(): ReadIssue[] {
    return this.fileIndex.issues;
  }

  get malformed(): number {
    return this.fileIndex.malformed;
  }

  get warnings(): number {
    return this.fileIndex.warnings;
  }

  /** Where marks made here are appended: beside the data, or the editor's store (SessionOptions.marksStore). */
  get marksFile(): string {
    return this.verdicts.marksFile;
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
    await this.fileIndex.build((from, to) => this.verdicts.countRange(from, to));
    await this.verdicts.reload(false);
    this.loading = false;
    this.options.onProgress?.(this.count);
    this.fire();
  }

  /**
   * Lets the views draw their first screen: the workers indexing the file wait between batches (and
   * the ranges after the first do not start) until every holder has resumed it, or `ms` at most.
   * Holders are named (the editor's 'view': an Inspector's first screen), so one resuming never cuts
   * another's pause short. No effect when the file is read on this thread or is loaded.
   */
  pauseIndexing(ms: number, holder = 'view'): void {
    if (this.loading) this.fileIndex.pause(ms, holder);
  }

  /** Ends `holder`'s pause (every pause when none is named). */
  resumeIndexing(holder?: string): void {
    this.fileIndex.resume(holder);
  }

  /** Whether some holder is pausing the indexing now. */
  get indexingHeld(): boolean {
    return this.fileIndex.held;
  }

  /** Human mark, else the LLM judge's latest verdict, else the file's. */
  fidelityOf(index: number): Fidelity | null {
    return this.verdicts.fidelityOf(index);
  }

  /** Every issue grouped by message, in order of first appearance, with counts. */
  get issueGroups(): IssueGroup[] {
    return this.fileIndex.issueGroups;
  }

  /** LLM verdicts dropped because the rationale they judged is no longer the file's. */
  get staleVerdicts(): number {
    return this.verdicts.staleVerdicts;
  }

  /** Journal or marks lines (or files) that could not be read, with where. */
  get overlayProblems(): readonly string[] {
    return this.verdicts.overlayProblems;
  }

  /** Re-reads the journal and the marks (after a run, or when either file changes on disk). */
  reloadVerdicts(fire = true): Promise<void> {
    return this.verdicts.reload(fire);
  }

  /**
   * For a file watcher: re-reads the journal and the marks only when either changed since they were
   * last read or written here (a mark made here is already counted). True when they were re-read.
   */
  reloadVerdictsIfChanged(): Promise<boolean> {
    return this.verdicts.reloadIfChanged();
  }

  /** Marks a record aligned/misaligned (or clears the mark) durably; that record alone is recounted. */
  mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<MarkChange> {
    return this.verdicts.mark(index, verdict, note);
  }

  /** Undoes a mark made here, if it is still the one in force on its record. */
  undoMark(change: MarkChange): Promise<MarkChange> {
    return this.verdicts.undoMark(change);
  }

  /** A record with `fidelity` replaced by the verdict in force (the file's own keeps its analysis and model). */
  async record(index: number): Promise<EvalRecord> {
    return this.verdicts.inForce(await this.fileIndex.fileRecord(index));
  }

  row(index: number): RecordRow {
    const loc = this.index.at(index);
    const c = this.fileIndex.columns;
    return { index, id: c.id(index), line: loc?.line ?? 0, kind: c.kind(index), gold: c.gold(index), predicted: c.predicted(index), subset: c.subset(index), fidelityOrigin: c.origin(index) };
  }

  /** The record's first line; a record past the end (or before the start) is an error, never line 1. */
  lineOf(index: number): number {
    return this.fileIndex.lineOf(index);
  }

  kindOf(index: number): RecordKind {
    return this.fileIndex.columns.kind(index);
  }

  /** Whether the record's file verdict differs from what its text says (counted in the summary's parserDisagreements). */
  fileVerdictDiffers(index: number): boolean {
    return fileVerdictDiffers(this.fileIndex.columns.facts(index));
  }

  subsets(): string[] {
    return this.fileIndex.columns.subsets();
  }

  indexOfLine(line: number): number {
    return this.fileIndex.indexOfLine(line);
  }

  /** The first record with this id (see SessionIndex.indexOfId). */
  indexOfId(id: string): Promise<number | undefined> {
    return this.fileIndex.indexOfId(id);
  }

  /** Indexes of records passing the filters, in file order. */
  filter(kinds: readonly RecordKind[] | null, subset: string | null): number[] {
    return this.fileIndex.columns.filter(kinds, subset);
  }

  /** Next record after `from` (wrapping) whose class is `kind`, or -1. */
  next(from: number, kind: RecordKind, direction: 1 | -1 = 1): number {
    return this.fileIndex.columns.next(from, kind, direction);
  }

  /** Whether some row holds several samples of its own (sample sets: src/core/samples). */
  get hasRowSamples(): boolean {
    return this.fileIndex.columns.rowSamples;
  }

  /** Every record in file order, re-read with the file's own verdicts (one pass; the sample sets are grouped from it). */
  records(signal?: AbortSignal): AsyncGenerator<EvalRecord> {
    return this.fileIndex.records(signal);
  }

  /** Case-insensitive full-text search (recordSearch.ts): streams the file again, stops at `limit` hits. */
  search(query: string, candidates: readonly number[] | null, limit = 10_000, signal?: AbortSignal): Promise<number[]> {
    return this.fileIndex.search(query, candidates, limit, signal);
  }

  snapshot(): SessionSnapshot {
    const { summary, groups } = this.verdicts.figures();
    return {
      file: this.path,
      format: this.dataset.adapter.name,
      container: this.dataset.container,
      loading: this.loading,
      records: this.count,
      summary,
      groups,
      malformed: this.malformed,
      warnings: this.warnings,
      bothOrders: this.dataset.adapter.bothOrders,
      hasGoldRationales: this.fileIndex.goldRationales,
      audit: this.verdicts.audit(),
    };
  }

  counts(): Counts {
    return this.verdicts.counts();
  }

  /** Folder against which image paths in records resolve. */
  get baseDir(): string {
    return dirname(this.path);
  }
}
