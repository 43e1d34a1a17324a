/**
 * A file's (or two runs') failure themes, ready for the CLI, the Inspector and the exports: the
 * grouping's themes with the ratifications applied, their figures, and the totals they explain.
 */
import type { Failures } from './collect';
import type { FailureClaim } from './failureClaims';
import type { Theme, ThemeGroup } from './themeSet';
import { applyRatifications, themesOf } from './themeSet';
import type { Ratification } from './themesFile';
import type { ThemeSampleCounts } from './sampleCounts';
import { themeSampleCounts } from './sampleCounts';

/** A theme is a failure shared by at least this many records (one record's failure is an anecdote). */
const MIN_THEME_RECORDS = 2;

export type Grouping = { readonly kind: 'lexical' } | { readonly kind: 'embedding'; readonly model: string; readonly titleModel: string | null; readonly cut: number };

interface RunTotals {
  readonly records: number;
  /** Records aligned against a gold judgment. */
  readonly aligned: number;
  readonly withFailures: number;
  readonly spurious: number;
  /** Spurious records with a failure claim in some theme shown. */
  readonly spuriousExplained: number;
  readonly failureClaims: number;
  /** Failure claims in no theme shown (alone, in a theme of one record, or in a dismissed theme). */
  readonly unthemedClaims: number;
}

export interface ThemeSet {
  readonly grouping: Grouping;
  /** Which aligner tier's claims were grouped. */
  readonly aligner: string;
  readonly themes: readonly Theme[];
  readonly dismissed: readonly Theme[];
  readonly totals: readonly RunTotals[];
  readonly notes: readonly string[];
  /** Counts per sample and per record for a file with sample sets; null when every record is one row. */
  readonly samples: ThemeSampleCounts | null;
}

export function assembleThemes(failures: Failures, groups: readonly ThemeGroup[], ratifications: readonly Ratification[], grouping: Grouping, aligner: string): ThemeSet {
  const runs = Math.max(1, failures.counts.length);
  const applied = applyRatifications(groups, ratifications, failures.claims);
  const all = themesOf(applied.groups, failures.claims, failures.records, runs);
  const recordsOf = (t: Theme) => t.recordIndexes.reduce((n, r) => n + r.length, 0);
  const themes = all.filter((t) => recordsOf(t) >= MIN_THEME_RECORDS);
  const dismissed = themesOf(applied.dismissed, failures.claims, failures.records, runs);
  const themed = new Set<number>();
  for (const g of applied.groups) if (themes.some((t) => t.id === g.id)) for (const m of g.members) themed.add(m);
  const totals = Array.from({ length: runs }, (_, run): RunTotals => {
    const { sets: _sets, repeated: _repeated, ...c } = failures.counts[run] ?? { records: 0, aligned: 0, withFailures: 0, spurious: 0, sets: 0, repeated: false };
    const explained = new Set<number>();
    for (const t of themes) for (const i of t.recordIndexes[run] ?? []) if (failures.records.get(`${run}:${i}`)?.kind === 'spurious') explained.add(i);
    let failureClaims = 0;
    let unthemedClaims = 0;
    failures.claims.forEach((x: FailureClaim, i) => {
      if (x.run !== run) return;
      failureClaims++;
      if (!themed.has(i)) unthemedClaims++;
    });
    return { ...c, spuriousExplained: explained.size, failureClaims, unthemedClaims };
  });
  return { grouping, aligner, themes, dismissed, totals, notes: [...failures.notes, ...applied.notes], samples: themeSampleCounts(themes, failures) };
}
