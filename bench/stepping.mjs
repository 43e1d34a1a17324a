/* global performance, MutationObserver, document -- browser and Node globals (eslint.config.mjs gives .mjs files none) */
/**
 * Stepping through records with `j` held down, in a real Inspector: `j` is pressed at a key repeat's
 * rate (40 a second, faster than a typical 30/s auto-repeat) for a few seconds, and a MutationObserver
 * in the webview counts the records painted (a new `.record[data-index]`). Reported: records shown a
 * second over the whole hold and in its slowest one-second window (target: never below 30).
 */
import * as harness from '../test/e2e/harness.mjs';

const PRESSES_PER_SECOND = 40;

/** Call with the Inspector open on a file and its first record shown. */
export async function holdJ(page, view, seconds = 4) {
  await view.locator('.list-head').click(); // focus inside the webview, outside any field
  await view.locator('body').evaluate(() => {
    const painted = (globalThis.__rlensPainted = []);
    let last = document.querySelector('.record')?.getAttribute('data-index');
    new MutationObserver(() => {
      const now = document.querySelector('.record')?.getAttribute('data-index');
      if (now && now !== last) painted.push(performance.now());
      last = now;
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
  const painted = await view.locator('body').evaluate(() => globalThis.__rlensPainted);
  return { presses, ...rates(painted, seconds) };
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
