/** The record view: prompt, responses, gold vs rationale with alignment highlights, verdict, actions. */
import { recordThemeChips } from './themesPane';
import type { FidelityView, LlmRoleView, PartView, RecordView } from '../../src/protocol/messages';
import { h, link } from '../dom/dom';
import { KIND_HELP, KIND_LABEL, labelCorrect } from '../logic/format';
import { judgmentsBlock } from './judgment';
import type { LiveRun } from './live';
import { isActive, livePanel } from './live';
import { keyPointsBlock } from './keyPoints';
import type { RecordAction } from '../logic/keys';
import type { RecordCallbacks, RecordOptions } from './recordTypes';
import { requeryBadge, requeryBlock } from './requery';
import { sampleStripBlock } from './sampleStrip';
import { liveSamplesBlock, requestSamples, samplesBlocked } from './liveSamples';
import { renderText } from '../markdown/highlight';
import { collapsible } from './sections';
import { watchToolbar } from './toolbarOverflow';

export type { RecordCallbacks, RecordOptions };

/** Why an action cannot run on this record now, or null when it can. */
function runBlocked(record: RecordView, role: LlmRoleView, opts: Pick<RecordOptions, 'llm' | 'live'>): string | null {
  if (!opts.llm.available) return opts.llm.reason ?? 'Model requests are not possible here.';
  if (isActive(opts.live[role])) return role === 'genrm' ? 'A re-query of this record is running.' : 'A re-judge of this record is running.';
  if (role === 'fidelity') {
    if (!labelCorrect(record.kind)) return 'Fidelity is judged on label-correct records only (R-Align).';
    if (record.goldText === null) return 'This record has no gold judgment for the judge to compare with.';
  }
  return null;
}

/** Why a record action (a key, a button of the record view or the overlay) cannot run now, or null. */
export function actionBlocked(action: RecordAction, record: RecordView | null, opts: Pick<RecordOptions, 'llm' | 'live'> & { marking: boolean }): string | null {
  if (!record) return 'No record is shown.';
  switch (action) {
    case 'requery':
      return runBlocked(record, 'genrm', opts);
    case 'rejudge':
      return runBlocked(record, 'fidelity', opts);
    case 'mark-aligned':
    case 'mark-misaligned':
      if (!labelCorrect(record.kind)) return 'Fidelity verdicts count for label-correct records only.';
      return opts.marking ? 'A mark is being saved.' : null;
    case 'cancel-run':
      return isActive(opts.live.genrm) || isActive(opts.live.fidelity) ? null : 'Nothing is running on this record.';
  }
}

/** Why a record has no fidelity verdict, and whether it can get one. */
function noVerdictText(record: RecordView): string {
  if (record.gold === null) return 'No gold label in this record: whether the verdict is right for the right reasons does not apply.';
  if (!labelCorrect(record.kind)) return 'No fidelity verdict: the fidelity judge reads only label-correct records.';
  if (record.goldText === null) return 'This file has gold labels but no gold rationale, so no fidelity judge can compare this rationale with one. You may still mark it sound or unsound yourself; such a mark has no gold behind it.';
  return 'No fidelity verdict yet';
}

const ENDPOINT_NAME = { genrm: 'GenRM', fidelity: 'fidelity judge' } as const;

/** A run button: secondary until its endpoint is set up (a click then says why, once, with the way to set one up). */
function runButton(record: RecordView, role: LlmRoleView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const blocked = runBlocked(record, role, opts);
  const text = role === 'genrm' ? 'Re-query GenRM' : 'Re-judge Fidelity';
  const help = role === 'genrm' ? 'Ask the GenRM again for a rationale and verdict; it streams in beside the original (q)' : 'Ask the fidelity judge again whether the rationale gives the gold reasons (f)';
  const unset = !opts.llm.configured[role];
  const title = blocked ?? (unset ? `No ${ENDPOINT_NAME[role]} endpoint is set up yet: a click says how to set one up (Set Up Endpoints…)` : help);
  return h('vscode-button', { attrs: { disabled: blocked !== null, secondary: unset, 'data-action': role === 'genrm' ? 'requery' : 'rejudge', 'data-endpoint': unset ? 'unset' : 'set', title }, on: { click: () => blocked === null && cb.onRun(role) } }, text);
}

/** A refusal that is not shown inside a live panel (the run never started): the one place it is said, with "Set Up Endpoints…" while the endpoint is not set up. */
function runNotice(run: LiveRun | undefined, opts: RecordOptions, cb: RecordCallbacks): HTMLElement | null {
  if (!run || run.state !== 'refused') return null;
  const setUp = opts.llm.available && !opts.llm.configured[run.role] ? h('vscode-button', { class: 'set-up-endpoints', attrs: { secondary: true, 'data-action': 'set-up-endpoints' }, on: { click: () => cb.onSetUpEndpoints() } }, 'Set Up Endpoints…') : null;
  return h('div', { class: 'llm-notice', attrs: { 'data-role': run.role, role: 'alert' } }, run.message ?? 'The request could not start.', setUp ? ' ' : null, setUp);
}

const ORIGIN_TEXT = { file: 'from the file', llm: 'from the LLM fidelity judge', human: 'marked by a human' } as const;
const VERDICT_TEXT = {
  Correct: 'Correct: aligned',
  Incorrect: 'Incorrect: misaligned',
  SkippedLabelMismatch: 'skipped: label mismatch',
  CallFail: 'judge call failed',
  ParseFail: 'judge answer unparsable',
} as const;

/** Two-state control: which view of the Markdown is on shows pressed (the button names the state, not the action); `v` switches too. */
function viewModeControl(rendered: boolean, onRendered: (rendered: boolean) => void): HTMLElement {
  const option = (mode: 'rendered' | 'raw', label: string, title: string) => {
    const on = (mode === 'rendered') === rendered;
    return h('button', { class: 'view-mode-option', attrs: { type: 'button', 'data-view-mode': mode, 'aria-pressed': String(on), title }, on: { click: () => !on && onRendered(mode === 'rendered') } }, label);
  };
  return h('div', { class: 'view-mode', attrs: { role: 'group', 'aria-label': 'Markdown view (v switches)' } }, option('rendered', 'Rendered', 'Render the Markdown (v)'), option('raw', 'Raw', 'Show the raw text (v)'));
}

function part(p: PartView, rendered: boolean): HTMLElement {
  switch (p.type) {
    case 'text':
      return renderText(p.text, rendered);
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
  const markable = labelCorrect(record.kind) && record.gold !== null;
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
    keyPointLine(f),
    f?.error ? h('div', { class: 'fidelity-error' }, `Judge error: ${f.error}`) : null,
    live,
    overridden,
    runNotice(run, opts, cb),
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

/** The judge's own reason in the verdict box, above the fold: its first key point (the others and its analysis follow the comparison), else the start of its analysis. */
function keyPointLine(f: FidelityView | null): HTMLElement | null {
  if (!f) return null;
  const first = f.keyPoints[0]?.text ?? null;
  const text = first ?? (f.analysis ? preview(f.analysis, 220) : null);
  if (!text) return null;
  const more = f.keyPoints.length > 1 ? ` (1 of ${f.keyPoints.length}; all of them below the comparison)` : '';
  return h(
    'div',
    { class: 'verdict-key-point', title: first ?? f.analysis ?? '' },
    h('span', { class: 'verdict-key-point-name' }, first !== null ? `Judge's key point${more}: ` : "Judge's analysis: "),
    preview(text, 220),
  );
}

/** What the fidelity verdict was based on (the judge's key points, its analysis): after the comparison it refers to. */
function verdictBasis(f: FidelityView | null, record: RecordView, opts: RecordOptions): HTMLElement | null {
  if (!f || (!f.keyPoints.length && !f.analysis)) return null;
  return h('div', { class: 'verdict-basis' }, keyPointsBlock(f, record), f.analysis ? h('details', { class: 'analysis' }, h('summary', null, "Judge's analysis"), renderText(f.analysis, opts.rendered)) : null);
}

/** One line of text for a folded section's description. */
function preview(text: string, max = 140): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function promptPreview(record: RecordView): string {
  const last = [...record.conversation].reverse().find((t) => t.role === 'user') ?? record.conversation[record.conversation.length - 1];
  const text = last?.parts.find((p) => p.type === 'text');
  return text && text.type === 'text' ? preview(text.text) : '';
}

/**
 * The record's title bar: its id (ellipsized, the whole id in the tooltip), its place (never cut),
 * its class and the toolbar. What does not fit the pane's width moves into the "More actions" menu
 * (toolbarOverflow.ts measures which; the menu holds the same actions).
 */
function recordTitle(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const requery = runButton(record, 'genrm', opts, cb);
  // data-overflow: the order items move into the menu (toolbarOverflow.ts); data-menu: their entry there.
  requery.classList.add('toolbar-item');
  Object.assign(requery.dataset, { overflow: '4', menu: 'requery' });
  // Re-query ×k: k more samples into the strip (rationaleLens.requery.*): the first to give way (the strip has it too); the palette has it for the whole list.
  const samplesOff = opts.llm.available ? samplesBlocked() : opts.llm.reason ?? 'Model requests are not possible here.';
  const samples = h('vscode-button', { class: 'toolbar-item', attrs: { secondary: true, disabled: samplesOff !== null, 'data-action': 'requery-samples', 'data-overflow': '0.5', 'data-menu': 'requery-samples', title: samplesOff ?? 'Ask the GenRM k more times (rationaleLens.requery.samples, .temperature, .bothOrders); each sample streams into the strip and is journaled' }, on: { click: () => requestSamples(record.index, 'record') } }, 'Re-query ×k');
  const mode = viewModeControl(opts.rendered, (rendered) => cb.onRendered(rendered));
  Object.assign(mode.dataset, { overflow: '3', menu: 'view-mode' });
  const tool = (action: 'copy-link' | 'reveal', text: string, title: string, run: () => void, overflow: string) =>
    h('vscode-button', { class: 'toolbar-item', attrs: { secondary: true, 'data-action': action, 'data-overflow': overflow, 'data-menu': action, title }, on: { click: run } }, text);
  const more = h('details', { class: 'toolbar-more' });
  const entry = (action: string, text: string, run: () => void, disabled: string | null = null) =>
    h(
      'button',
      { class: `toolbar-menu-item tm-${action}`, attrs: { type: 'button', role: 'menuitem', 'data-menu-action': action, disabled: disabled !== null, ...(disabled ? { title: disabled } : {}) }, on: { click: () => { more.open = false; if (disabled === null) run(); } } },
      text,
    );
  more.append(
    h('summary', { title: 'More actions', attrs: { 'aria-label': 'More actions' } }, '⋯'),
    h(
      'div',
      { class: 'toolbar-menu', attrs: { role: 'menu' } },
      entry('requery', 'Re-query GenRM (q)', () => cb.onRun('genrm'), runBlocked(record, 'genrm', opts)),
      entry('requery-samples', 'Re-query ×k', () => requestSamples(record.index, 'record'), samplesOff),
      entry('view-mode', opts.rendered ? 'Show Raw Text (v)' : 'Render Markdown (v)', () => cb.onRendered(!opts.rendered)),
      entry('copy-link', 'Copy Link (l)', () => cb.onCopyLink()),
      entry('reveal', `Reveal at Line ${record.line} (o)`, () => cb.onReveal()),
    ),
  );
  more.addEventListener('focusout', (e) => {
    if (!more.contains(e.relatedTarget as Node | null)) more.open = false;
  });
  const title = h(
    'div',
    { class: 'record-title' },
    h('span', { class: 'record-id', title: record.id }, record.id),
    h('span', { class: 'record-meta', title: `record ${record.index + 1} · line ${record.line}${record.subset ? ` · subset ${record.subset}` : ''}` }, `record ${record.index + 1} · line ${record.line}`, record.subset ? ' · ' : null, record.subset ? h('span', { class: 'record-subset' }, record.subset) : null),
    // The class goes last, in a pane too narrow for it beside the place (the list beside it shows the class too).
    h('span', { class: `c-kind kind-${record.kind}`, title: KIND_HELP[record.kind], attrs: { 'data-overflow': 5 } }, h('span', { class: 'dot' }), KIND_LABEL[record.kind]),
    h('span', { class: 'spacer' }),
    requeryBadge(record),
    requery,
    samples,
    mode,
    tool('copy-link', 'Copy Link', 'Copy a link that opens this record in the Inspector (vscode://…) (l)', () => cb.onCopyLink(), '2'),
    tool('reveal', 'Reveal', `Reveal in text editor: open the file at line ${record.line} (o)`, () => cb.onReveal(), '1'),
    more,
  );
  watchToolbar(title);
  return title;
}

export function renderRecord(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const conv = record.conversation;
  const prompt = () => h(
    'div',
    { class: 'conversation' },
    ...conv.map((turn, i) => h('div', { class: `turn role-${turn.role === 'user' ? 'user' : 'other'}${i === conv.length - 1 ? ' last' : ''}` }, h('div', { class: 'role' }, turn.role), ...turn.parts.map((p) => part(p, opts.rendered)))),
  );
  const responses = () => h(
    'div',
    { class: 'responses' },
    h('div', { class: 'response' }, h('div', { class: 'column-title' }, `Response A${record.gold === 'A' ? ' · gold' : ''}`), renderText(record.responseA, opts.rendered)),
    h('div', { class: 'response' }, h('div', { class: 'column-title' }, `Response B${record.gold === 'B' ? ' · gold' : ''}`), renderText(record.responseB, opts.rendered)),
  );
  return h(
    'div',
    { class: 'record', attrs: { 'data-index': record.index, 'data-kind': record.kind } },
    recordTitle(record, opts, cb),
    opts.llm.available ? null : h('div', { class: 'llm-unavailable', attrs: { role: 'note' } }, `Re-query and re-judge are off: ${opts.llm.reason ?? 'model requests are not possible here.'}`),
    runNotice(opts.live.genrm, opts, cb),
    recordThemeChips(record.index),
    record.truncated.length ? h('div', { class: 'warn' }, `Cut for display (over a million characters): ${record.truncated.join(', ')}`) : null,
    fidelityBlock(record.fidelity, record, cb, opts),
    collapsible({ heading: `${conv.length > 1 ? `Conversation (${conv.length} turns)` : 'Prompt'} · p`, description: opts.showPrompt ? '' : promptPreview(record), open: opts.showPrompt, section: 'prompt', onToggle: (open) => cb.onToggle('prompt', open) }, prompt),
    collapsible(
      {
        heading: 'Responses A and B · r',
        description: opts.showResponses ? '' : `A: ${record.responseA.length.toLocaleString('en-US')} characters · B: ${record.responseB.length.toLocaleString('en-US')}`,
        open: opts.showResponses,
        section: 'responses',
        onToggle: (open) => cb.onToggle('responses', open),
      },
      responses,
    ),
    judgmentsBlock(record, opts, cb),
    sampleStripBlock(record, opts.rendered),
    liveSamplesBlock(record, opts.llm.available ? null : opts.llm.reason ?? 'Model requests are not possible here.'),
    verdictBasis(record.fidelity, record, opts),
    requeryBlock(record, opts, cb),
  );
}
