/** Full-text search over a dataset's records: prompt, responses, gold judgments and judgments, case-insensitive. */
import type { DatasetOptions, OpenedDataset } from '../dataset/dataset';
import { readDataset } from '../dataset/dataset';
import type { EvalRecord } from '../record/record';

/** Streams the file again (nothing but the index is kept in memory); stops at `limit` hits. */
export async function searchRecords(dataset: OpenedDataset, options: DatasetOptions, count: number, query: string, candidates: readonly number[] | null, limit: number, signal?: AbortSignal): Promise<number[]> {
  const needle = query.toLowerCase();
  if (!needle) return candidates ? [...candidates] : Array.from({ length: count }, (_, i) => i);
  const allowed = candidates ? new Set(candidates) : null;
  const hits: number[] = [];
  for await (const event of readDataset(dataset, options)) {
    if (signal?.aborted) break;
    if (event.kind !== 'record') continue;
    const r = event.record;
    if (allowed && !allowed.has(r.index)) continue;
    if (searchableText(r).toLowerCase().includes(needle)) {
      hits.push(r.index);
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

function searchableText(r: EvalRecord): string {
  const turns = r.conversation.map((t) => (typeof t.content === 'string' ? t.content : t.content.map((p) => (p.type === 'text' ? p.text : '')).join(' ')));
  return [r.id, ...turns, r.responseA, r.responseB, ...r.goldRationales, ...r.judgments.map((j) => j.raw)].join('\n');
}
