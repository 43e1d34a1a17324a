/**
 * The Inspector's list pane: class chips, search, subset and sort, the virtualized list with its
 * status line, and the queries, selection and navigation behind them. The app owns the record pane
 * and tells the pane what the host answered; the pane asks the app to show a record.
 */
import { ThemesPane } from './themesPane';
import { classChips } from './classChips';
import type { ListFlag, RecordKind, RowView, SampleFilter, SnapshotView, SortOrder, ToWebview } from '../../src/protocol/messages';
import { RECORD_KINDS } from '../../src/protocol/messages';
import { nextRequestId, send } from '../vscodeApi/inspectorApi';
import { counted } from '../../src/core/text/plural';
import { clear, h } from '../dom/dom';
import { count } from '../logic/format';
import { PAGE_SIZE, ROW_HEIGHT, VirtualList } from './list';
import type { ListMove } from '../logic/keys';
import { movedPosition } from '../logic/keys';
import { SearchBox } from './searchBox';
import type { ViewState } from './state';
import { saveState, saveStateNow } from './state';

type Field = HTMLElement & { value: string };

/** How a header-count filter reads on its pill. */
const FLAG_LABEL: Record<ListFlag, string> = { 'verdict-differs': 'file verdict differs from the text' };

export interface ListPaneHost {
  readonly state: ViewState;
  /** The figures, once the host sent them (chip counts, subsets). */
  snapshot(): SnapshotView | null;
  /** Whether the record pane shows record `index`. */
  isShowing(index: number): boolean;
  /** Shows record `index` (asks the host for it). */
  showRecord(index: number): void;
  /** Asks for the selected record when the pane shows none and none is on its way. */
  ensureRecord(): void;
  /** A filter the header shows changed: the subset, or a header count's (the header highlights it). */
  onSubsetChanged(): void;
  /** The file failed to open: no queries. */
  failed(): boolean;
}

export class ListPane {
  readonly element: HTMLElement;
  private readonly chips = h('div', { class: 'chips', attrs: { role: 'toolbar', 'aria-label': 'Filter by class' } });
  private readonly subset = h('vscode-single-select', { class: 'subset-select', attrs: { 'aria-label': 'Subset' } }) as Field;
  private readonly sort = h('vscode-single-select', { class: 'sort-select', attrs: { 'aria-label': 'Sort' } }) as Field;
  private readonly status = h('div', { class: 'list-status', attrs: { 'aria-live': 'polite' } });
  private readonly covHead = h('span', { class: 'c-cov', title: 'heuristic claim coverage, or the flip rate of its samples' });
  private readonly themes = new ThemesPane();
  private readonly progress = h('vscode-progress-bar', { class: 'list-progress', attrs: { hidden: true } }) as HTMLElement & { value?: number; max: number; indeterminate: boolean };
  readonly list: VirtualList;
  private queryId = -1;
  private listNote: string | null = null;
  private restoreScroll = true;
  private selectedInList = false;
  private pendingPosition: number | null = null;
  private readonly locates = new Map<number, 'select' | 'jump'>();
  /** An index a command asked for: filters are cleared if they hide it. */
  private forceVisible: number | null = null;
  private readonly search: SearchBox;
  /** The next list comes from a filter the user changed: select its first row if the record left it. */
  private filterChanged = false;

  constructor(private readonly host: ListPaneHost) {
    const state = host.state;
    this.list = new VirtualList({
      requestPage: (start, n) => send({ type: 'getRows', requestId: nextRequestId(), listId: this.list.id, start, count: n }),
      onActivate: (position, row) => this.selectRow(position, row),
      onScroll: (top) => {
        state.scrollTop = top;
        saveState(state);
      },
    });
    this.search = new SearchBox(state.search, () => state.search, (text) => this.setSearch(text));
    this.sort.append(
      h('vscode-option', { attrs: { value: 'file' } }, 'File order'),
      h('vscode-option', { attrs: { value: 'coverage-asc' } }, 'Coverage, lowest first'),
      h('vscode-option', { attrs: { value: 'coverage-desc' } }, 'Coverage, highest first'),
    );
    this.sortOptions();
    this.covHead.textContent = state.sort === 'flip-desc' ? 'flip' : 'cov';
    this.sort.addEventListener('change', () => {
      state.sort = this.sort.value as SortOrder;
      this.element.classList.toggle('with-coverage', state.sort !== 'file');
      this.covHead.textContent = state.sort === 'flip-desc' ? 'flip' : 'cov';
      this.query();
    });
    this.subset.addEventListener('change', () => this.setSubset(this.subset.value === '' ? null : this.subset.value));
    this.element = h(
      'div',
      { class: `list-pane${state.sort === 'file' ? '' : ' with-coverage'}`, attrs: { slot: 'start' } },
      this.chips,
      h('div', { class: 'filters' }, this.search.field, this.subset, this.sort),
      this.search.pills,
      this.themes.element,
      h('div', { class: 'list-head', attrs: { 'aria-hidden': 'true' } }, h('span', null, 'id'), h('span', { title: 'gold label → GenRM verdict' }, 'gold→'), h('span', null, 'class'), h('span', null, 'subset'), this.covHead),
      this.list.element,
      this.progress,
      this.status,
    );
    this.renderSubsetOptions();
    this.renderChips();
  }

  // ----------------------------------------------------------------------------------------------
  // Controls

  renderChips(): void {
    clear(this.chips);
    const snapshot = this.host.snapshot();
    const subset = this.host.state.subset;
    this.chips.append(...classChips(this.host.state, snapshot, { toggleKind: (k, combine) => this.toggleKind(k, combine), toggleContradicts: () => this.toggleContradicts(), toggleSampleFilter: (f) => this.toggleSampleFilter(f) }));
    this.sortOptions();
    this.search.renderPills(this.host.state.search, subset, () => this.setSubset(null), this.host.state.flag ? { label: FLAG_LABEL[this.host.state.flag], clear: () => this.setFlag(null) } : null);
  }

  /** "Flip rate, highest first" for a file with samples (or a saved sort by it until the figures come). */
  private sortOptions(): void {
    const state = this.host.state;
    const want = !!this.host.snapshot()?.samples || state.sort === 'flip-desc';
    const option = this.sort.querySelector('vscode-option[value="flip-desc"]');
    if (want && !option) this.sort.append(h('vscode-option', { attrs: { value: 'flip-desc' } }, 'Flip rate, highest first'));
    else if (!want && option) option.remove();
    this.sort.value = state.sort;
    window.setTimeout(() => (this.sort.value = state.sort), 0);
  }

  renderSubsetOptions(): void {
    const state = this.host.state;
    const subsets = this.host.snapshot()?.subsets ?? (state.subset ? [state.subset] : []);
    clear(this.subset);
    this.subset.append(h('vscode-option', { attrs: { value: '' } }, 'All subsets'));
    for (const s of subsets) this.subset.append(h('vscode-option', { attrs: { value: s } }, s));
    this.subset.hidden = subsets.length === 0;
    // The select reads its options when they are slotted; set the value once it has.
    this.subset.value = state.subset ?? '';
    window.setTimeout(() => (this.subset.value = state.subset ?? ''), 0);
  }

  /** Filters by one subset (null: all), from the select or a click in the header. */
  setSubset(subset: string | null): void {
    if (subset === this.host.state.subset) return;
    this.host.state.subset = subset;
    this.subset.value = subset ?? '';
    this.filterChanged = true;
    this.renderChips();
    this.host.onSubsetChanged();
    this.query();
  }

  /** Lists only the records a header count counts (null: all again); clicking the same count again clears it. */
  setFlag(flag: ListFlag | null): void {
    const state = this.host.state;
    state.flag = flag === state.flag ? null : flag;
    state.scrollTop = 0;
    this.restoreScroll = false;
    this.filterChanged = true;
    this.renderChips();
    this.host.onSubsetChanged();
    this.query();
  }

  focusSearch(): void {
    this.search.focus();
  }

  private toggleKind(kind: RecordKind | 'all', combine: boolean): void {
    const state = this.host.state;
    if (kind === 'all') state.kinds = null;
    else if (!combine) state.kinds = state.kinds?.length === 1 && state.kinds[0] === kind ? null : [kind];
    else {
      const set = new Set(state.kinds ?? []);
      if (set.has(kind)) set.delete(kind);
      else set.add(kind);
      state.kinds = set.size === 0 || set.size === RECORD_KINDS.length ? null : RECORD_KINDS.filter((k) => set.has(k));
    }
    this.refilter(() => undefined);
  }

  private toggleSampleFilter(filter: SampleFilter): void {
    const state = this.host.state;
    this.refilter(() => (state.sampleFilter = state.sampleFilter === filter ? null : filter));
  }

  private toggleContradicts(): void {
    this.refilter(() => (this.host.state.contradicts = !this.host.state.contradicts));
  }

  /** A chip's filter changes the list: from its top, the first row selected if the record left it. */
  private refilter(change: () => void): void {
    change();
    this.host.state.scrollTop = 0;
    this.restoreScroll = false;
    this.filterChanged = true;
    this.renderChips();
    this.query();
  }

  private setSearch(text: string): void {
    if (text === this.host.state.search) return;
    this.host.state.search = text;
    this.restoreScroll = false;
    this.filterChanged = true;
    this.renderChips();
    this.query();
  }

  // ----------------------------------------------------------------------------------------------
  // Queries and what the host answers

  query(): void {
    if (this.host.failed()) return;
    const state = this.host.state;
    if (this.queryId !== -1) send({ type: 'cancel', requestId: this.queryId });
    this.queryId = nextRequestId();
    this.list.element.setAttribute('aria-busy', 'true');
    const first = this.restoreScroll ? Math.max(0, Math.floor(state.scrollTop / ROW_HEIGHT) - 10) : 0;
    send({ type: 'query', requestId: this.queryId, kinds: state.kinds, subset: state.subset, search: state.search, ...(state.flag ? { flag: state.flag } : {}), sort: state.sort, contradicts: state.contradicts, ...(state.sampleFilter ? { samples: state.sampleFilter } : {}), selected: state.selected, first: first - (first % PAGE_SIZE), count: PAGE_SIZE });
    saveStateNow(state);
  }

  /** The file or its verdicts changed: ask again, keeping the scroll. */
  invalidate(): void {
    this.restoreScroll = true;
    this.query();
  }

  /** A command asked for record `index`: it is shown even if the filters hide it. */
  reveal(index: number): void {
    this.forceVisible = index;
    this.query();
  }

  /** Esc: stops a running search or sort; false when none runs. */
  cancelQuery(): boolean {
    if (this.progress.hidden || this.queryId === -1) return false;
    send({ type: 'cancel', requestId: this.queryId });
    this.progress.hidden = true;
    this.setStatus('Cancelled.');
    return true;
  }

  onList(m: Extract<ToWebview, { type: 'list' }>): void {
    if (m.requestId !== this.queryId) return;
    const state = this.host.state;
    const filtered = state.kinds !== null || state.subset !== null || state.search.trim() !== '' || state.flag !== null || state.contradicts || state.sampleFilter !== null;
    if (m.selectedPosition === -1 && this.forceVisible !== null && this.forceVisible === state.selected && filtered && !m.partial) {
      // A command asked for a record the filters hide: show everything.
      state.kinds = null;
      state.subset = null;
      state.search = '';
      state.flag = null;
      state.contradicts = false;
      state.sampleFilter = null;
      this.search.setField('');
      this.subset.value = '';
      this.renderChips();
      this.query();
      return;
    }
    const keepTop = this.restoreScroll ? state.scrollTop : 0;
    this.list.reset(m.listId, m.total, filtered ? 'No record matches the filters.' : 'The file has no records.');
    if (m.rows.length && m.start % PAGE_SIZE === 0) this.list.addRows(m.listId, m.start, m.rows);
    this.listNote = m.note;
    if (!m.partial) {
      this.progress.hidden = true;
      this.list.element.setAttribute('aria-busy', 'false');
    }
    this.list.scrollTop = keepTop;
    this.restoreScroll = m.partial; // the final list of a sorted query keeps the scroll too
    this.selectedInList = m.selectedPosition !== -1;
    if (m.selectedPosition !== -1) {
      state.position = m.selectedPosition;
      this.list.setSelected(m.selectedPosition);
      if (this.forceVisible === state.selected) {
        this.list.reveal(m.selectedPosition);
        if (!m.partial) this.forceVisible = null;
      }
    } else {
      this.list.setSelected(-1);
    }
    this.setStatus('');
    const refilter = this.filterChanged && !m.partial;
    if (!m.partial) this.filterChanged = false;
    if ((state.selected === null || (refilter && m.selectedPosition === -1)) && m.total > 0) this.selectPosition(0);
    else this.host.ensureRecord();
    saveStateNow(state);
  }

  onRows(m: Extract<ToWebview, { type: 'rows' }>): void {
    this.list.addRows(m.listId, m.start, m.rows);
    if (this.pendingPosition !== null && m.listId === this.list.id && this.pendingPosition >= m.start && this.pendingPosition < m.start + m.rows.length) {
      const p = this.pendingPosition;
      this.pendingPosition = null;
      const row = this.list.rowAt(p);
      if (row) this.selectRow(p, row);
    }
  }

  onProgress(m: Extract<ToWebview, { type: 'progress' }>): void {
    if (m.requestId !== this.queryId) return;
    this.progress.hidden = false;
    if (m.total > 0) {
      this.progress.indeterminate = false;
      this.progress.max = m.total;
      this.progress.value = m.done;
    } else this.progress.indeterminate = true;
    this.setStatus(
      m.phase === 'search'
        ? 'Searching the whole file… (Esc cancels)'
        : m.phase === 'contradictions'
          ? `Reading rationales for ones that argue against their verdict ${count(m.done)}/${count(m.total)}… (Esc cancels)`
          : `Computing claim coverage ${count(m.done)}/${count(m.total)}… (Esc cancels)`,
    );
  }

  /** True when the answer was for a locate of this pane (handled here). */
  onLocated(requestId: number, position: number): boolean {
    const why = this.locates.get(requestId);
    if (!why) return false;
    this.locates.delete(requestId);
    if (position === -1) {
      if (why === 'jump') this.setStatus('No spurious record in this list.');
      return true;
    }
    this.selectPosition(position);
    return true;
  }

  /** An error answering one of this pane's locates (nothing to say). */
  dropLocate(requestId: number): boolean {
    return this.locates.delete(requestId);
  }

  /** Whether the current list is a known, empty list. */
  isEmpty(): boolean {
    return this.list.size === 0 && this.list.id !== -1;
  }

  setStatus(text: string, error = false): void {
    const shown = `${counted(this.list.size, 'record')}${this.listNote ? ` · ${this.listNote}` : ''}`;
    this.status.textContent = text ? `${shown} · ${text}` : shown;
    // The pane may be narrow: the whole line, untruncated, on hover.
    this.status.title = this.status.textContent;
    this.status.classList.toggle('error', error);
  }

  // ----------------------------------------------------------------------------------------------
  // Selection and navigation

  private selectPosition(position: number): void {
    if (this.list.size === 0) return;
    const p = Math.max(0, Math.min(this.list.size - 1, position));
    const row = this.list.rowAt(p);
    if (row) {
      this.selectRow(p, row);
      return;
    }
    this.pendingPosition = p;
    this.list.reveal(p);
    this.list.ensure(p);
  }

  private selectRow(position: number, row: RowView): void {
    const state = this.host.state;
    state.position = position;
    this.selectedInList = true;
    this.list.setSelected(position);
    this.list.reveal(position);
    if (state.selected !== row.index || !this.host.isShowing(row.index)) {
      state.selected = row.index;
      this.host.showRecord(row.index);
    }
    saveStateNow(state);
  }

  step(direction: 1 | -1): void {
    // When the selected record left the list (e.g. after marking it), its old slot holds the next one.
    const from = this.host.state.position;
    const target = this.selectedInList ? from + direction : direction === 1 ? Math.max(0, from) : from - 1;
    if (target < 0 || target >= this.list.size) return;
    this.selectPosition(target);
  }

  /** Home/End/PageUp/PageDown: to an end of the list, or one screen of rows along it. */
  move(move: ListMove): void {
    const target = movedPosition(move, this.host.state.position, this.list.size, this.list.rowsInView);
    if (target !== undefined) this.selectPosition(target);
  }

  jumpTo(kind: RecordKind, direction: 1 | -1): void {
    const requestId = nextRequestId();
    this.locates.set(requestId, 'jump');
    const position = this.host.state.position;
    const from = this.selectedInList ? position : position - (direction === 1 ? 1 : 0);
    send({ type: 'findNext', requestId, listId: this.list.id, from: Math.max(-1, from), kind, direction });
  }
}
