/** Tallies a whole file in one streaming pass: the engine behind `rationale-lens stats` and the status bar. */
import type { DatasetOptions, OpenedDataset } from '../dataset/dataset';
import { openDataset, readDataset } from '../dataset/dataset';
import { canFastTally, fastTallyRAlign } from './fastTally';
import { lineAlignedRanges, mergeCounts, workerCount } from './parallelTally';
import { pieceCount, tallySharedRanges } from './claimedRanges';
import type { FieldMapping } from '../formats/mapping';
import { getPath } from '../formats/mapping';
import type { FidelityResolver, Summary } from '../statistics/metrics';
import { Tally, summarize } from '../statistics/metrics';
import type { EvalRecord, ReadIssue } from '../record/record';
import { VerdictOverlay } from '../verdicts/verdictOverlay';
import type { IssueGroup } from '../dataset/issueGroups';
import { IssueGrouper } from '../dataset/issueGroups';
import type { JudgeAudit } from '../verdicts/judgeAudit';
import { AuditTally } from '../verdicts/judgeAudit';
import type { ConventionFigures } from '../scorers/conventions';
import { conventionsOf } from '../scorers/conventions';
import type { SamplesReport } from '../samples/fileSamples';
import { RepeatWatch, groupingId, readSamplesReport } from '../samples/fileSamples';
import type { SelfContradicted } from '../why/selfContradiction';
import { addSelfContradictions, emptySelfContradiction, mergeSelfContradictions, summarizeSelfContradictions } from '../why/selfContradiction';

export interface FileStats {
  readonly file: string;
  readonly format: string;
  readonly container: string;
  readonly overall: Summary;
  readonly groupBy: string | null;
  readonly groups: readonly (Summary & { key: string })[];
  /** Entries skipped because they could not be read as records. */
  readonly malformed: number;
  readonly warnings: number;
  /** Whether parserDisagreements was counted (the fast path can skip it). */
  readonly verdictCheck: boolean;
  /** The first issues, in file order (all are counted). */
  readonly issues: readonly ReadIssue[];
  /** Every issue grouped by message, with counts (the same warning on many records is one group). */
  readonly issueGroups: readonly IssueGroup[];
  /** The fidelity judge's verdicts against the human marks, where both exist (null: no such record). */
  readonly audit: JudgeAudit | null;
  /**
   * Judgments whose rationale argues for the other response than their verdict (a heuristic,
   * why/verdictArgument.ts); null when the check was off (large files, unless asked for).
   */
  readonly selfContradicted: SelfContradicted | null;
  /** What the journal and marks beside the file added (null when they were not read). */
  readonly overlay: { readonly llm: number; readonly human: number; readonly stale: number; readonly problems: readonly string[] } | null;
  /** R-Align's figures (the paper's), then the file's own scorer's when its format has one, each with its denominators. */
  readonly conventions: readonly ConventionFigures[];
  /**
   * The sample-set figures (issue 24) when some record has several samples (rows repeating an id
   * with the same prompt and responses, or a row holding several); null when every record is one
   * sample, or when they were not computed (`samples: false`, or off the calling thread).
   */
  readonly samples: SamplesReport | null;
}

export interface StatsOptions extends DatasetOptions {
  /** `subset` (the default), or a dotted field path into the source record; null for no breakdown. */
  readonly by?: string | null;
  readonly mapping?: FieldMapping;
  readonly maxIssues?: number;
  readonly resolveFidelity?: FidelityResolver;
  /** Receives every full record (turns the fast path off: it builds minimal records). */
  readonly onRecord?: (record: EvalRecord) => void;
  /** Parse and validate every record fully instead of the fast R-Align path. */
  readonly strict?: boolean;
  /**
   * Count file verdicts that differ from the rationale's own text. It reads every rationale, which
   * the reference scorer does not: by default on for files under 32 MB, off above (say so to users).
   */
  readonly verdictCheck?: boolean;
  /**
   * Check each judgment's rationale against its verdict (why/verdictArgument.ts). It reads every
   * rationale: by default on for files under 32 MB and off above.
   */
  readonly contradictionCheck?: boolean;
  /** Worker threads for the fast path; by default one per core for files over 32 MB, else none. */
  readonly workers?: number;
  /**
   * Fold in the verdicts beside the file (the LLM judge's journal and the human marks), as the
   * editor does. Off: the file's own verdicts alone.
   */
  readonly overlays?: boolean;
  /** With `overlays`: the editor's own marks file, read after the one beside the data (the CLI has none). */
  readonly marksStore?: string;
  /**
   * Compute the sample-set figures (default on): a file whose ids repeat is read
   * a second time to group its rows (a file of single samples is not).
   */
  readonly samples?: boolean;
}

/** Above this size the verdict cross-check is off unless asked for. */
export const VERDICT_CHECK_AUTO_BYTES = 32 * 1024 * 1024;

function groupKeyFn(by: string | null | undefined): ((r: EvalRecord) => string | null) | null {
  if (by === null) return null;
  if (by === undefined || by === 'subset') return (r) => r.subset;
  return (r) => {
    const v = getPath(r.source, by);
    if (v === undefined || v === null) return null;
    if (typeof v === 'string') return v;
    return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  };
}

export async function computeStats(path: string, options: StatsOptions = {}, opened?: OpenedDataset): Promise<FileStats> {
  const dataset = opened ?? (await openDataset(path, options));
  const overlay = options.overlays ? await VerdictOverlay.load(dataset.path, undefined, options.marksStore) : null;
  const resolveFidelity = options.resolveFidelity ?? (overlay && overlay.size > 0 ? overlay.resolver() : undefined);
  const tally = new Tally(dataset.adapter.bothOrders, groupKeyFn(options.by), resolveFidelity, dataset.adapter.agreeRule);
  const maxIssues = options.maxIssues ?? 200;
  const issues: ReadIssue[] = [];
  let malformed = 0;
  let warnings = 0;
  const audit = new AuditTally();
  const recordScorer = dataset.adapter.recordScorer?.start();
  const repeats = new RepeatWatch(groupingId(dataset));
  const contradictionCheck = options.contradictionCheck ?? dataset.sizeBytes < VERDICT_CHECK_AUTO_BYTES;
  const contradictions = emptySelfContradiction();
  const onRecord = (record: EvalRecord) => {
    tally.add(record);
    recordScorer?.add(record);
    repeats.add(record);
    if (contradictionCheck) addSelfContradictions(contradictions, record);
    const mark = overlay?.marks.get(record.index);
    if (mark?.verdict) audit.add(overlay?.llmVerdict(record.index) ?? record.fidelity, mark.verdict);
    options.onRecord?.(record);
  };
  const grouper = new IssueGrouper();
  const onIssue = (issue: ReadIssue, skipped: boolean) => {
    if (skipped) malformed++;
    else warnings++;
    grouper.add(issue);
    if (issues.length < maxIssues) issues.push(issue);
  };
  const groupsBySubset = options.by === undefined || options.by === null || options.by === 'subset';
  const fast = !options.strict && !options.onRecord && !resolveFidelity && groupsBySubset && canFastTally(dataset);
  const verdictCheck = options.verdictCheck ?? dataset.sizeBytes < VERDICT_CHECK_AUTO_BYTES;
  // Byte ranges exist only in a plain file: a compressed stream or Parquet rows are read in one pass.
  const workers = fast && dataset.packing === 'plain' ? options.workers ?? workerCount(dataset.sizeBytes) : 1;
  if (workers > 1) {
    const userPatterns = (options.extraPatterns ?? []).map((p) => p.regex.source);
    const base = { path: dataset.path, options: { format: dataset.adapter.name, userPatterns, maxIssues, verdictCheck, contradictionCheck, ...(options.maxEntryBytes ? { maxEntryBytes: options.maxEntryBytes } : {}), ...(options.chunkBytes ? { chunkBytes: options.chunkBytes } : {}) } };
    // This thread and the workers share pieces of the file, each taking the next untaken (claimedRanges.ts).
    const partials = await tallySharedRanges(base, await lineAlignedRanges(dataset.path, dataset.sizeBytes, pieceCount(dataset.sizeBytes, workers)), workers - 1);
    let lineOffset = 0;
    for (const part of partials) {
      mergeCounts(tally.overall, part.overall);
      for (const [key, counts] of part.groups) {
        const existing = tally.groups.get(key);
        if (existing) mergeCounts(existing, counts);
        else tally.groups.set(key, counts);
      }
      for (const issue of part.issues) {
        const shifted = { ...issue, line: issue.line + lineOffset };
        grouper.add(shifted);
        if (issues.length < maxIssues) issues.push(shifted);
      }
      malformed += part.malformed;
      warnings += part.warnings;
      if (part.selfContradictions) mergeSelfContradictions(contradictions, part.selfContradictions);
      lineOffset += part.newlines;
      repeats.addHashes(part.idHashes);
      if (part.rowSamples) repeats.rowSamples = true;
    }
  } else if (fast) {
    await fastTallyRAlign(dataset, { ...options, verdictCheck, keepJudgmentText: contradictionCheck }, { record: onRecord, issue: onIssue });
  } else {
    for await (const event of readDataset(dataset, options)) {
      if (event.kind === 'record') onRecord(event.record);
      else onIssue(event.issue, event.skipped);
    }
  }
  const wantSamples = options.samples ?? true;
  const samples = wantSamples && repeats.mayHaveSets() ? await readSamplesReport(dataset, options, resolveFidelity, contradictionCheck) : null;
  const groups = [...tally.groups.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, counts]) => ({ key, ...summarize(counts) }));
  const overall = summarize(tally.overall);
  return {
    file: path,
    format: dataset.adapter.name,
    container: dataset.container,
    overall,
    groupBy: options.by === null ? null : options.by ?? 'subset',
    groups,
    malformed,
    warnings,
    verdictCheck: !fast || verdictCheck,
    issues,
    issueGroups: grouper.list(),
    audit: audit.result(),
    selfContradicted: contradictionCheck ? summarizeSelfContradictions(contradictions) : null,
    overlay: overlay ? { llm: tally.overall.origins.llm, human: tally.overall.origins.human, stale: overlay.stale, problems: overlay.problems } : null,
    conventions: conventionsOf(dataset.adapter, overall, recordScorer?.figures() ?? null),
    samples,
  };
}
