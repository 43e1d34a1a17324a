/**
 * The batches of a file indexed in line-aligned byte ranges, one worker each (indexLoader.ts), put
 * back in file order as if one reader had read it: the first range's batches pass at once; a later
 * range's wait until every range before it is done, then get their line numbers shifted by the
 * newlines before the range, their subsets renumbered in first-seen order over the whole file, the
 * issues kept capped over the whole file and the issue groups' counts carried over.
 */
import type { CompactBatch } from './compactRecords';
import { LINE_ID } from './compactRecords';
import type { IssueGroup } from '../dataset/issueGroups';
import { groupKey } from '../dataset/issueGroups';
import type { ReadIssue } from '../record/record';

/** As IssueGrouper: groups kept, lines kept per group. */
const MAX_GROUPS = 500;
const LINES_KEPT = 5;

export class RangeMerge {
  /** Ranges whose every batch has been passed on (the next range's batches pass at once). */
  private done = 0;
  private readonly waiting: CompactBatch[][];
  private readonly finished: boolean[];
  private readonly newlines: number[];
  /** Newlines before the range now passing. */
  private lineOffset = 0;
  private issuesKept = 0;
  private readonly subsets = new Map<string, number>();
  /** The range's own subset numbers (1-based, first seen in it) → the file's. */
  private local: number[] = [0];
  /** Issue groups of the ranges done, and the latest of the range passing (its own counts). */
  private readonly groups = new Map<string, IssueGroup>();
  private current = new Map<string, IssueGroup>();

  constructor(
    ranges: number,
    private readonly maxIssues: number,
    private readonly emit: (batch: CompactBatch) => void,
  ) {
    this.waiting = Array.from({ length: ranges }, () => []);
    this.finished = Array.from({ length: ranges }, () => false);
    this.newlines = Array.from({ length: ranges }, () => 0);
  }

  /** Range `k` read a batch. */
  batch(k: number, b: CompactBatch): void {
    if (k === this.done) this.pass(b);
    else (this.waiting[k] as CompactBatch[]).push(b);
  }

  /** Range `k` is read to its end, having read `newlines` newlines. True once every range is. */
  end(k: number, newlines: number): boolean {
    this.finished[k] = true;
    this.newlines[k] = newlines;
    while (this.done < this.finished.length && this.finished[this.done]) {
      this.closeRange();
      const next = this.waiting[this.done];
      if (next) for (const b of next.splice(0)) this.pass(b);
    }
    return this.done === this.finished.length;
  }

  private closeRange(): void {
    for (const [key, g] of this.current) this.groups.set(key, this.combined(key, g));
    this.current = new Map();
    this.lineOffset += this.newlines[this.done] as number;
    this.local = [0];
    this.done++;
  }

  private pass(b: CompactBatch): void {
    const shift = this.lineOffset;
    const newSubsetNames: string[] = [];
    for (const name of b.newSubsetNames) {
      let id = this.subsets.get(name);
      if (id === undefined) {
        id = this.subsets.size + 1;
        this.subsets.set(name, id);
        newSubsetNames.push(name);
      }
      this.local.push(id);
    }
    const subsetIds = b.subsetIds.map((s) => this.local[s] as number);
    const lines = shift ? b.lines.map((l) => l + shift) : b.lines;
    const moved = (issue: ReadIssue): ReadIssue => (shift ? { ...issue, line: issue.line + shift } : issue);
    const room = Math.max(0, this.maxIssues - this.issuesKept);
    const issues = b.issues.slice(0, room).map(moved);
    this.issuesKept += issues.length;
    const issueGroups: IssueGroup[] = [];
    for (const g of b.issueGroups) {
      const key = groupKey(g.first);
      if (!this.groups.has(key) && !this.current.has(key) && this.groups.size + this.current.size >= MAX_GROUPS) continue;
      const own = { first: moved(g.first), count: g.count, lines: g.lines.map((l) => l + shift) };
      this.current.set(key, own);
      issueGroups.push(this.combined(key, own));
    }
    this.emit({ ...b, lines, subsetIds, newSubsetNames, issues, issueGroups, ...this.lineIds(b, lines) });
  }

  /** The batch's ids with each LINE_ID record's written from its line in the file. */
  private lineIds(b: CompactBatch, lines: Uint32Array): Pick<CompactBatch, 'idText' | 'idEnds' | 'flags'> {
    // Only these three: the batch itself spread over the shifted lines would put its own back.
    if (!b.flags.some((f) => (f & LINE_ID) !== 0)) return { idText: b.idText, idEnds: b.idEnds, flags: b.flags };
    const ids: string[] = [];
    const idEnds = new Uint32Array(b.count);
    let at = 0;
    for (let i = 0; i < b.count; i++) {
      const start = i ? (b.idEnds[i - 1] as number) : 0;
      const id = (b.flags[i] as number) & LINE_ID ? `line ${lines[i] as number}` : b.idText.slice(start, b.idEnds[i]);
      ids.push(id);
      idEnds[i] = at += id.length;
    }
    return { idText: ids.join(''), idEnds, flags: b.flags.map((f) => f & ~LINE_ID) };
  }

  /** A range's own group after those of the ranges before it. */
  private combined(key: string, own: IssueGroup): IssueGroup {
    const before = this.groups.get(key);
    if (!before) return own;
    return { first: before.first, count: before.count + own.count, lines: [...before.lines, ...own.lines].slice(0, LINES_KEPT) };
  }
}
