/**
 * The Inspector's record list, answered from the session (still indexing or loaded): filters,
 * search, coverage sort, pages of rows, locate and find-next. Pure (no `vscode`): the panel passes
 * messages through, and unit tests drive it directly. Only pages of rows cross to the webview.
 */
import type { DatasetSession } from '../core/session/session';
import type { FromWebview, RowView, ToWebview } from '../protocol/messages';
import { CoverageCache } from './alignment';
import { rowView } from './snapshotViews';
import { ContradictionCache } from './verdictArgument';
import { UNSTABLE_FLIP_RATE } from '../core/samples/figures';
import { SampleSetsCache, filterBySamples, flipRateOf, sortByFlipRate } from './sampleSets';

type Query = Extract<FromWebview, { type: 'query' }>;
type FindNext = Extract<FromWebview, { type: 'findNext' }>;
type Emit = (message: ToWebview) => void;

/** Search stops after this many hits (the list says so). */
const SEARCH_LIMIT = 50_000;

interface List {
  readonly id: number;
  readonly session: DatasetSession;
  readonly indexes: Int32Array;
}

export class ListService {
  private list: List | undefined;
  private nextListId = 1;
  /** An audit shows only its sample, whatever else is filtered; with the note that says so. */
  private only: { readonly indexes: ReadonlySet<number>; readonly note: string } | null = null;

  restrict(indexes: readonly number[] | null, note: string): void {
    this.only = indexes ? { indexes: new Set(indexes), note } : null;
  }

  /** A failure theme's records only (the Themes view's filter), with the note that says so; null lists all again. */
  private theme: { readonly indexes: ReadonlySet<number>; readonly note: string } | null = null;

  restrictToTheme(indexes: readonly number[] | null, note: string): void {
    this.theme = indexes ? { indexes: new Set(indexes), note } : null;
  }

  /** The flip rate above which a record is "unstable" (the setting; `stats` counts above 0.2). */
  sampleThreshold = UNSTABLE_FLIP_RATE;

  /** `onComplete`: a full list (the whole file read, nothing pending) for the "… Filtered Records" commands. */
  constructor(private readonly onComplete: (indexes: readonly number[]) => void) {}

  /** Answers a query with a new list (first unsorted, then sorted when a coverage sort was asked for). */
  async query(session: DatasetSession, m: Query, signal: AbortSignal, emit: Emit): Promise<void> {
    const kinds = m.kinds && m.kinds.length < 5 ? m.kinds : null;
    let indexes: number[] | null = kinds || m.subset !== null ? session.filter(kinds, m.subset) : null;
    const notes: string[] = [];
    const loading = session.loading;
    if (loading) notes.push(`loading: showing the ${session.count.toLocaleString('en-US')} records indexed so far; the list is complete once the whole file is read`);
    const search = m.search.trim();
    if (search) {
      emit({ type: 'progress', requestId: m.requestId, phase: 'search', done: 0, total: 0 });
      const hits = (await session.search(search, indexes, SEARCH_LIMIT, signal)).filter((i) => i < session.count);
      if (signal.aborted) return;
      if (hits.length >= SEARCH_LIMIT) notes.push(`search stopped at the first ${SEARCH_LIMIT.toLocaleString('en-US')} matches`);
      indexes = hits;
    }
    let all = indexes ?? Array.from({ length: session.count }, (_, i) => i);
    if (m.flag === 'verdict-differs') all = all.filter((i) => session.fileVerdictDiffers(i));
    const only = this.only;
    if (only) {
      all = all.filter((i) => only.indexes.has(i));
      notes.unshift(only.note);
    }
    const theme = this.theme;
    if (theme) {
      all = all.filter((i) => theme.indexes.has(i));
      notes.unshift(theme.note);
    }
    if (m.contradicts) {
      // Every listed record's rationales are read once (cached per session); the list waits for it.
      const check = ContradictionCache.for(session);
      await check.compute(all, signal, (done, total) => emit({ type: 'progress', requestId: m.requestId, phase: 'contradictions', done, total }));
      if (signal.aborted) return;
      all = all.filter((i) => check.get(i) === true);
      notes.push('records whose rationale argues for the other response than their verdict (a heuristic reading)');
    }
    if ((m.samples || m.sort === 'flip-desc') && !loading) {
      // The sets are grouped once per file and verdicts (a pass over the file when it may have any).
      const sets = await SampleSetsCache.for(session).compute();
      if (signal.aborted) return;
      if (m.samples) {
        all = sets ? filterBySamples(all, sets, m.samples, this.sampleThreshold) : [];
        notes.push(sets ? 'one row per record (its first row); its strip shows every sample' : 'the file has one sample per record');
      }
      if (m.sort === 'flip-desc' && sets) all = sortByFlipRate(all, sets);
    } else if (m.samples || m.sort === 'flip-desc') notes.push('the sample filters and the flip-rate sort apply once the whole file is read');
    const note = notes.length ? notes.join('; ') : null;
    if (m.sort !== 'file' && m.sort !== 'flip-desc' && all.length > 0) {
      const cache = CoverageCache.for(session);
      // Unsorted first, so the list is usable while coverage is computed in the background.
      this.publish(session, m, all, true, note, emit);
      await cache.compute(all, signal, (done, total) => emit({ type: 'progress', requestId: m.requestId, phase: 'coverage', done, total }));
      if (signal.aborted) return;
      all = cache.sort(all, m.sort);
    }
    this.publish(session, m, all, loading, note, emit);
  }

  private publish(session: DatasetSession, m: Query, indexes: number[], partial: boolean, note: string | null, emit: Emit): void {
    const list: List = { id: this.nextListId++, session, indexes: Int32Array.from(indexes) };
    this.list = list;
    if (!partial) this.onComplete(indexes);
    const selectedPosition = m.selected === null ? -1 : list.indexes.indexOf(m.selected);
    // The first page travels with the list: one round trip less before anything shows.
    const start = m.first < list.indexes.length ? m.first : 0;
    const rows = m.count > 0 ? this.rowViews(list, start, m.count) : [];
    emit({ type: 'list', requestId: m.requestId, listId: list.id, total: list.indexes.length, selectedPosition, partial, note, start, rows });
  }

  /** A page of rows, or a record's position, from the current list. */
  answer(m: Extract<FromWebview, { type: 'getRows' | 'locate' }>, emit: Emit): void {
    if (m.type === 'getRows') {
      const rows = this.rows(m.listId, m.start, m.count);
      if (rows) emit({ type: 'rows', requestId: m.requestId, listId: m.listId, start: m.start, rows });
      return;
    }
    const position = this.locate(m.listId, m.index);
    emit({ type: 'located', requestId: m.requestId, listId: m.listId, position, index: position === -1 ? -1 : m.index });
  }

  /** A page of the current list; null when a newer list replaced it (the webview asks again). */
  rows(listId: number, start: number, count: number): RowView[] | null {
    const list = this.list;
    return list && list.id === listId ? this.rowViews(list, start, count) : null;
  }

  private rowViews(list: List, start: number, count: number): RowView[] {
    const { session } = list;
    const end = Math.min(list.indexes.length, start + count);
    const cache = CoverageCache.for(session);
    const sets = SampleSetsCache.for(session).current;
    const rows: RowView[] = [];
    for (let p = start; p < end; p++) {
      const i = list.indexes[p] as number;
      if (i < session.count) rows.push({ ...rowView(session.row(i), cache.get(i) ?? null, ContradictionCache.for(session).get(i) ?? null), ...(sets ? { flip: flipRateOf(sets, i) } : {}) });
    }
    return rows;
  }

  /** The record's position in the list, or -1. */
  locate(listId: number, index: number): number {
    const list = this.list;
    return list && list.id === listId ? list.indexes.indexOf(index) : -1;
  }

  /** The next position (wrapping; from -1: the first or last) whose record is of the kind asked, or -1. */
  findNext(m: FindNext): { position: number; index: number } {
    const list = this.list;
    if (!list || list.id !== m.listId || list.indexes.length === 0) return { position: -1, index: -1 };
    const n = list.indexes.length;
    for (let step = 1; step <= n; step++) {
      const p = m.from < 0 ? (m.direction === 1 ? step - 1 : n - step) : (((m.from + m.direction * step) % n) + n) % n;
      const index = list.indexes[p] as number;
      if (list.session.kindOf(index) === m.kind) return { position: p, index };
    }
    return { position: -1, index: -1 };
  }
}
