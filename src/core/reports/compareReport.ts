/** The terminal rendering of a Comparison (JSON is the Comparison itself). */
import type { RecordKind } from '../record/record';
import type { Comparison, RunFigures } from '../research/compare';
import { CLASSES } from '../research/compare';
import { pct } from './report';
import { inlineText } from '../text/terminalText';
import { adapterByName } from '../formats';
import { renderSampledSection } from './sampledCompareReport';

function points(a: number | null, b: number | null): string {
  if (a === null || b === null) return '';
  const d = (b - a) * 100;
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)} pts`;
}

function pValue(p: number): string {
  return p < 0.0001 ? p.toExponential(1) : p.toFixed(4);
}

/**
 * Which figure convention the comparison uses: always R-Align's (the paper's) for both runs, and,
 * when a run's format has its own scorer with other denominators, that this is not that scorer's figure.
 */
function conventionLine(c: Comparison): string {
  const own = [['a', c.a.format], ['b', c.b.format]].flatMap(([side, format]) => {
    const scorer = adapterByName(format as string)?.ownScorer?.scorer ?? adapterByName(format as string)?.recordScorer?.scorer;
    return scorer ? [`${side} is ${format}, whose own scorer (${scorer}) counts otherwise (\`rationale-lens stats\` shows its figures beside the paper's)`] : [];
  });
  return `figures: R-Align's show_result.py rules (the paper's) for both runs${own.length ? `; ${own.join('; ')}` : ''}`;
}

/** The sentences the CLI and the Compare view both say: how records were paired, McNemar, the S-Corr difference, the figures' convention. */
export function renderComparisonLines(c: Comparison): { join: string; mcnemar: string; sCorrDelta: string; convention: string } {
  const j = c.join;
  const l = c.labelAccuracy;
  const s = c.sCorr;
  const ci = s.ci ? `[${points(0, s.ci[0])}, ${points(0, s.ci[1])}]` : 'n/a';
  return {
    convention: conventionLine(c),
    join: `joined by ${j.by === 'id' ? 'record id' : 'a hash of prompt and responses'} (${j.why}): ${j.matched} paired · ${j.onlyInA} only in a · ${j.onlyInB} only in b`,
    mcnemar: `McNemar exact p = ${pValue(l.mcnemarP)} (${l.onlyACorrect} right only in a, ${l.onlyBCorrect} only in b)`,
    sCorrDelta:
      s.delta === null
        ? `S-Corr difference: undefined on the ${s.n} records label-correct in both (a fidelity verdict is missing in one run)`
        : `S-Corr on the ${s.n} records label-correct in both: a ${pct(s.a)} · b ${pct(s.b)} · b − a ${points(s.a, s.b)}, 95% paired bootstrap ${ci} (${s.resamples} resamples, seed ${s.seed})`,
  };
}

export function renderComparison(c: Comparison): string {
  const said = renderComparisonLines(c);
  const lines = [`a: ${inlineText(c.a.file)} (${c.a.format}, ${c.a.records} records)`, `b: ${inlineText(c.b.file)} (${c.b.format}, ${c.b.records} records)`, said.join, said.convention, '', '  figures on the paired records   a        b        b − a'];
  const row = (name: string, key: keyof RunFigures, extra: string) => `  ${name.padEnd(30)}  ${pct(c.a.figures[key]).padStart(6)}   ${pct(c.b.figures[key]).padStart(6)}   ${points(c.a.figures[key], c.b.figures[key]).padEnd(10)} ${extra}`.trimEnd();
  lines.push(row('L-Acc', 'labelAccuracy', said.mcnemar));
  lines.push(row('S-Corr', 'sCorr', ''));
  lines.push(row('F-Score', 'fScore', ''));
  lines.push('', `  ${said.sCorrDelta}`);
  lines.push('', '  record classes (rows: a, columns: b)');
  const width = 14;
  lines.push(`  ${''.padEnd(width)}${CLASSES.map((k) => k.padStart(width)).join('')}`);
  for (const from of CLASSES) lines.push(`  ${from.padEnd(width)}${CLASSES.map((to) => String(c.transitions[from][to]).padStart(width)).join('')}`);
  const became = (to: RecordKind) => c.changed.filter((x) => x.to === to).length;
  lines.push('', `  ${c.changed.length} records changed class: ${became('spurious')} became spurious, ${became('aligned')} became aligned, ${became('label-wrong')} became label-wrong (list them with --transition <from>:<to>)`);
  if (c.samples) lines.push('', renderSampledSection(c.samples));
  return lines.join('\n');
}
