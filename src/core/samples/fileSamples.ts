/**
 * The `samples` object of a file's stats: which rows form sample sets, their figures, and for
 * VL-RewardBench the authors' cal.py figures beside issue 24's. A file whose every record is one
 * sample has none (null): it behaves exactly as before.
 *
 * Finding out costs little: the main tally pass feeds each row to `RepeatWatch` (a 32-bit hash of
 * its grouping id, 4 bytes a row, also from worker threads). Only when an id may repeat, or a row
 * holds several samples, does `readSamplesReport` read the file again to group it by id, prompt and
 * responses (a hash collision only costs that second pass, which then finds no set).
 */
import type { OpenedDataset } from '../dataset/dataset';
import { readDataset } from '../dataset/dataset';
import type { DatasetOptions } from '../dataset/dataset';
import { readEntries } from '../io/entries';
import type { FidelityResolver } from '../statistics/metrics';
import type { FileSampleFigures, SampleFigure } from './fileFigures';
import { fileSampleFigures, figureOf } from './fileFigures';
import { majorityOfFirst } from './figures';
import type { SampleSet } from './model';
import { SampleSetGrouper, samplesOfRow } from './model';
import { groupingId } from './repeatWatch';
import type { SamplesSelfContradicted } from './sampleContradictions';
import { SampleContradictionTally } from './sampleContradictions';
import type { CalFigures } from './vlrbCal';
import { CAL_KS, calFigures } from './vlrbCal';

// The tally's repeat watch lives in its own module (the tally worker loads it without this one's readers).
export { RepeatWatch, groupingId, hashesRepeat, idHash } from './repeatWatch';

interface MajorityAtK {
  readonly k: number;
  /** Issue 24's majority over each record's first k samples in file order, against the gold label. */
  readonly labelAccuracyMajority: SampleFigure;
}

interface VlRewardBenchReport {
  /** The authors' cal.py, replayed exactly (its shuffle, its classes, its denominators). */
  readonly calPy: CalFigures;
  /** Issue 24's figure at the same k, for comparison (first k samples in file order; unparsed never a majority; every record with a gold label counted). */
  readonly majorityInFileOrder: readonly MajorityAtK[];
}

export interface SamplesReport extends FileSampleFigures {
  /** Rows that repeat a set with another gold label (the first row's is kept): the first few, and how many. */
  readonly problems: readonly string[];
  readonly problemCount: number;
  readonly vlRewardBench: VlRewardBenchReport | null;
  /** The rationale-vs-verdict check per sample (a heuristic); null when the check was off. */
  readonly selfContradicted: SamplesSelfContradicted | null;
}

function majorityAtK(sets: readonly SampleSet[], k: number): MajorityAtK {
  let withGold = 0;
  let correct = 0;
  for (const s of sets) {
    if (s.goldLabel === null) continue;
    withGold++;
    if (majorityOfFirst(s.samples, k) === s.goldLabel) correct++;
  }
  return { k, labelAccuracyMajority: figureOf(correct, withGold, 'records with a gold label', 'no record has a gold label') };
}

/** cal.py on the file's JSON values as it reads them (every line, in order). */
async function calOfFile(dataset: OpenedDataset, options: DatasetOptions): Promise<CalFigures> {
  const values: unknown[] = [];
  const lines: number[] = [];
  for await (const event of readEntries(dataset.path, dataset.container, options)) {
    if (event.kind === 'issue') return { ks: [], stops: `line ${event.issue.line}: ${event.issue.message} (cal.py stops at a line json.loads cannot read)` };
    try {
      values.push(JSON.parse(event.entry.text));
      lines.push(event.entry.line);
    } catch {
      return { ks: [], stops: `line ${event.entry.line} is not valid JSON (cal.py stops at a line json.loads cannot read)` };
    }
  }
  return calFigures(values, lines);
}

/**
 * Groups the file's rows into sample sets (a pass over the file); null when every record is one
 * sample. `contradictionCheck`: also check every sample's rationale against its verdict.
 */
export async function readSamplesReport(dataset: OpenedDataset, options: DatasetOptions, resolveFidelity?: FidelityResolver, contradictionCheck = false): Promise<SamplesReport | null> {
  const grouper = new SampleSetGrouper({ keyId: groupingId(dataset) });
  const contradictions = contradictionCheck ? new SampleContradictionTally() : null;
  for await (const event of readDataset(dataset, options)) {
    if (event.kind !== 'record') continue;
    const fidelity = resolveFidelity ? resolveFidelity(event.record) : event.record.fidelity;
    const ordinal = grouper.add(event.record, fidelity);
    contradictions?.add(samplesOfRow(event.record, fidelity), ordinal, grouper.sets()[ordinal]?.goldLabel ?? null);
  }
  return samplesReportOf(grouper, dataset.adapter.name === 'vl-rewardbench' ? await calOfFile(dataset, options) : null, contradictions);
}

/** The report of sets already grouped; `cal` is given for VL-RewardBench files. */
export function samplesReportOf(grouper: SampleSetGrouper, cal: CalFigures | null, contradictions: SampleContradictionTally | null = null): SamplesReport | null {
  const sets = grouper.sets();
  if (!sets.some((s) => s.samples.length > 1)) return null;
  const figures = fileSampleFigures(sets);
  let smallest = Number.POSITIVE_INFINITY;
  for (const s of sets) smallest = Math.min(smallest, s.samples.length);
  return {
    ...figures,
    problems: grouper.problems,
    problemCount: grouper.problemCount,
    vlRewardBench: cal ? { calPy: cal, majorityInFileOrder: CAL_KS.filter((k) => k <= smallest).map((k) => majorityAtK(sets, k)) } : null,
    selfContradicted: contradictions ? contradictions.result() : null,
  };
}
