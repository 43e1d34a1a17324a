/* global process, document */
// "Compare with…" from the explorer, the other run picked in the file dialog: both runs' figures with McNemar and the
// paired S-Corr interval (its two S-Corr figures explained), the transition table, "became spurious"
// leaving the record that did in the grid (records × the two runs, class badges), and its two
// rationales either side of the gold judgment, shown once, rendered, highlighted from either run.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

const GOLD = 'Response A is correct because it converts the units before adding. Response B forgets the conversion.';
// `failed`: label-correct records whose fidelity call failed (CallFail); `never`: ones with no verdict.
function run(spuriousIds, { failed = [], never = [] } = {}) {
  return Array.from({ length: 24 }, (_, i) => {
    const id = `q${i}`;
    const correct = i % 5 !== 4;
    const spurious = spuriousIds.includes(id);
    const rationale = spurious ? 'Response A is longer and more detailed, so it is better.' : 'Response A converts the units first, while Response B forgets the conversion.';
    return JSON.stringify({ id, conversations: [{ role: 'user', content: `Add the two lengths in question ${i}.` }], response_A: `A${i}`, response_B: `B${i}`, gt_label: 'A', gt_judgment: GOLD, model_judgment: `${rationale} \\boxed{${correct ? 'A' : 'B'}}`, model_pred: correct ? 'A' : 'B', ...(never.includes(id) ? {} : { metarm_verdict: !correct ? 'SkippedLabelMismatch' : failed.includes(id) ? 'CallFail' : spurious ? 'Incorrect' : 'Correct' }) });
  }).join('\n') + '\n';
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  writeFileSync(join(folder, 'genrm-v1.jsonl'), run(['q1'], { never: ['q8'] }));
  writeFileSync(join(folder, 'genrm-v2.jsonl'), run(['q1', 'q7'], { failed: ['q3'] }));
  const expected = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'compare', join(folder, 'genrm-v1.jsonl'), join(folder, 'genrm-v2.jsonl'), '--json'], { encoding: 'utf8' }));

  await harness.openWorkbench(page, server, folder, { waitForFile: 'genrm-v1.jsonl' });
  await harness.explorerMenu(page, 'genrm-v1.jsonl', 'Compare with…');
  // The other run, in the file dialog (code-server's own, a quick input that takes a path).
  const input = page.locator('.quick-input-widget input.input');
  await page.locator('.quick-input-widget', { hasText: 'Compare genrm-v1.jsonl with…' }).waitFor({ timeout: 15_000 });
  // The dialog fills in its folder after it shows: type the path once it has, and check it stuck.
  const other = join(folder, 'genrm-v2.jsonl');
  await page.waitForFunction(() => document.querySelector('.quick-input-widget input.input')?.value.endsWith('/'), null, { timeout: 15_000 });
  for (let attempt = 0; (await input.inputValue()) !== other; attempt++) {
    if (attempt > 10) throw new Error(`the file dialog keeps "${await input.inputValue()}"`);
    await input.fill(other);
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'genrm-v2.jsonl' }).first().waitFor();
  await page.keyboard.press('Enter');
  const view = harness.webviewFrame(page);
  await view.locator('h1', { hasText: 'Compare: genrm-v1.jsonl → genrm-v2.jsonl' }).waitFor({ timeout: 30_000 });
  await view.locator('div', { hasText: `McNemar exact p = ${expected.labelAccuracy.mcnemarP.toFixed(4)}` }).first().waitFor();
  await view.locator('[data-role="s-corr-delta"]', { hasText: '95% paired bootstrap' }).waitFor();
  const cell = view.locator('button[data-transition="aligned:spurious"]');
  if ((await cell.textContent()).trim() !== String(expected.transitions.aligned.spurious)) throw new Error('the transition table disagrees with the CLI');

  // Judge failed and never judged are classes of their own, in the table and as a filter with its badge.
  const heads = await view.locator('table.transitions th').allTextContents();
  if (!heads.includes('judge failed') || !heads.includes('never judged')) throw new Error(`the transition table's classes: ${heads.join(', ')}`);
  if (expected.transitions.aligned['judge-failed'] !== 1 || expected.transitions['never-judged'].aligned !== 1) throw new Error(`the CLI's transitions: ${JSON.stringify(expected.transitions)}`);
  if ((await view.locator('button[data-transition="never-judged:aligned"]').textContent()).trim() !== '1') throw new Error('never judged → aligned is not 1');
  await view.locator('[data-filter="became-judge-failed"]').click();
  await view.locator('[data-role="filter-label"]', { hasText: 'any class → judge failed: 1 record' }).waitFor();
  const failedRow = view.locator('.changed-grid tbody tr', { hasText: 'q3' });
  const badge = failedRow.locator('td[data-run="b"][data-kind="judge-failed"] .c-kind', { hasText: 'judge failed' });
  if (!(await badge.getAttribute('title')).includes('F-Score leaves it out')) throw new Error('the judge-failed badge does not say how F-Score counts it');

  // "became spurious" lists q7 (aligned in v1, spurious in v2); its two rationales side by side.
  await view.locator('[data-filter="became-spurious"]').click();
  await view.locator('[data-role="filter-label"]', { hasText: 'any class → spurious: 1 record' }).waitFor();
  // The grid: one row per record, a column per run with its class badge.
  const row = view.locator('.changed-grid tbody tr', { hasText: 'q7' });
  await row.locator('td[data-run="a"][data-kind="aligned"] .c-kind', { hasText: 'aligned' }).waitFor();
  await row.locator('td[data-run="b"][data-kind="spurious"] .c-kind', { hasText: 'spurious' }).waitFor();
  if ((await view.locator('.changed-grid tbody tr').count()) !== 1) throw new Error('the grid lists records the filter leaves out');
  await row.locator('.grid-open').click();
  await view.locator('.pair .side[data-run="a"][data-kind="aligned"]').waitFor({ timeout: 15_000 });
  await view.locator('.pair .side[data-run="b"][data-kind="spurious"]').waitFor();
  // The gold once, in the middle, rendered; its highlights from b, then from a.
  if ((await view.locator('.pair .annotated[data-side="gold"]').count()) !== 1) throw new Error('the gold judgment is shown more than once');
  const columns = await view.locator('.pair .side').evaluateAll((els) => els.map((e) => (e.classList.contains('gold-column') ? 'gold' : e.dataset.run)));
  if (columns.join(',') !== 'a,gold,b') throw new Error(`the pair's columns are ${columns.join(',')}`);
  for (const el of ['.pair .gold-column .annotated', '.pair .side[data-run="b"] .annotated[data-side="rationale"]']) {
    if ((await view.locator(el).getAttribute('data-view')) !== 'rendered') throw new Error(`${el} is not rendered Markdown`);
  }
  await view.locator('.pair .gold-column [data-gold-from="b"][aria-pressed="true"]').waitFor();
  await view.locator('.pair .side[data-run="a"] .annotated[data-side="rationale"] .claim').first().waitFor();
  await view.locator('.pair .gold-column .annotated[data-side="gold"] .claim').first().waitFor();
  await view.locator('.pair .gold-column [data-gold-from="a"]').click();
  await view.locator('.pair .gold-column [data-gold-from="a"][aria-pressed="true"]').waitFor();
  await view.locator('.pair .side[data-run="a"] .annotated[data-side="rationale"] .claim.cls-shared').first().hover();
  await view.locator('.pair .gold-column .claim.linked').first().waitFor({ timeout: 5000 });
  // The two S-Corr figures are explained.
  await view.locator('[data-role="s-corr-note"]', { hasText: 'Two S-Corr figures' }).waitFor();
  await harness.screenshot(page, `${name}-became-spurious`);
}
