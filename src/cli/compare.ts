/** `rationale-lens compare <a> <b>`: two runs on the same records, with paired tests and the transition table. */
import { parseArgs } from 'node:util';
import type { RecordKind } from '../core/record/record';
import { CLASSES, compareRuns, readRun } from '../core/research/compare';
import { sampledComparisonOf } from '../core/research/sampledCompare';
import { renderComparison } from '../core/reports/compareReport';
import { inlineText } from '../core/text/terminalText';
import { counted } from '../core/text/plural';
import { themesOfFiles } from '../core/themes';
import { renderThemeChanges, themesJson } from '../core/themes/themesReport';
import type { IO } from './options';
import { UsageError, datasetOptions } from './options';
import { COMMAND_SPECS, COMPARE_FLAGS } from './flags';
import { commandUsage } from './usage';

function parseTransition(text: string): { from: RecordKind | '*'; to: RecordKind | '*' } {
  const [from, to, extra] = text.split(':');
  const valid = (k: string | undefined): k is RecordKind | '*' => k === '*' || (CLASSES as readonly string[]).includes(k ?? '');
  if (from === 'unjudged' || to === 'unjudged') throw new UsageError(`--transition: the class "unjudged" was split in 0.2.0 into judge-failed (the fidelity judge was asked and gave no usable verdict: CallFail, ParseFail) and never-judged (no fidelity verdict); use one of them in "${text}"`);
  if (extra !== undefined || !valid(from) || !valid(to)) throw new UsageError(`--transition takes <from>:<to>, each one of ${CLASSES.join(', ')} or *; got "${text}"`);
  return { from, to };
}

function count(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${flag} needs a whole number from 0 to ${max}; got "${text}"`);
  return n;
}

export async function compareCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: COMPARE_FLAGS,
  });
  const [fileA, fileB] = positionals;
  if (!fileA || !fileB || positionals.length > 2) throw new UsageError(commandUsage(COMMAND_SPECS.compare));
  const seed = count(values.seed, '--seed', 1, 2 ** 32 - 1);
  const resamples = count(values.resamples, '--resamples', 2000, 1_000_000);
  const transition = values.transition === undefined ? null : parseTransition(values.transition);
  const options = { ...datasetOptions(values), overlays: values['file-only'] !== true };
  const [a, b] = await Promise.all([readRun(fileA, options), readRun(fileB, options)]);
  for (const run of [a, b]) {
    if (run.malformed) io.err(inlineText(`warning: ${run.file}: ${run.malformed} malformed ${run.malformed === 1 ? 'entry' : 'entries'} skipped${run.firstIssue ? ` (first at line ${run.firstIssue.line}: ${run.firstIssue.message})` : ''}; run \`rationale-lens stats\` on it for all`));
    for (const p of run.overlayProblems) io.err(inlineText(`warning: ${p}`));
    if (run.ids.length === 0) throw new UsageError(`no record could be read from ${run.file}`);
  }
  const single = compareRuns(a, b, { seed, resamples });
  if (single.join.matched === 0) {
    io.err(`rationale-lens compare: no record of ${fileA} matches one of ${fileB} (joined by ${single.join.by === 'id' ? 'id' : 'prompt and responses'}); are they runs on the same benchmark?`);
    return 2;
  }
  if (single.join.contentMismatches) io.err(`warning: ${single.join.contentMismatches} records joined by id have a different prompt or responses in the two files`);
  if (a.format !== 'r-align' || b.format !== 'r-align') io.err('note: L-Acc here is the first judgment\'s verdict against the gold label (for two-order formats `stats` also gives the format\'s own combined figure)');
  if (transition) {
    const hits = single.changed.filter((x) => (transition.from === '*' || x.from === transition.from) && (transition.to === '*' || x.to === transition.to));
    if (values.json) io.out(JSON.stringify(hits, null, 2));
    // One line per record, four tab-separated columns, whatever the id holds.
    else for (const h of hits) io.out(`${inlineText(h.idA)}\t${h.from} → ${h.to}\ta #${h.indexA + 1}\tb #${h.indexB + 1}`);
    return 0;
  }
  // Files with samples (issue 24) add their sample sets' comparison; single-sample files are compared as before.
  const samples = await sampledComparisonOf({ a, b }, options, { seed, resamples });
  const c = samples ? { ...single, samples } : single;
  const left = samples ? samples.join.onlyInA + samples.join.onlyInB : 0;
  if (samples && left) io.err(`note: ${counted(samples.join.onlyInA, 'record')} (sample sets) only in a and ${samples.join.onlyInB} only in b are left out of the majority and per-sample figures`);
  // Failure themes: one offline grouping over both runs' failure claims, so each theme's size is compared like for like.
  const themes = values.themes ? await themesOfFiles([fileA, fileB], options) : null;
  if (values.json) io.out(JSON.stringify(themes ? { ...c, themes: themesJson(themes) } : c, null, 2));
  else io.out(themes ? `${renderComparison(c)}\n\n${renderThemeChanges(themes)}` : renderComparison(c));
  return 0;
}
