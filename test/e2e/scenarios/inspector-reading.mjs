// Reading records all day at 1400×900: the gold judgment and the rationale are both in view when a
// record opens and after `j`; with the prompt and responses unfolded, stepping keeps the reader at
// the comparison; the header folds to one line; Markdown renders as elements (raw HTML stays text)
// with claim highlights and their hover links intact, and Raw shows the source; the list divider is
// dragged. Folds, the view mode and the divider are remembered across a hidden webview.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 150_000;

const GOLD = 'Response A is better. Response A applies the quadratic formula correctly and finds both roots, x = 2 and x = 3. Response B makes a sign error in the discriminant and reports complex roots, which is wrong.';
const RATIONALE =
  '**Response A** applies the quadratic formula correctly and finds both roots, x = 2 and x = 3.\n\n- Response B makes a sign error in the discriminant and reports complex roots.\n- Raw HTML stays text: <b>not bold</b> <img src=x onerror=alert(1)>\n\nVerdict: [[A]]';

function markdownFile(folder) {
  const record = (id, extra) => ({ id, conversations: [{ role: "user", content: 'Solve x^2 - 5x + 6 = 0. Show **each** step.' }], gt_label: 'A', model_pred: 'A', metarm_verdict: 'Correct', subset: 'math', ...extra });
  const lines = [
    record('md-1', { response_A: 'Using the formula:\n\n1. a = 1, b = -5, c = 6\n2. x = (5 ± 1)/2\n\nSo **x = 2 or x = 3**.', response_B: 'The discriminant is 25 + 24, so the roots are complex.', gt_judgment: GOLD, model_judgment: RATIONALE }),
  ];
  writeFileSync(join(folder, 'markdown-rationales.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const FILE = 'r-align-synthetic.jsonl';
  const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
  markdownFile(folder);
  let view = await harness.openInInspector(page, server, folder, FILE);
  await view.locator('.vrow.selected').waitFor({ timeout: 30_000 });
  const VIEWPORT = page.viewportSize().height;

  /** Both columns of the comparison start inside the viewport with at least `min` pixels of text showing. */
  const comparisonInView = async (when, min = 120) => {
    await view.locator('.record-pane:not(.stale) .judgment .annotated[data-side="rationale"]').first().waitFor();
    await page.waitForTimeout(150); // the pane places the comparison after the custom elements drew
    for (const side of ['gold', 'rationale']) {
      const box = await view.locator(`.record-pane .judgment .annotated[data-side="${side}"]`).first().boundingBox();
      if (!box || box.y < 0 || box.y + min > VIEWPORT) throw new Error(`${when}: the ${side} column is not in view (top at ${box?.y}, viewport ${VIEWPORT})`);
    }
  };
  const recordId = async () => (await view.locator('.record-pane:not(.stale) .record .record-id').textContent()).trim();
  const focusList = () => view.locator('.list-head').click();

  await comparisonInView('on open');
  await harness.screenshot(page, `${name}-open`);
  const first = await recordId();
  await focusList();
  await page.keyboard.press('j');
  await view.locator('.record .record-id:not(:text-is("' + first + '"))').waitFor();
  await comparisonInView('after j');

  // Unfold the prompt and the responses: the comparison moves below the fold. A reader at the
  // comparison who steps stays at the comparison; one reading the prompt stays at the top.
  await page.keyboard.press('p');
  await page.keyboard.press('r');
  await view.locator('vscode-collapsible[data-section="prompt"][open]').waitFor();
  await view.locator('vscode-collapsible[data-section="responses"][open]').waitFor();
  await view.locator('[data-anchor="comparison"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const second = await recordId();
  await page.keyboard.press('j');
  await view.locator('.record .record-id:not(:text-is("' + second + '"))').waitFor();
  await comparisonInView('after j with the prompt and responses open');
  await view.locator('.record-pane').evaluate((el) => (el.scrollTop = 0));
  const third = await recordId();
  await page.keyboard.press('k');
  await view.locator('.record .record-id:not(:text-is("' + third + '"))').waitFor();
  await page.waitForTimeout(150);
  const top = await view.locator('.record-pane').evaluate((el) => el.scrollTop);
  if (top !== 0) throw new Error(`a reader at the prompt was moved (scrollTop ${top})`);

  // The header folds to one line and keeps the figures.
  const sCorr = (await view.locator('.metrics [data-metric="s-corr"] .metric-value').textContent()).trim();
  await page.keyboard.press('h');
  await view.locator('.header.folded').waitFor();
  const headerHeight = (await view.locator('.header').boundingBox()).height;
  if (headerHeight > 40) throw new Error(`the folded header is ${headerHeight}px high`);
  const folded = (await view.locator('.folded-metric[data-metric="s-corr"] .metric-value').textContent()).trim();
  if (folded !== sCorr) throw new Error(`folded S-Corr ${folded}, unfolded ${sCorr}`);

  // The list divider is dragged wider.
  const listBefore = (await view.locator('.list-pane').boundingBox()).width;
  const handle = view.locator('vscode-split-layout .handle');
  const hb = await handle.boundingBox();
  await page.mouse.move(hb.x + hb.width / 2, hb.y + 200);
  await page.mouse.down();
  await page.mouse.move(hb.x + hb.width / 2 + 80, hb.y + 200, { steps: 4 });
  await page.mouse.move(hb.x + hb.width / 2 + 160, hb.y + 200, { steps: 4 });
  await page.mouse.up();
  const listAfter = (await view.locator('.list-pane').boundingBox()).width;
  if (listAfter < listBefore + 120) throw new Error(`the divider did not move: list ${listBefore}px → ${listAfter}px`);
  // Truncated list values have tooltips with the whole value.
  const rowTitle = await view.locator('.vrow.selected').getAttribute('title');
  if (!/subset math/.test(rowTitle ?? '')) throw new Error(`row tooltip without its subset: ${rowTitle}`);
  const statusTitle = await view.locator('.list-status').getAttribute('title');
  if (!/48 records/.test(statusTitle ?? '')) throw new Error(`list status without a tooltip: ${statusTitle}`);

  // Hidden (another tab in front destroys the webview) and shown again: folds, mode and divider kept.
  await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
  await page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
  await page.locator('.tabs-container .tab', { hasText: FILE }).nth(1).click();
  view = harness.webviewFrame(page);
  await view.locator('.header.folded').waitFor({ timeout: 30_000 });
  await view.locator('vscode-collapsible[data-section="prompt"][open]').waitFor();
  await view.locator('.record-pane:not(.stale) .judgment').first().waitFor();
  const listRestored = (await view.locator('.list-pane').boundingBox()).width;
  if (Math.abs(listRestored - listAfter) > 4) throw new Error(`the divider was not remembered: ${listAfter}px → ${listRestored}px`);

  // Every palette command has a key, listed in the help overlay and shown in the palette.
  await view.locator('.list-head').click();
  await page.keyboard.press('?');
  const commands = view.locator('.help-overlay:not([hidden]) .help-commands');
  await commands.locator('tr', { hasText: 'Re-score File' }).filter({ hasText: 'Ctrl+Alt+L R' }).waitFor();
  await commands.locator('tr', { hasText: 'Show Leaderboard' }).filter({ hasText: 'Ctrl+Alt+L B' }).waitFor();
  await view.locator('.help-overlay kbd', { hasText: /^h$/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+P');
  await page.locator('.quick-input-widget input.input').fill('>Rationale Lens: Copy Summary as Markdown');
  const paletteRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Copy Summary as Markdown' }).first();
  await paletteRow.waitFor();
  const shownKey = (await paletteRow.locator('.monaco-keybinding').textContent()).replace(/\s+/g, '');
  if (!/Ctrl\+Alt\+L/i.test(shownKey) && !/CtrlAltL/i.test(shownKey)) throw new Error(`the palette shows no key for Copy Summary as Markdown: ${JSON.stringify(shownKey)}`);
  await page.keyboard.press('Escape');

  // Markdown: elements, no literal asterisks, raw HTML as text, highlights and hover on rendered text.
  await harness.explorerItem(page, 'markdown-rationales.jsonl').click();
  await page.locator('.tabs-container .tab', { hasText: 'markdown-rationales.jsonl' }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector');
  view = harness.webviewFrame(page);
  const rationale = view.locator('.record-pane:not(.stale) .judgment .annotated[data-side="rationale"]');
  await rationale.waitFor({ timeout: 30_000 });
  if ((await rationale.getAttribute('data-view')) !== 'rendered') throw new Error('the rationale is not rendered');
  await rationale.locator('strong', { hasText: 'Response A' }).waitFor();
  if ((await rationale.locator('li').count()) !== 2) throw new Error('the rationale list did not render as 2 items');
  const renderedText = await rationale.textContent();
  if (renderedText.includes('**')) throw new Error(`literal asterisks in the rendered rationale: ${renderedText}`);
  await rationale.locator('.md-html', { hasText: '<b>' }).first().waitFor();
  if ((await rationale.locator('b, img').count()) !== 0) throw new Error('raw HTML in a rationale became elements');
  await view.locator('.list-head').click();
  await page.keyboard.press('p');
  await view.locator('.conversation strong', { hasText: 'each' }).waitFor();
  const claim = rationale.locator('strong .claim.cls-shared').first();
  await claim.hover();
  const lit = view.locator('.annotated[data-side="gold"] .claim.linked');
  await lit.first().waitFor({ timeout: 5000 });
  const litText = (await lit.allTextContents()).join('');
  if (!litText.includes('quadratic formula')) throw new Error(`hovering the bold claim lit ${JSON.stringify(litText)}`);
  if ((await rationale.locator('.claim.linked-source').count()) < 2) throw new Error('the hovered claim spans the bold text and what follows: every fragment should light');
  await harness.screenshot(page, `${name}-markdown`);

  // Raw: the source text, highlights still linked; v renders again.
  // The control shows the state: Rendered pressed, then Raw pressed after clicking Raw.
  const pressed = async (mode) => {
    await view.locator(`.view-mode [data-view-mode="${mode}"][aria-pressed="true"]`).waitFor({ timeout: 10_000 });
    if ((await view.locator('.record-title .view-mode [aria-pressed="true"]').count()) !== 1) throw new Error('Rendered | Raw: exactly one should be pressed');
  };
  await pressed('rendered');
  await view.locator('.view-mode [data-view-mode="raw"]').click();
  await rationale.and(view.locator('[data-view="raw"]')).waitFor();
  await pressed('raw');
  if (!(await rationale.textContent()).includes('**Response A**')) throw new Error('Raw does not show the source text');
  await rationale.locator('.claim.cls-shared').first().hover();
  await view.locator('.annotated[data-side="gold"] .claim.linked').first().waitFor({ timeout: 5000 });
  await view.locator('.list-head').click();
  await page.keyboard.press('v');
  await rationale.and(view.locator('[data-view="rendered"]')).waitFor();
  await pressed('rendered');
}
