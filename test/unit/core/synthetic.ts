/** Deterministic generator of R-Align output records covering every verdict class (tests and bench). */

/** Small seeded PRNG (mulberry32) so generated files are identical on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBSETS = ['math', 'coding', 'factuality', 'instruction-following', 'safety'];
const GOLD_VARIANTS = ['A', 'B', ' A', 'B\n', ' B ', 'C', null] as const;
const PRED_VARIANTS = ['A', 'B', null, 'C', ' A', undefined] as const;
const FIDELITY = ['Correct', 'Incorrect', 'CallFail', 'ParseFail'] as const;

/**
 * One R-Align output record. `adversarial` mixes in odd gold labels and predictions (whitespace,
 * "C", null, missing) at rates far above real files; the bench turns it off to model a typical run.
 */
export function syntheticRAlignRecord(i: number, rand: () => number, textBytes = 600, adversarial = true): Record<string, unknown> {
  const pick = <T>(list: readonly T[], weights?: number[]): T => {
    if (!weights) return list[Math.floor(rand() * list.length)] as T;
    let r = rand() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < list.length; k++) {
      r -= weights[k] as number;
      if (r <= 0) return list[k] as T;
    }
    return list[list.length - 1] as T;
  };
  const gold = pick(GOLD_VARIANTS, adversarial ? [40, 40, 4, 4, 4, 4, 4] : [50, 50, 0, 0, 0, 0, 0]);
  const pred = pick(PRED_VARIANTS, adversarial ? [40, 40, 6, 3, 3, 3] : [49, 49, 2, 0, 0, 0]);
  const labelCorrect = (pred === 'A' || pred === 'B') && pred === (gold ?? '').trim();
  const filler = 'The response addresses the question with reasoning about units, edge cases and the stated constraints. ';
  const text = (prefix: string) => (prefix + filler.repeat(Math.max(1, Math.round(textBytes / filler.length)))).slice(0, textBytes);
  const record: Record<string, unknown> = {
    id: `syn-${i}`,
    source: { subset: pick(SUBSETS) },
    conversations: [{ role: 'user', content: text(`Question ${i}: `) }],
    response_A: text('Response A: '),
    response_B: text('Response B: '),
    gt_judgment: text(`Gold: the decisive factor is item ${i}. `),
    model_judgment: `<think>${text('thinking ')}</think>${text('Rationale: ')} \\boxed{${pred === 'B' ? 'B' : 'A'}}`,
  };
  if (gold !== null) record.gt_label = gold;
  if (pred !== undefined) record.model_pred = pred;
  if (labelCorrect) {
    const verdict = pick(FIDELITY, [60, 30, 5, 5]);
    record.metarm_verdict = verdict;
    record.metarm_score = verdict === 'Correct' ? 1.0 : verdict === 'Incorrect' ? 0.0 : null;
    record.metarm_raw = verdict === 'CallFail' ? null : `<golden_key_points>x</golden_key_points><genrm_analysis>y</genrm_analysis><final_verdict>${verdict}</final_verdict>`;
    record.meta = verdict === 'CallFail' ? { metarm_model_name: 'judge', metarm_error: 'api_error: timeout' } : { metarm_model_name: 'judge' };
  } else {
    record.metarm_verdict = 'SkippedLabelMismatch';
    record.metarm_score = null;
  }
  return record;
}
