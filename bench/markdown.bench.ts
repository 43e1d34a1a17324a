/**
 * The Inspector's Markdown parse (budget check, then micromark when the budget allows) on every
 * family of the pathological corpus at 200,000 characters, against plain prose of the same length
 * measured in the same run. A family the budget refuses costs one linear scan (the text is shown
 * as written); one it admits is parsed. The DOM built from the tree is linear in the tree's size
 * and is not timed here. Reports the worst ratio (the bound a record's text can cost), and each
 * family's growth from 50,000 to 200,000 characters (4× is linear).
 */
import { parseMarkdown } from '../webview/logic/markdownParse';
import { PATHOLOGICAL_FAMILIES, prose } from '../test/unit/webview/pathologicalMarkdown';

const N = 200_000;
const QUARTER = N / 4;
const RUNS = 5;

/** What the reader sees: how many of the text's parse units are rendered. */
function outcome(text: string): string {
  const parsed = parseMarkdown(text);
  if (!parsed.units) return 'shown as written';
  const refused = parsed.units.filter((u) => u.tree === null).length;
  return refused ? `${refused} of ${parsed.units.length} units shown as written` : `rendered (${parsed.units.length} units)`;
}

/** Median milliseconds of `RUNS` parses of `text` (after one warm-up). */
function time(text: string): { ms: number; outcome: string } {
  const seen = outcome(text);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    parseMarkdown(text);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(RUNS / 2)] as number, outcome: seen };
}

const baseline = time(prose(N));
console.log(`plain prose, ${N.toLocaleString('en-US')} characters: ${baseline.ms.toFixed(1)} ms (median of ${RUNS})`);
const baselineGrowth = baseline.ms / time(prose(QUARTER)).ms;
let worst = { family: '', ratio: 0 };
let steepest = { family: '', growth: 0 };
const rows: string[] = [`${'family'.padEnd(28)} ${'200k'.padStart(11)}  ${'vs prose'.padStart(8)}  ${'50k→200k'.padStart(8)}  what the reader sees`];
for (const [family, make] of Object.entries(PATHOLOGICAL_FAMILIES)) {
  const t = time(make(N));
  const growth = t.ms / time(make(QUARTER)).ms;
  const ratio = t.ms / baseline.ms;
  if (ratio > worst.ratio) worst = { family, ratio };
  if (t.ms > baseline.ms / 4 && growth > steepest.growth) steepest = { family, growth };
  rows.push(`${family.padEnd(28)} ${t.ms.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(7)}×  ${growth.toFixed(2).padStart(7)}×  ${t.outcome}`);
}
console.log(rows.join('\n'));
console.log(`worst case: ${worst.family}, ${worst.ratio.toFixed(2)}× plain prose of the same length`);
console.log(`growth from 50,000 to 200,000 characters: prose ${baselineGrowth.toFixed(2)}×, steepest family (of those costing over a quarter of prose) ${steepest.family} ${steepest.growth.toFixed(2)}× (4× is linear)`);
