/**
 * The model × benchmark leaderboard of a results folder, by the rules of R-Align's `show_result.py`:
 * `*.jsonl` files named `<bench>__<model>[_metarm_<judge>].jsonl`, one cell per (model, benchmark),
 * benchmarks and models sorted by code point, the later file winning a duplicate cell. Each file is
 * tallied by `computeStats`, so the journal and marks beside it count as they do everywhere else.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, parse } from 'node:path';
import { DatasetError } from '../dataset/dataset';
import { isInsideFolder, realPathOf } from '../io/folderContainment';
import type { Interval } from '../statistics/interval';
import { wilson } from '../statistics/interval';
import type { Summary } from '../statistics/metrics';
import type { FileStats, StatsOptions } from '../tally/fileTally';
import { computeStats } from '../tally/fileTally';

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

/** A (model, benchmark) cell and the index in `files` of the file in force there. */
export interface LeaderboardCell {
  readonly model: string;
  readonly bench: string;
  readonly file: number;
}

export interface Leaderboard {
  readonly benches: readonly string[];
  readonly models: readonly string[];
  readonly files: readonly LeaderboardFile[];
  /** Every filled cell, by model then benchmark (code point): renderers walk these, not models × benchmarks. */
  readonly cells: readonly LeaderboardCell[];
  /** The file in force for (model, benchmark). */
  cell(model: string, bench: string): LeaderboardFile | undefined;
  /** Entries in the folder that were not read: not `*.jsonl`, our own side files, links that lead out. */
  readonly notRead: readonly { readonly name: string; readonly reason: string }[];
}

export interface LeaderboardProgress {
  /** After each file is tallied: `done` of `total`. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops between files (the file being read is finished first); buildLeaderboard then throws an AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Python's `sorted` on str: by code point. JavaScript's `<` compares UTF-16 units, which differs
 * only where a surrogate (U+D800–DFFF, code points above U+FFFF) meets a unit in U+E000–FFFF:
 * surrogates are moved above those, which gives code point order without splitting the strings.
 */
export function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
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
function referenceFigures(s: Summary): CellFigures {
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

/** A file to read: `path` (a link's real target) under the `name` it has in the folder. */
interface LeaderboardInput {
  readonly path: string;
  readonly name: string;
}

type NotRead = { name: string; reason: string };

/**
 * A symbolic link in the folder is read (at its real path, under its own name) when it leads to a
 * regular file inside the folder; else it is listed with why not. A results folder may come from
 * someone else: a link must not make the leaderboard read any file on the machine.
 */
async function followLink(folder: string, realFolder: string, name: string): Promise<LeaderboardInput | NotRead> {
  let real: string;
  try {
    real = await realpath(join(folder, name));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { name, reason: code === 'ENOENT' ? 'a symbolic link to a file that does not exist (a broken link)' : code === 'ELOOP' ? 'a symbolic link that loops' : `a symbolic link that cannot be followed (${code ?? (err as Error).message})` };
  }
  if (!isInsideFolder(real, realFolder)) return { name, reason: `a symbolic link to ${real}, outside the folder: not followed (copy the file in, or name it on the command line)` };
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return { name, reason: `a symbolic link to ${real}, which is not a regular file` };
  return { path: real, name };
}

/** The files a leaderboard reads: a folder's `*.jsonl` (not recursive, as the reference) and packed results (`.jsonl.gz`, `.jsonl.zst`, `.parquet`), or the files named. */
async function leaderboardInputs(targets: readonly string[]): Promise<{ inputs: LeaderboardInput[]; notRead: NotRead[] }> {
  const inputs: LeaderboardInput[] = [];
  const notRead: NotRead[] = [];
  for (const target of targets) {
    let info;
    try {
      info = await stat(target);
    } catch (err) {
      throw new DatasetError(`cannot read ${target}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
    }
    if (!info.isDirectory()) {
      inputs.push({ path: target, name: basename(target) });
      continue;
    }
    // One read of the folder; entries are sorted once, and only links cost a look at the disk.
    const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) => byCodePoint(a.name, b.name));
    const realFolder = entries.some((e) => e.isSymbolicLink()) ? await realPathOf(target) : target;
    for (const entry of entries) {
      const name = entry.name;
      const jsonl = name.endsWith('.jsonl') || PACKED_RESULT.test(name);
      if (SIDE_FILE.test(name)) {
        if (entry.isFile()) notRead.push({ name, reason: 'a Rationale Lens side file (its verdicts count in its dataset\'s cell)' });
      } else if (!jsonl) {
        if (entry.isFile() || entry.isSymbolicLink()) notRead.push({ name, reason: 'not a .jsonl file (show_result.py reads *.jsonl only)' });
      } else if (entry.isFile()) inputs.push({ path: join(target, name), name });
      else if (entry.isSymbolicLink()) {
        const followed = await followLink(target, realFolder, name);
        if ('path' in followed) inputs.push(followed);
        else notRead.push(followed);
      } else notRead.push({ name, reason: entry.isDirectory() ? 'a folder, not a file (a leaderboard does not look into subfolders)' : 'not a regular file (a FIFO, socket or device)' });
    }
  }
  return { inputs, notRead };
}

export async function buildLeaderboard(targets: readonly string[], options: StatsOptions = {}, progress: LeaderboardProgress = {}): Promise<Leaderboard> {
  const { inputs, notRead } = await leaderboardInputs(targets);
  const sorted = [...inputs].sort((a, b) => byCodePoint(a.name, b.name));
  // A cell needs the counts, not the issue list: 200 issues kept per file of 10,000 would be 2 million.
  const statsOptions: StatsOptions = { maxIssues: 0, ...options, by: null };
  const read: Omit<LeaderboardFile, 'replacedBy'>[] = [];
  for (const { path, name } of sorted) {
    progress.signal?.throwIfAborted();
    const { bench, model } = benchAndModel(name);
    const conforms = bench !== '' && model !== '';
    try {
      const stats = await computeStats(path, statsOptions);
      read.push({ path, name, bench, model, conforms, stats, error: null, figures: cellFigures(stats) });
    } catch (err) {
      if (!(err instanceof DatasetError)) throw err;
      read.push({ path, name, bench, model, conforms, stats: null, error: err.message, figures: null });
    }
    progress.onProgress?.(read.length, sorted.length);
  }
  const inForce = new Map<string, number>();
  read.forEach((f, i) => {
    if (f.conforms) inForce.set(cellKey(f.model, f.bench), i);
  });
  const files: LeaderboardFile[] = read.map((f, i) => {
    const winner = f.conforms ? inForce.get(cellKey(f.model, f.bench)) : i;
    return { ...f, replacedBy: winner !== undefined && winner !== i ? (read[winner] as LeaderboardFile).name : null };
  });
  // The reference collects every non-empty benchmark and model name, even from a name without `__`.
  const benches = [...new Set(files.map((f) => f.bench).filter(Boolean))].sort(byCodePoint);
  const models = [...new Set(files.map((f) => f.model).filter(Boolean))].sort(byCodePoint);
  const cells = [...inForce.values()]
    .map((i) => ({ model: (files[i] as LeaderboardFile).model, bench: (files[i] as LeaderboardFile).bench, file: i }))
    .sort((a, b) => byCodePoint(a.model, b.model) || byCodePoint(a.bench, b.bench));
  return {
    benches,
    models,
    files,
    cells,
    notRead,
    cell: (model, bench) => {
      const i = inForce.get(cellKey(model, bench));
      return i === undefined ? undefined : files[i];
    },
  };
}

function cellKey(model: string, bench: string): string {
  return `${model}\u0000${bench}`;
}
