/**
 * Failure themes of a file: what spurious rationales get wrong, grouped. The offline tier groups the
 * failure claims by their key terms (lexicalGrouping.ts); the embedding tier clusters their vectors
 * and has a model title each cluster (embeddingGrouping.ts, themeTitles.ts). Either way the
 * researcher's ratifications, kept beside the file (themesFile.ts), are applied before anything is
 * shown or exported.
 */
import type { DatasetOptions } from '../dataset/dataset';
import type { Grouping, ThemeSet } from './assemble';
import { assembleThemes } from './assemble';
import type { Failures, RecordAligner } from './collect';
import { collectFailures, emptyFailures, lexicalAligner, recordsOfFile } from './collect';
import type { ThemeGroup } from './themeSet';
import { lexicalGroups } from './themeSet';
import { readThemesFile } from './themesFile';

export type { ThemeSet } from './assemble';
export type { ThemeGroup } from './themeSet';
export type { Failures, RecordAligner } from './collect';
export type { Ratification } from './themesFile';
export { collectFailures, emptyFailures, lexicalAligner, recordsOfFile } from './collect';
export { assembleThemes } from './assemble';
export { lexicalGroups } from './themeSet';
export { appendThemesLines, ratify, readThemesFile } from './themesFile';

/** Groups failure claims into themes (before ratification): the offline tier unless another is given. */
export type GroupClaims = (failures: Failures) => Promise<{ groups: ThemeGroup[]; grouping: Grouping; notes?: readonly string[] }>;

const groupLexically: GroupClaims = (failures) => Promise.resolve({ groups: lexicalGroups(failures.claims), grouping: { kind: 'lexical' } });

export interface FileThemesOptions extends DatasetOptions {
  /** Fold in the journal's and marks' verdicts (default true), as `stats` does. */
  readonly overlays?: boolean;
  readonly aligner?: RecordAligner;
  /** Which tier `aligner` is (for the report). */
  readonly alignerName?: string;
  readonly group?: GroupClaims;
  readonly signal?: AbortSignal;
}

/**
 * The themes of one file, or of several runs of the same benchmark pooled (`compare`: one grouping
 * over both runs' failures, so sizes are comparable theme by theme); ratifications come from the
 * first file's themes file. Bad lines of that file and read problems are in the notes.
 */
export async function themesOfFiles(paths: readonly string[], options: FileThemesOptions = {}): Promise<ThemeSet & { readonly collected: Failures }> {
  const failures = emptyFailures();
  const notes: string[] = [];
  for (const [run, path] of paths.entries()) {
    const read = await recordsOfFile(path, options);
    await collectFailures(failures, read.records, options.aligner ?? lexicalAligner, run, options.signal);
    notes.push(...read.problems);
    if (read.malformed()) notes.push(`${path}: ${read.malformed()} malformed ${read.malformed() === 1 ? 'entry' : 'entries'} skipped (run \`rationale-lens stats\` on it for where)`);
  }
  const side = await readThemesFile(paths[0] as string);
  if (side.badLines.length) notes.push(`${paths[0] as string}.rlens-themes.jsonl: line${side.badLines.length === 1 ? '' : 's'} ${side.badLines.slice(0, 10).join(', ')} not read (skipped, left in place)`);
  const grouped = await (options.group ?? groupLexically)(failures);
  const set = assembleThemes(failures, grouped.groups, side.ratifications, grouped.grouping, options.alignerName ?? 'lexical');
  return { ...set, notes: [...notes, ...(grouped.notes ?? []), ...set.notes], collected: failures };
}
