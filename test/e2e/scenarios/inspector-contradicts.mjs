// Issue 26, part 1: judgments whose rationale argues for the other response than their verdict.
// In the Inspector, the list filter "Contradicts its verdict" (labelled a heuristic) keeps the two
// records that do; a record shows the badge and its evidence sentence highlighted in the rationale.
// In the text editor, the hover and the Problems panel say it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const ARGUES_B = 'Response A gives the wrong capital. Response B correctly names Canberra and explains why.\n\nResponse B is clearly better.';
const ARGUES_A = 'Response A is correct and complete. Response B contains a factual error.\n\nResponse A is clearly better.';
const CONCEDES_B = 'Although Response B is longer and more detailed, Response A answers the question correctly and B does not.';
const ROWS = [
  { id: 'accident', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `${ARGUES_B}\n\n\\boxed{A}` },
  { id: 'consistent', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `${ARGUES_A}\n\n\\boxed{A}` },
  { id: 'flipped', gt_label: 'B', model_pred: 'A', gt_judgment: 'B is right.', model_judgment: `${ARGUES_B}\n\n\\boxed{A}` },
  { id: 'concession', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `${CONCEDES_B}\n\n\\boxed{A}` },
  { id: 'tie', gt_label: 'A', model_pred: null, gt_judgment: 'A is right.', model_judgment: 'Both are fine. [[C]]' },
].map((r) => ({ ...r, response_A: 'Sydney.', response_B: 'Canberra.', conversations: [{ role: 'user', content: 'Capital of Australia?' }] }));

export default async function ({ page, server, harness, tmp, name }) {
  const FILE = 'contradictions.jsonl';
  const source = join(tmp, FILE);
  writeFileSync(source, ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const folder = harness.makeWorkspace([source], { parent: tmp });
  await harness.openWorkbench(page, server, folder, { waitForFile: FILE });
  await harness.explorerItem(page, FILE).click();
  await page.locator('.tabs-container .tab', { hasText: FILE }).waitFor();

  // The extension is active once its status bar item shows the file's figures.
  await harness.statusBarItem(page, 'L-Acc').waitFor({ state: 'visible', timeout: 60_000 });
  // The hover on a record whose rationale argues for B under \boxed{A} (the editor may re-render a token mid-hover: retry).
  let box;
  for (let attempt = 0; ; attempt++) {
    const token = harness.editorToken(page, '"accident"');
    await token.waitFor({ state: 'visible', timeout: 30_000 });
    try {
      box = await harness.hover(page, token);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  const card = box.locator('.hover-contents').filter({ hasText: 'Rationale Lens' }).first();
  await card.waitFor({ state: 'visible' });
  const hoverText = (await card.innerText()).replace(/\s+/g, ' ');
  for (const expected of ['Contradicts its verdict', 'argues for B', 'the verdict is A', 'Response B is clearly better', 'heuristic']) {
    if (!hoverText.includes(expected)) throw new Error(`hover lacks "${expected}": ${hoverText.slice(0, 600)}`);
  }
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');

  // The Problems panel: one entry per contradicting record.
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible' });
  await panel.locator('.monaco-list-row', { hasText: 'The rationale argues for B but the verdict is A' }).first().waitFor({ state: 'visible', timeout: 20_000 });
  const entries = await panel.locator('.monaco-list-row', { hasText: 'argues for B but the verdict is A' }).count();
  if (entries !== 2) throw new Error(`${entries} Problems entries for contradicting records (expected 2)`);
  await harness.screenshot(page, `${name}-problems`);

  // The Inspector: filter by "Contradicts its verdict".
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const view = harness.webviewFrame(page);
  const status = view.locator('.list-status');
  await status.filter({ hasText: /^5 records/ }).waitFor({ timeout: 30_000 });
  const chip = view.locator('.chip[data-filter="contradicts"]');
  await chip.filter({ hasText: 'heuristic' }).waitFor();
  await chip.click();
  await view.locator('.chip[data-filter="contradicts"][aria-pressed="true"]').waitFor();
  await status.filter({ hasText: /^2 records/ }).waitFor({ timeout: 20_000 });
  const ids = (await view.locator('.c-id').allInnerTexts()).map((t) => t.replace('\u2260', '').trim()).filter(Boolean);
  if (ids.join(',') !== 'accident,flipped') throw new Error(`the filtered list shows ${ids.join(', ')}`);
  await view.locator('.c-id .contradicts-mark').first().waitFor();

  // The record: badge and the evidence highlighted in the rationale.
  await view.locator('.c-id', { hasText: 'accident' }).click();
  await view.locator('.contradicts-badge', { hasText: 'argues for B' }).waitFor({ timeout: 20_000 });
  const evidence = view.locator('.column.rationale .argument-evidence');
  await evidence.first().waitFor();
  const highlighted = (await evidence.allInnerTexts()).join(' ');
  if (!highlighted.includes('Response B is clearly better.')) throw new Error(`the highlighted evidence is "${highlighted}"`);
  if (highlighted.includes('boxed')) throw new Error('the verdict itself is highlighted as evidence');
  await harness.screenshot(page, `${name}-inspector`);

  // Off again: every record.
  await chip.click();
  await status.filter({ hasText: /^5 records/ }).waitFor({ timeout: 20_000 });
}
