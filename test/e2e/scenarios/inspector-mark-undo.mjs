// One key press moves the headline figure, and says so: `a` on a spurious record shows
// "S-Corr 25.0% → 21.9%" with Undo, and `u` puts the figure back (one more line in the marks file,
// never a rewrite). After one mark the audit line says "too few marks for κ", not "κ 0.00".
// At 1400×900 (marks beside the data) and 1000×700 (marks in workspace storage).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 180_000;

const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 1000, height: 700 },
];

export default async function (ctx) {
  // The second size keeps marks in workspace storage (user setting): nothing is written beside the data.
  for (const [i, viewport] of VIEWPORTS.entries()) {
    const restore = i === 1 ? ctx.harness.patchUserSettings(ctx.server, { 'rationaleLens.humanMarks.location': 'workspaceStorage' }) : () => undefined;
    try {
      await markAndUndo(ctx, viewport, i === 1 ? 'workspaceStorage' : 'besideData');
    } finally {
      restore();
    }
  }
}

async function markAndUndo({ page, server, harness, tmp, ROOT }, viewport, location) {
  const FILE = 'r-align-synthetic.jsonl';
  {
    const size = `${viewport.width}x${viewport.height}`;
    await page.setViewportSize(viewport);
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    const view = await openInspector(harness, page, server, folder, FILE);
    const sCorr = view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
    await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 30_000 });
    await view.locator('.vrow.selected').waitFor();

    // To the first spurious record (s), then `a`.
    await view.locator('.list-head').click();
    await page.keyboard.press('s');
    await view.locator('.record .record-id', { hasText: 'ra-008' }).waitFor();
    await page.keyboard.press('a');
    await sCorr.filter({ hasText: '21.9%' }).waitFor({ timeout: 15_000 });
    const toast = view.locator('.mark-toast');
    await toast.locator('.mark-toast-text', { hasText: 'ra-008 marked aligned · S-Corr 25.0% → 21.9%' }).waitFor();
    await toast.locator('.mark-toast-undo', { hasText: 'Undo (u)' }).waitFor();
    await assertInView(toast, viewport, `${size}: the mark's message`);
    // One mark: no κ from it.
    const audit = view.locator('.judge-audit');
    await audit.filter({ hasText: 'too few marks for κ (1 of 10)' }).waitFor();
    const auditText = await audit.textContent();
    if (/κ \d|agreement \d/.test(auditText)) throw new Error(`${size}: one mark still gives a κ or an agreement rate: ${auditText}`);
    await harness.screenshot(page, `inspector-mark-undo-${size}-marked`);
    // Where marks are kept is said once (after the first mark ever, at the first size), not again.
    if (location === 'workspaceStorage' && (await harness.notification(page, 'keeps your marks').count()) > 0) throw new Error(`${size}: the marks-location notice was shown a second time`);

    // u: the figure goes back, and the message says so.
    await view.locator('.list-head').click();
    await page.keyboard.press('u');
    await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 15_000 });
    await toast.locator('.mark-toast-text', { hasText: 'Mark on ra-008 undone' }).waitFor();
    await toast.locator('.mark-toast-text', { hasText: 'S-Corr 21.9% → 25.0%' }).waitFor();
    await toast.locator('.mark-toast-undo').waitFor({ state: 'hidden' });
    await audit.waitFor({ state: 'detached' });
    await harness.screenshot(page, `inspector-mark-undo-${size}-undone`);
    const besideData = join(folder, `${FILE}.rlens-marks.jsonl`);
    if (location === 'besideData') {
      const lines = readFileSync(besideData, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      if (lines.length !== 2 || lines[0].verdict !== 'Correct' || lines[1].verdict !== null || lines[1].undoes !== lines[0].at) throw new Error(`${size}: marks file after mark + undo: ${JSON.stringify(lines)}`);
    } else if (existsSync(besideData)) throw new Error(`${size}: marks kept in workspace storage were written beside the data too`);

    // The Undo button does what u does.
    await page.keyboard.press('a');
    await sCorr.filter({ hasText: '21.9%' }).waitFor({ timeout: 15_000 });
    await toast.locator('.mark-toast-undo').click();
    await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 15_000 });
  }
}

async function assertInView(locator, viewport, what) {
  const box = await locator.boundingBox();
  if (!box || box.width < 40 || box.x < 0 || box.y < 0 || box.x + box.width > viewport.width || box.y + box.height > viewport.height) throw new Error(`${what} is not in view (${JSON.stringify(box)})`);
}

/** harness.openInInspector with a longer wait for the command (the machine's two cores are shared). */
async function openInspector(harness, page, server, folder, file) {
  await harness.openWorkbench(page, server, folder, { waitForFile: file });
  await harness.explorerItem(page, file).click();
  await page.locator('.tabs-container .tab', { hasText: file }).waitFor();
  await harness.runCommand(page, 'Rationale Lens: Open Inspector', { timeout: 60_000 });
  const view = harness.webviewFrame(page);
  // At 1000×700 with the sidebar open the list starts folded to a strip: open it (these steps use it).
  await view.locator('.record-pane .record').waitFor({ timeout: 60_000 });
  if (await view.locator('.list-pane.folded').count()) await view.locator('.list-expand').click();
  return view;
}
