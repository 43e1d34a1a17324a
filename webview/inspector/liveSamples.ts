/**
 * Re-query ×k as it happens (issue 24): each sample of the run streams into the record's sample
 * strip as its own live chip (number, order, status, its text so far) until the journaled sample
 * takes its place in the strip; the run's progress and Cancel sit above them. Streamed text only
 * ever goes in as text, updated in place (no repaint per delta). The record toolbar's "Re-query ×k"
 * asks for it (`requerySamples`).
 */
import type { RecordView, ToWebview } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { nextRequestId, send } from '../vscodeApi/inspectorApi';
import '../styles/liveSamples.css';

type SampleMessage = Extract<ToWebview, { type: 'samplesStarted' | 'sampleDelta' | 'sampleEnded' | 'samplesEnded' }>;

interface LiveSample {
  readonly sample: number;
  readonly order: 'original' | 'swapped';
  content: string;
  reasoning: string;
  state: 'streaming' | 'done' | 'failed';
  pred: 'A' | 'B' | null;
  error: string | null;
}

interface ActiveRun {
  readonly runId: number;
  readonly samples: number;
  readonly records: number;
  readonly model: string;
  readonly temperature: number;
  ended: number;
  failed: number;
  cancelling: boolean;
}

/** Live samples per record index, by sample number. */
const live = new Map<number, Map<number, LiveSample>>();
let active: ActiveRun | null = null;

export function isSampleMessage(m: ToWebview): m is SampleMessage {
  return m.type === 'samplesStarted' || m.type === 'sampleDelta' || m.type === 'sampleEnded' || m.type === 'samplesEnded';
}

/** Whether a re-query ×k can be asked now (one per file at a time; the host refuses a second too), or why not. */
export function samplesBlocked(): string | null {
  return active ? `A re-query ×k is running (${active.ended}/${active.samples} samples).` : null;
}

/** Asks the host for a re-query ×k of the shown record or of every record the list shows (a refusal comes back as an error in the status line). */
export function requestSamples(index: number, scope: 'record' | 'filtered'): void {
  if (!samplesBlocked()) send({ type: 'requerySamples', requestId: nextRequestId(), index, scope });
}

function preview(s: LiveSample): string {
  const text = s.content.trim() || (s.reasoning ? `(reasoning) ${s.reasoning.trim()}` : '');
  return text.length > 600 ? `…${text.slice(-600)}` : text;
}

function statusOf(s: LiveSample): string {
  if (s.state === 'streaming') return s.content || s.reasoning ? 'streaming…' : 'waiting for the GenRM…';
  if (s.state === 'failed') return `failed: ${s.error ?? 'no answer'}`;
  return `verdict ${s.pred ?? 'none found'}`;
}

/** Applies a message: what streamed goes into its chip in place; the caller repaints, refreshes the shown record (a sample is journaled) or says the status. */
export function onSampleMessage(m: SampleMessage, shown: number | null, app: { repaint(): void; refresh(index: number): void; status(text: string, error: boolean): void }): void {
  switch (m.type) {
    case 'samplesStarted':
      live.clear();
      active = { runId: m.runId, samples: m.samples, records: m.records, model: m.model, temperature: m.temperature, ended: 0, failed: 0, cancelling: false };
      app.status(`Re-query ×${m.k}: ${m.samples} sample${m.samples === 1 ? '' : 's'} of ${m.records} record${m.records === 1 ? '' : 's'} (${m.model}, temperature ${m.temperature})…`, false);
      app.repaint();
      return;
    case 'sampleDelta': {
      let byNumber = live.get(m.index);
      if (!byNumber) live.set(m.index, (byNumber = new Map<number, LiveSample>()));
      let s = byNumber.get(m.sample);
      const fresh = !s;
      if (!s) byNumber.set(m.sample, (s = { sample: m.sample, order: m.order, content: '', reasoning: '', state: 'streaming', pred: null, error: null }));
      if (m.reset) Object.assign(s, { content: '', reasoning: '' });
      s.content += m.content;
      s.reasoning += m.reasoning;
      if (m.index !== shown) return;
      if (fresh) app.repaint();
      else fill(document.querySelector<HTMLElement>(`.live-sample[data-sample="${m.sample}"]`), s);
      return;
    }
    case 'sampleEnded': {
      let byNumber = live.get(m.index);
      if (!byNumber) live.set(m.index, (byNumber = new Map<number, LiveSample>()));
      const s = byNumber.get(m.sample) ?? { sample: m.sample, order: m.order, content: '', reasoning: '', state: 'streaming' as const, pred: null, error: null };
      byNumber.set(m.sample, Object.assign(s, { state: m.pred === null ? 'failed' : 'done', pred: m.pred, error: m.error }));
      if (active) {
        active.ended += 1;
        if (m.pred === null) active.failed += 1;
      }
      // The journaled sample (with its alignment and figures) comes with the record.
      if (m.index === shown) app.refresh(m.index);
      return;
    }
    case 'samplesEnded':
      active = null;
      for (const byNumber of live.values()) for (const [n, s] of byNumber) if (s.state === 'streaming') byNumber.delete(n);
      app.status(m.message, m.outcome !== 'done' || / [1-9]\d* failed/.test(m.message));
      if (shown !== null) app.refresh(shown);
      return;
  }
}

function fill(el: HTMLElement | null, s: LiveSample): void {
  if (!el) return;
  el.dataset.state = s.state;
  const status = el.querySelector('.live-sample-status');
  if (status) status.textContent = statusOf(s);
  const text = el.querySelector('.live-sample-text');
  if (text) text.textContent = preview(s);
}

/** "Re-query ×k" under the strip, the run's progress and the live samples of this record not yet in its strip. `off`: why model requests are off here. */
export function liveSamplesBlock(record: RecordView, off: string | null): HTMLElement {
  const journaled = new Set((record.samples?.samples ?? []).filter((c) => c.source === 'journal').map((c) => c.sampleNumber));
  const byNumber = live.get(record.index);
  // A finished sample leaves once the strip shows it from the journal.
  if (byNumber) for (const [n, s] of byNumber) if (s.state !== 'streaming' && journaled.has(n)) byNumber.delete(n);
  const samples = [...(byNumber?.values() ?? [])].sort((a, b) => a.sample - b.sample);
  const blocked = off ?? samplesBlocked();
  const k = record.samples?.k ?? 1;
  const ask = h(
    'div',
    { class: 'live-samples-ask judgment-meta' },
    h('vscode-button', { attrs: { secondary: true, disabled: blocked !== null, 'data-action': 'requery-samples-strip', title: blocked ?? 'Ask the GenRM k more times (rationaleLens.requery.samples, .temperature, .bothOrders); each sample streams in here and is journaled' }, on: { click: () => requestSamples(record.index, 'record') } }, 'Re-query ×k'),
    ` ${k === 1 ? 'One sample so far: how stable is the verdict?' : `${k} samples so far.`} k more samples of this record, in parallel, journaled like the CLI's generate --samples.`,
  );
  const run = active;
  const head = run
    ? h(
        'div',
        { class: 'live-samples-head judgment-meta' },
        h('span', { class: 'requery-title' }, `Re-query ×k · ${run.model}, temperature ${run.temperature}`),
        h('span', { class: 'live-samples-progress', attrs: { 'aria-live': 'polite' } }, ` · ${run.ended}/${run.samples} samples of ${run.records} record${run.records === 1 ? '' : 's'}${run.failed ? ` · ${run.failed} failed` : ''}${run.cancelling ? ' · cancelling…' : ''}`),
        h('span', { class: 'spacer' }),
        h('vscode-button', { attrs: { secondary: true, 'data-action': 'cancel-samples', disabled: run.cancelling, title: 'Stop the samples still running; what was answered stays journaled, and a new run asks only the rest' }, on: { click: () => cancel(run) } }, 'Cancel'),
      )
    : null;
  const chips = samples.map((s) => {
    const el = h(
      'div',
      { class: 'live-sample', attrs: { 'data-sample': s.sample, 'data-state': s.state } },
      h('div', { class: 'live-sample-head' }, h('span', { class: 'chip-n' }, `re-query ${s.sample}`), s.order === 'swapped' ? h('span', { class: 'chip-order', title: 'shown B first' }, ' ⇄') : null, ' · ', h('span', { class: 'live-sample-status' })),
      h('div', { class: 'text live-sample-text' }),
    );
    fill(el, s);
    return el;
  });
  return h('section', { class: 'live-samples', attrs: { 'aria-label': 'Re-query ×k: samples streaming in' } }, run ? head : ask, ...chips);
}

function cancel(run: ActiveRun): void {
  run.cancelling = true;
  send({ type: 'cancelSamples', runId: run.runId });
  const progress = document.querySelector('.live-samples-progress');
  if (progress) progress.textContent = `${progress.textContent ?? ''} · cancelling…`;
}
