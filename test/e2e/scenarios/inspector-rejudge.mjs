/* global process, setTimeout, console -- Node globals (eslint.config.mjs gives .mjs files none) */
// Model re-query from the Inspector against a real OpenAI-compatible server (the fake one, run
// standalone, streaming slowly in chunks): with no endpoint set, Re-judge says which setting to set
// and offers Set Up Endpoints…;
// with one (and the key set through the palette), Re-judge Fidelity streams the judge's analysis and
// verdict in, the record's fidelity turns "LLM" and S-Corr moves in the header and the status bar;
// Mark Aligned then overrides the judge. Re-query GenRM streams a new rationale (reasoning apart)
// beside the original and shows its verdict and alignment, also after the Inspector is reopened; a
// retry discards the text of the dropped attempt; runs can be cancelled from the view and from the
// progress notification. Re-score Filtered Records judges what the Inspector lists. The key travels in the Authorization header only: it is in no file of
// the workspace and not in the webview's DOM.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const timeout = 180_000;

const FILE = 'r-align-synthetic.jsonl';
const KEY = 'sk-rlens-e2e-4d1c9b7a2f';
const JUDGE_ANALYSIS =
  'The gold judgment rests on one decisive error: Response B writes -size 100M without the plus sign. The GenRM rationale only calls A clearer and never mentions the size test, so it misses the decisive reason entirely.';
const JUDGE_ANSWER = `<golden_key_points>\nThe missing "+" in B's -size test is decisive.\n</golden_key_points>\n<genrm_analysis>\n${JUDGE_ANALYSIS}\n</genrm_analysis>\n<final_verdict>\nIncorrect\n</final_verdict>`;
const GENRM_RATIONALE =
  'Average speed is total distance over total time. Response A takes the arithmetic mean of the two speeds and answers 50 km/h, which is wrong because more time is spent at the slower speed. Response B computes total distance over total time and gets 48 km/h, which is correct.';
const GENRM_ANSWER = `${GENRM_RATIONALE}\n\n\\boxed{B}`;
const GENRM_REASONING = 'Let me check both answers: two legs of equal distance, so the harmonic mean applies.';

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * In one step inside the webview: 'DONE' when `doneSelector` matches (if given), else the text of
 * `selector`, else null. (Two Playwright calls would race a view that re-renders in between.)
 */
function textIn(view, doneSelector, selector) {
  const [done, text] = selector === undefined ? [null, doneSelector] : [doneSelector, selector];
  return view.locator('body').evaluate((body, [d, t]) => (d && body.querySelector(d) ? 'DONE' : (body.querySelector(t)?.textContent ?? null)), [done, text]);
}

/** Polls `probe` quickly, recording every distinct value, until `done(value)`. */
async function watch(probe, done, timeoutMs = 20_000) {
  const seen = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v !== null && seen[seen.length - 1] !== v) seen.push(v);
    if (v !== null && done(v)) return seen;
    if (Date.now() > deadline) throw new Error(`timed out; seen: ${JSON.stringify(seen).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export default async function ({ page, server, harness, tmp, ROOT, name }) {
  const fake = await harness.startFakeServer(tmp, { delayMs: 300, apiKey: KEY });
  let restoreSettings = () => {};
  try {
    const folder = harness.makeWorkspace([join(ROOT, 'samples', FILE)], { parent: tmp });
    const view = await harness.openInInspector(page, server, folder, FILE);
    const sCorr = view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value');
    await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 30_000 });

    // ra-014 is label-correct with a failed judge call (judge failed).
    const selectRecord = async (id) => {
      await view.locator('.search input').fill(id);
      await view.locator('.search input').press('Enter');
      await view.locator('.vrow .c-id', { hasText: id }).first().click();
      await view.locator('.record .record-id', { hasText: id }).waitFor();
    };
    await selectRecord('ra-014');
    const rejudge = view.locator('vscode-button[data-action="rejudge"]');

    // No endpoint configured: the click says which setting to set.
    await rejudge.click();
    // Said once, in the record, with the way to set one up (inspector-endpoints checks there is no toast).
    await view.locator('.llm-notice', { hasText: 'rationaleLens.fidelity.baseUrl' }).locator('[data-action="set-up-endpoints"]').waitFor({ timeout: 15_000 });
    await harness.screenshot(page, `${name}-no-endpoint`);

    // Configure both endpoints in the user settings and reload the window to read them.
    restoreSettings = harness.patchUserSettings(server, {
      'rationaleLens.fidelity.baseUrl': fake.baseUrl,
      'rationaleLens.fidelity.model': 'fake-judge',
      'rationaleLens.genrm.baseUrl': fake.baseUrl,
      'rationaleLens.genrm.model': 'fake-genrm',
      // Priced, and any bulk run asks first: Re-score Filtered Records below must show its estimate.
      'rationaleLens.fidelity.pricePerMillionInputTokens': 2,
      'rationaleLens.fidelity.pricePerMillionOutputTokens': 10,
      'rationaleLens.confirmRunAboveCost': 0,
    });
    await page.reload();
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    // The Inspector comes back with the window (its view state too); open it if it did not.
    const restored = await view.locator('.record .record-id', { hasText: 'ra-014' }).waitFor({ timeout: 10_000 }).then(() => true, () => false);
    if (!restored) {
      await harness.explorerItem(page, FILE).click();
      await harness.runCommand(page, 'Rationale Lens: Open Inspector');
      await sCorr.filter({ hasText: '25.0%' }).waitFor({ timeout: 30_000 });
      await selectRecord('ra-014');
    }
    // No key yet: the endpoint answers 401, and the notification offers the fix.
    await rejudge.click();
    const refused = harness.notification(page, 'refused the API key');
    await refused.waitFor({ timeout: 30_000 });
    await harness.screenshot(page, `${name}-key-refused`);
    await refused.locator('.monaco-button', { hasText: 'Set API Key' }).click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Both' }).first().click();
    const keyInput = page.locator('.quick-input-widget input.input');
    await keyInput.waitFor({ state: 'visible' });
    if ((await keyInput.getAttribute('type')) !== 'password') throw new Error('the API key prompt is not a password field');
    await keyInput.fill(KEY);
    await page.keyboard.press('Enter');
    await harness.notification(page, 'API key stored').waitFor({ timeout: 10_000 });

    // Re-judge ra-014: the judge streams slowly (chunks), its verdict and analysis appear as they come.
    await fake.control('reset', {});
    await fake.control('enqueue', [{ kind: 'reply', content: JUDGE_ANSWER, reasoning: 'Compare the decisive reasons.', chunks: 14, chunkDelayMs: 150 }]);
    await rejudge.click();
    await view.locator('.live-run[data-live="fidelity"]').waitFor({ timeout: 15_000 });
    const seen = await watch(
      () => textIn(view, '.live-run[data-live="fidelity"] .live-analysis'),
      (text) => text.includes('misses the decisive reason entirely'),
    );
    const partial = seen.filter((t) => t.length > 0 && !t.includes('misses the decisive reason entirely'));
    if (partial.length === 0) throw new Error(`no partial analysis was ever shown: ${JSON.stringify(seen)}`);
    await harness.screenshot(page, `${name}-streaming`);

    // Done: the record's verdict in force is the judge's (origin LLM); S-Corr 9/33 in the header and the status bar.
    await view.locator('.record .fidelity-verdict', { hasText: 'Incorrect: misaligned' }).waitFor({ timeout: 15_000 });
    await view.locator('.record .origin[data-origin="llm"]', { hasText: 'fake-judge' }).waitFor();
    await view.locator('.record .analysis summary').click();
    await view.locator('.record .analysis .text', { hasText: 'misses the decisive reason' }).waitFor();
    await sCorr.filter({ hasText: '27.3%' }).waitFor({ timeout: 15_000 });
    await view.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-note', { hasText: '9/33' }).waitFor();
    await harness.statusBarItem(page, 'S-Corr 27.3%').waitFor({ timeout: 15_000 });
    await harness.screenshot(page, `${name}-judged`);

    // The hover on the record's line in the text editor tells the judge's verdict too.
    await page.locator('.tabs-container .tab', { hasText: FILE }).first().click();
    // The editor redraws its lines as the tab comes back: a token may be replaced under the mouse.
    let box;
    for (let attempt = 0; !box; attempt++) {
      box = await harness.hover(page, harness.editorToken(page, '"ra-014"')).catch((e) => {
        if (attempt >= 3) throw e;
        return null;
      });
    }
    const card = box.locator('.hover-contents').filter({ hasText: 'Rationale Lens' }).first();
    await card.waitFor({ state: 'visible' });
    const hoverText = (await card.innerText()).replace(/\s+/g, ' ');
    if (!hoverText.includes('Fidelity: Incorrect (misaligned) · LLM judge fake-judge')) throw new Error(`the hover does not show the judge's verdict: ${hoverText.slice(0, 500)}`);
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: FILE }).nth(1).click();
    await view.locator('.record .record-id', { hasText: 'ra-014' }).waitFor();

    // A human verdict overrides the judge's: Mark Aligned with a note.
    await view.locator('.mark-note input').fill('names the arithmetic slip after all');
    await view.locator('vscode-button[data-action="mark-aligned"]').click();
    await view.locator('.record .origin[data-origin="human"]').waitFor({ timeout: 15_000 });
    await view.locator('.record .fidelity-note', { hasText: 'names the arithmetic slip after all' }).waitFor();
    await view.locator('.record .fidelity-verdict', { hasText: 'Correct: aligned' }).waitFor();
    await sCorr.filter({ hasText: '24.2%' }).waitFor({ timeout: 15_000 });
    await harness.statusBarItem(page, 'S-Corr 24.2%').waitFor({ timeout: 15_000 });
    await harness.screenshot(page, `${name}-marked`);

    // Align with model: the LLM aligner's checklist replaces the lexical highlights, names its model,
    // and a quote the model invented is reported, not highlighted; the user can switch back.
    const checklist = {
      gold_points: [
        { point: 'B lacks the plus sign', gold_quote: 'Response B uses -size 100M without the plus sign', rationale_quote: '`-size 100M` without `+` matches files of (rounded) exactly 100 MiB', status: 'stated' },
        { point: 'A selects larger files', gold_quote: 'Response A uses -size +100M, which selects files larger than 100 MiB', rationale_quote: '`-size +100M` means "greater than 100 MiB"', status: 'stated' },
        { point: 'invented', gold_quote: 'Response B deletes the files it finds', rationale_quote: null, status: 'missing' },
      ],
      extra_points: [],
    };
    await fake.control('enqueue', [{ kind: 'reply', content: JSON.stringify(checklist) }]);
    await view.locator('.record vscode-button[data-action="align-with-model"]').first().click();
    await view.locator('.record .coverage', { hasText: 'model fake-judge' }).first().waitFor({ timeout: 20_000 });
    await view.locator('.record .coverage', { hasText: 'coverage 100%' }).first().waitFor();
    await view.locator('.record .tier-message', { hasText: 'not in the gold judgment' }).first().waitFor();
    // A claim may be drawn in several fragments (Markdown elements, changed words): count claims, not spans.
    const modelClaims = new Set(await view.locator('.record .annotated[data-side="gold"] .claim[data-claim]').evaluateAll((els) => els.map((el) => el.dataset.claim))).size;
    if (modelClaims !== 2) throw new Error(`the model tier should highlight exactly the 2 anchored gold points, got ${modelClaims}`);
    await harness.screenshot(page, `${name}-model-aligned`);
    await view.locator('.record vscode-button[data-action="switch-tier"]').first().click();
    await view.locator('.record .coverage', { hasText: 'lexical heuristic' }).first().waitFor();
    // The answer is journaled beside the file: the bulk command over what the Inspector lists (ra-014) resumes from it.
    if (!existsSync(join(folder, `${FILE}.rlens-alignments.jsonl`))) throw new Error('the model alignment was not journaled beside the file');
    const beforeBulk = (await fake.control('requests')).length;
    await harness.runCommand(page, 'Rationale Lens: Align Filtered Records with Model');
    await harness.notification(page, '1 already journaled, skipped').waitFor({ timeout: 20_000 });
    if ((await fake.control('requests')).length !== beforeBulk) throw new Error('the bulk alignment re-asked the model for a journaled record');

    // Re-query the GenRM on ra-008: the new rationale streams in beside the original, reasoning apart.
    await selectRecord('ra-008');
    // The first attempt's connection drops mid-answer: the client retries, and the view discards what it showed.
    const dropped = `DROPPED ATTEMPT: ${'this text is discarded when the retry starts over. '.repeat(4)}`;
    await fake.control('enqueue', [
      { kind: 'drop', content: dropped, afterChunks: 4 },
      { kind: 'reply', content: GENRM_ANSWER, reasoning: GENRM_REASONING, chunks: 12, chunkDelayMs: 150 },
    ]);
    await view.locator('vscode-button[data-action="requery"]').click();
    const live = view.locator('.requery .live-run[data-live="genrm"]');
    await live.waitFor({ timeout: 15_000 });
    const done = view.locator('.requery[data-state="done"]');
    // Until the run is over (then the journaled re-query replaces the live text).
    const streamed = await watch(
      () => textIn(view, '.requery[data-state="done"]', '.requery [data-live="genrm"] .live-rationale'),
      (text) => text === 'DONE' || text.includes('\\boxed{B}'),
    );
    if (!streamed.some((t) => t.length > 0 && t !== 'DONE' && !t.includes('48 km/h, which is correct'))) throw new Error(`no partial rationale was shown: ${JSON.stringify(streamed)}`);
    // Whether the dropped attempt's text is on screen for a moment depends on the client's random
    // retry delay; what may never happen is the retry's text appended to it.
    if (streamed.some((t) => t.includes('DROPPED') && t.includes('Average speed'))) throw new Error('the retry appended to the dropped text instead of resetting it');
    const genrmRequests = (await fake.control('requests')).filter((r) => r.path.endsWith('/chat/completions') && !JSON.stringify(r.body).includes('final_verdict') && !JSON.stringify(r.body).includes('claim_checklist'));
    if (genrmRequests.length !== 2) throw new Error(`expected the GenRM request and its retry, got ${genrmRequests.length}`);
    // The live view had the original beside the new rationale, and the reasoning apart.
    if (!streamed.some((t) => t.includes('Average speed'))) throw new Error('the streamed rationale never showed');
    // Done: the journaled re-query with its verdict and alignment against the gold judgment.
    await done.waitFor({ timeout: 15_000 });
    await done.locator('.requery-verdict', { hasText: 'Verdict B' }).waitFor();
    await done.locator('.requery-verdict.ok').waitFor();
    await done.locator('.coverage', { hasText: 'The new rationale, claims' }).waitFor();
    await done.locator('.requery-new .claim.cls-shared').first().waitFor();
    await done.locator('.requery-original', { hasText: 'better organized' }).waitFor();
    if ((await done.locator('.requery-new').textContent()).includes('DROPPED')) throw new Error('the dropped attempt is in the final rationale');
    // reasoning_content is shown apart from the rationale, collapsed.
    const reasoning = done.locator('details.requery-reasoning');
    if (await reasoning.evaluate((d) => d.open)) throw new Error('the reasoning should start collapsed');
    if (!(await reasoning.locator('.text').textContent()).includes('harmonic mean')) throw new Error('reasoning_content is not shown apart');
    if ((await done.locator('.requery-new').textContent()).includes('harmonic mean')) throw new Error('the reasoning is mixed into the rationale');
    await harness.screenshot(page, `${name}-requeried`);

    // A re-query can be cancelled from the view.
    await selectRecord('ra-012');
    await fake.control('enqueue', [{ kind: 'reply', content: GENRM_ANSWER.repeat(4), chunks: 40, chunkDelayMs: 300 }]);
    await view.locator('vscode-button[data-action="requery"]').click();
    const slow = view.locator('.requery .live-run[data-live="genrm"]');
    await watch(async () => (await slow.locator('.live-rationale').textContent()) || null, (t) => t.length > 0);
    await slow.locator('vscode-button[data-action="cancel-run"]').click();
    await view.locator('.requery .live-run[data-state="cancelled"]').waitFor({ timeout: 15_000 });
    await view.locator('.list-status', { hasText: 'Re-query of record 12 cancelled' }).waitFor();
    await view.locator('.requery').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await harness.screenshot(page, `${name}-cancelled`);

    // ... and a re-judge from the progress notification's Cancel button; the verdict stays as it was.
    await fake.control('enqueue', [{ kind: 'reply', content: JUDGE_ANSWER, chunks: 40, chunkDelayMs: 300 }]);
    await view.locator('vscode-button[data-action="rejudge"]').click();
    const judging = view.locator('.live-run[data-live="fidelity"]');
    await watch(async () => (await judging.locator('.live-analysis').isVisible()) || null, Boolean);
    const toast = harness.notification(page, 're-judging record 12');
    await toast.waitFor({ timeout: 10_000 });
    await toast.getByRole('button', { name: 'Cancel' }).click();
    await view.locator('.live-run[data-live="fidelity"][data-state="cancelled"]').waitFor({ timeout: 15_000 });
    await view.locator('.record .fidelity-verdict', { hasText: 'Incorrect: misaligned' }).waitFor();
    await view.locator('.record .origin[data-origin="file"]').waitFor();
    await sCorr.filter({ hasText: '24.2%' }).waitFor();

    // Reopening the Inspector shows the latest re-queried rationale from the journal.
    await page.locator('.tabs-container .tab.active .codicon-close').click();
    await harness.runCommand(page, 'Rationale Lens: Open Inspector');
    const again = harness.webviewFrame(page);
    await again.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value', { hasText: '24.2%' }).waitFor({ timeout: 30_000 });
    await again.locator('.search input').fill('ra-008');
    await again.locator('.search input').press('Enter');
    await again.locator('.vrow .c-id', { hasText: 'ra-008' }).first().click();
    await again.locator('.record .requery-badge', { hasText: 'Re-queried: verdict B' }).click({ timeout: 15_000 });
    await again.locator('.requery[data-state="done"] .requery-verdict', { hasText: 'Verdict B' }).waitFor({ timeout: 15_000 });
    await again.locator('.requery[data-state="done"] .requery-new', { hasText: '48 km/h' }).waitFor();

    // The server got the key in the Authorization header; nothing else has it.
    const requests = (await fake.control('requests')).filter((r) => r.path.endsWith('/chat/completions'));
    if (requests.length < 5) throw new Error(`the fake server got ${requests.length} chat requests`);
    for (const r of requests) if (r.headers.authorization !== `Bearer ${KEY}`) throw new Error(`a request without the key: ${JSON.stringify(r.headers)}`);
    const judged = requests.find((r) => JSON.stringify(r.body).includes('final_verdict'));
    if (!judged || judged.body.model !== 'fake-judge' || judged.body.stream !== true) throw new Error('no streamed judge request for fake-judge');
    if (requests.filter((r) => r.closedByClient).length < 2) throw new Error('the cancelled requests were not closed by the client');
    const files = filesUnder(folder);
    if (!files.some((f) => f.endsWith('.rlens-journal.jsonl'))) throw new Error(`no journal in ${files.join(', ')}`);
    for (const f of files) if (readFileSync(f, 'latin1').includes(KEY)) throw new Error(`the API key is written in ${f}`);
    const dom = await again.locator('html').evaluate((el) => el.outerHTML);
    if (dom.includes(KEY)) throw new Error('the API key is in the webview DOM');
    await harness.screenshot(page, `${name}-reopened`);

    // Re-score Filtered Records judges what the Inspector shows: the 3 judge-failed records left (CallFail/ParseFail).
    const before = requests.length;
    await again.locator('.search input').fill('');
    await again.locator('.search input').press('Enter');
    await again.locator('.chip[data-kind="judge-failed"]').click();
    await again.locator('.list-status', { hasText: /^3 records/ }).waitFor();
    await harness.runCommand(page, 'Rationale Lens: Re-score Filtered Records');
    // The estimate comes first, in a modal, and nothing is sent until Start.
    const dialog = page.locator('.monaco-dialog-box', { hasText: '3 requests' });
    await dialog.waitFor({ timeout: 20_000 });
    if (!/tokens in · (up to |~)[\d,]+ out · (at most |~)\$[\d.]+/.test(await dialog.textContent())) throw new Error(`the estimate says: ${await dialog.textContent()}`);
    if ((await fake.control('requests')).filter((r) => r.path.endsWith('/chat/completions')).length !== before) throw new Error('requests were sent before the run was confirmed');
    await harness.screenshot(page, `${name}-estimate`);
    await dialog.locator('.monaco-button', { hasText: 'Start' }).click();
    // The fake server's default answer is "Correct": 28 aligned, 8 misaligned.
    await again.locator('.metrics[data-state="final"] [data-metric="s-corr"] .metric-value', { hasText: '22.2%' }).waitFor({ timeout: 30_000 });
    const after = (await fake.control('requests')).filter((r) => r.path.endsWith('/chat/completions'));
    if (after.length - before !== 3) throw new Error(`Re-score Filtered Records sent ${after.length - before} requests, not 3`);
    await harness.statusBarItem(page, 'S-Corr 22.2%').waitFor({ timeout: 15_000 });
    // The summary totals the tokens the server reported and prices them.
    await harness.notification(page, 'fidelity judge run finished: 3/3 records').filter({ hasText: /tokens [\d,]+ in · [\d,]+ out · \$/ }).waitFor({ timeout: 15_000 });

    await harness.runCommand(page, 'Rationale Lens: Clear API Key');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Both' }).first().click();
  } finally {
    restoreSettings();
    fake.stop();
    if (process.env.E2E_VERBOSE) console.log(`[${name}] fake server stopped`);
  }
}
