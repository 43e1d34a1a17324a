/**
 * Verdict parsing on hostile text, against plain prose of the same size parsed in the same run:
 * every built-in pattern on 1 MB adversarial texts (the worst ratio is the figure), token
 * normalisation on 200,000-character runs, and user patterns on RE2 at twice the size (linear:
 * about 2×); and the index's cross-check per judgment before and after its fast path. Run
 * standalone after `npx tsc -p tsconfig.json`: `node out/bench/verdict.bench.js`.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MemberNames, decodeStringTail, parseMember } from '../src/core/io/jsonScan';
import { SLOTS_READ, strictMemberSlots } from '../src/core/io/strictJson';
import type { Verdict } from '../src/core/record/record';
import { compileUserPatterns, normalizeVerdictToken, parseVerdict } from '../src/core/record/verdict';
import { tailVerdict } from '../src/core/record/verdictTail';
import { ensureBenchFile } from './stats.bench';
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
// A plain token trims nothing (near zero), so the figure is linearity: each run whole against its second half.
const tokenGrowth = Math.max(...TRIMMED_RUNS.map((t) => bestOf3(() => normalizeVerdictToken(t)) / Math.max(bestOf3(() => normalizeVerdictToken(t.slice(t.length / 2))), 0.001)));
console.log(`token normalisation, 200,000 characters: plain ${tokenBase.toFixed(2)} ms; worst trimmed run ${tokenWorst.toFixed(2)} ms; a run whole against half of it: at most ${tokenGrowth.toFixed(2)}× (linear ≈ 2×)`);

const { patterns } = compileUserPatterns(HOSTILE_USER_PATTERNS);
for (const [whole, half] of HOSTILE_USER_TEXTS) {
  const w = bestOf3(() => parseVerdict(whole, { extraPatterns: patterns }));
  const h = bestOf3(() => parseVerdict(half, { extraPatterns: patterns }));
  console.log(`user patterns on RE2, ${JSON.stringify(whole.slice(0, 12))}…: half ${h.toFixed(0)} ms, whole ${w.toFixed(0)} ms = ${(w / h).toFixed(2)}× (linear ≈ 2×)`);
}

/**
 * The index's verdict cross-check per judgment (fastTally's readFast): the last 512 bytes decoded
 * and parsed, against the ending read from the bytes (record/verdictTail.ts) with the same
 * fallbacks, on the first 64 MB of the generated R-Align file and, when present, the realistic one.
 * CPU microseconds a judgment, best of 5.
 */
async function crossCheck(): Promise<void> {
  const files = [await ensureBenchFile(), join(dirname(await ensureBenchFile()), 'r-align-realistic-500mb.jsonl')].filter((f) => existsSync(f));
  for (const file of files) {
    const buf = Buffer.alloc(Math.min(64 * MB, statSync(file).size));
    const fd = openSync(file, 'r');
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    const names = new MemberNames(['model_judgment']);
    const slots = new Int32Array(2);
    const ranges: [number, number][] = [];
    for (let s = 0, e = buf.indexOf(10); e !== -1 && e < n; s = e + 1, e = buf.indexOf(10, s)) {
      if (strictMemberSlots(buf, s, e, names, slots) === SLOTS_READ && slots[0] !== -1 && buf[slots[0] as number] === 0x22) ranges.push([slots[0] as number, slots[1] as number]);
    }
    const slow = (r: [number, number]): Verdict => {
      const tail = decodeStringTail(buf, r, 512);
      let parsed = parseVerdict(tail.text, { extraPatterns: [] });
      if (!tail.complete && (parsed.pattern === null || parsed.start < 150 || parsed.pattern === 'output-ab-mention')) parsed = parseVerdict(parseMember(buf, r) as string, { extraPatterns: [] });
      return parsed.verdict;
    };
    const fast = (r: [number, number]): Verdict => {
      const v = tailVerdict(buf, r[0], r[1], 512, undefined, 150);
      return v && (v.complete || v.start >= 150) ? v.verdict : slow(r);
    };
    const taken = ranges.filter((r) => tailVerdict(buf, r[0], r[1], 512, undefined, 150)).length;
    const cpu = (f: (r: [number, number]) => Verdict): number => {
      let best = Infinity;
      for (let k = 0; k < 5; k++) {
        const c = process.cpuUsage();
        for (const r of ranges) f(r);
        const d = process.cpuUsage(c);
        best = Math.min(best, (d.user + d.system) / ranges.length);
      }
      return best;
    };
    const [before, after] = [cpu(slow), cpu(fast)];
    console.log(`cross-check a judgment, ${basename(file)} (${ranges.length} judgments, fast path on ${((100 * taken) / ranges.length).toFixed(1)}%): decode + parseVerdict ${before.toFixed(2)} µs, ending read from the bytes ${after.toFixed(2)} µs = ${(before / after).toFixed(1)}× less`);
  }
}
void crossCheck();
