/**
 * The leaderboard's per-sample and majority columns (issue 24) for one file, read off the `samples`
 * object of its stats (fileSamples.ts), so a cell shows exactly what `stats` says for that file.
 * A file without samples has no columns and a reason, never a 0: the CLI leaves its cells empty and
 * says why in a note, the Leaderboard view in the empty cell's tooltip.
 */
import type { Interval } from '../statistics/interval';
import type { FileStats } from '../tally/fileTally';
import type { SampleFigure } from '../samples/fileFigures';

export interface SampleColumns {
  /** The fewest and the most samples a record has. */
  readonly k: { readonly min: number; readonly max: number };
  readonly labelAccuracyPerSample: SampleFigure;
  readonly labelAccuracyMajority: SampleFigure;
  readonly sCorrPerSample: SampleFigure & { readonly interval: Interval | null };
  readonly sCorrMajority: SampleFigure;
  readonly meanFlipRate: SampleFigure;
}

/** Either the columns, or why the file has none. */
export type SampleCell = { readonly columns: SampleColumns; readonly reason: null } | { readonly columns: null; readonly reason: string };

const NO_SAMPLES_REASON = 'every record is one sample: no row repeats an id with the same prompt and responses, and none holds several judgments';

export function sampleCellOf(stats: FileStats | null): SampleCell {
  if (!stats) return { columns: null, reason: 'the file could not be read' };
  const s = stats.samples;
  if (!s || !s.samplesPerRecord) return { columns: null, reason: NO_SAMPLES_REASON };
  return {
    columns: {
      k: { min: s.samplesPerRecord.min, max: s.samplesPerRecord.max },
      labelAccuracyPerSample: s.labelAccuracyPerSample,
      labelAccuracyMajority: s.labelAccuracyMajority,
      sCorrPerSample: s.sCorrPerSample,
      sCorrMajority: s.sCorrMajority,
      meanFlipRate: s.meanFlipRate,
    },
    reason: null,
  };
}

/** "10" or "3–5". */
export function kRange(k: SampleColumns['k']): string {
  return k.min === k.max ? String(k.min) : `${k.min}–${k.max}`;
}
