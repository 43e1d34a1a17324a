/**
 * The Inspector app: layout, the host's messages, the record pane and its actions, and the keys (what
 * each does: keyCommands.ts). The list pane (listPane.ts) owns filters, queries and selection; logic/
 * holds the DOM-free parts.
 */
import type { LlmRoleView, RecordView, SnapshotView, ToWebview } from '../../src/protocol/messages';
import { PROTOCOL_VERSION } from '../../src/protocol/messages';
import { getState, nextRequestId, onMessage, send } from '../vscodeApi/inspectorApi';
import { append, clear, h } from '../dom/dom';
import { renderHeader, renderLoading } from './header';
import type { HelpAction } from './help';
import { helpOverlay } from './help';
import { ListPane } from './listPane';
import { MarkToast } from './markToast';
import { fillLive } from './live';
import { runKeyCommand, type KeyTargets } from './keyCommands';
import { bindKeys } from './keyboard';
import { LiveRuns, endedStatus, isActive } from '../logic/liveRuns';
import { RecordFeed } from './recordFeed';
import { renderLight } from './recordLight';
import { pageFirstRecord, paintPageRecord, removeInlinePaint } from './firstRecord';
import { ModelTiers } from './modelTier';
import { isSampleMessage, onSampleMessage } from './liveSamples';
import { splitLayout } from './splitLayout';
import { actionBlocked, renderRecord } from './record';
import type { LlmStatus } from './recordTypes';
import type { ViewState } from './state';
import { loadState, saveState, saveStateNow } from './state';
import type { Section, ViewChange } from './recordPane';
import { SECTION_STATE, paintRecord, setSection, viewCallbacks, viewChangeStatus, viewOptions } from './recordPane';

export class App {
  private readonly state: ViewState = loadState();
  private snapshot: SnapshotView | null = null;
  private readonly header = h('header', { class: 'header', attrs: { 'aria-label': 'Figures' } });
  private readonly recordPane = h('div', { class: 'record-pane', attrs: { tabindex: -1 } });
  private readonly help = helpOverlay(
    () => this.toggleHelp(false),
    (action) => {
      this.toggleHelp(false);
      this.act(action);
    },
  );
  private record: RecordView | null = null;
  private marking = false;
  /** What the last mark did, with its Undo (u). */
  private readonly toast = new MarkToast(() => this.undoMark());
  private failed = false;
  /** Whether model requests are possible (the host says; not in an untrusted workspace). */
  private llm: LlmStatus = { available: true, reason: null, configured: { genrm: true, fidelity: true } };
  /** Model runs on records, in progress or just over. */
  private readonly live = new LiveRuns();
  private reasoningOpen = false;
  private readonly tiers = new ModelTiers();
  private readonly pane = new ListPane({
    state: this.state,
    snapshot: () => this.snapshot,
    isShowing: (index) => this.record?.index === index,
    showRecord: (index) => this.requestRecord(index),
    ensureRecord: () => {
      if (this.state.selected !== null && !this.record && !this.records.everAsked) this.requestRecord(this.state.selected);
    },
    onSubsetChanged: () => this.renderHeader(),
    failed: () => this.failed,
  });
  private readonly keyTargets: KeyTargets = {
    pane: this.pane,
    state: this.state,
    recordIndex: () => this.record?.index ?? null,
    act: (action) => this.act(action),
    toggleSection: (section) => this.toggleSection(section),
    foldHeader: (folded) => this.foldHeader(folded),
    setView: (change) => this.setView(change),
    undoMark: () => this.undoMark(),
    toggleHelp: () => this.toggleHelp(),
  };
  private readonly records = new RecordFeed(this.pane.list, this.state, {
    show: (record) => void ((this.record = record), this.live.prune(record), this.renderRecord()),
    waiting: () => this.recordPane.classList.add('stale'),
    settle: () => this.renderRecord(),
  });

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    const restored = Object.keys(getState() as object).length > 0; // the channel gives {} when nothing was saved
    const inlineId = removeInlinePaint(); // the page's own paint of record 0 (firstPaint.ts): this view replaces it
    this.layout();
    onMessage((m) => this.onMessage(m));
    bindKeys(document, {
      onEscape: (typing) => {
        if (!this.help.element.hidden) this.toggleHelp(false);
        else if (!this.pane.cancelQuery() && typing) (document.activeElement as HTMLElement | null)?.blur();
      },
      onCommand: (command) => {
        runKeyCommand(command, this.keyTargets);
        saveStateNow(this.state);
      },
    });
    // A restored selection need not wait for the list; nor does the first record of an unfiltered
    // file in file order (position 0 is record 0), which saves a round trip on first open.
    const unfiltered = this.state.kinds === null && this.state.subset === null && this.state.search === '' && this.state.flag === null && this.state.sort === 'file';
    if (this.state.selected === null && unfiltered) {
      this.state.selected = 0;
      this.state.position = 0;
    }
    // Record 0 in the page (firstRecord.ts): painted light now, in full after that frame, never asked.
    const first = pageFirstRecord(this.state.selected, restored);
    if (first) paintPageRecord(this.recordPane, (this.record = first), this.state, this.records, inlineId, () => this.record === first && !this.records.light && this.renderRecord());
    send({ type: 'ready', protocol: PROTOCOL_VERSION });
    this.pane.query();
    if (this.state.selected !== null && !first) this.requestRecord(this.state.selected);
  }

  // ----------------------------------------------------------------------------------------------
  // Layout

  private layout(): void {
    renderLoading(this.header, this.root.dataset.fileName ?? '', 0, 0, 0);
    this.recordPane.append(h('div', { class: 'placeholder' }, 'Loading…'));
    append(this.root, this.header, this.toast.element, splitLayout(this.pane.element, this.recordPane, this.state), this.help.element);
  }

  private renderHeader(): void {
    if (!this.snapshot) return;
    renderHeader(this.header, this.snapshot, { subset: this.state.subset, flag: this.state.flag, detailsOpen: this.state.showDetails, folded: this.state.headerFolded }, {
      onSubset: (subset) => this.pane.setSubset(this.state.subset === subset ? null : subset),
      onFlag: (flag) => this.pane.setFlag(flag),
      onFold: (folded) => this.foldHeader(folded),
      onToggleDetails: (open) => {
        this.state.showDetails = open;
        saveStateNow(this.state);
        this.renderHeader();
      },
    });
  }

  private foldHeader(folded: boolean): void {
    this.state.headerFolded = folded;
    saveStateNow(this.state);
    this.renderHeader();
  }

  // ----------------------------------------------------------------------------------------------
  // Messages

  private onMessage(m: ToWebview): void {
    if (isSampleMessage(m)) return onSampleMessage(m, this.record?.index ?? null, { repaint: () => this.renderRecord(), refresh: (i) => this.requestRecord(i, true), status: (t, e) => this.setStatus(t, e) });
    switch (m.type) {
      case 'loading':
        if (!this.snapshot) renderLoading(this.header, m.fileName, m.records, m.shown, m.sizeBytes);
        return;
      case 'snapshot': {
        const subsetsChanged = JSON.stringify(this.snapshot?.subsets) !== JSON.stringify(m.snapshot.subsets);
        this.snapshot = m.snapshot;
        this.renderHeader();
        this.pane.renderChips();
        if (subsetsChanged) this.pane.renderSubsetOptions();
        return;
      }
      case 'failed':
        this.failed = true;
        clear(this.root);
        this.root.append(h('div', { class: 'failure' }, h('h2', null, 'The Inspector cannot show this file'), h('p', null, m.message)));
        return;
      case 'list':
        return this.pane.onList(m);
      case 'rows':
        return this.pane.onRows(m);
      case 'record':
        return this.records.answer(m.requestId, m.record);
      case 'records':
        return this.records.answerMany(m.requestId, m.records, m.last);
      case 'progress':
        return this.pane.onProgress(m);
      case 'located':
        return void this.pane.onLocated(m.requestId, m.position);
      case 'marked':
        this.marking = false;
        return this.setStatus(this.toast.show(m));
      case 'modelAlignment':
        if (this.tiers.answer(m) && this.record?.index === m.index) this.renderRecord();
        if (m.message) this.setStatus(m.message, m.alignments.length === 0);
        else this.setStatus(`Record ${m.index + 1}: aligned by the model.`);
        return;
      case 'error':
        if (m.requestId !== null && this.pane.dropLocate(m.requestId)) return;
        if (m.requestId !== null) {
          const index = this.tiers.failed(m.requestId, m.message);
          if (index !== null) {
            if (this.record?.index === index) this.renderRecord();
            this.setStatus(m.message, true);
            return;
          }
        }
        if (m.requestId !== null && this.records.fail(m.requestId)) {
          clear(this.recordPane);
          this.recordPane.append(h('div', { class: 'placeholder error' }, this.pane.isEmpty() ? 'The file has no records.' : m.message));
          return;
        }
        if (this.marking) this.marking = false;
        this.setStatus(m.message, true);
        return;
      case 'select':
        this.state.selected = m.index;
        this.requestRecord(m.index);
        this.pane.reveal(m.index);
        return;
      case 'invalidate':
        this.pane.invalidate();
        if (this.state.selected !== null) this.requestRecord(this.state.selected, true);
        return;
      case 'llmStatus':
        this.llm = { available: m.available, reason: m.reason, configured: m.configured };
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
        const status = endedStatus(run);
        this.setStatus(status.text, status.error);
        return;
      }
      case 'runRefused': {
        if (!this.live.refused(m)) return;
        if (this.record?.index === m.index) this.renderRecord(); // said once, in its record: not in the status line too
        this.setStatus(this.record?.index === m.index ? '' : m.message, this.record?.index !== m.index);
        return;
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Record actions (buttons, keys, the help overlay)

  private blocked(action: HelpAction): string | null {
    return actionBlocked(action, this.record, { llm: this.llm, live: this.record ? this.live.of(this.record.index) : {}, marking: this.marking });
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

  private undoMark(): void {
    if (this.marking) return;
    const { text, sent } = this.toast.undo();
    this.marking = sent;
    this.setStatus(text, !sent);
  }

  private setStatus(text: string, error = false): void {
    this.pane.setStatus(text, error);
  }

  private requestRecord(index: number, fresh = false): void {
    this.records.request(index, fresh, this.record?.index ?? null);
  }

  // ----------------------------------------------------------------------------------------------
  // Record

  private renderRecord(): void {
    const record = this.record;
    if (!record) return;
    if (this.records.light) return paintRecord(this.recordPane, record.index, renderLight(record), this.state);
    paintRecord(
      this.recordPane,
      record.index,
      renderRecord(
        this.tiers.apply(record),
        {
          ...viewOptions(this.state),
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
          ...viewCallbacks(this.state, record.index, (change) => this.setView(change)),
        },
      ),
      this.state,
    );
    saveState(this.state);
  }

  private toggleSection(section: Section): void {
    setSection(this.recordPane, section, this.state, !this.state[SECTION_STATE[section]]);
  }

  private setView(change: ViewChange): void {
    Object.assign(this.state, change);
    saveStateNow(this.state);
    this.renderRecord();
    this.setStatus(viewChangeStatus(change));
  }

  // ----------------------------------------------------------------------------------------------
  // Keyboard

  private toggleHelp(show = this.help.element.hidden): void {
    if (show) this.help.update((action) => this.blocked(action));
    this.help.element.hidden = !show;
    if (show) this.help.element.focus();
  }
}
