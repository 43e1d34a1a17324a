/** `rationale-lens stats <file> [--format <name>] [--json | --csv] [--by <field>]`, or a leaderboard of a folder or several files. */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { computeStats } from '../core/tally/fileTally';
import { dropPrestartedWorkers, prestartWorkers, workerCount } from '../core/tally/parallelTally';
import { classCounts } from '../core/statistics/metrics';
import { formatIssueGroup, renderCsv, renderTable } from '../core/reports/report';
import type { IO } from './options';
import { UsageError, datasetOptions } from './options';
import { COMMAND_SPECS, STATS_FLAGS } from './flags';
import { commandUsage } from './usage';
import { leaderboardCommand } from './leaderboard';
import { plural } from '../core/text/plural';

export async function statsCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: STATS_FLAGS,
  });
  const file = positionals[0];
  if (!file) throw new UsageError(commandUsage(COMMAND_SPECS.stats));
  if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
  const info = await statOrNull(file);
  if (positionals.length > 1 || info?.isDirectory()) {
    if (values.by !== undefined) throw new UsageError('--by breaks one file down; a leaderboard has one cell per file');
    return leaderboardCommand(positionals, { ...datasetOptions(values), overlays: values['file-only'] !== true }, { json: values.json === true, csv: values.csv === true, out: values.out, quiet: values.quiet === true }, io);
  }
  if (values.out !== undefined) throw new UsageError('--out writes a leaderboard CSV: give a folder or several files');
  // A large JSONL file read the fast way is tallied by this thread and workers (tally/claimedRanges.ts):
  // they start now, on the other cores, while this thread recognises the file.
  const fastLikely = !values.strict && (values.format === undefined || values.format === 'r-align') && (values.by === undefined || values.by === 'subset');
  if (info && fastLikely && /\.jsonl$/i.test(file)) prestartWorkers(workerCount(info.size) - 1);
  const stats = await computeStats(file, {
    ...datasetOptions(values),
    by: values['no-breakdown'] ? null : values.by ?? 'subset',
    ...(values['no-verdict-check'] ? { verdictCheck: false } : values['verdict-check'] ? { verdictCheck: true } : {}),
    ...(values['no-contradiction-check'] ? { contradictionCheck: false } : values['contradiction-check'] ? { contradictionCheck: true } : {}),
    ...(values.strict ? { strict: true } : {}),
    overlays: values['file-only'] !== true,
  }).finally(dropPrestartedWorkers);

  if (!values.quiet) {
    const groups = stats.issueGroups;
    for (const g of groups.slice(0, 20)) io.err(formatIssueGroup(g));
    const shown = groups.slice(0, 20).reduce((n, g) => n + g.count, 0);
    const total = stats.malformed + stats.warnings;
    if (total > shown) io.err(`… ${total - shown} more ${plural(total - shown, 'issue')} (${stats.malformed} skipped ${plural(stats.malformed, 'record')}, ${stats.warnings} ${plural(stats.warnings, 'warning')} in all)`);
    for (const p of stats.overlay?.problems ?? []) io.err(`warning: ${p}`);
    if (stats.overlay?.stale) io.err(`note: ${stats.overlay.stale} LLM ${plural(stats.overlay.stale, 'verdict')} in the journal ${plural(stats.overlay.stale, 'was', 'were')} given on a rationale the file no longer has (the record changed); they are not counted`);
  }

  if (stats.overall.records === 0 && stats.malformed > 0) {
    io.err(`rationale-lens stats: no record could be read from ${file} (${stats.malformed} malformed ${stats.malformed === 1 ? 'entry' : 'entries'}${values.format ? ` as --format ${values.format}` : ''}); see the messages above`);
    return 2;
  }
  if (!stats.verdictCheck && !values.quiet && !values['no-verdict-check']) {
    io.err('note: the cross-check of file verdicts against the rationales was skipped on this large file (it reads every rationale); add --verdict-check to run it');
  }
  if (!stats.selfContradicted && !values.quiet && !values['no-contradiction-check']) {
    io.err('note: the check of rationales that argue for the other response than their verdict was skipped on this large file (it reads every rationale); add --contradiction-check to run it');
  }
  if (values.json) {
    const s = stats.overall;
    io.out(
      JSON.stringify(
        {
          file: stats.file,
          format: stats.format,
          container: stats.container,
          records: s.records,
          labelCorrect: s.labelCorrect,
          labelAccuracy: s.labelAccuracy,
          labelAccuracyInterval: s.labelAccuracyInterval,
          sCorr: s.sCorr,
          sCorrInterval: s.sCorrInterval,
          fScore: s.fScore,
          fScoreInterval: s.fScoreInterval,
          fidelity: s.fidelity,
          // Records per class (RECORD_KINDS) as the Inspector's chips count them; label-correct records
          // without a usable verdict are judge-failed (CallFail/ParseFail) or never-judged.
          classes: classCounts(s),
          table: s.table,
          unparseable: s.unparseable,
          ties: s.ties,
          parserDisagreements: stats.verdictCheck ? s.parserDisagreements : null,
          selfContradicted: stats.selfContradicted,
          positions: s.positions,
          fidelityBasis: s.fidelityBasis,
          fScoreDenominator: s.fScoreDenominator,
          verdictOrigins: s.origins,
          staleVerdicts: stats.overlay?.stale ?? 0,
          judgeAudit: stats.audit,
          notes: s.notes,
          figureConventions: stats.conventions,
          malformed: stats.malformed,
          warnings: stats.warnings,
          // Issue 24's sample-set figures; null when every record is one sample.
          samples: stats.samples,
          groupBy: stats.groupBy,
          groups: stats.groups.map((g) => ({
            key: g.key,
            records: g.records,
            labelCorrect: g.labelCorrect,
            labelAccuracy: g.labelAccuracy,
            sCorr: g.sCorr,
            sCorrInterval: g.sCorrInterval,
            fScore: g.fScore,
            fidelity: g.fidelity,
            classes: classCounts(g),
            positions: g.positions,
          })),
        },
        null,
        2,
      ),
    );
  } else if (values.csv) {
    io.out(renderCsv(stats));
  } else {
    io.out(renderTable(stats));
  }
  return 0;
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null; // computeStats says why the path cannot be read
  }
}
