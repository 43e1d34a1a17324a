/**
 * Model runs on the shown record as they happen: Re-judge Fidelity (the judge's verdict and
 * `<genrm_analysis>` read from the partial answer) and Re-query GenRM (the new rationale beside the
 * original). Streamed text only ever goes in as text; updates touch text nodes in place, so the
 * view does not re-render (or lose its scroll) on every delta.
 */
import { h } from '../dom/dom';
import type { LiveRun } from '../logic/liveRuns';
import { isActive } from '../logic/liveRuns';

export type { LiveRun } from '../logic/liveRuns';
export { isActive } from '../logic/liveRuns';

const CLOSE = '</think>';
const OPEN = '<think>';

/** Splits streamed text into thinking and answer the way the core does once it is complete (last `</think>`). */
function splitLive(content: string): { thinking: string; answer: string } {
  const close = content.lastIndexOf(CLOSE);
  if (close >= 0) {
    const before = content.slice(0, close);
    const open = before.indexOf(OPEN);
    return { thinking: (open >= 0 ? before.slice(open + OPEN.length) : before).trim(), answer: content.slice(close + CLOSE.length).replace(/^\s+/, '') };
  }
  const open = content.indexOf(OPEN);
  // An open <think> at the start: everything so far is thinking.
  if (open >= 0 && content.slice(0, open).trim() === '') return { thinking: content.slice(open + OPEN.length).trim(), answer: '' };
  return { thinking: '', answer: content };
}

/** The text of `<tag>` so far (closed or not), without a half-received closing tag; null before it opens. */
function partialTag(text: string, tag: string): string | null {
  const open = text.indexOf(`<${tag}>`);
  if (open < 0) return null;
  const from = open + tag.length + 2;
  const close = text.indexOf(`</${tag}>`, from);
  const inner = close < 0 ? text.slice(from).replace(/<\/?[a-z_]*$/i, '') : text.slice(from, close);
  return inner.trim();
}

/** The last `\boxed{A|B}` so far. */
function partialBoxed(text: string): 'A' | 'B' | null {
  let last: 'A' | 'B' | null = null;
  for (const m of text.matchAll(/\\?boxed\{\s*([AB])\s*\}/g)) last = m[1] === 'A' ? 'A' : 'B';
  return last;
}

const VERDICT_TEXT: Record<string, string> = {
  Correct: 'Correct: aligned',
  Incorrect: 'Incorrect: misaligned',
  SkippedLabelMismatch: 'skipped: label mismatch',
  CallFail: 'judge call failed',
  ParseFail: 'judge answer unparsable',
};

function statusText(run: LiveRun): string {
  const who = run.role === 'genrm' ? 'GenRM' : 'judge';
  switch (run.state) {
    case 'starting':
      return 'starting…';
    case 'running':
      if (run.cancelling) return 'cancelling…';
      if (run.retries > 0) return run.content || run.reasoning ? `streaming (attempt ${run.retries + 1})…` : `retrying (attempt ${run.retries + 1})…`;
      return run.content || run.reasoning ? 'streaming…' : `waiting for the ${who}…`;
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return `failed${run.message ? `: ${run.message}` : ''}`;
    case 'refused':
      return run.message ?? 'could not start';
  }
}

/** Fills the text parts of a live panel built by `livePanel` from the run's state. */
export function fillLive(el: HTMLElement, run: LiveRun): void {
  const set = (selector: string, text: string): void => {
    const t = el.querySelector<HTMLElement>(selector);
    if (t && t.textContent !== text) t.textContent = text;
  };
  const show = (selector: string, visible: boolean): void => {
    const t = el.querySelector<HTMLElement>(selector);
    if (t) t.hidden = !visible;
  };
  el.dataset.state = run.state;
  set('.live-status', statusText(run));
  const { thinking, answer } = splitLive(run.content);
  const reasoning = [run.reasoning, thinking].filter(Boolean).join('\n\n');
  show('.live-reasoning', reasoning.length > 0);
  set('.live-reasoning-title', `Reasoning (${reasoning.length.toLocaleString('en-US')} characters)`);
  set('.live-reasoning-text', reasoning);
  if (run.role === 'fidelity') {
    const verdictSoFar = run.result?.verdict ? VERDICT_TEXT[run.result.verdict] ?? run.result.verdict : partialTag(answer, 'final_verdict');
    set('.live-verdict-text', verdictSoFar === null || verdictSoFar === '' ? (isActive(run) ? '…' : '—') : verdictSoFar);
    const analysis = run.result?.analysis ?? partialTag(answer, 'genrm_analysis');
    show('.live-analysis-block', analysis !== null);
    set('.live-analysis', analysis ?? '');
    set('.live-raw-text', run.content);
    show('.live-raw', run.content.length > 0);
    set('.live-error', run.result?.error ? `Judge error: ${run.result.error}` : '');
  } else {
    set('.live-rationale', answer);
    const pred = run.result ? run.result.pred : partialBoxed(answer);
    set('.live-verdict-text', pred ?? (run.state === 'done' ? 'none found' : isActive(run) ? '…' : '—'));
    set('.live-error', run.result?.error ? `GenRM error: ${run.result.error}` : '');
  }
  const cancel = el.querySelector<HTMLElement & { disabled: boolean }>('[data-action="cancel-run"]');
  if (cancel) {
    cancel.hidden = !isActive(run);
    cancel.disabled = run.cancelling || run.runId === null;
  }
}

/** The skeleton of a live panel (texts filled by fillLive). */
export function livePanel(run: LiveRun, opts: { reasoningOpen: boolean; onCancel: () => void; onToggleReasoning: (open: boolean) => void; original?: HTMLElement | null }): HTMLElement {
  const reasoning = h('details', { class: 'live-reasoning', attrs: { open: opts.reasoningOpen } }, h('summary', { class: 'live-reasoning-title' }), h('div', { class: 'text thinking live-reasoning-text' }));
  reasoning.addEventListener('toggle', () => opts.onToggleReasoning(reasoning.open));
  const head = h(
    'div',
    { class: 'live-head' },
    h('span', { class: 'live-title' }, run.role === 'genrm' ? 'Re-querying the GenRM' : 'Re-judging fidelity'),
    run.model ? h('span', { class: 'live-model' }, ` · ${run.model}`) : null,
    h('span', { class: 'live-sep' }, ' · '),
    h('span', { class: 'live-status', attrs: { 'aria-live': 'polite' } }),
    h('span', { class: 'spacer' }),
    h('vscode-button', { attrs: { secondary: true, 'data-action': 'cancel-run', title: 'Stop this request (x)' }, on: { click: () => opts.onCancel() } }, 'Cancel'),
  );
  let body: (HTMLElement | null)[];
  if (run.role === 'fidelity') {
    body = [
      h('div', { class: 'live-verdict' }, 'Verdict: ', h('span', { class: 'live-verdict-text' })),
      h('div', { class: 'live-analysis-block' }, h('div', { class: 'live-label' }, 'Analysis'), h('div', { class: 'text live-analysis' })),
      h('details', { class: 'live-raw' }, h('summary', null, 'Judge output as received'), h('div', { class: 'text live-raw-text' })),
    ];
  } else {
    body = [
      h('div', { class: 'live-verdict' }, 'Verdict: ', h('span', { class: 'live-verdict-text' })),
      h(
        'div',
        { class: 'columns' },
        opts.original ?? null,
        h('div', { class: 'column rationale requery-new' }, h('div', { class: 'column-title' }, 'Re-queried rationale'), h('div', { class: 'annotated live-rationale' })),
      ),
    ];
  }
  const el = h('div', { class: `live-run live-${run.role}`, attrs: { 'data-live': run.role, 'data-run-id': run.runId ?? '' } }, head, reasoning, ...body, h('div', { class: 'live-error fidelity-error' }));
  fillLive(el, run);
  return el;
}
