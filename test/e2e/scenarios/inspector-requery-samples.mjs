/* global setTimeout -- Node globals (eslint.config.mjs gives .mjs files none) */
// Re-query ×k from the Inspector against a real OpenAI-compatible server (the fake one, standalone,
// streaming slowly) at 1400×900: the estimate comes first in a modal and nothing is sent before
// Start; the k samples stream into live chips under the strip at once, then take their place in the
// sample strip from the journal (k lines for the record); a second run asks k more, one of which
// fails, and the end says how many failed and why; a run cancelled mid-way is completed by the next
// one, which asks only the missing sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 240_000;

const FILE = 'r-align-synthetic.jsonl';
const answer = (n) => `Sample ${n}: average speed is total distance over total time, so B's 48 km/h is right and A's 50 km/h is wrong.\n\n\\boxed{B}`;
const slow = (n) => ({ kind: 'reply', content: answer(n), reasoning: `thinking about sample ${n}`, chunks: 24, chunkDelayMs: 120 });

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const fake = await harness.startFakeServer(tmp, { delayMs: 0 });
  const restoreSettings = harness.patchUserSettings(server, {
    'rationaleLens.genrm.baseUrl': fake.baseUrl,
    'rationaleLens.genrm.model': 'fake-genrm',
    'rationaleLens.fidelity.baseUrl': fake.baseUrl,
    'rationaleLens.fidelity.model': 'fake-judge',
    'rationaleLens.requery.samples': 3,
    'rationaleLens.requery.temperature': 0.7,
    'rationaleLens.requery.bothOrders': true,
    // Every run asks first: the estimate must be shown before anything is sent.
    'rationaleLens.confirmRunAboveTokens': 1,
  });
  try {
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    const journal = join(folder, `${FILE}.rlens-journal.jsonl`);
    const samplesOf = (index) => {
      let text = '';
      try {
        text = readFileSync(journal, 'utf8');
      } catch {
        return [];
      }
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.kind === 'genrm' && e.recordIndex === index && e.sample !== undefined);
    };
    const chatRequests = async () => (await fake.control('requests')).filter((r) => r.path.endsWith('/chat/completions'));
    const view = await harness.openInInspector(page, server, folder, FILE);
    await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value').filter({ hasText: '25.0%' }).waitFor({ timeout: 30_000 });
    await view.locator('.search input').fill('ra-008');
    await view.locator('.search input').press('Enter');
    await view.locator('.vrow .c-id', { hasText: 'ra-008' }).first().click();
    await view.locator('.record .record-id', { hasText: 'ra-008' }).waitFor();
    // One sample so far: no strip, the way to ask for more under the judgment.
    if ((await view.locator('.sample-strip').count()) !== 0) throw new Error('a one-sample record shows a strip');
    const ask = view.locator('vscode-button[data-action="requery-samples-strip"]');
    await ask.waitFor();

    // The estimate first, in a modal: nothing is sent until Start.
    await fake.control('enqueue', [slow(1), slow(2), slow(3)]);
    await ask.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: '3 requests' });
    await dialog.waitFor({ timeout: 30_000 });
    if (!/re-querying the GenRM ×3 \(3 samples of 1 record, up to sample 3, both orders\)/.test((await dialog.textContent()) ?? '')) throw new Error(`the estimate says: ${await dialog.textContent()}`);
    if ((await chatRequests()).length !== 0) throw new Error('requests were sent before the run was confirmed');
    await harness.screenshot(page, `${name}-estimate`);
    await dialog.locator('.monaco-button', { hasText: 'Start' }).click();

    // The three samples stream at once, each into its own live chip.
    const live = view.locator('.live-samples .live-sample');
    let together = false;
    for (const deadline = Date.now() + 30_000; !together; ) {
      const states = await live.evaluateAll((els) => els.map((el) => ({ state: el.dataset.state, text: el.querySelector('.live-sample-text')?.textContent ?? '' })));
      together = states.length === 3 && states.every((s) => s.state === 'streaming' && s.text.length > 0);
      if (Date.now() > deadline) throw new Error(`the three samples never streamed together: ${JSON.stringify(states).slice(0, 600)}`);
      if (!together) await new Promise((r) => setTimeout(r, 50));
    }
    await view.locator('.live-sample[data-sample="2"] .chip-order').waitFor(); // sample 2 is shown B first
    await view.locator('.live-samples-progress', { hasText: '/3 samples of 1 record' }).waitFor();
    await harness.screenshot(page, `${name}-streaming`);

    // Done: the strip holds the file's sample and the three re-queries, from the journal.
    await view.locator('.sample-strip .sample-figures[data-k="4"]').waitFor({ timeout: 30_000 });
    // A swapped sample's "B" names the response shown second, A: read back in the original frame.
    const chips = await view.locator('.sample-strip .sample-chip').evaluateAll((els) => els.map((el) => el.textContent ?? ''));
    if (chips.length !== 4 || chips.filter((t) => t.includes('⇄')).length !== 1 || !chips.some((t) => /A ⇄/.test(t))) throw new Error(`the strip's chips: ${JSON.stringify(chips)}`);
    if ((await view.locator('.live-samples .live-sample').count()) !== 0) throw new Error('live chips stayed after the strip showed the samples');
    await harness.notification(page, 'Re-query ×3 finished: 3/3 samples of 1 record').filter({ hasText: '3 answered, 0 from the journal, 0 failed' }).waitFor({ timeout: 15_000 });
    const lines = samplesOf(7);
    if (lines.length !== 3 || lines.map((e) => e.sample).sort().join() !== '1,2,3') throw new Error(`the journal has ${lines.length} sample lines for ra-008: ${lines.map((e) => e.sample)}`);
    const first = await chatRequests();
    if (first.length !== 3 || first.some((r) => r.body?.temperature !== 0.7 || r.body?.stream !== true)) throw new Error('the samples were not 3 streamed requests at temperature 0.7');
    await harness.screenshot(page, `${name}-strip`);

    // k more: samples 4–6; one call fails, and the end says how many and why.
    await fake.control('enqueue', [slow(4), { kind: 'error', status: 400, message: 'context too long for this test' }, slow(6)]);
    await ask.click();
    const dialog2 = page.locator('.monaco-dialog-box', { hasText: 'up to sample 6' });
    await dialog2.waitFor({ timeout: 30_000 });
    await dialog2.locator('.monaco-button', { hasText: 'Start' }).click();
    const failed = harness.notification(page, '1 failed. Why: 1 ×');
    await failed.filter({ hasText: 'context too long for this test' }).waitFor({ timeout: 30_000 });
    await view.locator('.sample-strip .sample-figures[data-k="7"]').waitFor({ timeout: 30_000 });
    await harness.screenshot(page, `${name}-failed`);

    // Cancelled mid-way: the hanging sample is stopped; the next run asks only it.
    await fake.control('enqueue', [{ kind: 'hang' }]);
    await ask.click();
    const dialog3 = page.locator('.monaco-dialog-box', { hasText: '1 requests' });
    await dialog3.waitFor({ timeout: 30_000 });
    await dialog3.locator('.monaco-button', { hasText: 'Start' }).click();
    await view.locator('.live-samples vscode-button[data-action="cancel-samples"]').click({ timeout: 30_000 });
    await harness.notification(page, 'Re-query ×3 cancelled').waitFor({ timeout: 30_000 });
    const beforeResume = (await chatRequests()).length;
    await fake.control('enqueue', [slow(5)]);
    await ask.click();
    const dialog4 = page.locator('.monaco-dialog-box', { hasText: '1 requests' });
    await dialog4.waitFor({ timeout: 30_000 });
    await dialog4.locator('.monaco-button', { hasText: 'Start' }).click();
    await harness.notification(page, 'Re-query ×3 finished: 1/1 samples').waitFor({ timeout: 30_000 });
    if ((await chatRequests()).length !== beforeResume + 1) throw new Error('the resumed run asked more than the missing sample');
    const answered = [...new Set(samplesOf(7).filter((e) => e.raw !== null).map((e) => e.sample))].sort((a, b) => a - b);
    if (answered.join() !== '1,2,3,4,5,6') throw new Error(`answered samples of ra-008: ${answered}`);
    await view.locator('.sample-strip .sample-figures[data-k="7"]').waitFor({ timeout: 30_000 });
    await harness.screenshot(page, name);
  } finally {
    restoreSettings();
    fake.stop();
  }
}
