/**
 * Seeded generators of files with many samples per record, faithful to the real formats:
 * - VL-RewardBench inference output as `inference_hf.py` writes it (pandas `to_json(orient='records',
 *   lines=True)` of its result dicts): k rows per pair, consecutive (asyncio.gather keeps task order),
 *   each with its own `meta.random_number`, the judge's text in `meta.filter_choice`, and the
 *   `filter_number` / `flag_status` the authors' pattern gives;
 * - an R-Align output file with repeated ids: several runs of one GenRM concatenated (a run may miss
 *   records), the meta-judge's verdict on label-correct rows, SkippedLabelMismatch on the others.
 */
import { seeded } from '../synthetic';

const VLRB_IDS = ['RLAIF-V-', 'RLHF-V-Dataset_', 'mathverse_', 'mmmu_validation_', 'wildvision-battle_', 'hallucination_pair_', 'LRVInstruction-', 'VLFeedback_', 'SVIT_'];
const SOURCES = ['COCO', 'TextVQA', 'MathVerse', 'MMMU', 'wildvision', 'LRVInstruction', 'VLFeedback'];

/**
 * A judge text in the shapes VL-RewardBench's judges write, choosing presented answer `choice` (0: no
 * decision), and the number the authors' pattern reads from it (-1: none), known by construction.
 */
function judgeText(rand: () => number, choice: number): [string, number] {
  const reasoning = '1. Accuracy: Answer 1 describes the image; Answer 2 adds a detail that is not visible.\n2. Completeness: both address the question.\n';
  if (choice === 0) {
    const none = ['Both answers have merits and I cannot decide which is better.', 'Overall Judgment: both answers are equally good.', 'Answer 1 is better in accuracy, while Answer 2 is better in clarity.'];
    return [reasoning + (none[Math.floor(rand() * none.length)] as string), -1];
  }
  const other = choice === 1 ? 2 : 1;
  const shapes = [
    `**Overall Judgment:**\nAnswer ${choice} is better.`,
    `Therefore, Answer ${choice} is slightly better.`,
    `Overall Judgment: Answer ${other} is better in clarity, but Answer ${choice} is the better answer overall. Answer ${choice} is better`,
    `overall judgment - answer ${choice} is the better one.`,
    `Overall Judgment: Answer ${choice}  is  the  slightly better.`,
  ];
  // A number that is neither answer: the authors' rule counts it as agree.
  if (rand() < 0.03) return [`${reasoning}Overall Judgment: Answer 3 is better.`, 3];
  return [reasoning + (shapes[Math.floor(rand() * shapes.length)] as string), choice];
}

/**
 * `pairs` pairs × `k` samples; each pair has its own chance of choosing the preferred response.
 * `goldSeed` draws the human rankings apart, so two runs (two seeds) can share one benchmark.
 */
export function vlRewardBenchRows(seed: number, pairs: number, k: number, goldSeed?: number): Record<string, unknown>[] {
  const rand = seeded(seed);
  const goldRand = goldSeed === undefined ? rand : seeded(goldSeed);
  const rows: Record<string, unknown>[] = [];
  for (let p = 0; p < pairs; p++) {
    const prefix = VLRB_IDS[p % VLRB_IDS.length] as string;
    const id = `${prefix}${1000 + p}`;
    const ranking = goldRand() < 0.5 ? [0, 1] : [1, 0];
    const skill = [0.95, 0.8, 0.6, 0.5, 0.3][p % 5] as number;
    const query = `What is shown in the top left of image ${p}?`;
    const response = [`A red bicycle leaning on a wall (pair ${p}).`, `A blue car parked by a tree (pair ${p}).`];
    for (let s = 0; s < k; s++) {
      const randomNumber = rand() < 0.5 ? 0 : 1;
      // Presented answers: random_number 0 shows response[0] first.
      const preferred = ranking[0] === 0 ? 0 : 1;
      const preferredPlace = randomNumber === 0 ? preferred + 1 : 2 - preferred;
      const r = rand();
      const choice = r < 0.08 ? 0 : r < 0.08 + skill * 0.92 ? preferredPlace : 3 - preferredPlace;
      const [text, number] = judgeText(rand, choice);
      const rejectedPlace = 3 - preferredPlace;
      const status = number === -1 ? 'doesntMatch' : number === rejectedPlace ? 'reject' : 'agree';
      rows.push({
        id,
        query,
        response,
        ranking,
        models: ['OmniLMM-12B', 'OmniLMM-12B'],
        judge: 'human',
        rationale: p % 7 === 0 ? 'placeholder_rationale' : null,
        meta: { original_dataset: SOURCES[p % SOURCES.length], 'filtering model': 'Qwen/Qwen2-VL-7B-Instruct', filter_choice: text, filter_prompt: `Question: ${query}`, filter_number: number, random_number: randomNumber, flag_status: status },
        query_source: SOURCES[p % SOURCES.length],
      });
    }
  }
  return rows;
}

/** `runs` concatenated runs over `records` prompts; a run misses a record now and then. `goldSeed` as for vlRewardBenchRows. */
export function rAlignRunRows(seed: number, records: number, runs: number, goldSeed?: number): Record<string, unknown>[] {
  const rand = seeded(seed);
  const goldRand = goldSeed === undefined ? rand : seeded(goldSeed);
  const prompts = Array.from({ length: records }, (_, i) => ({
    id: `ralign-${i}`,
    gold: goldRand() < 0.5 ? 'A' : 'B',
    skill: [0.9, 0.7, 0.5, 0.2][i % 4] as number,
    spurious: [0.1, 0.4, 0.8][i % 3] as number,
    subset: ['math', 'coding', 'safety'][i % 3] as string,
  }));
  const rows: Record<string, unknown>[] = [];
  for (let run = 0; run < runs; run++) {
    for (const p of prompts) {
      if (run > 0 && rand() < 0.1) continue;
      const r = rand();
      const pred = r < 0.05 ? null : r < 0.05 + p.skill * 0.95 ? p.gold : p.gold === 'A' ? 'B' : 'A';
      const row: Record<string, unknown> = {
        id: p.id,
        source: { subset: p.subset },
        conversations: [{ role: 'user', content: `Question for ${p.id}: which response handles the edge case?` }],
        response_A: `Response A for ${p.id}.`,
        response_B: `Response B for ${p.id}.`,
        gt_label: p.gold,
        gt_judgment: `The better response handles the empty input of ${p.id}.`,
        model_judgment: `Run ${run}: the response handles the input. \\boxed{${pred ?? 'unsure'}}`,
        model_pred: pred,
      };
      if (pred === p.gold) {
        const f = rand();
        row.metarm_verdict = f < 0.05 ? 'CallFail' : f < 0.08 ? 'ParseFail' : f < 0.08 + p.spurious * 0.92 ? 'Incorrect' : 'Correct';
      } else row.metarm_verdict = 'SkippedLabelMismatch';
      rows.push(row);
    }
  }
  return rows;
}

export type Pick = 'A' | 'B' | null;
export const pacoreAnswer = (p: Pick, i: number) => ({ content: `Trajectory ${i}: response ${p ?? '?'} handles the empty input. ${p ? `\\boxed{${p}}` : 'I cannot decide.'}`, reasoning_content: `thinking ${i}` });

/** A PaCoRe output (its batch runner's round_responses, final_response) on an R-Align record: `picks` are round 1's trajectories, `final` the synthesis. */
export function pacoreRow(id: string, gold: 'A' | 'B', picks: Pick[], final: Pick, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const synthesis = { content: `Combining the references: response ${final ?? '?'} is better. ${final ? `\\boxed{${final}}` : ''}`, reasoning_content: 'synthesis thinking' };
  return {
    id,
    conversations: [{ role: 'user', content: `Which response handles the empty input? (${id})` }],
    response_A: `def f(x): return x or [] # ${id}`,
    response_B: `def f(x): return x # ${id}`,
    gt_label: gold,
    gt_judgment: 'Response A handles the empty input; response B crashes on it.',
    round_responses: [picks.map(pacoreAnswer), [synthesis]],
    final_response: synthesis.content,
    final_reasoning_content: synthesis.reasoning_content,
    ...extra,
  };
}
