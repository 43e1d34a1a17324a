/* global process, getComputedStyle */
// The Inspector opens on the active evaluation file through "Rationale Lens: Open Inspector", shows
// the same S-Corr / L-Acc / F-Score as the CLI (`node dist/cli.js stats <file> --json`), the 2×2
// table and the by-subset chart, and a first record with highlighted claims.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const timeout = 90_000;

const pct = (x) => `${(x * 100).toFixed(1)}%`;

export default async function ({ page, server, harness, tmp, ROOT }) {
  const FILE = 'r-align-synthetic.jsonl';
  // A file with label-correct records both judge-failed (CallFail, ParseFail) and never judged (test/fixtures/README.md).
  const MIXED = 'r-align-judge-failed-and-never-judged.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE), join(ROOT, 'test', 'fixtures', MIXED)], { parent: tmp });
  const expected = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'stats', join(folder, FILE), '--json'], { encoding: 'utf8' }));

  const view = await harness.openInInspector(page, server, folder, FILE);
  const sCorr = view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
  await sCorr.waitFor({ state: 'visible', timeout: 30_000 });
  const got = {
    sCorr: (await sCorr.textContent()).trim(),
    lAcc: (await view.locator('.metrics[data-state="final"] [data-metric="l-acc"] .metric-value').textContent()).trim(),
    fScore: (await view.locator('.metrics[data-state="final"] [data-metric="f-score"] .metric-value').textContent()).trim(),
  };
  const want = { sCorr: pct(expected.sCorr), lAcc: pct(expected.labelAccuracy), fScore: pct(expected.fScore) };
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`header figures ${JSON.stringify(got)}, CLI says ${JSON.stringify(want)}`);
  const note = await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-note').textContent();
  if (!note.includes(`${expected.fidelity.misaligned}/${expected.fidelity.aligned + expected.fidelity.misaligned}`)) throw new Error(`S-Corr counts missing: ${note}`);
  await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-ci', { hasText: '95% CI' }).waitFor();

  // The 2×2 table and the subsets chart (folded away by default, one click).
  await view.locator('.details-toggle', { hasText: 'Show details' }).click();
  await view.locator('.grid2x2 td.k-spurious', { hasText: String(expected.table.labelCorrect.misaligned) }).waitFor();
  await view.locator('.subsets .subset-row').first().waitFor();
  const subsetRows = await view.locator('.subsets .subset-row').count();
  if (subsetRows !== 5) throw new Error(`expected 5 subset rows, got ${subsetRows}`);

  // The list and the first record, with alignment highlights.
  const rows = view.locator('.vrow[data-index]:not([hidden])');
  await rows.first().waitFor();
  await view.locator('.vrow.selected[data-index="0"]').waitFor();
  await view.locator('.record[data-index="0"] .annotated[data-side="rationale"] .claim').first().waitFor();
  await view.locator('.coverage', { hasText: 'lexical heuristic' }).first().waitFor();
  // Changed words inside a matched pair are marked, never in bold (bold is Markdown's emphasis).
  const changed = view.locator('.record .annotated .diff').first();
  await changed.waitFor({ state: 'attached' });
  const weight = await changed.evaluate((el) => Number(getComputedStyle(el).fontWeight));
  const around = await changed.evaluate((el) => Number(getComputedStyle(el.parentElement).fontWeight));
  if (weight !== around) throw new Error(`changed words are drawn at weight ${weight}, the text around them at ${around}`);
  await view.locator('.coverage', { hasText: 'threshold → looks' }).first().waitFor();
  // The fidelity judge's own key points (metarm_raw), as a checklist with their anchors.
  await view.locator('.record[data-index="0"] .key-points .key-point', { hasText: 'Response A miscomputes 17 × 4 as 58' }).waitFor();
  await view.locator('.record[data-index="0"] .key-points summary', { hasText: "the judge's 2 key points" }).waitFor();
  // Only the visible rows are in the DOM.
  const inDom = await view.locator('.vrow').count();
  if (inDom > 80) throw new Error(`${inDom} rows in the DOM for 48 records`);

  // The text editor's tab and the Inspector's (a custom editor, checked in-host).
  await page.locator('.tabs-container .tab', { hasText: FILE }).nth(1).waitFor();

  // A subset filter: "All" is no longer pressed (it is not what is shown) and counts the subset's records.
  await view.locator('.subsets .subset-row').first().click();
  await view.locator('.chip[data-kind="all"][aria-pressed="false"]').waitFor();
  const allCount = (await view.locator('.chip[data-kind="all"] .chip-count').textContent()).trim();
  const listed = (await view.locator('.list-status').textContent()).trim();
  if (!listed.startsWith(`${allCount} records`)) throw new Error(`"All" counts ${allCount} in a subset whose list says "${listed}"`);
  await view.locator('.subsets .subset-row').first().click(); // a second click clears the subset
  await view.locator('.chip[data-kind="all"][aria-pressed="true"]').waitFor();

  // Another feature asks for a record through rationaleLens.openRecord: the Inspector shows it.
  await harness.runCommand(page, 'Rationale Lens: Go to Next Spurious Record');
  await view.locator('.record .record-id', { hasText: 'ra-008' }).waitFor({ timeout: 15_000 });
  await view.locator('.vrow.selected .c-id', { hasText: 'ra-008' }).waitFor();

  // Judge failed and never judged are two chips with their own counts (the CLI's `classes`), each
  // saying how F-Score counts it, and each filters the list to its records.
  const classes = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'stats', join(folder, MIXED), '--json'], { encoding: 'utf8' })).classes;
  if (classes['judge-failed'] !== 2 || classes['never-judged'] !== 3) throw new Error(`the fixture's classes: ${JSON.stringify(classes)}`);
  await harness.runCommand(page, 'View: Close All Editors');
  await harness.explorerItem(page, MIXED).click();
  await page.locator('.tabs-container .tab', { hasText: MIXED }).first().waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const mixed = harness.webviewFrame(page);
  await mixed.locator('.metrics[data-state="final"] [data-metric="f-score"] .metric-value', { hasText: pct(6 / 18) }).waitFor({ timeout: 30_000 });
  const chips = {};
  for (const kind of ['aligned', 'spurious', 'label-wrong', 'judge-failed', 'never-judged', 'unparseable']) {
    const chip = mixed.locator(`.chip[data-kind="${kind}"]`);
    chips[kind] = Number((await chip.locator('.chip-count').textContent()).trim());
    if (!/F-Score/.test(await chip.getAttribute('title'))) throw new Error(`the ${kind} chip's tooltip does not say how F-Score counts it`);
  }
  if (JSON.stringify(chips) !== JSON.stringify(classes)) throw new Error(`chips ${JSON.stringify(chips)}, CLI classes ${JSON.stringify(classes)}`);
  const failedTitle = await mixed.locator('.chip[data-kind="judge-failed"]').getAttribute('title');
  if (!failedTitle.includes('F-Score leaves it out')) throw new Error(`judge failed: ${failedTitle}`);
  const neverTitle = await mixed.locator('.chip[data-kind="never-judged"]').getAttribute('title');
  if (!neverTitle.includes('denominator as not aligned')) throw new Error(`never judged: ${neverTitle}`);
  await mixed.locator('.chip[data-kind="judge-failed"]', { hasText: 'judge failed' }).click();
  await mixed.locator('.list-status', { hasText: /^2 records/ }).waitFor();
  await mixed.locator('.record[data-kind="judge-failed"] .c-kind', { hasText: 'judge failed' }).waitFor();
  await mixed.locator('.chip[data-kind="never-judged"]', { hasText: 'never judged' }).click();
  await mixed.locator('.list-status', { hasText: /^3 records/ }).waitFor();
  await mixed.locator('.record[data-kind="never-judged"] .c-kind', { hasText: 'never judged' }).waitFor();
  await harness.screenshot(page, 'inspector-figures-judge-failed-never-judged');
}
