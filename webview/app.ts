/** The Inspector app: layout, protocol handling, filters, selection and keyboard. */
import type { LlmRoleView, RecordKind, RecordView, RowView, SnapshotView, SortOrder, ToWebview } from '../src/protocol/messages';
import { PROTOCOL_VERSION, RECORD_KINDS } from '../src/protocol/messages';
import { nextRequestId, onMessage, send } from './api';
import { append, clear, h } from './dom';
import { KIND_HELP, KIND_LABEL, count } from './format';
import { renderHeader, renderLoading } from './header';
import type { HelpAction } from './help';
import { helpOverlay } from './help';
import { PAGE_SIZE, ROW_HEIGHT, VirtualList } from './list';
import { fillLive } from './live';
import type { KeyCommand } from './logic/keys';
import { commandFor, isRecordAction } from './logic/keys';
import { LiveRuns, isActive } from './logic/liveRuns';
import { ModelTiers } from './modelTier';
import { renderRecord, runBlocked } from './record';
import type { ViewState } from './state';
import { loadState, saveState, saveStateNow } from './state';

type Field = HTMLElement & { value: string };

export class App {
  private readonly state: ViewState = loadState();
  private snapshot: SnapshotView | null = null;
  private readonly header = h('header', { class: 'header', attrs: { 'aria-label': 'Figures' } });
  private readonly chips = h('div', { class: 'chips', attrs: { role: 'toolbar', 'aria-label': 'Filter by class' } });
  private readonly search = h('vscode-textfield', { class: 'search', attrs: { placeholder: 'Search prompt, responses, rationales, gold  ( / )', 'aria-label': 'Search records', type: 'search' } }) as Field;
  private readonly subset = h('vscode-single-select', { class: 'subset-select', attrs: { 'aria-label': 'Subset' } }) as Field;
  private readonly sort = h('vscode-single-select', { class: 'sort-select', attrs: { 'aria-label': 'Sort' } }) as Field;
  private readonly status = h('div', { class: 'list-status', attrs: { 'aria-live': 'polite' } });
  private readonly progress = h('vscode-progress-bar', { class: 'list-progress', attrs: { hidden: true } }) as HTMLElement & { value?: number; max: number; indeterminate: boolean };
  private readonly recordPane = h('div', { class: 'record-pane', attrs: { tabindex: -1 } });
  private readonly help = helpOverlay(
    () => this.toggleHelp(false),
    (action) => {
      this.toggleHelp(false);
      this.act(action);
    },
  );
  private readonly list = new VirtualList({
    requestPage: (start, n) => send({ type: 'getRows', requestId: nextRequestId(), listId: this.list.id, start, count: n }),
    onActivate: (position, row) => this.selectRow(position, row),
    onScroll: (top) => {
      this.state.scrollTop = top;
      saveState(this.state);
    },
  });
  private queryId = -1;
  private listNote: string | null = null;
  private restoreScroll = true;
  private selectedInList = false;
  private pendingPosition: number | null = null;
  private recordRequest = -1;
  private record: RecordView | null = null;
  private readonly locates = new Map<number, 'select' | 'jump'>();
  /** An index a command asked for: filters are cleared if they hide it. */
  private forceVisible: number | null = null;
  private searchTimer: number | undefined;
  private marking = false;
  private failed = false;
  /** The next list comes from a filter the user changed: select its first row if the record left it. */
  private filterChanged = false;
  /** Whether model requests are possible (the host says; not in an untrusted workspace). */
  private llm: { available: boolean; reason: string | null } = { available: true, reason: null };
  /** Model runs on records, in progress or just over. */
  private readonly live = new LiveRuns();
  private reasoningOpen = false;
  private readonly tiers = new ModelTiers();

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    this.layout();
    onMessage((m) => this.onMessage(m));
    document.addEventListener('keydown', (e) => this.onKey(e));
    // A restored selection need not wait for the list; nor does the first record of an unfiltered
    // file in file order (position 0 is record 0), which saves a round trip on first open.
    const unfiltered = this.state.kinds === null && this.state.subset === null && this.state.search === '' && this.state.sort === 'file';
    if (this.state.selected === null && unfiltered) {
      this.state.selected = 0;
      this.state.position = 0;
    }
    send({ type: 'ready', protocol: PROTOCOL_VERSION });
    this.query();
    if (this.state.selected !== null) this.requestRecord(this.state.selected);
  }

  // ----------------------------------------------------------------------------------------------
  // Layout

  private layout(): void {
    this.search.value = this.state.search;
    this.search.addEventListener('input', () => {
      window.clearTimeout(this.searchTimer);
      this.searchTimer = window.setTimeout(() => this.setSearch(this.search.value), 350);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        window.clearTimeout(this.searchTimer);
        this.setSearch(this.search.value);
      }
    });
    this.sort.append(
      h('vscode-option', { attrs: { value: 'file' } }, 'File order'),
      h('vscode-option', { attrs: { value: 'coverage-asc' } }, 'Coverage, lowest first'),
      h('vscode-option', { attrs: { value: 'coverage-desc' } }, 'Coverage, highest first'),
    );
    this.sort.value = this.state.sort;
    this.sort.addEventListener('change', () => {
      this.state.sort = this.sort.value as SortOrder;
      this.sort.closest('.list-pane')?.classList.toggle('with-coverage', this.state.sort !== 'file');
      this.query();
    });
    this.subset.addEventListener('change', () => {
      const subset = this.subset.value === '' ? null : this.subset.value;
      if (subset === this.state.subset) return;
      this.state.subset = subset;
      this.filterChanged = true;
      this.renderHeader();
      this.query();
    });
    this.renderSubsetOptions();
    this.renderChips();
    renderLoading(this.header, this.root.dataset.fileName ?? '', 0, 0, 0);
    const listPane = h(
      'div',
      { class: `list-pane${this.state.sort === 'file' ? '' : ' with-coverage'}`, attrs: { slot: 'start' } },
      this.chips,
      h('div', { class: 'filters' }, this.search, this.subset, this.sort),
      h('div', { class: 'list-head', attrs: { 'aria-hidden': 'true' } }, h('span', null, 'id'), h('span', { title: 'gold label → GenRM verdict' }, 'gold→'), h('span', null, 'class'), h('span', null, 'subset'), h('span', { class: 'c-cov', title: 'heuristic claim coverage' }, 'cov')),
      this.list.element,
      this.progress,
      this.status,
    );
    this.recordPane.setAttribute('slot', 'end');
    this.recordPane.append(h('div', { class: 'placeholder' }, 'Loading…'));
    const split = h('vscode-split-layout', { class: 'split', attrs: { 'initial-handle-position': '33%', 'fixed-pane': 'start', 'min-start': '260px', 'min-end': '320px' } }, listPane, this.recordPane);
    append(this.root, this.header, split, this.help.element);
  }

  private renderChips(): void {
    clear(this.chips);
    const counts = this.snapshot?.kindCounts;
    const active = this.state.kinds;
    const chip = (text: string, pressed: boolean, title: string, kind: RecordKind | 'all', n: number | undefined) =>
      h(
        'button',
        {
          class: `chip${kind === 'all' ? '' : ` kind-${kind}`}${n === 0 ? ' zero' : ''}`,
          title,
          attrs: { 'aria-pressed': pressed ? 'true' : 'false', 'data-kind': kind },
          on: { click: (e) => this.toggleKind(kind, e.ctrlKey || e.metaKey || e.shiftKey) },
        },
        kind === 'all' ? null : h('span', { class: 'dot' }),
        text,
        n === undefined ? null : h('span', { class: 'chip-count' }, count(n)),
      );
    this.chips.append(chip('All', active === null, 'Show every record', 'all', this.snapshot?.records));
    for (const k of RECORD_KINDS) {
      this.chips.append(chip(KIND_LABEL[k], active?.includes(k) ?? false, `${KIND_HELP[k]} (Ctrl/Cmd-click to combine)`, k, counts?.[k]));
    }
  }

  private renderSubsetOptions(): void {
    const subsets = this.snapshot?.subsets ?? (this.state.subset ? [this.state.subset] : []);
    clear(this.subset);
    this.subset.append(h('vscode-option', { attrs: { value: '' } }, 'All subsets'));
    for (const s of subsets) this.subset.append(h('vscode-option', { attrs: { value: s } }, s));
    this.subset.hidden = subsets.length === 0;
    // The select reads its options when they are slotted; set the value once it has.
    this.subset.value = this.state.subset ?? '';
    window.setTimeout(() => (this.subset.value = this.state.subset ?? ''), 0);
  }

  private renderHeader(): void {
    if (!this.snapshot) return;
    renderHeader(this.header, this.snapshot, this.state.subset, this.state.showDetails, {
      onSubset: (subset) => {
        this.state.subset = this.state.subset === subset ? null : subset;
        this.filterChanged = true;
        this.subset.value = this.state.subset ?? '';
        this.query();
        this.renderHeader();
      },
      onToggleDetails: (open) => {
        this.state.showDetails = open;
        saveStateNow(this.state);
        this.renderHeader();
      },
    });
  }

  // ----------------------------------------------------------------------------------------------
  // Messages

  private onMessage(m: ToWebview): void {
    switch (m.type) {
      case 'loading':
        if (!this.snapshot) renderLoading(this.header, m.fileName, m.records, m.shown, m.sizeBytes);
        return;
      case 'snapshot': {
        const subsetsChanged = JSON.stringify(this.snapshot?.subsets) !== JSON.stringify(m.snapshot.subsets);
        this.snapshot = m.snapshot;
        this.renderHeader();
        this.renderChips();
        if (subsetsChanged) this.renderSubsetOptions();
        return;
      }
      case 'failed':
        this.failed = true;
        clear(this.root);
        this.root.append(h('div', { class: 'failure' }, h('h2', null, 'The Inspector cannot show this file'), h('p', null, m.message)));
        return;
      case 'list':
        return this.onList(m);
      case 'rows':
        this.list.addRows(m.listId, m.start, m.rows);
        if (this.pendingPosition !== null && m.listId === this.list.id && this.pendingPosition >= m.start && this.pendingPosition < m.start + m.rows.length) {
          const p = this.pendingPosition;
          this.pendingPosition = null;
          const row = this.list.rowAt(p);
          if (row) this.selectRow(p, row);
        }
        return;
      case 'record':
        if (m.requestId !== this.recordRequest) return;
        this.record = m.record;
        this.live.prune(m.record);
        this.renderRecord();
        return;
      case 'progress':
        if (m.requestId !== this.queryId) return;
        this.progress.hidden = false;
        if (m.total > 0) {
          this.progress.indeterminate = false;
          this.progress.max = m.total;
          this.progress.value = m.done;
        } else this.progress.indeterminate = true;
        this.setStatus(m.phase === 'search' ? 'Searching the whole file… (Esc cancels)' : `Computing claim coverage ${count(m.done)}/${count(m.total)}… (Esc cancels)`);
        return;
      case 'located':
        return this.onLocated(m.requestId, m.position);
      case 'marked':
        this.marking = false;
        this.setStatus('Mark saved; figures updated.');
        return;
      case 'modelAlignment':
        if (this.tiers.answer(m) && this.record?.index === m.index) this.renderRecord();
        if (m.message) this.setStatus(m.message, m.alignments.length === 0);
        else this.setStatus(`Record ${m.index + 1}: aligned by the model.`);
        return;
      case 'error':
        if (m.requestId !== null && this.locates.delete(m.requestId)) return;
        if (m.requestId !== null) {
          const index = this.tiers.failed(m.requestId, m.message);
          if (index !== null) {
            if (this.record?.index === index) this.renderRecord();
            this.setStatus(m.message, true);
            return;
          }
        }
        if (m.requestId === this.recordRequest) {
          clear(this.recordPane);
          this.recordPane.append(h('div', { class: 'placeholder error' }, this.list.size === 0 && this.list.id !== -1 ? 'The file has no records.' : m.message));
          return;
        }
        if (this.marking) this.marking = false;
        this.setStatus(m.message, true);
        return;
      case 'select':
        this.forceVisible = m.index;
        this.state.selected = m.index;
        this.requestRecord(m.index);
        this.query();
        return;
      case 'invalidate':
        this.restoreScroll = true;
        this.query();
        if (this.state.selected !== null) this.requestRecord(this.state.selected, true);
        return;
      case 'llmStatus':
        this.llm = { available: m.available, reason: m.reason };
        this.renderRecord();
        return;
      case 'runStarted': {
        const { mine } = this.live.started(m);
        if (this.record?.index === m.index) {
          this.renderRecord();
          if (mine) this.recordPane.querySelector(m.role === 'genrm' ? '.requery' : `[data-live="${m.role}"]`)?.scrollIntoView({ block: m.role === 'genrm' ? 'start' : 'nearest' });
        }
        return;
      }
      case 'runDelta': {
        const run = this.live.delta(m);
        if (run && this.record?.index === run.index) {
          const el = this.recordPane.querySelector<HTMLElement>(`[data-live="${run.role}"]`);
          if (el) fillLive(el, run);
        }
        return;
      }
      case 'runEnded': {
        const run = this.live.ended(m);
        if (!run) return;
        if (this.record?.index === run.index) {
          this.renderRecord();
          // The verdict in force, the figures and the journaled re-query come with the record.
          if (m.outcome === 'done') this.requestRecord(run.index, true);
        }
        const what = run.role === 'genrm' ? 'Re-query' : 'Re-judge';
        if (m.outcome !== 'done') this.setStatus(`${what} of record ${run.index + 1} ${m.outcome}${m.message ? `: ${m.message}` : ''}.`, m.outcome === 'failed');
        else if (run.role === 'fidelity') this.setStatus(`Record ${run.index + 1}: the judge answered ${m.result?.verdict ?? 'nothing'}.`);
        else this.setStatus(`Record ${run.index + 1}: the GenRM now answers ${m.result?.pred ?? 'nothing parseable'}.`);
        return;
      }
      case 'runRefused': {
        if (!this.live.refused(m)) return;
        if (this.record?.index === m.index) this.renderRecord();
        this.setStatus(m.message, true);
        return;
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Record actions (buttons, keys, the help overlay)

  private blocked(action: HelpAction): string | null {
    const record = this.record;
    if (!record) return 'No record is shown.';
    const live = this.live.of(record.index);
    switch (action) {
      case 'requery':
        return runBlocked(record, 'genrm', { llm: this.llm, live });
      case 'rejudge':
        return runBlocked(record, 'fidelity', { llm: this.llm, live });
      case 'mark-aligned':
      case 'mark-misaligned':
        if (record.kind === 'label-wrong' || record.kind === 'unparseable') return 'Fidelity verdicts count for label-correct records only.';
        return this.marking ? 'A mark is being saved.' : null;
      case 'cancel-run':
        return isActive(live.genrm) || isActive(live.fidelity) ? null : 'Nothing is running on this record.';
    }
  }

  private act(action: HelpAction): void {
    const record = this.record;
    const why = this.blocked(action);
    if (!record || why !== null) {
      this.setStatus(why ?? 'No record is shown.', true);
      return;
    }
    switch (action) {
      case 'requery':
        return this.startRun('genrm');
      case 'rejudge':
        return this.startRun('fidelity');
      case 'mark-aligned':
      case 'mark-misaligned':
        return this.mark(record.index, action === 'mark-aligned' ? 'Correct' : 'Incorrect', this.recordPane.querySelector<HTMLElement & { value: string }>('.mark-note')?.value ?? '');
      case 'cancel-run':
        for (const run of Object.values(this.live.of(record.index))) if (isActive(run) && run.runId !== null) this.cancelRun(run.runId);
        return;
    }
  }

  private startRun(role: LlmRoleView): void {
    const record = this.record;
    if (!record) return;
    const requestId = nextRequestId();
    this.live.asked(role, record.index, requestId);
    send({ type: 'runLlm', requestId, index: record.index, role });
    this.renderRecord();
    this.setStatus(role === 'genrm' ? 'Re-querying the GenRM…' : 'Re-judging fidelity…');
  }

  private cancelRun(runId: number): void {
    const run = this.live.cancelling(runId);
    if (!run) return;
    send({ type: 'cancelRun', runId });
    const el = this.recordPane.querySelector<HTMLElement>(`[data-live="${run.role}"]`);
    if (el && this.record?.index === run.index) fillLive(el, run);
  }

  private mark(index: number, verdict: 'Correct' | 'Incorrect' | null, note: string): void {
    this.marking = true;
    this.setStatus('Saving mark…');
    send({ type: 'mark', requestId: nextRequestId(), index, verdict, note });
  }

  private onList(m: Extract<ToWebview, { type: 'list' }>): void {
    if (m.requestId !== this.queryId) return;
    const filtered = this.state.kinds !== null || this.state.subset !== null || this.state.search.trim() !== '';
    if (m.selectedPosition === -1 && this.forceVisible !== null && this.forceVisible === this.state.selected && filtered && !m.partial) {
      // A command asked for a record the filters hide: show everything.
      this.state.kinds = null;
      this.state.subset = null;
      this.state.search = '';
      this.search.value = '';
      this.subset.value = '';
      this.renderChips();
      this.query();
      return;
    }
    const keepTop = this.restoreScroll ? this.state.scrollTop : 0;
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
      this.state.position = m.selectedPosition;
      this.list.setSelected(m.selectedPosition);
      if (this.forceVisible === this.state.selected) {
        this.list.reveal(m.selectedPosition);
        if (!m.partial) this.forceVisible = null;
      }
    } else {
      this.list.setSelected(-1);
    }
    this.setStatus('');
    const refilter = this.filterChanged && !m.partial;
    if (!m.partial) this.filterChanged = false;
    if ((this.state.selected === null || (refilter && m.selectedPosition === -1)) && m.total > 0) this.selectPosition(0);
    else if (this.state.selected !== null && !this.record && this.recordRequest === -1) this.requestRecord(this.state.selected);
    saveStateNow(this.state);
  }

  private onLocated(requestId: number, position: number): void {
    const why = this.locates.get(requestId);
    if (!why) return;
    this.locates.delete(requestId);
    if (position === -1) {
      if (why === 'jump') this.setStatus('No spurious record in this list.');
      return;
    }
    this.selectPosition(position);
  }

  private setStatus(text: string, error = false): void {
    const shown = `${count(this.list.size)} record${this.list.size === 1 ? '' : 's'}${this.listNote ? ` · ${this.listNote}` : ''}`;
    this.status.textContent = text ? `${shown} · ${text}` : shown;
    this.status.classList.toggle('error', error);
  }

  // ----------------------------------------------------------------------------------------------
  // Queries and selection

  private query(): void {
    if (this.failed) return;
    if (this.queryId !== -1) send({ type: 'cancel', requestId: this.queryId });
    this.queryId = nextRequestId();
    this.list.element.setAttribute('aria-busy', 'true');
    const first = this.restoreScroll ? Math.max(0, Math.floor(this.state.scrollTop / ROW_HEIGHT) - 10) : 0;
    send({ type: 'query', requestId: this.queryId, kinds: this.state.kinds, subset: this.state.subset, search: this.state.search, sort: this.state.sort, selected: this.state.selected, first: first - (first % PAGE_SIZE), count: PAGE_SIZE });
    saveStateNow(this.state);
  }

  private toggleKind(kind: RecordKind | 'all', combine: boolean): void {
    if (kind === 'all') this.state.kinds = null;
    else if (!combine) this.state.kinds = this.state.kinds?.length === 1 && this.state.kinds[0] === kind ? null : [kind];
    else {
      const set = new Set(this.state.kinds ?? []);
      if (set.has(kind)) set.delete(kind);
      else set.add(kind);
      this.state.kinds = set.size === 0 || set.size === RECORD_KINDS.length ? null : RECORD_KINDS.filter((k) => set.has(k));
    }
    this.state.scrollTop = 0;
    this.restoreScroll = false;
    this.filterChanged = true;
    this.renderChips();
    this.query();
  }

  private setSearch(text: string): void {
    if (text === this.state.search) return;
    this.state.search = text;
    this.restoreScroll = false;
    this.filterChanged = true;
    this.query();
  }

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
    this.state.position = position;
    this.selectedInList = true;
    this.list.setSelected(position);
    this.list.reveal(position);
    if (this.state.selected !== row.index || !this.record || this.record.index !== row.index) {
      this.state.selected = row.index;
      this.requestRecord(row.index);
    }
    saveStateNow(this.state);
  }

  private requestRecord(index: number, keepContent = false): void {
    this.recordRequest = nextRequestId();
    if (!keepContent && this.record?.index !== index) this.recordPane.classList.add('stale');
    send({ type: 'getRecord', requestId: this.recordRequest, index });
  }

  private step(direction: 1 | -1): void {
    // When the selected record left the list (e.g. after marking it), its old slot holds the next one.
    const from = this.state.position;
    const target = this.selectedInList ? from + direction : direction === 1 ? Math.max(0, from) : from - 1;
    if (target < 0 || target >= this.list.size) return;
    this.selectPosition(target);
  }

  private jumpTo(kind: RecordKind, direction: 1 | -1): void {
    const requestId = nextRequestId();
    this.locates.set(requestId, 'jump');
    const from = this.selectedInList ? this.state.position : this.state.position - (direction === 1 ? 1 : 0);
    send({ type: 'findNext', requestId, listId: this.list.id, from: Math.max(-1, from), kind, direction });
  }

  // ----------------------------------------------------------------------------------------------
  // Record

  private renderRecord(): void {
    const record = this.record;
    if (!record) return;
    const scroll = this.recordPane.scrollTop;
    const sameRecord = this.recordPane.querySelector<HTMLElement>('.record')?.dataset.index === String(record.index);
    // Disclosures the user opened stay open when the same record is drawn again (a verdict arrived).
    const opened = sameRecord ? [...this.recordPane.querySelectorAll<HTMLDetailsElement>('details[open]')].map((d) => d.className) : [];
    // So does a note being typed for a mark (a run ending re-draws the record).
    const noteField = this.recordPane.querySelector<HTMLElement & { value: string }>('.mark-note');
    const note = sameRecord ? (noteField?.value ?? '') : '';
    const typing = sameRecord && !!noteField && (document.activeElement === noteField || noteField.contains(document.activeElement));
    clear(this.recordPane);
    this.recordPane.classList.remove('stale');
    this.recordPane.append(
      renderRecord(
        this.tiers.apply(record),
        {
          showThinking: this.state.showThinking,
          showResponses: this.state.showResponses,
          showPrompt: this.state.showPrompt,
          tab: this.state.tab,
          snapshot: this.snapshot,
          busy: this.marking,
          llm: this.llm,
          live: this.live.of(record.index),
          reasoningOpen: this.reasoningOpen,
          tier: this.tiers.state(record),
        },
        {
          onMark: (verdict, note) => this.mark(record.index, verdict, note),
          onRun: (role) => this.act(role === 'genrm' ? 'requery' : 'rejudge'),
          onCancelRun: (runId) => this.cancelRun(runId),
          onToggleReasoning: (open) => (this.reasoningOpen = open),
          onAlignWithModel: () => {
            this.tiers.request(record.index);
            this.setStatus(`Aligning record ${record.index + 1} with the model…`);
            this.renderRecord();
          },
          onShowTier: (tier) => {
            this.tiers.show(record.index, tier);
            this.renderRecord();
          },
          onReveal: () => send({ type: 'reveal', index: record.index }),
          onToggle: (section, open) => {
            if (section === 'thinking') this.state.showThinking = open;
            else if (section === 'responses') this.state.showResponses = open;
            else this.state.showPrompt = open;
            saveStateNow(this.state);
          },
          onTab: (index) => {
            this.state.tab = index;
            saveStateNow(this.state);
          },
        },
      ),
    );
    for (const d of this.recordPane.querySelectorAll<HTMLDetailsElement>('details')) if (opened.includes(d.className)) d.open = true;
    const newNote = this.recordPane.querySelector<HTMLElement & { value: string }>('.mark-note');
    if (newNote && note) newNote.value = note;
    if (newNote && typing) newNote.focus();
    if (sameRecord) this.recordPane.scrollTop = scroll;
    else this.recordPane.scrollTop = 0;
  }

  private toggleSection(section: 'thinking' | 'responses'): void {
    const open = section === 'thinking' ? (this.state.showThinking = !this.state.showThinking) : (this.state.showResponses = !this.state.showResponses);
    for (const el of this.recordPane.querySelectorAll<HTMLElement & { open: boolean }>(`vscode-collapsible[data-section="${section}"]`)) el.open = open;
    saveStateNow(this.state);
  }

  // ----------------------------------------------------------------------------------------------
  // Keyboard

  private toggleHelp(show = this.help.element.hidden): void {
    if (show) this.help.update((action) => this.blocked(action));
    this.help.element.hidden = !show;
    if (show) this.help.element.focus();
  }

  /** What each command of the key map (logic/keys.ts) does. */
  private run(command: KeyCommand): void {
    if (isRecordAction(command)) return this.act(command);
    switch (command) {
      case 'next':
        return this.step(1);
      case 'previous':
        return this.step(-1);
      case 'next-spurious':
        return this.jumpTo('spurious', 1);
      case 'previous-spurious':
        return this.jumpTo('spurious', -1);
      case 'search':
        return this.search.focus();
      case 'thinking':
        return this.toggleSection('thinking');
      case 'responses':
        return this.toggleSection('responses');
      case 'help':
        return this.toggleHelp();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const path = e.composedPath();
    const typing = path.some((t) => t instanceof HTMLElement && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'VSCODE-TEXTFIELD' || t.tagName === 'VSCODE-SINGLE-SELECT' || t.isContentEditable));
    if (e.key === 'Escape') {
      if (!this.help.element.hidden) this.toggleHelp(false);
      else if (!this.progress.hidden && this.queryId !== -1) {
        send({ type: 'cancel', requestId: this.queryId });
        this.progress.hidden = true;
        this.setStatus('Cancelled.');
      } else if (typing) (document.activeElement as HTMLElement | null)?.blur();
      return;
    }
    if (typing) return;
    const command = commandFor(e.key);
    const handled = command !== undefined;
    if (command) this.run(command);
    if (handled) {
      e.preventDefault();
      saveStateNow(this.state);
    }
  }
}
