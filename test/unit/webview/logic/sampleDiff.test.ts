/** Two samples against the same gold: the gold claims one covers and the other misses or contradicts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignRationale } from '../../../../src/core/align';
import { toAlignmentView } from '../../../../src/presentation/alignment';
import { claimDisagreements, markedPieces } from '../../../../webview/logic/sampleDiff';

const gold = 'Response A computes the total correctly as 42. Response B forgets the tax. Both answers are polite.';

function against(rationale: string) {
  return toAlignmentView({ judgment: 0, against: 'gold', alignment: alignRationale({ gold, rationale, goldOrder: 'original', rationaleOrder: 'original', goldLabel: 'A' }) });
}

test('a claim one sample covers and the other misses is a disagreement; claims both cover or both miss are not', () => {
  const left = against('Response A computes the total correctly as 42. Response B forgets the tax.');
  const right = against('Response A computes the total correctly as 42. Both answers are polite.');
  const d = claimDisagreements(left, right);
  const quoted = d.map((x) => gold.slice(x.start, x.end));
  assert.ok(quoted.some((q) => q.includes('forgets the tax')), JSON.stringify(quoted));
  assert.ok(!quoted.some((q) => q.includes('computes the total')), 'both cover it: no disagreement');
  const tax = d.find((x) => gold.slice(x.start, x.end).includes('tax'));
  assert.equal(tax?.left, 'covered');
  assert.equal(tax?.right, 'missed');
  assert.deepEqual(claimDisagreements(left, left), [], 'a sample agrees with itself');
});

test('the marked pieces cover the gold text once, in order, the disagreements marked', () => {
  const left = against('Response B forgets the tax.');
  const right = against('Both answers are polite.');
  const d = claimDisagreements(left, right);
  const pieces = markedPieces(gold, d);
  assert.equal(pieces.map((p) => p.text).join(''), gold);
  assert.equal(pieces.filter((p) => p.mark).length, d.length);
  // Spans past the text (a stale view) are clipped, never thrown on.
  assert.equal(markedPieces('short', [{ start: 2, end: 99, left: 'covered', right: 'missed' }]).map((p) => p.text).join(''), 'short');
});
