/**
 * Anchoring a hostile checklist (the most points a checklist holds, long quotes that are almost in
 * the text, repetitive words, elisions, overlapping spans) stays linear: the work counter doubles when
 * the text doubles and when the quotes double, never more; and the extension host's path gives the
 * event loop turns while it works. Counted, never timed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Checklist } from '../../../../src/core/align/models/checklist';
import { ANCHOR_STEPS_PER_TURN, alignmentFromChecklist, alignmentFromChecklistYielding } from '../../../../src/core/align/models/llmAligner';
import { hostileQuote, text } from './hostileChecklist';

/** `n` points of each kind whose quotes are scrambled text words, elided runs and overlapping slices. */
function hostile(t: string, n: number, quoteChars: number): Checklist {
  const quote = (i: number): string => hostileQuote(t, i, quoteChars);
  return {
    goldPoints: Array.from({ length: n }, (_, i) => ({ point: 'p', goldQuote: quote(i), rationaleQuote: quote(i + 1), status: 'stated' as const })),
    extraPoints: Array.from({ length: n }, (_, i) => ({ point: 'p', rationaleQuote: quote(i + 2) })),
    problems: [],
  };
}

function steps(t: string, list: Checklist): number {
  const work = { steps: 0 };
  alignmentFromChecklist(t, t, list, 'm', undefined, work);
  return work.steps;
}

test('anchoring work grows linearly with the text and with the quotes', () => {
  const t = text(1, 40_000);
  const t2 = text(1, 80_000);
  const base = steps(t, hostile(t, 30, 1500));
  const doubledText = steps(t2, hostile(t2, 30, 1500));
  const doubledQuotes = steps(t, hostile(t, 60, 1500));
  const longerQuotes = steps(t, hostile(t, 30, 3000));
  assert.ok(base > 40_000, `work is counted (${base})`);
  assert.ok(doubledText <= 2.2 * base, `text doubled: ${base} → ${doubledText} steps`);
  assert.ok(doubledQuotes <= 2.2 * base, `quotes doubled: ${base} → ${doubledQuotes} steps`);
  assert.ok(longerQuotes <= 2.2 * base, `quotes twice as long: ${base} → ${longerQuotes} steps`);
});

test('a quote that is in the text is still found, exactly or with a slip', () => {
  const t = `${text(3, 20_000)} Response A miscalculates the total distance of the trip. ${text(4, 20_000)}`;
  const list: Checklist = {
    goldPoints: [
      { point: 'exact', goldQuote: 'Response A miscalculates the total distance', rationaleQuote: null, status: 'missing' },
      { point: 'slip', goldQuote: 'miscalculates the whole distance of the trip', rationaleQuote: null, status: 'missing' },
    ],
    extraPoints: [],
    problems: [],
  };
  const a = alignmentFromChecklist(t, t, list, 'm');
  assert.equal(a.gold.length, 1, JSON.stringify(a.dropped));
  assert.equal(a.gold[0]?.text, 'Response A miscalculates the total distance');
  const slip = alignmentFromChecklist(t, t, { ...list, goldPoints: [list.goldPoints[1] as Checklist['goldPoints'][number]] }, 'm');
  assert.equal(slip.gold[0]?.text, 'miscalculates the total distance of the trip');
});

test('the extension host path gives the event loop turns on a hostile 170 KB checklist, with the same result', async () => {
  const t = text(5, 170 * 1024);
  const list = hostile(t, 60, 4000);
  const work = { steps: 0, turns: 0 };
  let ticks = 0;
  let ticking = true;
  const tick = (): void => {
    ticks++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const yielded = await alignmentFromChecklistYielding(t, t, list, 'm', undefined, work);
  ticking = false;
  assert.ok(work.turns >= Math.floor(work.steps / ANCHOR_STEPS_PER_TURN) - 1 && work.turns > 0, `${work.turns} turns for ${work.steps} steps`);
  assert.ok(ticks >= work.turns, `the event loop ran ${ticks} times meanwhile`);
  assert.deepEqual(yielded, alignmentFromChecklist(t, t, list, 'm'));
  console.log(`hostile checklist (60 + 60 points, 4000-character quotes) on a 170 KB text: ${work.steps} steps, ${work.turns} turns given back`);
});
