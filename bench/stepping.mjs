/* global process, console, performance, MutationObserver, document, window -- browser and Node globals (eslint.config.mjs gives .mjs files none) */
/**
 * Stepping through records with `j` held down, in a real Inspector: `j` is pressed at a key repeat's
 * rate (40 a second, faster than a typical 30/s auto-repeat) for a few seconds, and a MutationObserver
 * in the webview counts the records painted: a new `.record[data-index]` whose text (its id) is on
 * screen. Reported: records shown a second over the whole hold and in its slowest one-second window
 * (target: never below 30), and per record what the webview spent (rlens:* measures, see
 * webview/inspector/recordTiming.ts): waiting for the host's answer, and painting it.
 */
import * as harness from '../test/e2e/harness.mjs';

const PRESSES_PER_SECOND = 40;

/** Call with the Inspector open on a file and its first record shown. */
export async function holdJ(page, view, seconds = 4) {
  await view.locator('.list-head').click(); // focus inside the webview, outside any field
  await view.locator('body').evaluate(() => {
    const painted = (globalThis.__rlensPainted = []);
    const answers = (globalThis.__rlensAnswers = []);
    performance.clearMeasures();
    globalThis.__rlensT0 = performance.now();
    /** Per record index, a run of plain words from its rationale (else a response): it must be on screen. */
    const snippets = new Map();
    // Capturing: before the app's own listener paints the answer.
    window.addEventListener(
      'message',
      (e) => {
        // One record (`record`), or a batch read ahead (`records`, one message for many).
        const records = e.data?.type === 'record' ? [e.data.record] : e.data?.type === 'records' ? e.data.records : null;
        if (!records) return;
        const bytes = JSON.stringify(e.data).length;
        for (const r of records) {
          answers.push({ t: performance.now(), index: r.index, bytes: bytes / records.length, batch: records.length });
          const text = `${r.judgments?.[0]?.rationale ?? ''} ${r.responseA} ${r.responseB}`;
          snippets.set(String(r.index), /[A-Za-z][A-Za-z ,]{23}/.exec(text)?.[0] ?? '');
        }
      },
      true,
    );
    // A record's full view (.record) or its light one while the key is held (.record-light).
    let last = document.querySelector('.record, .record-light')?.getAttribute('data-index');
    new MutationObserver(() => {
      const record = document.querySelector('.record, .record-light');
      const now = record?.getAttribute('data-index');
      // Counted only with its text on screen: its id in the title and words of its rationale in the body.
      const snippet = snippets.get(now);
      const shown = !!record?.querySelector('.record-id')?.textContent && snippet !== undefined && record.textContent.includes(snippet);
      if (now && now !== last && shown) {
        painted.push({ t: performance.now(), index: Number(now) });
        last = now;
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const t0 = performance.now();
  let presses = 0;
  while (performance.now() - t0 < seconds * 1000) {
    await page.keyboard.press('j');
    presses++;
    const next = t0 + (presses * 1000) / PRESSES_PER_SECOND;
    const wait = next - performance.now();
    if (wait > 0) await harness.sleep(wait);
  }
  await harness.sleep(300); // the last press's record
  const out = await view.locator('body').evaluate(() => ({
    t0: globalThis.__rlensT0,
    painted: globalThis.__rlensPainted,
    answers: globalThis.__rlensAnswers,
    measures: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('rlens:')).map((m) => ({ name: m.name, ms: m.duration })),
    selected: Number(document.querySelector('.list .row.selected, .list [aria-selected="true"]')?.getAttribute('data-position') ?? NaN),
  }));
  const painted = out.painted.map((p) => p.t);
  if (process.env.BENCH_VERBOSE) console.log(JSON.stringify({ t0: out.t0, painted: out.painted, answers: out.answers.map(({ t, index }) => ({ t, index })) }));
  return { presses, ...rates(painted, seconds), detail: detail(out) };
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const p90 = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] : NaN);

/** Per phase: the webview's measures (median, 90th percentile) and the answers' sizes. */
function detail({ painted, answers, measures }) {
  const phases = {};
  for (const name of [...new Set(measures.map((m) => m.name))]) {
    const xs = measures.filter((m) => m.name === name).map((m) => m.ms);
    phases[name] = { n: xs.length, median: median(xs), p90: p90(xs) };
  }
  const messages = answers.filter((a, i) => i === 0 || a.t !== answers[i - 1].t).length;
  return { painted: painted.length, answers: answers.length, messages, lastPainted: painted.at(-1)?.index ?? null, bytes: median(answers.map((a) => a.bytes)), phases };
}

/** Records a second over the whole hold, and in the slowest full one-second window within it. */
function rates(painted, seconds) {
  if (painted.length < 2) return { perSecond: painted.length / seconds, slowestWindow: painted.length };
  const start = painted[0];
  const span = painted[painted.length - 1] - start;
  let slowest = Infinity;
  for (let from = start; from + 1000 <= start + span; from += 100) slowest = Math.min(slowest, painted.filter((t) => t >= from && t < from + 1000).length);
  return { perSecond: ((painted.length - 1) * 1000) / Math.max(span, 1), slowestWindow: Number.isFinite(slowest) ? slowest : painted.length };
}

/** One line per phase for the bench's report. */
export function describeSteps(steps) {
  const d = steps.detail;
  const phases = Object.entries(d.phases)
    .map(([name, p]) => `${name.replace('rlens:', '')} ${p.median.toFixed(1)} ms (p90 ${p.p90.toFixed(1)}, n ${p.n})`)
    .join(' · ');
  return `${d.painted} painted of ${d.answers} records answered in ${d.messages} messages (median ${Math.round(d.bytes)} bytes a record), last painted record ${d.lastPainted}${phases ? ` · ${phases}` : ''}`;
}
