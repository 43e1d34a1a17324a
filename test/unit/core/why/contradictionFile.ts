/** A small R-Align file whose judgments argue for, against and around their verdicts (shared by the CLI and Inspector tests). */
import { tempFile } from '../../paths';

const ARGUES_B = 'Response A gives the wrong capital. Response B correctly names Canberra and explains why.\n\nResponse B is clearly better.';
const ARGUES_A = 'Response A is correct and complete. Response B contains a factual error.\n\nResponse A is clearly better.';
const CONCEDES_B = 'Although Response B is longer and more detailed, Response A answers the question correctly and B does not.';

export const CONTRADICTION_ROWS = [
  // Label-correct, yet the rationale argues for B: right by accident.
  { id: 'accident', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `<think>B seems right.</think>${ARGUES_B}\n\n\\boxed{A}` },
  { id: 'consistent', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `${ARGUES_A}\n\n\\boxed{A}` },
  // Label-wrong and contradicting.
  { id: 'flipped', gt_label: 'B', model_pred: 'A', gt_judgment: 'B is right.', model_judgment: `${ARGUES_B}\n\n\\boxed{A}` },
  { id: 'concession', gt_label: 'A', model_pred: 'A', gt_judgment: 'A is right.', model_judgment: `${CONCEDES_B}\n\n\\boxed{A}` },
  { id: 'tie', gt_label: 'A', model_pred: null, gt_judgment: 'A is right.', model_judgment: 'Both are fine. [[C]]' },
].map((r) => ({ ...r, response_A: 'Sydney.', response_B: 'Canberra.', conversations: [{ role: 'user', content: 'Capital of Australia?' }] }));

/** Writes CONTRADICTION_ROWS to a fresh temporary JSONL file. */
export function contradictionFile(): string {
  return tempFile('contradictions.jsonl', CONTRADICTION_ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
