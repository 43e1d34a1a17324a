/**
 * The header's sample figures (files with several samples per record), beside the file's S-Corr:
 * L-Acc per sample and by majority, S-Corr per sample (with its Wilson interval) and by majority,
 * the mean flip rate and k. Each says what it counts over in its tooltip, or why it is undefined.
 * The values are the host's (src/core/samples, the `stats` samples object), never recomputed here.
 */
import type { SampleFigureView, SamplesSummaryView } from '../../src/protocol/messages';
import { h } from '../dom/dom';
import { count, pct } from '../logic/format';

/** "412/600 samples" or "mean over 60 records", or why the figure is undefined. */
function figureBasis(f: SampleFigureView): string {
  if (f.value === null) return `undefined: ${f.reason ?? 'nothing to count'}`;
  return f.count === null ? `mean over ${count(f.denominator)} ${f.over}` : `${count(f.count)}/${count(f.denominator)} ${f.over}`;
}

/** k as "10", or "3–10" when records have different numbers of samples. */
function kText(k: SamplesSummaryView['k']): string {
  return k.min === k.max ? String(k.max) : `${k.min}–${k.max}`;
}

function figure(id: string, name: string, f: SampleFigureView, definition: string, extra = ''): HTMLElement {
  return h(
    'div',
    { class: `sample-figure${f.value === null ? ' undefined' : ''}`, attrs: { 'data-figure': id }, title: `${definition}\n${figureBasis(f)}` },
    h('span', { class: 'sample-figure-name' }, name),
    ' ',
    h('span', { class: 'sample-figure-value' }, pct(f.value)),
    extra ? h('span', { class: 'sample-figure-ci' }, ` ${extra}`) : null,
    f.value === null ? h('span', { class: 'sample-figure-why' }, ` (${f.reason ?? 'undefined'})`) : null,
  );
}

export function sampleFiguresCard(s: SamplesSummaryView): HTMLElement {
  const sc = s.sCorrPerSample;
  const ci = sc.low === null || sc.high === null ? '' : `[${(sc.low * 100).toFixed(1)}–${(sc.high * 100).toFixed(1)}]`;
  return h(
    'div',
    { class: 'metric samples-card', attrs: { 'data-metric': 'samples', 'data-k': kText(s.k) } },
    h(
      'div',
      { class: 'metric-name', title: `${count(s.records)} records with ${count(s.samples)} samples; samples per record: min ${s.k.min}, median ${s.k.median}, max ${s.k.max}` },
      'Samples · k ',
      h('span', { class: 'samples-k' }, kText(s.k)),
      ` · ${count(s.records)} records`,
    ),
    h(
      'div',
      { class: 'sample-figures-grid' },
      figure('s-corr-sample', 'S-Corr per sample', sc, 'Misaligned ÷ judged, over every label-correct sample with a fidelity verdict (95% Wilson interval).', ci),
      figure('s-corr-majority', 'S-Corr by majority', s.sCorrMajority, 'Of the records whose majority verdict is label-correct with a judged label-correct sample: the share where more than half of those judged samples are misaligned.'),
      figure('l-acc-sample', 'L-Acc per sample', s.lAccPerSample, 'Label-correct samples ÷ samples.'),
      figure('l-acc-majority', 'L-Acc by majority', s.lAccMajority, 'Records whose majority verdict (more than half of k) is the gold label ÷ records with a gold label.'),
      figure('flip', 'Mean flip rate', s.meanFlipRate, 'Per record: 1 − the share of its samples giving the most common verdict; averaged over records.'),
      figure('flip-above', 'Flip rate above 20%', s.flipRateAbove20, 'Records whose flip rate exceeds 0.2 ÷ records.'),
    ),
  );
}
