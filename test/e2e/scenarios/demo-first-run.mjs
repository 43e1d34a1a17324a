/* global process, URL */
// The first run, as `npm run demo` lays it out (scripts/demoWorkspace.mjs): the workbench opens on
// the main sample in the Inspector with the CLI's figures; the shipped results folder shows a
// 2 models × 2 benchmarks leaderboard.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_MAIN_SAMPLE, demoUrl, makeDemoWorkspace } from '../../../scripts/demoWorkspace.mjs';

export const timeout = 120_000;

const pct = (x) => `${(x * 100).toFixed(1)}%`;

export default async function ({ page, server, harness, tmp, ROOT }) {
  const folder = makeDemoWorkspace(join(tmp, 'demo-workspace'), { fixturesDir: harness.FIXTURES_DIR });
  const cli = (...args) => JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, '--json', '--quiet'], { encoding: 'utf8' }));
  const expected = cli('stats', join(folder, DEMO_MAIN_SAMPLE));

  // The demo's address opens the main sample, and the workspace's association opens it in the Inspector.
  await page.goto(demoUrl(new URL(server.workbenchUrl(folder)).origin, folder), { timeout: 60_000 });
  const inspector = harness.webviewFrame(page);
  const sCorr = inspector.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
  await sCorr.waitFor({ state: 'visible', timeout: 60_000 });
  if ((await sCorr.textContent()).trim() !== pct(expected.sCorr)) throw new Error(`the demo's Inspector shows S-Corr ${await sCorr.textContent()}, the CLI ${pct(expected.sCorr)}`);
  await inspector.locator('.record[data-index="0"] .annotated[data-side="rationale"]').waitFor();
  // The text tab opened at startup was replaced, not kept beside the Inspector.
  const tabs = await page.locator('.tabs-container .tab', { hasText: 'r-align-synthetic.jsonl' }).count();
  if (tabs !== 1) throw new Error(`${tabs} tabs for the main sample, expected the Inspector's alone`);

  // samples/results: the leaderboard of the two runs' GenRMs on two benchmarks.
  const board = cli('stats', join(folder, 'samples', 'results'));
  const models = [...new Set(board.cells.map((c) => c.model))].sort();
  const benches = [...new Set(board.cells.map((c) => c.benchmark))].sort();
  if (models.length !== 2 || benches.length !== 2) throw new Error(`samples/results holds ${models.length} models × ${benches.length} benchmarks`);
  // The explorer reveals the opened sample, so samples/ may be expanded already.
  if (!(await harness.explorerItem(page, 'results').isVisible())) await harness.explorerItem(page, 'samples').click();
  await harness.explorerItem(page, 'results').waitFor();
  await harness.explorerMenu(page, 'results', 'Show Leaderboard');
  const view = harness.webviewFrame(page);
  await view.locator('table.leaderboard').waitFor({ timeout: 30_000 });
  for (const cell of board.cells) {
    const got = (await view.locator(`tr[data-model="${cell.model}"] button.cell[data-file="${cell.file}"][data-metric="sCorr"]`).textContent()).trim();
    if (got !== pct(cell.sCorr)) throw new Error(`${cell.file}: the leaderboard shows S-Corr ${got}, the CLI ${pct(cell.sCorr)}`);
  }
  await harness.screenshot(page, 'demo-first-run');
}
