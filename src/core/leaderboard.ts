/**
 * The model × benchmark leaderboard of a results folder, by the rules of R-Align's `show_result.py`:
 * `*.jsonl` files named `<bench>__<model>[_metarm_<judge>].jsonl`, one cell per (model, benchmark),
 * benchmarks and models sorted by code point, the later file winning a duplicate cell. Each file is
 * tallied by `computeStats`, so the journal and marks beside it count as they do everywhere else.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, parse } from 'node:path';
import { DatasetError } from './dataset';
import type { Interval, Summary } from './metrics';
import { wilson } from './metrics';
import type { FileStats, StatsOptions } from './stats';
import { computeStats } from './stats';

/** Our own files beside a dataset end in `.rlens-<kind>.jsonl`; the reference would read them as results. */
const SIDE_FILE = /\.rlens-[a-z]+\.jsonl$/;
/** Results as they ship packed: read here, though show_result.py (which globs `*.jsonl`) skips them. */
const PACKED_RESULT = /\.(jsonl\.gz|jsonl\.zst|parquet)$/i;

export interface CellFigures {
  readonly labelAccuracy: number | null;
  readonly sCorr: number | null;
  readonly fScore: number | null;
  readonly labelAccuracyInterval: Interval | null;
  readonly sCorrInterval: Interval | null;
  readonly fScoreInterval: Interval | null;
}

export interface LeaderboardFile {
  readonly path: string;
  readonly name: string;
  readonly bench: string;
  readonly model: string;
  /** The name is `<bench>__<model>…`: both parts are non-empty. */
  readonly conforms: boolean;
  readonly stats: FileStats | null;
  /** Why the file could not be read (its cell stays empty). */
  readonly error: string | null;
  readonly figures: CellFigures | null;
  /** A later file (in sorted order) with the same model and benchmark replaced this one, as in the reference. */
  readonly replacedBy: string | null;
}

export interface Leaderboard {
  readonly benches: readonly string[];
  readonly models: readonly string[];
  readonly files: readonly LeaderboardFile[];
  /** The file in force for (model, benchmark). */
  cell(model: string, bench: string): LeaderboardFile | undefined;
  /** Files in the folder that were not read: not `*.jsonl`, or our own side files. */
  readonly notRead: readonly { readonly name: string; readonly reason: string }[];
}

/** Python's `sorted` on str: by code point (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF). */
export function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** `show_result.py`'s naming rule: split the stem at the first `__`; drop `_metarm_<judge>` from the model. */
export function benchAndModel(fileName: string): { bench: string; model: string } {
  const stem = parse(fileName.replace(/\.(gz|zst)$/i, '')).name;
  const at = stem.indexOf('__');
  const [bench, rest] = at >= 0 ? [stem.slice(0, at), stem.slice(at + 2)] : [stem, ''];
  const judge = rest.indexOf('_metarm_');
  return { bench, model: judge >= 0 ? rest.slice(0, judge) : rest };
}

/**
 * The reference's three figures from a file's counts. They differ from the Inspector's in one place:
 * a file no fidelity judge has seen gets F-Score 0 here (the reference's rule), null there.
 */
export function referenceFigures(s: Summary): CellFigures {
  const f = s.fidelity;
  const judged = f.aligned + f.misaligned;
  const denominator = s.records - f.callFail - f.parseFail;
  return {
    labelAccuracy: s.records ? s.labelCorrect / s.records : null,
    sCorr: judged ? 1 - f.aligned / judged : null,
    fScore: denominator > 0 ? f.aligned / denominator : null,
    labelAccuracyInterval: wilson(s.labelCorrect, s.records),
    sCorrInterval: judged ? wilson(f.misaligned, judged) : null,
    fScoreInterval: denominator > 0 ? wilson(f.aligned, denominator) : null,
  };
}

/** Figures of a file in another format follow that format's own scorer (the summary's figures). */
function cellFigures(stats: FileStats): CellFigures {
  if (stats.format === 'r-align') return referenceFigures(stats.overall);
  const s = stats.overall;
  return { labelAccuracy: s.labelAccuracy, sCorr: s.sCorr, fScore: s.fScore, labelAccuracyInterval: s.labelAccuracyInterval, sCorrInterval: s.sCorrInterval, fScoreInterval: s.fScoreInterval };
}

/** The files a leaderboard reads: a folder's `*.jsonl` (not recursive, as the reference) and packed results (`.jsonl.gz`, `.jsonl.zst`, `.parquet`), or the files named. */
export async function leaderboardInputs(targets: readonly string[]): Promise<{ paths: string[]; notRead: { name: string; reason: string }[] }> {
  const paths: string[] = [];
  const notRead: { name: string; reason: string }[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch (err) {
      throw new DatasetError(`cannot read ${target}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
    }
    if (!info.isDirectory()) {
      paths.push(target);
      continue;
    }
    const entries = await readdir(target, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => byCodePoint(a.name, b.name))) {
      if (!entry.isFile()) continue;
      if (SIDE_FILE.test(entry.name)) notRead.push({ name: entry.name, reason: 'a Rationale Lens side file (its verdicts count in its dataset\'s cell)' });
      else if (entry.name.endsWith('.jsonl') || PACKED_RESULT.test(entry.name)) paths.push(join(target, entry.name));
      else notRead.push({ name: entry.name, reason: 'not a .jsonl file (show_result.py reads *.jsonl only)' });
    }
  }
  return { paths, notRead };
}

export async function buildLeaderboard(targets: readonly string[], options: StatsOptions = {}): Promise<Leaderboard> {
  const { paths, notRead } = await leaderboardInputs(targets);
  const sorted = [...paths].sort((a, b) => byCodePoint(basename(a), basename(b)));
  const read: Omit<LeaderboardFile, 'replacedBy'>[] = [];
  for (const path of sorted) {
    const name = basename(path);
    const { bench, model } = benchAndModel(name);
    const conforms = bench !== '' && model !== '';
    try {
      const stats = await computeStats(path, { ...options, by: null });
      read.push({ path, name, bench, model, conforms, stats, error: null, figures: cellFigures(stats) });
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      read.push({ path, name, bench, model, conforms, stats: null, error: err.message, figures: null });
    }
  }
  const inForce = new Map<string, number>();
  read.forEach((f, i) => {
    if (f.conforms) inForce.set(`${f.model}\u0000${f.bench}`, i);
  });
  const files: LeaderboardFile[] = read.map((f, i) => {
    const winner = f.conforms ? inForce.get(`${f.model}\u0000${f.bench}`) : i;
    return { ...f, replacedBy: winner !== undefined && winner !== i ? (read[winner] as LeaderboardFile).name : null };
  });
  // The reference collects every non-empty benchmark and model name, even from a name without `__`.
  const benches = [...new Set(files.map((f) => f.bench).filter(Boolean))].sort(byCodePoint);
  const models = [...new Set(files.map((f) => f.model).filter(Boolean))].sort(byCodePoint);
  return {
    benches,
    models,
    files,
    notRead,
    cell: (model, bench) => {
      const i = inForce.get(`${model}\u0000${bench}`);
      return i === undefined ? undefined : files[i];
    },
  };
}

/**
 * Python's `f"{x:.{digits}f}"`: the exact binary value rounded, ties to even. `toFixed` breaks an
 * exact tie upwards (0.03125 → "0.0313" where Python prints "0.0312").
 */
export function pythonFixed(x: number, digits: number): string {
  const exact = x.toFixed(100);
  const point = exact.indexOf('.');
  const tail = exact.slice(point + 1 + digits);
  const tie = tail.startsWith('5') && /^50*$/.test(tail);
  if (!tie) return x.toFixed(digits);
  const kept = exact.slice(0, point + 1 + digits);
  const lastDigit = Number(kept[kept.length - 1] === '.' ? kept[kept.length - 2] : kept[kept.length - 1]);
  if (lastDigit % 2 === 0) return digits === 0 ? kept.slice(0, -1) : kept;
  return x.toFixed(digits);
}
