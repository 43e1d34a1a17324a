/**
 * The status bar's sample figures (files with several samples per record), after the file's own:
 * `k=10: S-Corr 31.2%/28.0% · L-Acc 71.0%/76.7% · flip 12.3%` (per sample / by majority), and a tooltip
 * table with every figure's count and denominator, or why it is undefined. The same figures as the
 * Inspector's header and `stats`' samples object. Pure: no `vscode`.
 */
import type { SampleFigureView, SamplesSummaryView } from '../protocol/messages';
import { escapeMarkdownEntities } from './markdownText';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const n = (x: number) => x.toLocaleString('en-US');

function kText(s: SamplesSummaryView): string {
  return s.k.min === s.k.max ? String(s.k.max) : `${s.k.min}–${s.k.max}`;
}

/** The part of the status bar text after the file's figures: per sample / by majority (the tooltip says so), short enough for the bar. */
export function samplesStatusText(s: SamplesSummaryView): string {
  return `k=${kText(s)}: S-Corr ${pct(s.sCorrPerSample.value)}/${pct(s.sCorrMajority.value)} · L-Acc ${pct(s.lAccPerSample.value)}/${pct(s.lAccMajority.value)} · flip ${pct(s.meanFlipRate.value)}`;
}

function basis(f: SampleFigureView): string {
  if (f.value === null) return `undefined: ${f.reason ?? ''}`;
  return f.count === null ? `mean over ${n(f.denominator)} ${f.over}` : `${n(f.count)}/${n(f.denominator)} ${f.over}`;
}

/** The tooltip's section: one row a figure with what it counts over. */
export function samplesTooltipMarkdown(s: SamplesSummaryView): string {
  const sc = s.sCorrPerSample;
  const ci = sc.low === null || sc.high === null ? '' : `${(sc.low * 100).toFixed(1)}–${(sc.high * 100).toFixed(1)}`;
  const row = (name: string, f: SampleFigureView, interval = '') => `| ${name} | ${pct(f.value)} | ${interval} | ${escapeMarkdownEntities(basis(f))} |`;
  return [
    `**Samples**: ${n(s.records)} records with ${n(s.samples)} samples (k per record: min ${s.k.min}, median ${s.k.median}, max ${s.k.max}); the status bar shows each figure per sample / by majority`,
    '',
    '| | Value | 95% CI | Counted over |',
    '| --- | ---: | --- | --- |',
    row('S-Corr per sample', sc, ci),
    row('S-Corr by majority', s.sCorrMajority),
    row('L-Acc per sample', s.lAccPerSample),
    row('L-Acc by majority', s.lAccMajority),
    row('Mean flip rate', s.meanFlipRate),
    row('Flip rate above 20%', s.flipRateAbove20),
  ].join('\n');
}
