/** `rationale-lens stats <folder> | <file> <file>…`: the model × benchmark leaderboard, as `show_result.py` prints it. */
import { buildLeaderboard } from '../core/research/leaderboard';
import { leaderboardCsvRows, leaderboardJson, leaderboardNotes, renderLeaderboardTable } from '../core/reports/leaderboardReport';
import { writeFileAtomically } from '../core/io/sideFiles';
import type { StatsOptions } from '../core/tally/fileTally';
import type { IO } from './options';
import { UsageError } from './options';

export interface LeaderboardOutput {
  readonly json: boolean;
  readonly csv: boolean;
  /** Write the CSV here, byte for byte the reference's (CRLF rows). */
  readonly out: string | undefined;
  readonly quiet: boolean;
}

/** `tallying 1,234/10,000 files` on a terminal's stderr, redrawn at most every 100 ms and cleared at the end; nothing elsewhere. */
function fileProgress(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done === total) process.stderr.write('\r\x1b[K');
    else if (now - last >= 100) {
      last = now;
      process.stderr.write(`\rtallying ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files\x1b[K`);
    }
  };
}

export async function leaderboardCommand(targets: readonly string[], options: StatsOptions, output: LeaderboardOutput, io: IO): Promise<number> {
  if (output.out !== undefined && output.json) throw new UsageError('--out writes the CSV; it does not go with --json');
  const board = await buildLeaderboard(targets, options, { onProgress: output.quiet ? undefined : fileProgress() });
  if (!output.quiet) for (const note of leaderboardNotes(board)) io.err(note);
  const readable = board.files.filter((f) => f.stats).length;
  if (readable === 0) {
    io.err(`rationale-lens stats: no evaluation file could be read in ${targets.join(', ')}${board.files.length ? '; see the messages above' : ' (a leaderboard reads *.jsonl files)'}`);
    return 2;
  }
  if (output.out !== undefined) {
    const bytes = Buffer.from(`${leaderboardCsvRows(board).join('\r\n')}\r\n`, 'utf8');
    await writeFileAtomically(output.out, async (fh) => {
      await fh.write(bytes);
    });
    if (!output.quiet) io.err(`wrote ${output.out} (${board.models.length} models × ${board.benches.length} benchmarks)`);
  }
  if (output.json) io.out(JSON.stringify(leaderboardJson(board), null, 2));
  else if (output.csv) io.out(leaderboardCsvRows(board).join('\n'));
  else if (output.out === undefined) io.out(renderLeaderboardTable(board));
  // Figures printed, but a cell the user expects is empty because its file could not be read.
  return board.files.some((f) => f.error) ? 1 : 0;
}
