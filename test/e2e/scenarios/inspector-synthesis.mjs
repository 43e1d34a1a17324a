// A synthesis over parallel trajectories (issue 24, PaCoRe / STEP3-VL) in the Inspector at 1400×900:
// the record's strip shows its trajectories as named parts ("trajectory 1…4") and the synthesis apart,
// the figures count the trajectories only, and choosing the synthesis shows its rationale (the
// record's final judgment) against the gold.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const GOLD = 'Response A handles the empty input; response B crashes on it.';
const answer = (p, i) => ({ content: `Trajectory ${i + 1}: response ${p} handles the empty input. \\boxed{${p}}`, reasoning_content: `thinking ${i + 1}` });
function row(id, picks, final) {
  const synthesis = `Combining the references for ${id}: response ${final} is better. \\boxed{${final}}`;
  return {
    id,
    conversations: [{ role: 'user', content: `Which response handles the empty input? (${id})` }],
    response_A: `def f(x): return x or []  # ${id}`,
    response_B: `def f(x): return x  # ${id}`,
    gt_label: 'A',
    gt_judgment: GOLD,
    round_responses: [picks.map(answer), [{ content: synthesis, reasoning_content: 'synthesis thinking' }]],
    final_response: synthesis,
    final_reasoning_content: 'synthesis thinking',
  };
}

export default async function ({ page, server, harness, tmp, name }) {
  const FILE = 'pacore.jsonl';
  const source = join(tmp, FILE);
  writeFileSync(source, [row('p1', ['A', 'B', 'A', 'A'], 'A'), row('p2', ['B', 'B', 'A', 'B'], 'A')].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const folder = harness.makeWorkspace([source], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const view = harness.webviewFrame(page);
  await view.locator('.vrow', { hasText: 'p2' }).first().click({ timeout: 60_000 });
  const strip = view.locator('.sample-strip');
  await strip.locator('.sample-figures[data-k="4"]', { hasText: '4 trajectories' }).waitFor({ timeout: 30_000 });
  await strip.locator('.sample-synthesis', { hasText: 'synthesis A' }).waitFor();
  const parts = await strip.locator('.sample-chip').evaluateAll((els) => els.map((e) => e.dataset.part ?? ''));
  if (parts.join(',') !== 'trajectory 1,trajectory 2,trajectory 3,trajectory 4,synthesis') throw new Error(`the strip's parts are ${parts.join(',')}`);
  // The majority is the trajectories' (B, 3 of 4); the synthesis overrules it.
  await strip.locator('.sample-figures', { hasText: 'majority B (3 of 4)' }).waitFor();
  await strip.locator('.sample-chip[data-part="trajectory 3"]').click();
  await strip.locator('.sample-detail .column-title', { hasText: 'trajectory 3 · verdict A' }).waitFor();
  await strip.locator('.sample-chip[data-part="synthesis"]').click();
  await strip.locator('.sample-chip[data-part="synthesis"][aria-pressed="true"]').waitFor();
  await strip.locator('.sample-detail .column-title', { hasText: 'synthesis · verdict A' }).waitFor();
  await strip.locator('.sample-detail', { hasText: 'Combining the references for p2' }).waitFor();
  await strip.scrollIntoViewIfNeeded();
  await harness.screenshot(page, `${name}-strip`);
}
