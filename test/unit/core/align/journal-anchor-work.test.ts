/**
 * A hostile saved checklist (60 + 60 points, 4,000-character quotes against a 170 KB text) never
 * holds the extension host's thread: rebuilding it for the Inspector gives the event loop turns, as
 * the live path does, with the same alignment; and the bulk command's resume check reads the
 * journal's keys and fingerprints without anchoring. Counted, never timed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlignmentJournal, hasJournaledAlignment, journaledAlignment, readAlignments, textFingerprint } from '../../../../src/core/align/models/alignmentJournal';
import { parseChecklist } from '../../../../src/core/align/models/checklist';
import { ANCHOR_STEPS_PER_TURN, alignmentFromChecklist } from '../../../../src/core/align/models/llmAligner';
import type { AlignInput } from '../../../../src/core/align/lexical/types';
import { tempFile } from '../../paths';
import { hostileQuote, text } from './hostileChecklist';

/** A model's answer as journaled: `n` points of each kind quoting scrambled words, elided runs and overlapping slices. */
function hostileAnswer(t: string, n: number, quoteChars: number): string {
  const quote = (i: number): string => hostileQuote(t, i, quoteChars);
  return JSON.stringify({
    gold_points: Array.from({ length: n }, (_, i) => ({ point: 'p', gold_quote: quote(i), rationale_quote: quote(i + 1), status: 'stated' })),
    extra_points: Array.from({ length: n }, (_, i) => ({ point: 'p', rationale_quote: quote(i + 2) })),
  });
}

async function hostileJournal(): Promise<{ input: AlignInput; answer: string; file: string }> {
  const t = text(5, 170 * 1024);
  const input: AlignInput = { gold: t, rationale: t };
  const answer = hostileAnswer(t, 60, 4000);
  const file = tempFile('eval.jsonl', '{}\n');
  const journal = await AlignmentJournal.open(file);
  await journal.append({ recordIndex: 0, recordId: '1', judgment: 0, against: 'gold', model: 'm', textSha: textFingerprint(input), method: 'llm', answer });
  await journal.close();
  return { input, answer, file };
}

test('rebuilding a hostile saved checklist gives the event loop turns and the same alignment as the synchronous path', async () => {
  const { input, answer, file } = await hostileJournal();
  const journaled = await readAlignments(file);
  const work = { steps: 0, turns: 0 };
  let ticks = 0;
  let ticking = true;
  const tick = (): void => {
    ticks++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const rebuilt = await journaledAlignment(journaled, 0, 0, input, undefined, work);
  ticking = false;
  assert.ok(rebuilt);
  assert.ok(work.steps > 2 * ANCHOR_STEPS_PER_TURN, `the checklist is hostile (${work.steps} steps)`);
  assert.ok(work.turns >= Math.floor(work.steps / ANCHOR_STEPS_PER_TURN) - 1 && work.turns > 0, `${work.turns} turns for ${work.steps} steps`);
  assert.ok(ticks >= work.turns, `the event loop ran ${ticks} times meanwhile`);
  assert.deepEqual(rebuilt, alignmentFromChecklist(input.gold, input.rationale, parseChecklist(answer), 'm'));
});

test('the resume check answers from the journal keys and fingerprints, anchoring nothing', async () => {
  const { input, file } = await hostileJournal();
  const journaled = await readAlignments(file);
  const by = { method: 'llm' as const, model: 'm' };
  // A plain boolean from the entry's key, fingerprint, model and method (and that its answer still
  // parses): the check has no anchoring in it to count, where rebuilding this entry takes millions of steps.
  assert.equal(hasJournaledAlignment(journaled, 0, 0, input, by), true);
  assert.equal(hasJournaledAlignment(journaled, 0, 1, input, by), false, 'another judgment has none');
  assert.equal(hasJournaledAlignment(journaled, 0, 0, { ...input, rationale: `${input.rationale} changed` }, by), false, 'changed texts are not journaled');
  assert.equal(hasJournaledAlignment(journaled, 0, 0, input, { method: 'llm', model: 'other' }), false, 'nor by another model');
  assert.equal(hasJournaledAlignment(journaled, 0, 0, input, { method: 'embedding', model: 'm' }), false, 'nor by another method');
});
