// A seeded R-Align file whose records are sampled k times, VL-RewardBench style: k consecutive rows
// per id with the same prompt and responses, each a new GenRM judgment with its own verdict, its own
// choice of the gold's reasons (so two samples can disagree on the gold's claims), and the fidelity
// judge's verdict on its label-correct rows. Used by the inspector-samples scenario.

/** The gold's reasons, one sentence each; a rationale states some of them, verbatim, or contradicts one. */
const REASONS = [
  'Response A handles the empty input without crashing.',
  'Response A explains the time complexity of the loop.',
  'Response B ignores the negative numbers in the list.',
];
const EXTRA = 'Both responses use clear variable names.';
const CONTRA = 'Response B handles the empty input without crashing.';

function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** `records` prompts × `k` samples; the chance a sample picks the gold label varies by prompt. */
export function sampledRows(seed, records, k) {
  const rand = lcg(seed);
  const rows = [];
  for (let p = 0; p < records; p++) {
    const id = `pair-${String(p).padStart(2, '0')}`;
    const skill = [0.95, 0.5, 0.75, 1, 0.6, 0.85][p % 6];
    const spurious = [0.2, 0.7, 0.4][p % 3];
    for (let s = 0; s < k; s++) {
      const pred = rand() < skill ? 'A' : 'B';
      const stated = REASONS.filter(() => rand() < 0.5);
      const parts = pred === 'A' ? (stated.length ? stated : [REASONS[0]]) : [CONTRA, EXTRA];
      if (rand() < 0.3) parts.push(EXTRA);
      const judgment = `Sample ${s + 1}. ${parts.join(' ')}\n\n\\boxed{${pred}}`;
      const row = {
        id,
        conversations: [{ role: 'user', content: `Write a function that sums the positive numbers of a list (task ${p}).` }],
        response_A: `def total(xs):\n    return sum(x for x in xs if x > 0)  # task ${p}`,
        response_B: `def total(xs):\n    return sum(xs)  # task ${p}`,
        gt_label: 'A',
        gt_judgment: REASONS.join(' '),
        model_judgment: judgment,
        model_pred: pred,
        metarm_verdict: pred === 'A' ? (rand() < spurious ? 'Incorrect' : 'Correct') : 'SkippedLabelMismatch',
      };
      rows.push(row);
    }
  }
  return rows;
}
