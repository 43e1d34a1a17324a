/**
 * Verdict parsing on hostile text, against plain prose of the same size parsed in the same run:
 * every built-in pattern on 1 MB adversarial texts (the worst ratio is the figure), token
 * normalisation on 200,000-character runs, and user patterns on RE2 at twice the size (linear:
 * about 2×). Run standalone after `npx tsc -p tsconfig.json`: `node out/bench/verdict.bench.js`.
 */
import { compileUserPatterns, normalizeVerdictToken, parseVerdict } from '../src/core/record/verdict';
import { HOSTILE_USER_PATTERNS, HOSTILE_USER_TEXTS, MB, TRIMMED_RUNS, adversarialVerdictTexts } from '../test/unit/core/record/verdictTexts';

function ms(f: () => void): number {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
/** The best of three: a timing taken while the machine is busy elsewhere is not the code's. */
const bestOf3 = (f: () => void): number => Math.min(ms(f), ms(f), ms(f));

const words = 'The first response answers the question directly and the second one misses the point of it. ';
const prose = words.repeat(Math.ceil(MB / words.length)).slice(0, MB);
const baseline = bestOf3(() => parseVerdict(prose));

let worst = 0;
let worstText = '';
for (const text of adversarialVerdictTexts()) {
  const t = bestOf3(() => parseVerdict(text));
  if (t > worst) [worst, worstText] = [t, text];
}
console.log(`built-in patterns, 1 MB: plain prose ${baseline.toFixed(1)} ms; worst of 65 adversarial texts ${worst.toFixed(1)} ms = ${(worst / baseline).toFixed(1)}× (${JSON.stringify(worstText.slice(0, 40))}…)`);

const plainToken = 'x'.repeat(200_011);
const tokenBase = bestOf3(() => normalizeVerdictToken(plainToken));
const tokenWorst = Math.max(...TRIMMED_RUNS.map((t) => bestOf3(() => normalizeVerdictToken(t))));
console.log(`token normalisation, 200,000 characters: plain ${tokenBase.toFixed(2)} ms; worst trimmed run ${tokenWorst.toFixed(2)} ms = ${(tokenWorst / Math.max(tokenBase, 0.01)).toFixed(1)}×`);

const { patterns } = compileUserPatterns(HOSTILE_USER_PATTERNS);
for (const [whole, half] of HOSTILE_USER_TEXTS) {
  const w = bestOf3(() => parseVerdict(whole, { extraPatterns: patterns }));
  const h = bestOf3(() => parseVerdict(half, { extraPatterns: patterns }));
  console.log(`user patterns on RE2, ${JSON.stringify(whole.slice(0, 12))}…: half ${h.toFixed(0)} ms, whole ${w.toFixed(0)} ms = ${(w / h).toFixed(2)}× (linear ≈ 2×)`);
}
