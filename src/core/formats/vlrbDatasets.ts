/**
 * VL-RewardBench's datasets and task groups as its cal.py names them: the dataset from an id's
 * prefix (get_dataset_from_id) and each dataset's group (general / hallucination / reasoning).
 */
export type CalGroup = 'general' | 'hallucination' | 'reasoning';

/** cal.py's get_dataset_from_id: the id's prefix up to its first `_` or `-`. */
export function calDataset(id: string): string {
  const cut = [id.indexOf('_'), id.indexOf('-')].filter((i) => i !== -1);
  const prefix = cut.length ? id.slice(0, Math.min(...cut)) : id;
  if (prefix === 'RLAIF') return 'rlaif-v';
  if (prefix === 'RLHF') return 'rlhf-v';
  if (prefix === 'mathverse' || prefix === 'mmmu') return 'reasoning_tasks';
  if (prefix === 'wildvision') return 'wildvision-battle';
  if (prefix === 'hallucination') return 'povid';
  return 'vlfeedback';
}

export const GROUP_OF: Readonly<Record<string, CalGroup>> = {
  vlfeedback: 'general',
  povid: 'hallucination',
  reasoning_tasks: 'reasoning',
  'rlhf-v': 'hallucination',
  'rlaif-v': 'hallucination',
  'wildvision-battle': 'general',
};

