// Issue 24 in the Inspector at 1400×900, on a seeded file sampled k = 10 times per record (rows
// repeating an id, VL-RewardBench style): the status bar and the header show the per-sample and
// majority figures, equal to `stats --json`'s samples object; the "Unstable" filter keeps the
// records whose flip rate is above 20% (one row each); the flip-rate sort puts the least stable
// first; the strip of a record holds all ten samples, a chosen sample shows its rationale against
// the gold, and two samples side by side mark the gold claims they disagree on.
import { spawnSync } from 'node:child_process';
import { execPath } from 'node:process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampledRows } from '../harness/sampledFile.mjs';

export const timeout = 180_000;

const K = 10;
const pct = (x, digits = 1) => (x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`);

/** Each id's flip rate and its rows, computed here from the rows written (independently of the extension). */
function flipRates(rows) {
  const byId = new Map();
  for (const r of rows) {
    const set = byId.get(r.id) ?? [];
    set.push(r);
    byId.set(r.id, set);
  }
  return [...byId].map(([id, set]) => {
    const counts = new Map();
    for (const r of set) counts.set(r.model_pred, (counts.get(r.model_pred) ?? 0) + 1);
    return { id, rows: set, flip: 1 - Math.max(...counts.values()) / set.length };
  });
}

export default async function ({ page, server, harness, tmp, name }) {
  const FILE = 'sampled-k10.jsonl';
  const source = join(tmp, FILE);
  const rows = sampledRows(24, 12, K);
  writeFileSync(source, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const cli = spawnSync(execPath, [join(harness.ROOT, 'dist', 'cli.js'), 'stats', source, '--json'], { encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`stats failed: ${cli.stderr}`);
  const expected = JSON.parse(cli.stdout).samples;
  const sets = flipRates(rows);
  const unstable = sets.filter((s) => s.flip > 0.2).sort((a, b) => b.flip - a.flip);
  if (unstable.length !== expected.flipRateAbove20.count || unstable.length < 2) throw new Error(`the seeded file has ${unstable.length} unstable records, stats says ${expected.flipRateAbove20.count}`);

  const folder = harness.makeWorkspace([source], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();

  // The status bar: the file's figures, then the per-sample and majority ones.
  // Per sample / by majority, short enough to show whole at 1400 px.
  const bar = harness.statusBarItem(page, `k=${K}:`);
  await bar.waitFor({ state: 'visible', timeout: 60_000 });
  const barText = (await bar.innerText()).replace(/\s+/g, ' ');
  const barWant = `k=${K}: S-Corr ${pct(expected.sCorrPerSample.value)}/${pct(expected.sCorrMajority.value)} · L-Acc ${pct(expected.labelAccuracyPerSample.value)}/${pct(expected.labelAccuracyMajority.value)} · flip ${pct(expected.meanFlipRate.value)}`;
  if (!barText.includes(barWant)) throw new Error(`the status bar lacks "${barWant}": ${barText}`);
  const barLabel = await bar.locator('a, .statusbar-item-label').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  if (barLabel.scroll > barLabel.client + 1) throw new Error(`the status bar item is cut (${barLabel.scroll} > ${barLabel.client} px)`);

  // The header: each figure equal to the CLI's, its denominator in the tooltip.
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const view = harness.webviewFrame(page);
  const card = view.locator('.metric.samples-card');
  await card.waitFor({ timeout: 60_000 });
  if ((await card.locator('.samples-k').innerText()) !== String(K)) throw new Error('k is not shown as 10');
  const figures = [
    ['s-corr-sample', expected.sCorrPerSample],
    ['s-corr-majority', expected.sCorrMajority],
    ['l-acc-sample', expected.labelAccuracyPerSample],
    ['l-acc-majority', expected.labelAccuracyMajority],
    ['flip', expected.meanFlipRate],
    ['flip-above', expected.flipRateAbove20],
  ];
  for (const [id, f] of figures) {
    const el = card.locator(`[data-figure="${id}"]`);
    const value = await el.locator('.sample-figure-value').innerText();
    if (value !== pct(f.value)) throw new Error(`${id} shows ${value}, stats says ${pct(f.value)}`);
    const title = await el.getAttribute('title');
    const basis = f.count === undefined ? `mean over ${f.denominator} ${f.over}` : `${f.count}/${f.denominator} ${f.over}`;
    if (!title.includes(basis)) throw new Error(`${id}'s tooltip lacks "${basis}": ${title}`);
  }
  const [low, high] = expected.sCorrPerSample.interval;
  const ci = await card.locator('[data-figure="s-corr-sample"] .sample-figure-ci').innerText();
  if (ci.trim() !== `[${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}]`) throw new Error(`the Wilson interval shows ${ci}`);
  await harness.screenshot(page, `${name}-header`);

  // The "Unstable" filter: one row per record whose flip rate is above 20%, as many as stats counts.
  const status = view.locator('.list-status');
  await status.filter({ hasText: new RegExp(`^${rows.length} records`) }).waitFor({ timeout: 30_000 });
  const chip = view.locator('.chip.samples-filter[data-filter="unstable"]');
  if ((await chip.locator('.chip-count').innerText()) !== String(unstable.length)) throw new Error(`the Unstable chip counts ${await chip.innerText()}`);
  for (const other of ['majority-spurious', 'sometimes-correct']) await view.locator(`.chip.samples-filter[data-filter="${other}"]`).waitFor();
  await chip.click();
  await view.locator('.chip.samples-filter[data-filter="unstable"][aria-pressed="true"]').waitFor();
  await status.filter({ hasText: new RegExp(`^${unstable.length} records`) }).waitFor({ timeout: 30_000 });

  // Sorted by flip rate, highest first: the ids in the order computed here, each with its rate.
  await view.locator('vscode-single-select.sort-select').click();
  await view.locator('vscode-single-select.sort-select').locator('li, [role="option"]', { hasText: 'Flip rate, highest first' }).first().click();
  await view.locator('.list-head .c-cov', { hasText: 'flip' }).waitFor();
  const want = unstable.map((s) => `${s.id} ${pct(s.flip, 0)}`).join(', ');
  let shown = '';
  for (let i = 0; i < 100 && shown !== want; i++) {
    await view.locator('.vlist[aria-busy="false"]').waitFor({ timeout: 30_000 });
    const ids = await view.locator('.vrow[data-index]:not([hidden]) .c-id').allInnerTexts();
    const flips = await view.locator('.vrow[data-index]:not([hidden]) .c-flip').allInnerTexts();
    shown = ids.map((id, j) => `${id.trim()} ${(flips[j] ?? '').trim()}`).join(', ');
    if (shown !== want) await page.waitForTimeout(100);
  }
  if (shown !== want) throw new Error(`sorted list: ${shown}; expected ${want}`);

  // The least stable record: its strip holds all ten samples, from ten rows.
  const top = unstable[0];
  await view.locator('.vrow', { hasText: top.id }).first().click();
  const strip = view.locator('.sample-strip');
  await strip.locator(`.sample-figures[data-k="${K}"]`).waitFor({ timeout: 30_000 });
  const chips = strip.locator('.sample-chip');
  if ((await chips.count()) !== K) throw new Error(`${await chips.count()} sample chips`);
  const flipShown = await strip.locator('.sample-flip').innerText();
  if (!flipShown.includes(pct(top.flip, 0))) throw new Error(`the strip's flip rate reads "${flipShown}", expected ${pct(top.flip, 0)}`);

  // Step through chips: each shows that sample's rationale against the gold.
  const goldText = top.rows[0].gt_judgment;
  for (const n of [2, 3, 5]) {
    await chips.nth(n - 1).click();
    const detail = strip.locator(`.sample-detail[data-sample="${n}"]`);
    await detail.waitFor();
    const rationale = (await detail.locator('.column.rationale .annotated').innerText()).replace(/\s+/g, ' ');
    const expectedStart = `Sample ${n}.`;
    if (!rationale.includes(expectedStart)) throw new Error(`chip #${n} shows "${rationale.slice(0, 120)}"`);
    const gold = (await detail.locator('.column.gold').innerText()).replace(/\s+/g, ' ');
    if (!gold.includes(goldText)) throw new Error(`chip #${n}'s gold column reads "${gold.slice(0, 160)}"`);
    if ((await chips.nth(n - 1).getAttribute('aria-pressed')) !== 'true') throw new Error(`chip #${n} is not pressed`);
  }
  await harness.screenshot(page, `${name}-strip`);

  // Two samples side by side: one for the gold label, one against it (it blames the gold's first reason on B).
  const forA = top.rows.findIndex((r) => r.model_pred === 'A' && /Response A (handles|explains)|Response B ignores/.test(r.model_judgment)) + 1;
  const forB = top.rows.findIndex((r) => r.model_pred === 'B') + 1;
  if (forA < 1 || forB < 1) throw new Error('the unstable record lacks a sample of each verdict');
  await chips.nth(forA - 1).click();
  await strip.locator('input[data-action="compare-samples"]').check();
  await chips.nth(forB - 1).click();
  const compare = strip.locator(`.sample-compare[data-compare="${forA}-${forB}"]`);
  await compare.waitFor();
  const marked = Number(await compare.getAttribute('data-disagreements'));
  const marks = compare.locator('mark.disagree');
  if (marked < 1 || (await marks.count()) !== marked) throw new Error(`${marked} disagreements, ${await marks.count()} marks`);
  const titles = await marks.evaluateAll((els) => els.map((e) => e.title));
  if (!titles.some((t) => new RegExp(`#${forA} (states|misses|contradicts) it; #${forB} (states|misses|contradicts) it`).test(t))) throw new Error(`mark titles: ${titles.join(' | ')}`);
  const contradicted = await marks.evaluateAll((els) => els.map((e) => e.textContent));
  if (!contradicted.some((t) => t.includes('handles the empty input'))) throw new Error(`the marked claims are ${contradicted.join(' | ')}`);
  const note = await compare.locator('.sample-compare-note').innerText();
  if (!note.includes(`#${forA} and #${forB} differ`)) throw new Error(`the comparison says "${note}"`);
  await harness.screenshot(page, `${name}-compare`);
}
