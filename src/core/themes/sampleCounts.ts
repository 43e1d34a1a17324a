/**
 * Failure themes of a file with sample sets (issue 24: rows repeating an id with the same prompt and
 * responses are samples of one record), counted both ways: per SAMPLE (a row: what a theme's
 * `records` counts) and per RECORD (a sample set, counted once however many of its samples fall in the
 * theme). "Spurious" per record: a record with at least one spurious sample in the theme. Null for a
 * file whose every record is one row.
 */
import type { Failures } from './collect';
import type { Theme } from './themeSet';

export interface SampleCounts {
  /** Samples (rows) in the theme, and of them spurious. */
  readonly samples: number;
  readonly spuriousSamples: number;
  /** Records (sample sets) with a sample in the theme, and with a spurious sample in it. */
  readonly records: number;
  readonly spuriousRecords: number;
}

interface SampleTotals extends SampleCounts {
  /** Spurious samples, and records with a spurious sample, explained by some theme shown. */
  readonly explainedSamples: number;
  readonly explainedRecords: number;
}

export interface ThemeSampleCounts {
  /** Per run: the file's spurious samples and records, and how many a theme explains. */
  readonly totals: readonly SampleTotals[];
  /** Per theme id, per run. */
  readonly themes: Readonly<Record<string, readonly SampleCounts[]>>;
}

function countRows(rows: Iterable<number>, run: number, failures: Failures): { samples: number; spuriousSamples: number; sets: Set<number>; spuriousSets: Set<number> } {
  let samples = 0;
  let spuriousSamples = 0;
  const sets = new Set<number>();
  const spuriousSets = new Set<number>();
  for (const i of rows) {
    const r = failures.records.get(`${run}:${i}`);
    if (!r) continue;
    samples++;
    const set = r.set ?? -1 - i;
    sets.add(set);
    if (r.kind === 'spurious') {
      spuriousSamples++;
      spuriousSets.add(set);
    }
  }
  return { samples, spuriousSamples, sets, spuriousSets };
}

export function themeSampleCounts(themes: readonly Theme[], failures: Failures): ThemeSampleCounts | null {
  if (!failures.counts.some((c) => c?.repeated)) return null;
  const runs = Math.max(1, failures.counts.length);
  const byTheme: Record<string, SampleCounts[]> = {};
  const explained = Array.from({ length: runs }, () => ({ rows: new Set<number>() }));
  for (const t of themes) {
    byTheme[t.id] = Array.from({ length: runs }, (_, run) => {
      const rows = t.recordIndexes[run] ?? [];
      for (const i of rows) explained[run]?.rows.add(i);
      const c = countRows(rows, run, failures);
      return { samples: c.samples, spuriousSamples: c.spuriousSamples, records: c.sets.size, spuriousRecords: c.spuriousSets.size };
    });
  }
  const totals = Array.from({ length: runs }, (_, run): SampleTotals => {
    const all: number[] = [];
    for (const r of failures.records.values()) if (r.run === run) all.push(r.index);
    const file = countRows(all, run, failures);
    const shown = countRows(explained[run]?.rows ?? [], run, failures);
    return { samples: file.samples, spuriousSamples: file.spuriousSamples, records: file.sets.size, spuriousRecords: file.spuriousSets.size, explainedSamples: shown.spuriousSamples, explainedRecords: shown.spuriousSets.size };
  });
  return { totals, themes: byTheme };
}
