/**
 * The Leaderboard and Compare views' messages, each shape declared once as a schema (types derived).
 * The webviews never send a path: a file or record is named by its position in what the host sent.
 */
import type { Checked, Infer } from '../core/schema/schema';
import { arr, check, lit, nullable, num, obj, tagged } from '../core/schema/schema';
import { RECORD_KINDS, alignmentView, count, index, kind, text } from './views';

const interval = nullable(arr(num, 2, 2));
const figure = obj({ value: nullable(num), interval });

// ------------------------------------------------------------------------------------------------
// Leaderboard

/** A figure of issue 24 with what it counts over, or why it is undefined (`reason`). */
const sampleFigure = obj({ value: nullable(num), interval, denominator: count, over: text, reason: nullable(text) });
export type SampleFigureView = Infer<typeof sampleFigure>;
const sampleColumnsView = obj({
  kMin: count,
  kMax: count,
  lAccPerSample: sampleFigure,
  lAccMajority: sampleFigure,
  sCorrPerSample: sampleFigure,
  sCorrMajority: sampleFigure,
  meanFlipRate: sampleFigure,
});
export type SampleColumnsView = Infer<typeof sampleColumnsView>;

const cellView = obj({
  model: text,
  bench: text,
  /** Position in `files`: what the webview sends back to open it. */
  file: index,
  records: count,
  lAcc: figure,
  sCorr: figure,
  fScore: figure,
  /** Issue 24's per-sample and majority columns; null with `samplesReason` for a file without samples. */
  samples: nullable(sampleColumnsView),
  samplesReason: nullable(text),
});
export type CellView = Infer<typeof cellView>;

const leaderboardView = obj({
  folder: text,
  benches: arr(text),
  models: arr(text),
  cells: arr(cellView),
  /** File names, for tooltips and the list of odd names. */
  files: arr(text),
  notes: arr(text),
});
export type LeaderboardView = Infer<typeof leaderboardView>;

const toLeaderboard = tagged({ leaderboard: obj({ type: lit('leaderboard'), view: leaderboardView }) });
const fromLeaderboard = tagged({
  ready: obj({ type: lit('ready') }),
  openFile: obj({ type: lit('openFile'), file: index }),
});
export type ToLeaderboard = Infer<typeof toLeaderboard>;
export type FromLeaderboard = Infer<typeof fromLeaderboard>;

// ------------------------------------------------------------------------------------------------
// Compare

const runFigures = obj({ lAcc: nullable(num), sCorr: nullable(num), fScore: nullable(num) });
const changedView = obj({ indexA: index, indexB: index, idA: text, from: kind, to: kind });
export type ChangedView = Infer<typeof changedView>;

/** Issue 24: two sampled runs, their records being sample sets; a figure per run with its count and denominator. */
/** `aRatio` "17/60" (empty when undefined); `aCounted` the same in words, or why the figure is undefined. */
const sampledFigure = obj({ name: text, a: nullable(num), b: nullable(num), aRatio: text, bRatio: text, aCounted: text, bCounted: text });
const sampledCompareView = obj({ heading: text, join: text, figures: arr(sampledFigure, 4), mcnemar: text, sCorrDelta: text, notes: arr(text, 8) });
export type SampledCompareView = Infer<typeof sampledCompareView>;

const compareView = obj({
  a: obj({ name: text, records: count, figures: runFigures }),
  b: obj({ name: text, records: count, figures: runFigures }),
  join: text,
  mcnemar: text,
  sCorrDelta: text,
  /** Which scorer's rules the figures follow (R-Align's), and the runs whose own scorer counts otherwise. */
  convention: text,
  /** transitions[from][to] in CLASS order. */
  transitions: arr(arr(count, RECORD_KINDS.length, RECORD_KINDS.length), RECORD_KINDS.length, RECORD_KINDS.length),
  changed: arr(changedView),
  /** Null unless a file has samples (then the records above are rows, and these are sample sets). */
  samples: nullable(sampledCompareView),
});
export type CompareView = Infer<typeof compareView>;

const side = obj({ kind, verdict: text, rationale: text, alignment: nullable(alignmentView) });
const pairView = obj({ changed: index, gold: text, a: side, b: side });
export type RecordPairView = Infer<typeof pairView>;

const toCompare = tagged({
  compare: obj({ type: lit('compare'), view: compareView }),
  pair: obj({ type: lit('pair'), pair: pairView }),
  error: obj({ type: lit('error'), message: text }),
});
const fromCompare = tagged({
  ready: obj({ type: lit('ready') }),
  /** Show the two records of `changed[n]` side by side. */
  showPair: obj({ type: lit('showPair'), changed: index }),
  /** Open record `changed[n]` of run a (or b) in its Inspector. */
  openRecord: obj({ type: lit('openRecord'), changed: index, run: lit('a', 'b') }),
});
export type ToCompare = Infer<typeof toCompare>;
export type FromCompare = Infer<typeof fromCompare>;

export const checkToLeaderboard = (v: unknown): Checked<ToLeaderboard> => check(toLeaderboard, v);
export const checkFromLeaderboard = (v: unknown): Checked<FromLeaderboard> => check(fromLeaderboard, v);
export const checkToCompare = (v: unknown): Checked<ToCompare> => check(toCompare, v);
export const checkFromCompare = (v: unknown): Checked<FromCompare> => check(fromCompare, v);
