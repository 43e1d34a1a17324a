/** The format registry and auto-detection. */
import type { FormatAdapter, FormatName } from './adapter';
import { isObject } from './adapter';
import { helpSteer3Adapter } from './helpsteer3';
import { judgeBenchAdapter } from './judgebench';
import { llmBarAdapter } from './llmbar';
import { mmRewardBenchAdapter } from './mmRewardBench';
import { mtBenchAdapter } from './mtbench';
import { rAlignAdapter } from './ralign';
import { rewardBenchAdapter } from './rewardbench';
import { trlRalignAdapter } from './trlRalign';
import { vlRewardBenchAdapter } from './vlRewardBench';
import { rewardBench2Adapter } from './rewardBench2';

export type { FormatAdapter, FormatName } from './adapter';

/** Most specific first: JudgeBench records also have response_A/B, so they are tested before R-Align. */
export const ADAPTERS: readonly FormatAdapter[] = [
  judgeBenchAdapter,
  llmBarAdapter,
  mtBenchAdapter,
  helpSteer3Adapter,
  mmRewardBenchAdapter,
  trlRalignAdapter,
  rewardBench2Adapter,
  rAlignAdapter,
  rewardBenchAdapter,
  vlRewardBenchAdapter,
];

export const FORMAT_NAMES: readonly FormatName[] = ADAPTERS.map((a) => a.name);

export function adapterByName(name: string): FormatAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

export function detectFormat(sample: unknown): FormatAdapter | undefined {
  if (!isObject(sample)) return undefined;
  // `gt_label` beside response_A/B is R-Align's own field: a file of another format written out as
  // R-Align by `generate --out` keeps its original fields, and is R-Align from then on.
  if ('gt_label' in sample && 'response_A' in sample && 'response_B' in sample) return rAlignAdapter;
  return ADAPTERS.find((a) => a.detect(sample));
}
