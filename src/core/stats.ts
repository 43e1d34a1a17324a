/** Tallies a whole file in one streaming pass: the engine behind `rationale-lens stats` and the status bar. */
import type { DatasetOptions, OpenedDataset } from './dataset';
import { openDataset, readDataset } from './dataset';
import type { FieldMapping } from './formats/mapping';
import { getPath } from './formats/mapping';
import type { FidelityResolver, Summary } from './metrics';
import { Tally, summarize } from './metrics';
import type { EvalRecord, ReadIssue } from './record';

export interface FileStats {
  readonly file: string;
  readonly format: string;
  readonly container: string;
  readonly overall: Summary;
  readonly groupBy: string | null;
  readonly groups: readonly (Summary & { key: string })[];
  /** Entries skipped because they could not be read as records. */
  readonly malformed: number;
  readonly warnings: number;
  /** The first issues, in file order (all are counted). */
  readonly issues: readonly ReadIssue[];
}

export interface StatsOptions extends DatasetOptions {
  /** `subset` (the default), or a dotted field path into the source record; null for no breakdown. */
  readonly by?: string | null;
  readonly mapping?: FieldMapping;
  readonly maxIssues?: number;
  readonly resolveFidelity?: FidelityResolver;
  readonly onRecord?: (record: EvalRecord) => void;
}

export function groupKeyFn(by: string | null | undefined): ((r: EvalRecord) => string | null) | null {
  if (by === null) return null;
  if (by === undefined || by === 'subset') return (r) => r.subset;
  return (r) => {
    const v = getPath(r.source, by);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  };
}

export async function computeStats(path: string, options: StatsOptions = {}, opened?: OpenedDataset): Promise<FileStats> {
  const dataset = opened ?? (await openDataset(path, options));
  const tally = new Tally(dataset.adapter.bothOrders, groupKeyFn(options.by), options.resolveFidelity);
  const maxIssues = options.maxIssues ?? 200;
  const issues: ReadIssue[] = [];
  let malformed = 0;
  let warnings = 0;
  for await (const event of readDataset(dataset, options)) {
    if (event.kind === 'record') {
      tally.add(event.record);
      options.onRecord?.(event.record);
    } else {
      if (event.skipped) malformed++;
      else warnings++;
      if (issues.length < maxIssues) issues.push(event.issue);
    }
  }
  const groups = [...tally.groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, counts]) => ({ key, ...summarize(counts) }));
  return {
    file: path,
    format: dataset.adapter.name,
    container: dataset.container,
    overall: summarize(tally.overall),
    groupBy: options.by === null ? null : options.by ?? 'subset',
    groups,
    malformed,
    warnings,
    issues,
  };
}
