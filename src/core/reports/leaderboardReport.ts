/** Renderings of a Leaderboard: the reference's CSV, a terminal table with intervals, JSON, and what to say about the folder. */
import type { CellFigures, Leaderboard, LeaderboardCell, LeaderboardFile } from '../research/leaderboard';
import { pythonFixed } from '../scorers/pythonFormat';
import { csvCell, interval, pct } from './report';
import { inlineText } from '../text/terminalText';
import { PAPER_CONVENTION, figureText } from '../scorers/conventions';
import type { SampleColumns } from './sampleColumns';
import { kRange, sampleCellOf } from './sampleColumns';

const FIGURES = ['label_acc', 'spurious_correctness', 'fidelity_score'] as const;

function csvPercent(x: number | null): string {
  return x === null ? '' : pythonFixed(x * 100, 4);
}

/**
 * `show_result.py`'s `results_summary.csv`, row by row: `model`, then per benchmark (sorted) its
 * L-Acc, S-Corr and F-Score in percent with four decimals, empty where undefined or missing. Join
 * with CRLF for the reference's bytes (Python's csv module ends rows so).
 */
export function leaderboardCsvRows(board: Leaderboard): string[] {
  const header = ['model', ...board.benches.flatMap((b) => FIGURES.map((f) => `${b}__${f}`))];
  const column = new Map(board.benches.map((b, i) => [b, i]));
  // The reference's layout is models × benchmarks: each row starts empty and its filled cells are written in.
  const blank = csvCell('');
  const rows: string[] = [header.map(csvCell).join(',')];
  let at = 0;
  for (const model of board.models) {
    const cells: string[] = new Array<string>(board.benches.length * 3).fill(blank);
    for (; at < board.cells.length && (board.cells[at] as LeaderboardCell).model === model; at++) {
      const cell = board.cells[at] as LeaderboardCell;
      const figures = board.files[cell.file]?.figures;
      const col = column.get(cell.bench);
      if (!figures || col === undefined) continue;
      cells[col * 3] = csvCell(csvPercent(figures.labelAccuracy));
      cells[col * 3 + 1] = csvCell(csvPercent(figures.sCorr));
      cells[col * 3 + 2] = csvCell(csvPercent(figures.fScore));
    }
    rows.push([csvCell(model), ...cells].join(','));
  }
  return rows;
}

/** Names a spreadsheet would run as a formula: csvCell guards them with `'`, which the reference does not. */
function formulaGuardedNames(board: Leaderboard): string[] {
  return [...board.models, ...board.benches].filter((n) => /^[=+\-@\t\r]/.test(n));
}

function cellText(f: CellFigures | null | undefined): [string, string, string] {
  if (!f) return ['', '', ''];
  const one = (x: number | null, iv: CellFigures['sCorrInterval']) => `${pct(x)} ${interval(iv)}`.trim();
  return [one(f.labelAccuracy, f.labelAccuracyInterval), one(f.sCorr, f.sCorrInterval), one(f.fScore, f.fScoreInterval)];
}

/** The per-sample and majority columns (issue 24): shown when some file in force has samples. */
const SAMPLE_HEADERS = ['k', 'L-Acc/sample', 'L-Acc maj.', 'S-Corr/sample [95% CI]', 'S-Corr maj.', 'flip rate'];

/** A file without samples gets empty cells (the notes say why), never a 0. */
function sampleCellText(c: SampleColumns | null): string[] {
  if (!c) return SAMPLE_HEADERS.map(() => '');
  return [kRange(c.k), pct(c.labelAccuracyPerSample.value), pct(c.labelAccuracyMajority.value), `${pct(c.sCorrPerSample.value)} ${interval(c.sCorrPerSample.interval)}`.trim(), pct(c.sCorrMajority.value), pct(c.meanFlipRate.value)];
}

/** Whether some file in force has several samples per record (the table then gains the sample columns). */
function boardHasSamples(board: Leaderboard): boolean {
  return board.cells.some((c) => sampleCellOf(board.files[c.file]?.stats ?? null).columns !== null);
}

/** One row per (model, benchmark) present, with records and 95% Wilson intervals; names escaped to one line each. */
export function renderLeaderboardTable(board: Leaderboard): string {
  const sampled = boardHasSamples(board);
  const rows: string[][] = [['model', 'benchmark', 'records', 'L-Acc [95% CI]', 'S-Corr [95% CI]', 'F-Score [95% CI]', ...(sampled ? SAMPLE_HEADERS : [])]];
  for (const { model, bench, file: index } of board.cells) {
    const file = board.files[index] as LeaderboardFile;
    rows.push([inlineText(model), inlineText(bench), file.stats ? String(file.stats.overall.records) : 'unreadable', ...cellText(file.figures), ...(sampled ? sampleCellText(sampleCellOf(file.stats).columns) : [])]);
  }
  const widths = (rows[0] as string[]).map((_, i) => rows.reduce((w, r) => Math.max(w, (r[i] as string).length), 0));
  return rows.map((r) => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function leaderboardJson(board: Leaderboard): object {
  return {
    benchmarks: board.benches,
    models: board.models,
    cells: board.cells.map(({ model, bench, file: index }) => {
      const file = board.files[index] as LeaderboardFile;
      const s = file.stats?.overall;
      return { model, benchmark: bench, file: file.name, format: file.stats?.format ?? null, records: s?.records ?? null, labelCorrect: s?.labelCorrect ?? null, fidelity: s?.fidelity ?? null, ...(file.figures ?? {}), figureConvention: PAPER_CONVENTION, ownScorer: file.stats?.conventions.find((c) => c.convention !== PAPER_CONVENTION) ?? null, error: file.error, ...samplesJson(file) };
    }),
    files: board.files.map((f) => ({ file: f.name, benchmark: f.bench, model: f.model, conforms: f.conforms, replacedBy: f.replacedBy, error: f.error, malformed: f.stats?.malformed ?? null })),
    notRead: board.notRead,
  };
}

/** A cell's `samples` (issue 24's per-sample and majority figures, each with its denominator) or `samplesReason`. */
function samplesJson(file: LeaderboardFile): { samples: SampleColumns | null; samplesReason: string | null } {
  const cell = sampleCellOf(file.stats);
  return { samples: cell.columns, samplesReason: cell.reason };
}

/** What the user must know about the folder, one line each (names escaped): unreadable files, odd names, replaced cells, other formats. */
export function leaderboardNotes(board: Leaderboard): string[] {
  const notes: string[] = [];
  for (const f of board.files) {
    if (f.error) notes.push(`error: ${f.name}: ${f.error}; its cell is empty`);
    else if (f.stats && f.stats.malformed) notes.push(`warning: ${f.name}: ${f.stats.malformed} malformed ${f.stats.malformed === 1 ? 'line' : 'lines'} skipped (show_result.py would stop at the first); run \`rationale-lens stats ${f.name}\` for where`);
    if (!f.conforms) {
      const column = f.bench ? `; show_result.py still makes an empty benchmark column "${f.bench}" of it, and so does --csv` : f.model ? `; show_result.py still makes an empty row "${f.model}" of it, and so does --csv` : '';
      notes.push(`note: ${f.name} does not follow <bench>__<model>[_metarm_<judge>].jsonl${column}`);
    }
    if (f.replacedBy) notes.push(`note: ${f.name} and ${f.replacedBy} are both ${f.model} on ${f.bench}: the later name counts, as in show_result.py`);
    const fid = f.stats?.overall.fidelity;
    if (f.stats?.format === 'r-align' && fid && f.stats.overall.records > 0 && fid.aligned + fid.misaligned + fid.callFail + fid.parseFail === 0) {
      notes.push(`note: ${f.name}: no fidelity verdicts; F-Score is 0 by show_result.py's rule (the Inspector says n/a); run \`rationale-lens judge\``);
    }
    if (!f.name.endsWith('.jsonl')) notes.push(`note: ${f.name} is read here, but show_result.py reads *.jsonl only and would have skipped it`);
    const own = f.stats?.conventions.find((c) => c.convention !== PAPER_CONVENTION);
    if (f.stats && own) {
      const figures = own.figures.filter((x) => x.metric !== 'L-Acc' || x.value !== f.stats?.overall.labelAccuracy).map((x) => `${x.metric} ${figureText(x, (v) => pct(v))}`);
      notes.push(`note: ${f.name} is ${f.stats.format}: its cell shows R-Align's figures (the paper's, as every cell); ${own.scorer} would give ${figures.length ? figures.join('; ') : 'the same'}`);
    } else if (f.stats && f.stats.format !== 'r-align') notes.push(`note: ${f.name} is ${f.stats.format}: its figures follow that format's own scorer`);
    if (f.stats?.overlay && f.stats.overlay.llm + f.stats.overlay.human > 0) notes.push(`note: ${f.name}: ${f.stats.overlay.llm} LLM-judge and ${f.stats.overlay.human} human verdicts from beside the file count (--file-only for the file's own)`);
  }
  if (boardHasSamples(board)) {
    const single = board.cells.map((c) => board.files[c.file] as LeaderboardFile).filter((f) => f.stats && sampleCellOf(f.stats).columns === null);
    if (single.length) notes.push(`note: per-sample and majority columns are empty for ${single.length} ${single.length === 1 ? 'file' : 'files'} (${single.slice(0, 5).map((f) => f.name).join(', ')}${single.length > 5 ? ', …' : ''}): ${sampleCellOf(single[0]?.stats ?? null).reason ?? ''}`);
  }
  for (const n of board.notRead) notes.push(`note: not read: ${n.name}: ${n.reason}`);
  const guarded = formulaGuardedNames(board);
  if (guarded.length) notes.push(`note: ${guarded.length} name(s) start like a spreadsheet formula; the CSV prefixes them with ' (show_result.py does not)`);
  // One line each, whatever the file names and messages hold.
  return notes.map(inlineText);
}
