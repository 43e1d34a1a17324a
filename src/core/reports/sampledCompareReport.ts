/** The words of a sampled comparison (issue 24), for the CLI table and the Compare view alike. */
import type { SampleFigure } from '../samples/fileFigures';
import type { SampledComparison, SampledSide } from '../research/sampledCompare';
import { pct } from './report';

function points(d: number): string {
  return `${d >= 0 ? '+' : '−'}${Math.abs(d * 100).toFixed(1)} pts`;
}

function pValue(p: number, used: number): string {
  if (p === 0) return `p < ${(1 / used).toPrecision(2)} (no resampled difference on the other side of 0)`;
  return `p = ${p < 0.0001 ? p.toExponential(1) : p.toFixed(4)}`;
}

/** "64/90 paired records with a gold label in both runs", or why the figure is undefined. */
export function counted(f: SampleFigure): string {
  return f.value === null ? `undefined: ${f.reason ?? ''}` : `${f.count ?? ''}/${f.denominator} ${f.over}`;
}

function sideText(name: string, s: SampledSide): string {
  return `${name}: ${s.records} records, ${s.samples} samples${s.k ? ` (k ${s.k.min === s.k.max ? s.k.min : `${s.k.min}–${s.k.max}`})` : ''}`;
}

export interface SampledLines {
  readonly heading: string;
  readonly join: string;
  readonly mcnemar: string;
  readonly sCorrDelta: string;
  /** Notes a reader needs: gold labels that differ, contents that differ under one id. */
  readonly notes: readonly string[];
}

export function renderSampledLines(s: SampledComparison): SampledLines {
  const j = s.join;
  const m = s.majority;
  const c = s.sCorrPerSample;
  const leftOut = j.onlyInA + j.onlyInB;
  const notes: string[] = [];
  if (j.goldMismatches) notes.push(`${j.goldMismatches} paired records have another gold label in b than in a: each run is scored against its own`);
  if (j.contentMismatches) notes.push(`${j.contentMismatches} records paired by id have a different prompt or responses in the two files`);
  const interval = c.ci ? `95% interval [${points(c.ci[0])}, ${points(c.ci[1])}], ${pValue(c.p ?? 1, c.usedResamples)}` : 'no interval (no resample where both figures are defined)';
  return {
    heading: `samples: here a record is a sample set (the rows that repeat an id with the same prompt and responses, or a row's own samples; the figures above count rows); ${sideText('a', s.a)} · ${sideText('b', s.b)}`,
    join: `paired by ${j.by === 'id' ? 'record id' : 'a hash of prompt and responses'} (${j.why}): ${j.matched} paired · ${leftOut ? `${leftOut} left out (${j.onlyInA} only in a, ${j.onlyInB} only in b)` : 'none left out'}`,
    mcnemar: `L-Acc by majority: a ${pct(m.a.value)} (${counted(m.a)}) · b ${pct(m.b.value)} (${counted(m.b)})${m.a.value !== null && m.b.value !== null ? ` · b − a ${points(m.b.value - m.a.value)}` : ''}; McNemar exact p = ${m.mcnemarP < 0.0001 ? m.mcnemarP.toExponential(1) : m.mcnemarP.toFixed(4)} (${m.onlyACorrect} right by majority only in a, ${m.onlyBCorrect} only in b)`,
    sCorrDelta:
      c.delta === null
        ? `S-Corr per sample: a ${pct(c.a.value)} (${counted(c.a)}) · b ${pct(c.b.value)} (${counted(c.b)}); no difference: a figure is undefined`
        : `S-Corr per sample: a ${pct(c.a.value)} (${counted(c.a)}) · b ${pct(c.b.value)} (${counted(c.b)}) · b − a ${points(c.delta)}, paired bootstrap over the ${c.records} paired records: ${interval} (${c.resamples} resamples, ${c.usedResamples} with both figures defined, seed ${c.seed})`,
    notes,
  };
}

/** The section the CLI prints under the comparison's table. */
export function renderSampledSection(s: SampledComparison): string {
  const l = renderSampledLines(s);
  return [l.heading, `  ${l.join}`, `  ${l.mcnemar}`, `  ${l.sCorrDelta}`, ...l.notes.map((n) => `  note: ${n}`)].join('\n');
}
