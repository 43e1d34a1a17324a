/* global process */
// The Leaderboard view on a results folder, from the explorer's context menu: the model × benchmark
// table with the CLI's figures (`stats <folder> --json`), sorting by a column, the S-Corr against
// L-Acc chart, the odd file names noted, showing the leaderboard again reusing its tab (reloaded, not
// duplicated), and a cell that opens its file's Inspector.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

/** `n` records, `correct` label-correct of which `spurious` misaligned. */
function results(n, correct, spurious) {
  return Array.from({ length: n }, (_, i) => {
    const ok = i < correct;
    const verdict = !ok ? 'SkippedLabelMismatch' : i < spurious ? 'Incorrect' : 'Correct';
    return JSON.stringify({ id: `q${i}`, conversations: [{ role: 'user', content: `Question ${i}` }], response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: `A is right about ${i}.`, model_judgment: `A. \\boxed{${ok ? 'A' : 'B'}}`, model_pred: ok ? 'A' : 'B', metarm_verdict: verdict });
  }).join('\n') + '\n';
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  const dir = join(folder, 'results');
  mkdirSync(dir);
  writeFileSync(join(dir, 'helpsteer3__gpt-5_metarm_gemini.jsonl'), results(40, 30, 3));
  writeFileSync(join(dir, 'helpsteer3__rrm-32b_metarm_gemini.jsonl'), results(40, 29, 17));
  writeFileSync(join(dir, 'rb2__gpt-5_metarm_gemini.jsonl'), results(30, 27, 2));
  writeFileSync(join(dir, 'rb2__rrm-32b_metarm_gemini.jsonl'), results(30, 26, 10));
  writeFileSync(join(dir, 'scratch.jsonl'), results(3, 2, 1));
  const expected = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'stats', dir, '--json', '--quiet'], { encoding: 'utf8' }));

  await harness.openWorkbench(page, server, folder, { waitForFile: 'results' });
  await harness.explorerMenu(page, 'results', 'Show Leaderboard');
  const view = harness.webviewFrame(page);
  await view.locator('table.leaderboard').waitFor({ timeout: 30_000 });

  // Every cell shows the CLI's figure.
  for (const cell of expected.cells) {
    for (const [metric, key] of [['lAcc', 'labelAccuracy'], ['sCorr', 'sCorr'], ['fScore', 'fScore']]) {
      const want = cell[key] === null ? 'n/a' : `${(cell[key] * 100).toFixed(1)}%`;
      const got = (await view.locator(`tr[data-model="${cell.model}"] button.cell[data-file="${cell.file}"][data-metric="${metric}"]`).textContent()).trim();
      if (got !== want) throw new Error(`${cell.model} on ${cell.benchmark} ${metric}: the view shows ${got}, the CLI ${want}`);
    }
  }
  // Sort by S-Corr on helpsteer3 (ascending: the model right for the right reasons first), then reverse.
  await view.locator('th[data-sort="helpsteer3:sCorr"]').click();
  const firstModel = async () => (await view.locator('table.leaderboard tbody tr').first().getAttribute('data-model'));
  if ((await firstModel()) !== 'gpt-5') throw new Error(`sorted by S-Corr ascending, first is ${await firstModel()}`);
  await view.locator('th[data-sort="helpsteer3:sCorr"]').click();
  if ((await firstModel()) !== 'rrm-32b') throw new Error(`sorted by S-Corr descending, first is ${await firstModel()}`);
  // The chart has a point per cell; the odd name is noted.
  const points = await view.locator('svg.chart circle').count();
  if (points !== 4) throw new Error(`${points} points in the chart, expected 4`);
  await view.locator('.notes li', { hasText: 'scratch.jsonl does not follow' }).waitFor();
  await harness.screenshot(page, `${name}-table`);

  // Asking again for the same folder's leaderboard reuses its tab: the page reloads (a mark left in
  // the old page is gone), and one tab reads "Leaderboard: results".
  await view.locator('body').evaluate((body) => body.setAttribute('data-old-page', ''));
  await harness.explorerMenu(page, 'results', 'Show Leaderboard');
  await view.locator('body:not([data-old-page]) table.leaderboard').waitFor({ timeout: 30_000 });
  const leaderboardTabs = await page.locator('.tabs-container .tab', { hasText: 'Leaderboard: results' }).count();
  if (leaderboardTabs !== 1) throw new Error(`showing the leaderboard twice left ${leaderboardTabs} leaderboard tabs`);

  // A cell opens its file's Inspector.
  await view.locator('tr[data-model="rrm-32b"] button.cell[data-file="rb2__rrm-32b_metarm_gemini.jsonl"][data-metric="sCorr"]').click();
  await page.locator('.tabs-container .tab', { hasText: 'rb2__rrm-32b_metarm_gemini.jsonl' }).waitFor({ timeout: 20_000 });
  const inspector = harness.webviewFrame(page);
  await inspector.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value').waitFor({ timeout: 30_000 });
}
