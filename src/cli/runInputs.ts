/** What judge, generate and their batch hand-off share: the census of a dataset, the refusal without gold, request keys, the record stream. */
import type { DatasetOptions, OpenedDataset } from '../core/dataset/dataset';
import { readDataset } from '../core/dataset/dataset';
import { requestFor } from '../core/llm/pending';
import type { LlmProfile, LlmRole } from '../core/llm/profile';
import type { PromptTemplate } from '../core/llm/template';
import type { SamplePlan } from '../core/llm/sampling';
import { sampleSlots } from '../core/llm/sampling';
import type { EvalRecord } from '../core/record/record';
import type { KeyOf } from './output';
import type { IO } from './options';
import { UsageError } from './options';

export interface Census {
  records: number;
  withGoldRationale: number;
  withJudgment: number;
}

export async function countRecords(dataset: OpenedDataset, options: DatasetOptions): Promise<Census> {
  const c: Census = { records: 0, withGoldRationale: 0, withJudgment: 0 };
  for await (const e of readDataset(dataset, options)) {
    if (e.kind !== 'record') continue;
    c.records++;
    if (e.record.goldRationales.length) c.withGoldRationale++;
    if (e.record.judgments.length) c.withJudgment++;
  }
  return c;
}

/** The fidelity judge compares a GenRM rationale with a gold one: without either there is nothing to send. */
export function refuseWithoutGold(file: string, dataset: OpenedDataset, c: Census, judgingSamples = false): void {
  if (c.records === 0) return;
  const fix =
    dataset.adapter.name === 'mapping'
      ? 'point the mapping\'s "goldRationale" at the field that holds the reference explanation'
      : 'if the gold rationales are in another field, read the file with a field mapping (--mapping) whose "goldRationale" names it';
  if (c.withGoldRationale === 0) {
    throw new UsageError(`${file} (format ${dataset.adapter.name}) has no gold rationale in any of its ${c.records} records: the fidelity judge compares the GenRM rationale with a gold rationale, so nothing can be judged; ${fix}. Nothing was sent.`);
  }
  if (c.withJudgment === 0 && !judgingSamples) {
    throw new UsageError(`${file} has no GenRM rationale to judge in any of its ${c.records} records: run \`rationale-lens generate\` first (with --out), then judge its output. Nothing was sent.`);
  }
}

/** Recomputes a record's request key, to match answers to records when --out is written (as a run decides: pending.ts). */
export function requestKeyOf(kind: LlmRole, profile: LlmProfile, template: PromptTemplate | undefined, datasetPath: string, plan?: SamplePlan): KeyOf {
  return async (record) => {
    if (kind === 'genrm' && plan) {
      const keys: string[] = [];
      for (const slot of sampleSlots(plan)) {
        const req = await requestFor({ kind, profile, ...(template ? { template } : {}), datasetPath }, record, { slot });
        if (typeof req === 'string' || 'imageError' in req) return { kind: 'none' };
        keys.push(req.key);
      }
      return { kind: 'samples', keys };
    }
    const req = await requestFor({ kind, profile, ...(template ? { template } : {}), datasetPath }, record);
    if (req === 'skipped') return { kind: 'skip' };
    if (req === 'no gold' || 'imageError' in req) return { kind: 'none' };
    return { kind: 'key', key: req.key };
  };
}

export async function* records(dataset: OpenedDataset, options: DatasetOptions, io: IO): AsyncGenerator<EvalRecord> {
  for await (const e of readDataset(dataset, options)) {
    if (e.kind === 'record') yield e.record;
    else if (e.skipped) io.err(`${e.issue.file}:${e.issue.line}${e.issue.column ? `:${e.issue.column}` : ''}: ${e.issue.message}`);
  }
}
