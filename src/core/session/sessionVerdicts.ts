/**
 * The verdict part of a session (session.ts): the verdicts in force over the index's records (a
 * human mark, else the LLM judge's latest from the journal, else the file's), the overlay they come
 * from, marks made here, each record's class and the figures, counted from the index's compact
 * codes (no record is rebuilt). The records themselves are the index part's (sessionIndex.ts).
 */
import type { HumanMark, MarkChange } from '../verdicts/marks';
import { appendMark, marksFilesFor, undoLine } from '../verdicts/marks';
import { VerdictOverlay, verdictFilesStamp } from '../verdicts/verdictOverlay';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import type { JudgeAudit } from '../verdicts/judgeAudit';
import { auditMarks } from '../verdicts/judgeAudit';
import type { Counts, Summary } from '../statistics/metrics';
import { Tally, classifyFacts, summarize } from '../statistics/metrics';
import type { EvalRecord, Fidelity } from '../record/record';
import type { SessionIndex } from './sessionIndex';

export class SessionVerdicts {
  /** The journal's and the marks' verdicts (see verdictOverlay.ts). */
  private overlay = VerdictOverlay.empty();
  private tally: Tally;
  /** Whether the figures include journal or mark verdicts (so removing them needs a recount). */
  private overlaysApplied = false;
  /** Size and mtime of the journal and marks files as last read or written here (an unchanged pair is not re-read). */
  private verdictFiles = '';

  /** `changed`: called when the verdicts in force change (re-read, or a mark made here). */
  constructor(
    private readonly index: SessionIndex,
    private readonly changed: () => void,
  ) {
    this.tally = this.newTally();
  }

  private get marksStore(): string | undefined {
    return this.index.options.marksStore;
  }

  /** Where marks made here are appended: beside the data, or the editor's store (SessionOptions.marksStore). */
  get marksFile(): string {
    return marksFilesFor(this.index.path, this.marksStore).at(-1) as string;
  }

  /** Classifies and counts records [from, to), just indexed. */
  countRange(from: number, to: number): void {
    for (let i = from; i < to; i++) this.countInto(i, this.tally);
  }

  /** Human mark, else the LLM judge's latest verdict, else the file's. */
  fidelityOf(index: number): Fidelity | null {
    return this.overlay.resolve(index, this.index.columns.fileFidelity(index));
  }

  /** LLM verdicts dropped because the rationale they judged is no longer the file's. */
  get staleVerdicts(): number {
    return this.overlay.stale;
  }

  /** Journal or marks lines (or files) that could not be read, with where. */
  get overlayProblems(): readonly string[] {
    return this.overlay.problems;
  }

  /** Re-reads the journal and the marks (after a run, or when either file changes on disk). */
  async reload(fire = true): Promise<void> {
    const path = this.index.path;
    const stamp = await verdictFilesStamp(path, this.marksStore);
    const overlay = await VerdictOverlay.load(path, this.index.count, this.marksStore);
    // A judge's verdict stands only on the rationale it was given (the file may have been regenerated).
    for (const i of overlay.fingerprinted().sort((a, b) => a - b)) {
      const record = await this.index.fileRecord(i).catch(() => null);
      if (record) overlay.check(i, rationaleFingerprint(record), record.id);
    }
    this.overlay = overlay;
    this.verdictFiles = stamp;
    // The load-time tally already counts the file's own verdicts: recount only when overlays exist or did.
    const overlays = overlay.size > 0;
    if (overlays || this.overlaysApplied) this.retally();
    this.overlaysApplied = overlays;
    if (fire) this.changed();
  }

  /** Re-reads the journal and the marks only when either changed since last read or written here. True when re-read. */
  async reloadIfChanged(): Promise<boolean> {
    if ((await verdictFilesStamp(this.index.path, this.marksStore)) === this.verdictFiles) return false;
    await this.reload();
    return true;
  }

  /** Recomputes classes and figures with the verdicts in force, from the compact codes (no file reads). */
  private retally(): void {
    const tally = this.newTally();
    for (let i = 0; i < this.index.count; i++) this.countInto(i, tally);
    this.tally = tally;
  }

  /** Figures overall and by subset; records are counted from their codes (countInto). */
  private newTally(): Tally {
    const adapter = this.index.dataset.adapter;
    return new Tally(adapter.bothOrders, null, undefined, adapter.agreeRule);
  }

  /** Classifies record i with the verdict in force and counts it, from the compact codes: no record is built or read. */
  private countInto(i: number, tally: Tally, delta: 1 | -1 = 1): void {
    const columns = this.index.columns;
    const facts = columns.facts(i);
    const fidelity = this.fidelityOf(i);
    if (delta === 1) columns.setClass(i, classifyFacts(facts, fidelity).kind, fidelity);
    tally.count(facts, fidelity, columns.subset(i) ?? '(none)', delta);
  }

  /**
   * Marks a record aligned/misaligned (or clears the mark) durably, then recounts that record alone:
   * the journal and the marks are not re-read, and the watcher's event for this write is ignored.
   */
  async mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<MarkChange> {
    const record = await this.index.fileRecord(index);
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
    const path = this.index.path;
    const before = await verdictFilesStamp(path, this.marksStore);
    await appendMark(this.marksFile, mark);
    const after = await verdictFilesStamp(path, this.marksStore);
    this.countInto(index, this.tally, -1);
    this.overlay.applyMark(mark);
    this.countInto(index, this.tally);
    this.overlaysApplied ||= this.overlay.size > 0;
    // Only our own write happened since the last read: the new stamp is known. Otherwise the watcher re-reads.
    if (before === this.verdictFiles) this.verdictFiles = after;
    this.changed();
    return { written: mark, replaced };
  }

  /** `record` with `fidelity` replaced by the verdict in force (the file's own keeps its analysis and model). */
  inForce(record: EvalRecord): EvalRecord {
    const inForce = this.fidelityOf(record.index);
    if (!inForce || inForce.origin === 'file') return { ...record, fidelity: record.fidelity };
    // What the verdict in force overrides stays visible (the LLM judge under a human mark, the file's under either).
    const llm = inForce.origin === 'human' ? this.overlay.llmVerdict(record.index) : undefined;
    const overrides = [llm, record.fidelity].filter((f): f is Fidelity => !!f);
    return { ...record, fidelity: overrides.length ? { ...inForce, overrides } : inForce };
  }

  /** The figures overall and by subset, as copies: a mark recounts in place, and figures handed out must not change under their holder. */
  figures(): { summary: Summary; groups: (Summary & { key: string })[] } {
    const groups = [...this.tally.groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, c]) => ({ key, ...summarize(structuredClone(c)) }));
    return { summary: summarize(structuredClone(this.tally.overall)), groups };
  }

  /** Marks are few (people make them): audited from the overlay and the file's verdict codes when asked. */
  audit(): JudgeAudit | null {
    return auditMarks(this.overlay.marks, this.index.count, (i) => this.overlay.llmVerdict(i) ?? this.index.columns.fileFidelity(i));
  }

  counts(): Counts {
    return structuredClone(this.tally.overall);
  }
}
