/** A re-query of the GenRM on the shown record: streaming, or its journaled answer beside the original rationale. */
import type { AlignmentView, RecordView, RequeryView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { label, pct } from '../logic/format';
import { linkHover, renderAnnotated } from '../markdown/highlight';
import { livePanel } from './live';
import type { RecordCallbacks, RecordOptions } from './recordTypes';

/** The original-order rationale as the left column beside a re-query, annotated by its own alignment against the gold. */
function originalColumn(record: RecordView, rendered: boolean, annotateWith: { alignment: AlignmentView; side: 'gold' | 'rationale' } | null): HTMLElement | null {
  const index = record.judgments.findIndex((j) => j.order === 'original');
  const j = record.judgments[index];
  if (!j) return null;
  const own = record.alignments.find((a) => a.judgment === index && a.against === 'gold') ?? null;
  const use = annotateWith ?? (own ? { alignment: own, side: 'rationale' as const } : null);
  return h(
    'div',
    { class: 'column rationale requery-original' },
    h('div', { class: 'column-title' }, `Original rationale · verdict ${label(j.verdict)}`),
    renderAnnotated(j.rationale, use?.alignment ?? null, use?.side ?? 'rationale', rendered),
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

export function requeryBlock(record: RecordView, opts: RecordOptions, cb: RecordCallbacks): HTMLElement | null {
  const run = opts.live.genrm;
  if (run && run.state !== 'refused') {
    const panel = livePanel(run, {
      reasoningOpen: opts.reasoningOpen,
      onCancel: () => run.runId !== null && cb.onCancelRun(run.runId),
      onToggleReasoning: (open) => cb.onToggleReasoning(open),
      original: originalColumn(record, opts.rendered, null),
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
  const left = originalColumn(record, opts.rendered, a && a.against === 'original' ? { alignment: a, side: 'gold' } : null);
  const columns = h(
    'div',
    { class: 'columns' },
    left,
    h('div', { class: 'column rationale requery-new' }, h('div', { class: 'column-title' }, 'Re-queried rationale'), q.rationale ? renderAnnotated(q.rationale, a, 'rationale', opts.rendered) : h('div', { class: 'annotated empty' }, 'No answer.')),
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
export function requeryBadge(record: RecordView): HTMLElement | null {
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

