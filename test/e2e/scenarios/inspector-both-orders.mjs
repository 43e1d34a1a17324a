// A JudgeBench file (both presentation orders, no gold rationales): the header says why S-Corr is
// undefined and shows the position figures; the record view has one tab per order, and the swapped
// tab aligns the swapped-order rationale against the original-order one. Sorting by the heuristic
// coverage runs in the extension host with progress; full-text search narrows the list.
export const timeout = 150_000;

export default async function ({ page, server, harness, fixture, tmp }) {
  const FILE = 'arena-hard_claude-3-haiku.jsonl';
  const folder = harness.makeWorkspace([fixture(`judgebench/${FILE}`)], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector');
  const view = harness.webviewFrame(page);

  // S-Corr undefined, with the reason; positions as JudgeBench's own scorer counts them.
  await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value', { hasText: 'n/a' }).waitFor({ timeout: 30_000 });
  await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-note', { hasText: 'no gold judgments in this file' }).waitFor();
  await view.locator('.metrics[data-state="final"] [data-metric="l-acc"] .metric-value', { hasText: '29.6%' }).waitFor();
  await view.locator('.details-toggle', { hasText: 'Show details' }).click();
  const positions = view.locator('.positions');
  await positions.locator('tr', { hasText: 'original' }).filter({ hasText: '80/270' }).waitFor();
  await positions.locator('tr', { hasText: 'combined' }).filter({ hasText: '87/270' }).filter({ hasText: '32.2%' }).waitFor();
  await positions.locator('tr', { hasText: 'agree' }).filter({ hasText: '135/270' }).waitFor();

  // One tab per order; the swapped one is aligned against the original-order rationale, and says so.
  await view.locator('.record[data-index="0"]').waitFor();
  await view.locator('vscode-tab-header', { hasText: 'Original order' }).waitFor();
  await view.locator('.judgment[data-order="original"] .note', { hasText: 'no gold rationale' }).waitFor({ state: 'attached' });
  await view.locator('vscode-tab-header', { hasText: 'Swapped order' }).click();
  const swapped = view.locator('.judgment[data-order="swapped"]');
  await swapped.locator('.note', { hasText: 'aligned against the original-order one' }).waitFor();
  await swapped.locator('.column-title', { hasText: 'Original-order rationale (reference)' }).waitFor();
  await swapped.locator('.annotated[data-side="rationale"] .claim').first().waitFor();
  await swapped.locator('.coverage', { hasText: 'lexical heuristic' }).waitFor();
  await harness.screenshot(page, 'inspector-both-orders-swapped');

  // No gold rationale: a label-correct record says why it has no fidelity verdict, offers no Re-judge
  // (no judge could answer), and names the marks for what they are: a person's, with no gold behind them.
  await view.locator('.chip[data-kind="never-judged"]').click();
  await view.locator('.record[data-kind="never-judged"] [data-role="no-verdict"]', { hasText: 'no fidelity judge can compare this rationale with one' }).waitFor({ timeout: 15_000 });
  if ((await view.locator('vscode-button[data-action="rejudge"]').count()) !== 0) throw new Error('Re-judge is offered on a file without gold rationales');
  await view.locator('vscode-button[data-action="mark-aligned"]', { hasText: 'Mark Sound' }).waitFor();
  await view.locator('.chip[data-kind="all"]').click();

  // Sort by coverage, lowest first: computed in the host, rows then carry their coverage in order.
  await view.locator('vscode-single-select.sort-select').click();
  await view.locator('vscode-single-select.sort-select').locator('li, [role="option"]', { hasText: 'Coverage, lowest first' }).first().click();
  await view.locator('.list-pane.with-coverage').waitFor();
  await view.locator('.vlist[aria-busy="false"]').waitFor({ timeout: 60_000 });
  await view.locator('.list-status', { hasText: /^270 records$/ }).waitFor();
  const covs = await view.locator('.vrow[data-index]:not([hidden]) .c-cov').allTextContents();
  const values = covs.filter((c) => c.trim()).map((c) => Number.parseFloat(c));
  if (values.length < 5) throw new Error(`no coverage in the sorted rows: ${JSON.stringify(covs.slice(0, 10))}`);
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) throw new Error(`coverage not ascending: ${values.join(', ')}`);

  // Full-text search in the host (the response texts are not in the webview).
  await view.locator('.list-head').click();
  await page.keyboard.press('/');
  await page.keyboard.type('probability');
  await page.keyboard.press('Enter');
  await view.locator('.vlist[aria-busy="false"]').waitFor({ timeout: 30_000 });
  await view.locator('.list-status', { hasText: /^\d+ records?$/ }).waitFor();
  const found = Number((await view.locator('.list-status').textContent()).match(/^(\d+)/)[1]);
  if (!(found > 0 && found < 270)) throw new Error(`search found ${found} records`);
}
