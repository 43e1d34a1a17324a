import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ESTIMATE_DISCLAIMER,
  alignRationale,
  alignRationaleAsync,
  type BatchClaimSimilarity,
  type ClaimFeatures,
  type ClaimSimilarity,
} from '../../../../src/core/align';
import { wordDiff } from '../../../../src/core/align/lexical/worddiff';
import { assertOffsets, mentionSummary } from './helpers';

const GOLD_MATH =
  'Response B is better. Response A makes a calculation mistake when it multiplies 15 by 12 and gets 170 instead of 180, so its final price of $170 is wrong. Response B computes 180 correctly and gives the right total.';

function align(gold: string, rationale: string, extra: Partial<Parameters<typeof alignRationale>[0]> = {}): ReturnType<typeof alignRationale> {
  const a = alignRationale({ gold, rationale, goldLabel: 'B', ...extra });
  assertOffsets(gold, rationale, a);
  return a;
}

test('paraphrased agreement: every gold reason shared, estimate aligned', () => {
  const rationale =
    "Assistant A's answer contains an arithmetic error: 15 × 12 is 180, not 170, so the final amount it reports is incorrect.\n\nAssistant B's answer performs the multiplication correctly and arrives at $180.\n\n[[B>>A]]";
  const a = align(GOLD_MATH, rationale);
  assert.deepEqual(
    a.gold.map((c) => c.class),
    ['shared', 'shared'],
  );
  assert.equal(a.gold[0]?.match, 0);
  assert.equal(a.rationale[0]?.match, 0);
  assert.equal(a.coverage, 1);
  assert.equal(a.estimate, 'aligned');
  assert.equal(a.disclaimer, ESTIMATE_DISCLAIMER);
  // The verdict sentence of the gold is not a reason.
  assert.deepEqual(a.skipped.gold.map((s) => s.kind), ['verdict']);
});

test('"A has a math error" ~ "Response 1 contains a calculation mistake": mentions neutralized in similarity', () => {
  const a = align('Response 1 contains a calculation mistake.', 'A has a math error.', { goldLabel: 'B' });
  assert.equal(a.gold[0]?.class, 'shared');
  assert.ok((a.pairs[0]?.score ?? 0) > 0.5, `score ${a.pairs[0]?.score}`);
});

test('a missing decisive reason lowers coverage below the threshold', () => {
  const gold =
    "Response B is better for two reasons. First, Response A's SQL query uses INNER JOIN, which drops customers who have no orders, although the user asked to list all customers. Second, Response A groups by customer name instead of customer id, so customers with the same name are merged.";
  const rationale = "Assistant B's query is formatted more cleanly, with each clause on its own line. Assistant A's query is crammed onto one line.\n\n[[B>A]]";
  const a = align(gold, rationale);
  assert.ok(a.gold.every((c) => c.class === 'missing'));
  assert.ok(a.rationale.every((c) => c.class === 'extra'));
  assert.equal(a.coverage, 0);
  assert.equal(a.estimate, 'misaligned');
});

test('a vague rationale ("B is more detailed") does not cover a specific gold reason', () => {
  const a = align(GOLD_MATH, 'Assistant B is more detailed and helpful. Its explanation is better structured.\n\n[[B>A]]');
  assert.ok(a.gold.every((c) => c.class === 'missing'));
  assert.equal(a.estimate, 'misaligned');
});

test('blame on the wrong response is a conflict on both sides', () => {
  const rationale = 'Assistant A is correct. Assistant B makes a calculation mistake: 15 times 12 gives 170, not 180.\n\n\\boxed{B}';
  const a = align(GOLD_MATH, rationale);
  const g = a.gold[0];
  assert.ok(g);
  assert.equal(g.class, 'conflict');
  assert.equal(mentionSummary(g), 'A-');
  const r = a.rationale[g.match ?? -1];
  assert.ok(r);
  assert.equal(r.class, 'conflict');
  assert.equal(mentionSummary(r), 'B-');
  assert.ok(a.pairs.some((p) => p.conflict));
  assert.equal(a.estimate, 'misaligned');
});

test('opposite polarity about the same response is a conflict', () => {
  const gold = 'Response B is better. Response A does not handle the empty list: calling max() on an empty sequence raises a ValueError.';
  const a = align(gold, 'Assistant A handles the empty list correctly by relying on max().\n\n[[B>A]]');
  assert.equal(a.gold[0]?.class, 'conflict');
  assert.equal(a.rationale[0]?.class, 'conflict');
});

test('swapped-order judgments are read in the original frame', () => {
  const rationale = "Assistant B's answer contains a calculation error: 15 × 12 = 180, but it writes 170.\n\nAssistant A computes 180 correctly.\n\n[[A>>B]]";
  const swapped = align(GOLD_MATH, rationale, { rationaleOrder: 'swapped' });
  const first = swapped.rationale[0];
  assert.ok(first);
  assert.equal(mentionSummary(first), 'A-');
  assert.equal(swapped.estimate, 'aligned');
  assert.ok(swapped.gold.every((c) => c.class === 'shared'));
  // Read in the wrong frame, the same rationale blames the winner.
  const unswapped = align(GOLD_MATH, rationale, { rationaleOrder: 'original' });
  assert.ok(unswapped.gold.some((c) => c.class === 'conflict'));
  assert.equal(unswapped.estimate, 'misaligned');
});

test('HelpSteer3-style "@Response 1" gold against an "Assistant A" rationale', () => {
  const gold =
    '@Response 1 is better than @Response 2 because @Response 2 has an off-by-one error in the loop bound (range(1, n) skips the last element), so the sum is wrong for every input. @Response 1 iterates over the whole list.';
  const rationale =
    "**Correctness**\n- Assistant A loops over every element and returns the correct sum.\n- Assistant B uses `range(1, n)`, which skips the last element — an off-by-one bug, so its result is wrong.\n\n\\boxed{A}";
  const a = align(gold, rationale, { goldLabel: 'A' });
  const offByOne = a.gold.find((c) => c.text.includes('off-by-one'));
  assert.ok(offByOne);
  assert.equal(offByOne.class, 'shared');
  assert.ok(offByOne.mentions.some((m) => m.response === 'B' && m.polarity === 'negative'));
  assert.equal(a.estimate, 'aligned');
});

test('Chinese: character bigrams align paraphrased reasons', () => {
  const gold = '回答B更好。回答A在换算单位时出错：把1.5公里写成了150米，导致最终结果错误。回答B正确换算为1500米。';
  const ok = align(gold, '回答A的单位换算有误，1.5公里应为1500米，而不是150米，因此它算出的时间不对。\n\n\\boxed{B}');
  assert.equal(ok.gold.find((c) => c.text.includes('150米'))?.class, 'shared');
  const vague = align(gold, '回答B的语言更加流畅，格式更清晰，读起来更舒服。\n\n\\boxed{B}');
  assert.ok(vague.gold.every((c) => c.class === 'missing'));
  assert.equal(vague.estimate, 'misaligned');
});

test('French: accents folded, same reason shared', () => {
  const gold = "La réponse A est meilleure. La réponse B se trompe sur la date : elle affirme que la Révolution française a commencé en 1798 au lieu de 1789, ce qui est une erreur factuelle.";
  const a = align(gold, "La réponse B contient une erreur de date : la Révolution a commencé en 1789, pas en 1798.\n\nVerdict : [[A>B]]", { goldLabel: 'A' });
  const first = a.gold[0];
  assert.ok(first);
  assert.equal(first.class, 'shared');
  assert.equal(mentionSummary(first), 'B-');
  assert.equal(a.estimate, 'aligned');
});

test('markdown lists and code blocks in a rationale', () => {
  const gold =
    'Response B is better. Response A opens the file without closing it and never handles the FileNotFoundError the user explicitly asked about. Response B uses a with-statement and catches FileNotFoundError.';
  const rationale =
    "### Assistant A\n```python\nf = open(path)\ndata = f.read()\n```\n- Never closes the file.\n- Does not catch `FileNotFoundError`, although the user asked for it.\n\n### Assistant B\n- Uses a `with` block and catches `FileNotFoundError`.\n\n[[B>>A]]";
  const a = align(gold, rationale);
  const code = a.rationale.find((c) => c.kind === 'code');
  assert.ok(code);
  assert.ok(code.text.startsWith('```python') && code.text.endsWith('```'));
  assert.equal(code.mentions.length, 0);
  assert.ok(code.weight < 0.5, 'code is evidence, not a decisive reason');
  const items = a.rationale.filter((c) => c.kind === 'item');
  // "Never closes" / "Does not catch": unconsumed negations read as criticism; the lexicon has
  // no cue for "catches", so B's item stays neutral.
  assert.deepEqual(items.map(mentionSummary), ['A-*', 'A-*', 'B0*']);
  assert.equal(a.estimate, 'aligned');
});

test('coverage is null when the gold has no claims', () => {
  const a = align('[[A>B]]', 'Assistant A is correct.');
  assert.equal(a.gold.length, 0);
  assert.equal(a.coverage, null);
  assert.equal(a.estimate, null);
  const empty = align('', '');
  assert.equal(empty.coverage, null);
});

test('concessions to the losing response weigh less than decisive reasons', () => {
  const gold = 'Response A is clear and well formatted. Response A gives the wrong year for the treaty, 1648 instead of 1658.';
  const a = align(gold, 'x', { goldLabel: 'B' });
  const [concession, decisive] = a.gold;
  assert.ok(concession && decisive);
  assert.ok(concession.weight < decisive.weight, `${concession.weight} < ${decisive.weight}`);
});

test('word diff spans carry offsets into both texts and mark mention swaps', () => {
  const gold = 'Response A forgets to convert grams to kilograms.';
  const rationale = 'Assistant B forgets to convert the grams into kilograms.';
  const a = align(gold, rationale, { goldLabel: 'B' });
  const pair = a.pairs[0];
  assert.ok(pair);
  const same = pair.diff.filter((d) => d.kind === 'same').map((d) => gold.slice(d.goldStart, d.goldEnd));
  assert.ok(same.includes('forgets to convert'), JSON.stringify(same));
  const removed = pair.diff.filter((d) => d.kind === 'removed').map((d) => gold.slice(d.goldStart, d.goldEnd));
  assert.ok(removed.includes('Response A'), 'a mention of the other response is a change');
  assert.equal(pair.conflict, true);
});

test('word diff falls back (truncated) on oversize input instead of hanging', () => {
  const big = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
  const other = Array.from({ length: 5000 }, (_, i) => `v${i}`).join(' ');
  // Falling back is the bound (the size cap); how fast it is belongs to bench/align.bench.ts.
  const d = wordDiff({ text: big, start: 0, end: big.length, mentions: [] }, { text: other, start: 0, end: other.length, mentions: [] });
  assert.equal(d.truncated, true);
  assert.deepEqual(
    d.spans.map((s) => s.kind),
    ['removed', 'added'],
  );
  // Under the size cap, a wildly different pair trips maxEditLength and falls back too.
  const g = Array.from({ length: 240 }, (_, i) => `g${i}`).join(' ');
  const r = Array.from({ length: 240 }, (_, i) => `r${i}`).join(' ');
  assert.equal(wordDiff({ text: g, start: 0, end: g.length, mentions: [] }, { text: r, start: 0, end: r.length, mentions: [] }).truncated, true);
});

test('pathological inputs finish within the deadline and keep exact offsets', () => {
  const inputs: [string, string][] = [
    ['the answer is wrong '.repeat(3000), 'the answer is wrong '.repeat(3000)],
    ['A is B and A '.repeat(4000), 'B is A and B '.repeat(4000)],
    ['a'.repeat(60000), 'a'.repeat(59999) + 'b'],
    ['x. '.repeat(20000), '"'.repeat(5000) + '```'],
    ['回答A错误'.repeat(10000), '回答B正确'.repeat(10000)],
    ['[[A]]. '.repeat(7000), '\\boxed{B}. '.repeat(5000)],
    ['- item\n'.repeat(7000), '|a|b|\n'.repeat(8000)],
    ['Response '.repeat(6000) + ' '.repeat(20000) + 'A', '@'.repeat(30000) + 'Assistant'],
  ];
  for (const [gold, rationale] of inputs) {
    // The aligner's own deadline bounds the work; a hang would trip the suite's per-test deadline.
    const a = alignRationale({ gold, rationale }, { deadlineMs: 200 });
    assertOffsets(gold, rationale, a);
  }
});

test('a custom synchronous similarity plugs in with its own threshold', () => {
  const calls: [string, string][] = [];
  const exact: ClaimSimilarity = {
    threshold: 0.9,
    score(g: ClaimFeatures, r: ClaimFeatures): number {
      calls.push([g.neutralText, r.neutralText]);
      return g.neutralText.toLowerCase() === r.neutralText.toLowerCase() ? 1 : 0;
    },
  };
  const a = alignRationale({ gold: 'Response A is wrong about the date.', rationale: 'Assistant A is wrong about the date.', goldLabel: 'B' }, { similarity: exact });
  assert.equal(a.matchThreshold, 0.9);
  assert.deepEqual(calls, [['the response is wrong about the date.', 'the response is wrong about the date.']]);
  assert.equal(a.gold[0]?.class, 'shared');
});

test('an async batch similarity (e.g. embeddings) plugs in through alignRationaleAsync', async () => {
  const batch: BatchClaimSimilarity = {
    threshold: 0.8,
    scoreBatch(gold, rationale) {
      return Promise.resolve(gold.map((g) => rationale.map((r) => (g.neutralText.includes('date') === r.neutralText.includes('year') ? 0.85 : 0.1))));
    },
  };
  const a = await alignRationaleAsync(
    { gold: 'Response A gives the wrong date for the treaty.', rationale: 'Assistant A has the year of the treaty wrong.', goldLabel: 'B' },
    { similarity: batch },
  );
  assert.equal(a.gold[0]?.class, 'shared');
  assert.equal(a.pairs[0]?.score, 0.85);
});
