/**
 * What a mark did, for the Inspector: the headline figures before → after, and the undo of the
 * marks made in one Inspector (last first). Pure: the session does the writing.
 */
import type { MarkChange } from '../core/verdicts/marks';
import type { Counts } from '../core/statistics/metrics';
import { summarize } from '../core/statistics/metrics';
import type { FigureChangeView, ToWebview } from '../protocol/messages';

/** What the history needs of a session (DatasetSession has it). */
export interface MarkableSession {
  counts(): Counts;
  mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<MarkChange>;
  undoMark(change: MarkChange): Promise<MarkChange>;
}

type Figures = Record<FigureChangeView['name'], number | null>;

function figures(counts: Counts): Figures {
  const s = summarize(counts);
  return { 'S-Corr': s.sCorr, 'F-Score': s.fScore, 'L-Acc': s.labelAccuracy };
}

/** S-Corr always (the headline figure, even unchanged); F-Score and L-Acc when they moved. */
export function figureChanges(before: Counts, after: Counts): FigureChangeView[] {
  const b = figures(before);
  const a = figures(after);
  return (Object.keys(b) as FigureChangeView['name'][]).filter((name) => name === 'S-Corr' || a[name] !== b[name]).map((name) => ({ name, before: b[name], after: a[name] }));
}

/** The most undos one Inspector keeps (each is a mark of its own; older ones are dropped). */
const MAX_UNDO = 200;

/** The marks made in one Inspector, undone last first. */
export class MarkHistory {
  private readonly done: MarkChange[] = [];

  /** Marks record `index` and says what moved; `requestId` is the webview's request. */
  async mark(session: MarkableSession, requestId: number, index: number, verdict: 'Correct' | 'Incorrect' | null, note?: string): Promise<Extract<ToWebview, { type: 'marked' }>> {
    const before = session.counts();
    const change = await session.mark(index, verdict, note);
    this.done.push(change);
    if (this.done.length > MAX_UNDO) this.done.shift();
    return this.answer(requestId, change, false, before, session.counts());
  }

  /** Undoes the last mark made here; null when there is none to undo. */
  async undo(session: MarkableSession, requestId: number): Promise<Extract<ToWebview, { type: 'marked' }> | null> {
    const last = this.done.at(-1);
    if (!last) return null;
    const before = session.counts();
    // Dropped whether or not it can still be undone (a mark made since elsewhere wins): the next u goes further back.
    this.done.pop();
    const change = await session.undoMark(last);
    return this.answer(requestId, change, true, before, session.counts());
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  private answer(requestId: number, change: MarkChange, undone: boolean, before: Counts, after: Counts): Extract<ToWebview, { type: 'marked' }> {
    const { written } = change;
    return { type: 'marked', requestId, index: written.recordIndex, recordId: written.recordId, verdict: written.verdict, undone, figures: figureChanges(before, after), canUndo: this.canUndo };
  }
}
