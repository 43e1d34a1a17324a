/** The comparison: a judgment's rationale beside the gold judgment (or the other order), highlighted, one tab per presentation order. */
import type { AlignmentView, JudgmentView, RecordView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { label } from '../logic/format';
import { legend, linkHover, renderAnnotated, renderText } from '../markdown/highlight';
import type { RecordCallbacks, RecordOptions } from './recordTypes';
import { collapsible } from './sections';

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

/** "≠ argues for B — contradicts its verdict · heuristic", or nothing when the rationale agrees with its verdict or takes no clear side. */
function argumentBadge(j: JudgmentView): HTMLElement | null {
  const a = j.argument;
  if (!a || a.contradicts !== true) return null;
  return h(
    'span',
    { class: 'contradicts-badge', title: `${a.note} The highlighted sentences are its evidence.`, attrs: { 'data-contradicts': 'true' } },
    h('span', { class: 'contradicts-mark', attrs: { 'aria-hidden': 'true' } }, '\u2260'),
    ` The rationale argues for ${a.argues ?? '?'}: contradicts its verdict `,
    h('span', { class: 'heuristic-tag' }, 'heuristic'),
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
    argumentBadge(j),
  );
  // The sentences that argue against the verdict, highlighted in the rationale (only when it contradicts).
  const evidence = j.argument?.contradicts ? j.argument.evidence : [];
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
      h('div', { class: 'column reference' }, h('div', { class: 'column-title' }, referenceTitle), renderAnnotated(referenceText, alignment, 'gold', opts.rendered)),
      h('div', { class: 'column rationale' }, h('div', { class: 'column-title' }, rationaleTitle), renderAnnotated(j.rationale, alignment, 'rationale', opts.rendered, evidence)),
    );
    linkHover(columns, alignment);
  } else {
    if (record.goldText === null && record.judgments.length > 1) {
      note = h('div', { class: 'note' }, 'This file has no gold rationale. The Swapped order tab aligns that order’s rationale against this one to show where the two orders’ reasons diverge.');
    } else if (record.goldText === null) {
      note = h('div', { class: 'note' }, 'This file has no gold rationale to align against.');
    }
    columns = h('div', { class: 'columns single' }, h('div', { class: 'column rationale' }, h('div', { class: 'column-title' }, rationaleTitle), renderAnnotated(j.rationale, null, 'rationale', opts.rendered, evidence)));
  }
  const thinking = j.thinking
    ? collapsible({ heading: `Thinking (${j.thinking.length.toLocaleString('en-US')} characters) · t`, open: opts.showThinking, section: 'thinking', onToggle: (open) => cb.onToggle('thinking', open) }, () => renderText(j.thinking ?? '', opts.rendered, 'thinking'))
    : null;
  return h(
    'div',
    { class: 'judgment', attrs: { 'data-order': j.order, 'data-highlights': opts.highlights } },
    meta,
    note,
    alignment ? coverageLine(alignment, opts, cb) : null,
    alignment ? legend(opts.highlights, (mode) => cb.onHighlights(mode)) : null,
    columns,
    thinking,
  );
}

/** The comparison, marked as the anchor the record pane keeps the reader at when stepping. */
export function judgmentsBlock(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  const block = comparison(record, opts, cb);
  block.dataset.anchor = 'comparison';
  return block;
}

function comparison(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement {
  if (record.judgments.length === 0) {
    return h('div', { class: 'note' }, 'This record has no GenRM judgment.', record.goldText ? h('div', { class: 'column reference' }, h('div', { class: 'column-title' }, 'Gold judgment'), renderText(record.goldText, opts.rendered)) : null);
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

