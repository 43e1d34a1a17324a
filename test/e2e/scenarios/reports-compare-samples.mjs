/* global process, document */
// "Compare with…" on two sampled runs (issue 24: R-Align files whose ids repeat, one row per sample):
// the samples section beside the row figures: L-Acc by majority and S-Corr per sample for each run,
// each with its count and denominator, the McNemar on the majority, the paired bootstrap with its
// seed and resample count, and the records in one run only left out and counted, all as the CLI says.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 120_000;

/** `runs` rows per id over `records` ids; sample s of record i is right unless (i + s) % wrong === 0. */
function sampled(records, runs, wrong, spuriousEvery) {
  const rows = [];
  for (let s = 0; s < runs; s++) {
    for (let i = 0; i < records; i++) {
      const right = (i + s) % wrong !== 0;
      const spurious = right && (i * runs + s) % spuriousEvery === 0;
      rows.push(JSON.stringify({ id: `q${i}`, conversations: [{ role: 'user', content: `Question ${i}` }], response_A: `A${i}`, response_B: `B${i}`, gt_label: 'A', gt_judgment: 'A converts the units first.', model_judgment: `Sample ${s}. \\boxed{${right ? 'A' : 'B'}}`, model_pred: right ? 'A' : 'B', metarm_verdict: right ? (spurious ? 'Incorrect' : 'Correct') : 'SkippedLabelMismatch' }));
    }
  }
  return rows.join('\n') + '\n';
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const folder = harness.makeWorkspace([], { parent: tmp });
  writeFileSync(join(folder, 'sampled-v1.jsonl'), sampled(20, 5, 3, 4));
  writeFileSync(join(folder, 'sampled-v2.jsonl'), sampled(18, 5, 4, 6));
  const expected = JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'compare', join(folder, 'sampled-v1.jsonl'), join(folder, 'sampled-v2.jsonl'), '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).samples;
  if (!expected || expected.join.onlyInA !== 2) throw new Error('the fixture should pair 18 sample sets and leave 2 out');

  await harness.openWorkbench(page, server, folder, { waitForFile: 'sampled-v1.jsonl' });
  await harness.explorerMenu(page, 'sampled-v1.jsonl', 'Compare with…');
  const input = page.locator('.quick-input-widget input.input');
  await page.locator('.quick-input-widget', { hasText: 'Compare sampled-v1.jsonl with…' }).waitFor({ timeout: 15_000 });
  const other = join(folder, 'sampled-v2.jsonl');
  await page.waitForFunction(() => document.querySelector('.quick-input-widget input.input')?.value.endsWith('/'), null, { timeout: 15_000 });
  for (let attempt = 0; (await input.inputValue()) !== other; attempt++) {
    if (attempt > 10) throw new Error(`the file dialog keeps "${await input.inputValue()}"`);
    await input.fill(other);
  }
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sampled-v2.jsonl' }).first().waitFor();
  await page.keyboard.press('Enter');
  const view = harness.webviewFrame(page);
  const section = view.locator('[data-role="samples"]');
  await section.waitFor({ timeout: 30_000 });
  await section.locator('[data-role="samples-join"]', { hasText: '18 paired · 2 left out (2 only in a, 0 only in b)' }).waitFor();
  const m = expected.majority;
  await section.locator('[data-role="samples-mcnemar"]', { hasText: `McNemar exact p = ${m.mcnemarP.toFixed(4)} (${m.onlyACorrect} right by majority only in a, ${m.onlyBCorrect} only in b)` }).waitFor();
  await section.locator(`tr[data-figure="L-Acc by majority"] td[data-run="a"][title="${m.a.count}/${m.a.denominator} paired records with a gold label in both runs"]`, { hasText: `(${m.a.count}/${m.a.denominator})` }).waitFor();
  const c = expected.sCorrPerSample;
  await section.locator('tr[data-figure="S-Corr per sample"] td[data-run="b"]', { hasText: `(${c.b.count}/${c.b.denominator})` }).waitFor();
  await section.locator('[data-role="samples-s-corr-delta"]', { hasText: `(${c.resamples} resamples, ${c.usedResamples} with both figures defined, seed ${c.seed})` }).waitFor();
  await section.scrollIntoViewIfNeeded();
  await harness.screenshot(page, `${name}-samples`);
}
