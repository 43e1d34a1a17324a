/** The record view: prompt, responses, gold vs rationale with alignment highlights, verdict, actions. */
import type { AlignmentView, FidelityView, JudgmentView, LlmRoleView, PartView, RecordView, RequeryView, SnapshotView } from '../src/protocol/messages';
import { h, link } from './dom';
import { KIND_HELP, KIND_LABEL, label, pct } from './format';
import { legend, linkHover, renderAnnotated } from './highlight';
import type { LiveRun } from './live';
import { isActive, livePanel } from './live';
import { keyPointsBlock } from './keyPoints';
import type { TierShown, TierState } from './modelTier';

export interface RecordCallbacks {
  onMark(verdict: 'Correct' | 'Incorrect' | null, note: string): void;
  onReveal(): void;
  onCopyLink(): void;
  onToggle(section: 'thinking' | 'responses' | 'prompt', open: boolean): void;
  onTab(index: number): void;
  onRun(role: LlmRoleView): void;
  onCancelRun(runId: number): void;
  onToggleReasoning(open: boolean): void;
  onAlignWithModel(): void;
  onShowTier(tier: TierShown): void;
}

export interface RecordOptions {
  showThinking: boolean;
  showResponses: boolean;
  showPrompt: boolean;
  tab: number;
  snapshot: SnapshotView | null;
  busy: boolean;
  /** Whether model requests can be made (not in an untrusted workspace), and why not. */
  llm: { available: boolean; reason: string | null };
  /** Runs on this record, in progress or just over. */
  live: Partial<Record<LlmRoleView, LiveRun>>;
  /** The re-query's reasoning section is open (it starts collapsed). */
  reasoningOpen: boolean;
  /** The record's alignment tiers: the model's when asked for, and which one is shown. */
  tier: TierState;
}

/** Why an action cannot run on this record now, or null when it can. */
export function runBlocked(record: RecordView, role: LlmRoleView, opts: Pick<RecordOptions, 'llm' | 'live'>): string | null {
  if (!opts.llm.available) return opts.llm.reason ?? 'Model requests are not possible here.';
  if (isActive(opts.live[role])) return role === 'genrm' ? 'A re-query of this record is running.' : 'A re-judge of this record is running.';
  if (role === 'fidelity') {
    if (record.kind === 'label-wrong' || record.kind === 'unparseable') return 'Fidelity is judged on label-correct records only (R-Align).';
    if (record.goldText === null) return 'This record has no gold judgment for the judge to compare with.';
  }
  return null;
}

/** Why a record has no fidelity verdict, and whether it can get one. */
function noVerdictText(record: RecordView): string {
  if (record.gold === null) return 'No gold label in this record: whether the verdict is right for the right reasons does not apply.';
  if (record.kind === 'label-wrong' || record.kind === 'unparseable') return 'No fidelity verdict: the fidelity judge reads only label-correct records.';
  if (record.goldText === null) return 'This file has gold labels but no gold rationale, so no fidelity judge can compare this rationale with one. You may still mark it sound or unsound yourself; such a mark has no gold behind it.';
  return 'No fidelity verdict yet';
}

function runButton(record: RecordView, role: LlmRoleView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const blocked = runBlocked(record, role, opts);
  const text = role === 'genrm' ? 'Re-query GenRM' : 'Re-judge Fidelity';
  const help = role === 'genrm' ? 'Ask the GenRM again for a rationale and verdict; it streams in beside the original (q)' : 'Ask the fidelity judge again whether the rationale gives the gold reasons (f)';
  return h(
    'vscode-button',
    { attrs: { disabled: blocked !== null, 'data-action': role === 'genrm' ? 'requery' : 'rejudge', title: blocked ?? help }, on: { click: () => blocked === null && cb.onRun(role) } },
    text,
  );
}

/** A refusal or failure that is not shown inside a live panel (the run never started). */
function runNotice(run: LiveRun | undefined): HTMLElement | null {
  if (!run || run.state !== 'refused') return null;
  return h('div', { class: 'llm-notice', attrs: { 'data-role': run.role, role: 'alert' } }, run.message ?? 'The request could not start.');
}

const ORIGIN_TEXT = { file: 'from the file', llm: 'from the LLM fidelity judge', human: 'marked by a human' } as const;
const VERDICT_TEXT = {
  Correct: 'Correct: aligned',
  Incorrect: 'Incorrect: misaligned',
  SkippedLabelMismatch: 'skipped: label mismatch',
  CallFail: 'judge call failed',
  ParseFail: 'judge answer unparsable',
} as const;

function textBlock(text: string, cls = ''): HTMLElement {
  return h('div', { class: `text ${cls}` }, text);
}

function collapsible(heading: string, open: boolean, section: string, onToggle: (open: boolean) => void, ...content: (Node | null)[]): HTMLElement {
  const el = h('vscode-collapsible', { class: `section section-${section}`, attrs: { heading, 'data-section': section, open } }, ...content);
  el.addEventListener('vsc-collapsible-toggle', (e) => {
    if (e.target === el) onToggle((e as CustomEvent<{ open: boolean }>).detail.open);
  });
  return el;
}

function part(p: PartView): HTMLElement {
  switch (p.type) {
    case 'text':
      return textBlock(p.text);
    case 'link':
      return h('div', { class: 'part-link' }, 'Image (remote, not loaded): ', link(p.url));
    case 'image':
      return p.src
        ? h('figure', { class: 'part-image' }, h('img', { attrs: { src: p.src, alt: p.label } }), h('figcaption', null, p.label))
        : h('div', { class: 'part-image missing' }, `Image ${p.label}: ${p.note ?? 'not shown'}`);
  }
}

function fidelityBlock(f: FidelityView | null, record: RecordView, cb: RecordCallbacks, opts: RecordOptions): HTMLElement {
  const busy = opts.busy;
  const note = h('vscode-textfield', { class: 'mark-note', attrs: { placeholder: 'Optional note for the mark', 'aria-label': 'Note for the mark' } }) as HTMLElement & { value: string };
  const button = (text: string, verdict: 'Correct' | 'Incorrect' | null, secondary: boolean, id: string) =>
    h('vscode-button', { attrs: { secondary, disabled: busy, 'data-action': id }, on: { click: () => cb.onMark(verdict, note.value ?? '') } }, text);
  const verdictLine = f
    ? h(
        'div',
        { class: 'fidelity-line' },
        h('span', { class: `fidelity-verdict v-${f.verdict}` }, VERDICT_TEXT[f.verdict]),
        h('span', { class: `origin origin-${f.origin}`, attrs: { 'data-origin': f.origin } }, ` · ${ORIGIN_TEXT[f.origin]}${f.model ? ` (${f.model})` : ''}`),
        f.note ? h('span', { class: 'fidelity-note' }, ` · note: ${f.note}`) : null,
        ...f.overrides.map((o) =>
          h('div', { class: 'overridden', attrs: { 'data-origin': o.origin } }, `overrides ${VERDICT_TEXT[o.verdict]} ${ORIGIN_TEXT[o.origin]}${o.model ? ` (${o.model})` : ''}`),
        ),
      )
    : h('div', { class: 'fidelity-line none', attrs: { 'data-role': 'no-verdict' } }, noVerdictText(record));
  // Fidelity is judged on label-correct records only (R-Align), and means nothing without a gold label.
  const markable = record.kind !== 'label-wrong' && record.kind !== 'unparseable' && record.gold !== null;
  const noGold = record.goldText === null;
  const run = opts.live.fidelity;
  const live = run && run.state !== 'refused' ? livePanel(run, { reasoningOpen: opts.reasoningOpen, onCancel: () => run.runId !== null && cb.onCancelRun(run.runId), onToggleReasoning: (open) => cb.onToggleReasoning(open) }) : null;
  const overridden =
    run?.state === 'done' && f?.origin === 'human' && run.result?.verdict
      ? h('div', { class: 'note override-note' }, `The LLM judge answered ${run.result.verdict}, but your mark (${f.verdict}) is in force: a human mark overrides the judge. Clear the mark to count the judge's verdict.`)
      : null;
  return h(
    'div',
    { class: 'fidelity' },
    verdictLine,
    f?.error ? h('div', { class: 'fidelity-error' }, `Judge error: ${f.error}`) : null,
    f ? keyPointsBlock(f, record) : null,
    f?.analysis ? h('details', { class: 'analysis' }, h('summary', null, "Judge's analysis"), textBlock(f.analysis)) : null,
    live,
    overridden,
    runNotice(run),
    markable
      ? h(
          'div',
          { class: 'actions' },
          // No gold rationale: no judge can answer, so no Re-judge; a person may still mark.
          noGold ? null : runButton(record, 'fidelity', opts, cb),
          button(noGold ? 'Mark Sound' : 'Mark Aligned', 'Correct', true, 'mark-aligned'),
          button(noGold ? 'Mark Unsound' : 'Mark Misaligned', 'Incorrect', true, 'mark-misaligned'),
          f?.origin === 'human' ? button('Clear Mark', null, true, 'mark-clear') : null,
          note,
        )
      : null,
  );
}

/** Which tier made the highlights, and the switch between them ("Align with model" until the model answered). */
function tierControls(opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const t = opts.tier;
  const blocked = opts.llm.available ? null : (opts.llm.reason ?? 'Model requests are not possible here.');
  const control = t.running
    ? h('span', { class: 'tier-running' }, ' · aligning with the model…')
    : t.model.length
      ? h('vscode-button', { attrs: { secondary: true, 'data-action': 'switch-tier' }, on: { click: () => cb.onShowTier(t.showing === 'model' ? 'lexical' : 'model') } }, t.showing === 'model' ? 'Show lexical' : 'Show model')
      : h('vscode-button', { attrs: { secondary: true, disabled: blocked !== null, 'data-action': 'align-with-model', title: blocked ?? "Ask a model for a quote-anchored checklist of the gold's decisive points (the fidelity judge's endpoint; cached)" }, on: { click: () => blocked === null && cb.onAlignWithModel() } }, 'Align with model');
  return h('span', { class: 'tier-controls' }, ' ', control, t.message ? h('div', { class: 'tier-message' }, t.message) : null);
}

function coverageLine(a: AlignmentView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const what = a.against === 'gold' ? 'of the gold judgment’s reasons' : 'of the original-order rationale’s reasons';
  return h(
    'div',
    { class: 'coverage', title: a.disclaimer },
    h('span', { class: 'heuristic-tag' }, `estimate · ${a.tier}`),
    ` Claims ${what}: ${a.arithmetic}`,
    a.truncated ? ' · alignment cut short (time bound)' : '',
    tierControls(opts, cb),
    h('div', { class: 'disclaimer' }, `${a.disclaimer} S-Corr counts only fidelity verdicts.`),
  );
}

function judgmentPanel(record: RecordView, j: JudgmentView, index: number, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const alignment = record.alignments.find((a) => a.judgment === index) ?? null;
  const frame = j.order === 'swapped' ? ' (shown to the judge with A and B swapped; mapped back to the original frame)' : '';
  const verdictOk = record.gold !== null && j.verdict === record.gold;
  const meta = h(
    'div',
    { class: 'judgment-meta' },
    h('span', { class: `verdict ${verdictOk ? 'ok' : 'bad'}` }, `Verdict ${label(j.verdict)}`),
    ` vs gold ${label(record.gold)}${frame}`,
    j.verdictSource === 'file' ? ` · verdict from the file (${j.field})` : ' · verdict read from the text',
    j.verdictSource === 'file' && j.parsedVerdict !== null && j.parsedVerdict !== j.verdict ? h('span', { class: 'warn' }, ` · the text says ${j.parsedVerdict}`) : null,
    j.model ? ` · ${j.model}` : '',
  );
  const parts = j.parts.length > 1 ? ` · in ${j.parts.length} parts, one per field: ${j.parts.join(', ')} (separated by a blank line)` : '';
  const rationaleTitle = `${j.order === 'swapped' ? 'Swapped-order' : record.judgments.length > 1 ? 'Original-order' : 'GenRM'} rationale${parts}`;
  let columns: HTMLElement;
  let note: HTMLElement | null = null;
  if (alignment) {
    const referenceText = alignment.against === 'gold' ? (record.goldText ?? '') : (record.judgments.find((x) => x.order === 'original')?.rationale ?? '');
    const referenceTitle = alignment.against === 'gold' ? `Gold judgment${record.goldCount > 1 ? `s (${record.goldCount})` : ''} · gold ${label(record.gold)}` : 'Original-order rationale (reference)';
    if (alignment.against === 'original') {
      note = h(
        'div',
        { class: 'note' },
        'This file has no gold rationale, so the swapped-order rationale is aligned against the original-order one: “missing” marks a reason the original order gave and the swapped order does not; “conflict” marks the same point judged oppositely. The two orders’ reasons diverge where you see them.',
      );
    }
    columns = h(
      'div',
      { class: 'columns' },
      h('div', { class: 'column reference' }, h('div', { class: 'column-title' }, referenceTitle), renderAnnotated(referenceText, alignment, 'gold')),
      h('div', { class: 'column rationale' }, h('div', { class: 'column-title' }, rationaleTitle), renderAnnotated(j.rationale, alignment, 'rationale')),
    );
    linkHover(columns, alignment);
  } else {
    if (record.goldText === null && record.judgments.length > 1) {
      note = h('div', { class: 'note' }, 'This file has no gold rationale. The Swapped order tab aligns that order’s rationale against this one to show where the two orders’ reasons diverge.');
    } else if (record.goldText === null) {
      note = h('div', { class: 'note' }, 'This file has no gold rationale to align against.');
    }
    columns = h('div', { class: 'columns single' }, h('div', { class: 'column rationale' }, h('div', { class: 'column-title' }, rationaleTitle), renderAnnotated(j.rationale, null, 'rationale')));
  }
  const thinking = j.thinking
    ? collapsible(`Thinking (${j.thinking.length.toLocaleString('en-US')} characters) · t`, opts.showThinking, 'thinking', (open) => cb.onToggle('thinking', open), textBlock(j.thinking, 'thinking'))
    : null;
  return h('div', { class: 'judgment', attrs: { 'data-order': j.order } }, meta, note, alignment ? coverageLine(alignment, opts, cb) : null, alignment ? legend() : null, columns, thinking);
}

function judgmentsBlock(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  if (record.judgments.length === 0) {
    return h('div', { class: 'note' }, 'This record has no GenRM judgment.', record.goldText ? h('div', { class: 'column reference' }, h('div', { class: 'column-title' }, 'Gold judgment'), textBlock(record.goldText)) : null);
  }
  if (record.judgments.length === 1) return judgmentPanel(record, record.judgments[0] as JudgmentView, 0, opts, cb);
  const selected = Math.min(opts.tab, record.judgments.length - 1);
  const tabs = h('vscode-tabs', { class: 'order-tabs', attrs: { 'selected-index': selected } });
  record.judgments.forEach((j, i) => {
    const title = j.order === 'swapped' ? 'Swapped order' : i === 0 ? 'Original order' : `Judgment ${i + 1}`;
    tabs.append(h('vscode-tab-header', { attrs: { slot: 'header', 'data-order': j.order } }, `${title} · ${label(j.verdict)}`));
    tabs.append(h('vscode-tab-panel', null, judgmentPanel(record, j, i, opts, cb)));
  });
  tabs.addEventListener('vsc-tabs-select', (e) => cb.onTab((e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex));
  return tabs;
}

/** The original-order rationale as the left column beside a re-query, annotated by its own alignment against the gold. */
function originalColumn(record: RecordView, annotateWith: { alignment: AlignmentView; side: 'gold' | 'rationale' } | null): HTMLElement | null {
  const index = record.judgments.findIndex((j) => j.order === 'original');
  const j = record.judgments[index];
  if (!j) return null;
  const own = record.alignments.find((a) => a.judgment === index && a.against === 'gold') ?? null;
  const use = annotateWith ?? (own ? { alignment: own, side: 'rationale' as const } : null);
  return h(
    'div',
    { class: 'column rationale requery-original' },
    h('div', { class: 'column-title' }, `Original rationale · verdict ${label(j.verdict)}`),
    renderAnnotated(j.rationale, use?.alignment ?? null, use?.side ?? 'rationale'),
  );
}

function requeryCoverage(record: RecordView, q: RequeryView): HTMLElement | null {
  const a = q.alignment;
  if (!a) return null;
  const what = a.against === 'gold' ? 'of the gold judgment’s reasons' : 'of the original-order rationale’s reasons';
  const before = a.against === 'gold' ? record.alignments.find((x) => x.judgment === a.judgment && x.against === 'gold') : undefined;
  return h(
    'div',
    { class: 'coverage', title: a.disclaimer },
    h('span', { class: 'heuristic-tag' }, `estimate · ${a.tier}`),
    ` The new rationale, claims ${what}: ${a.arithmetic}`,
    before ? ` (the original's coverage: ${pct(before.coverage, 0)})` : '',
    a.truncated ? ' · alignment cut short (time bound)' : '',
    h('div', { class: 'disclaimer' }, `${a.disclaimer} S-Corr counts only fidelity verdicts.`),
  );
}

function requeryBlock(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement | null {
  const run = opts.live.genrm;
  if (run && run.state !== 'refused') {
    const panel = livePanel(run, {
      reasoningOpen: opts.reasoningOpen,
      onCancel: () => run.runId !== null && cb.onCancelRun(run.runId),
      onToggleReasoning: (open) => cb.onToggleReasoning(open),
      original: originalColumn(record, null),
    });
    return h('section', { class: 'requery live', attrs: { 'aria-label': 'Re-queried GenRM' } }, panel);
  }
  const q = record.requery;
  if (!q) return null;
  const ok = q.pred !== null && q.pred === record.gold;
  const when = q.finishedAt ? new Date(q.finishedAt) : null;
  const thinking = q.thinking
    ? h('details', { class: 'live-reasoning requery-reasoning', attrs: { open: opts.reasoningOpen } }, h('summary', null, `Reasoning (${q.thinking.length.toLocaleString('en-US')} characters)`), h('div', { class: 'text thinking' }, q.thinking))
    : null;
  thinking?.addEventListener('toggle', () => cb.onToggleReasoning(thinking.open));
  const a = q.alignment;
  // Without gold, the new rationale is aligned against the original one: both columns show that alignment, linked on hover.
  const left = originalColumn(record, a && a.against === 'original' ? { alignment: a, side: 'gold' } : null);
  const columns = h(
    'div',
    { class: 'columns' },
    left,
    h('div', { class: 'column rationale requery-new' }, h('div', { class: 'column-title' }, 'Re-queried rationale'), q.rationale ? renderAnnotated(q.rationale, a, 'rationale') : h('div', { class: 'annotated empty' }, 'No answer.')),
  );
  if (a && a.against === 'original') linkHover(columns, a);
  return h(
    'section',
    { class: 'requery', attrs: { 'aria-label': 'Re-queried GenRM', 'data-state': 'done' } },
    h(
      'div',
      { class: 'judgment-meta requery-head' },
      h('span', { class: 'requery-title' }, 'Re-queried GenRM'),
      q.model ? ` · ${q.model}` : '',
      ' · ',
      h('span', { class: `verdict requery-verdict ${ok ? 'ok' : 'bad'}` }, `Verdict ${q.pred ?? 'none found'}`),
      ` vs gold ${label(record.gold)}`,
      when && !Number.isNaN(when.getTime()) ? h('span', { class: 'requery-when' }, ` · ${when.toLocaleString()}`) : null,
    ),
    q.error ? h('div', { class: 'fidelity-error' }, `GenRM error: ${q.error}`) : null,
    requeryCoverage(record, q),
    thinking,
    columns,
  );
}

/** A pointer to the re-query below (it is far down a long record). */
function requeryBadge(record: RecordView): HTMLElement | null {
  const q = record.requery;
  if (!q) return null;
  const badge = h(
    'button',
    { class: 'link-button requery-badge', title: 'The GenRM was asked again about this record: show its new rationale', attrs: { 'data-action': 'show-requery' } },
    `Re-queried: verdict ${q.pred ?? 'none'} ↓`,
  );
  badge.addEventListener('click', () => badge.closest('.record')?.querySelector('.requery')?.scrollIntoView({ block: 'start' }));
  return badge;
}

export function renderRecord(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const conv = record.conversation;
  const prompt = h(
    'div',
    { class: 'conversation' },
    ...conv.map((turn, i) => h('div', { class: `turn role-${turn.role === 'user' ? 'user' : 'other'}${i === conv.length - 1 ? ' last' : ''}` }, h('div', { class: 'role' }, turn.role), ...turn.parts.map(part))),
  );
  const responses = h(
    'div',
    { class: 'responses' },
    h('div', { class: 'response' }, h('div', { class: 'column-title' }, `Response A${record.gold === 'A' ? ' · gold' : ''}`), textBlock(record.responseA)),
    h('div', { class: 'response' }, h('div', { class: 'column-title' }, `Response B${record.gold === 'B' ? ' · gold' : ''}`), textBlock(record.responseB)),
  );
  return h(
    'div',
    { class: 'record', attrs: { 'data-index': record.index, 'data-kind': record.kind } },
    h(
      'div',
      { class: 'record-title' },
      h('span', { class: 'record-id' }, record.id),
      h('span', { class: 'record-meta' }, `record ${record.index + 1} · line ${record.line}${record.subset ? ` · ${record.subset}` : ''}`),
      h('span', { class: `c-kind kind-${record.kind}`, title: KIND_HELP[record.kind] }, h('span', { class: 'dot' }), KIND_LABEL[record.kind]),
      h('span', { class: 'spacer' }),
      requeryBadge(record),
      runButton(record, 'genrm', opts, cb),
      h('vscode-button', { attrs: { secondary: true, 'data-action': 'copy-link', title: 'Copy a link that opens this record in the Inspector (vscode://…)' }, on: { click: () => cb.onCopyLink() } }, 'Copy Link'),
      h('vscode-button', { attrs: { secondary: true, 'data-action': 'reveal', title: `Open the file in a text editor at line ${record.line}` }, on: { click: () => cb.onReveal() } }, 'Reveal in text editor'),
    ),
    opts.llm.available ? null : h('div', { class: 'llm-unavailable', attrs: { role: 'note' } }, `Re-query and re-judge are off: ${opts.llm.reason ?? 'model requests are not possible here.'}`),
    runNotice(opts.live.genrm),
    record.truncated.length ? h('div', { class: 'warn' }, `Cut for display (over a million characters): ${record.truncated.join(', ')}`) : null,
    fidelityBlock(record.fidelity, record, cb, opts),
    collapsible(conv.length > 1 ? `Conversation (${conv.length} turns)` : 'Prompt', opts.showPrompt, 'prompt', (open) => cb.onToggle('prompt', open), prompt),
    collapsible('Responses A and B · r', opts.showResponses, 'responses', (open) => cb.onToggle('responses', open), responses),
    judgmentsBlock(record, opts, cb),
    requeryBlock(record, opts, cb),
  );
}
