/**
 * Failure claims of a whole file: every record's class under the verdict in force (journal and marks
 * folded in, as `stats` counts them) and, for each record with a gold judgment, the decisive gold
 * claims its headline rationale misses or contradicts, from the aligner tier asked for. Records are
 * streamed; what is kept is the failure claims (capped) and a few bytes a record.
 */
import type { RecordAlignment } from '../align/alignRecord';
import { alignRecord } from '../align/alignRecord';
import { AlignTargetError, headlineJudgment } from '../align/alignTarget';
import type { DatasetOptions } from '../dataset/dataset';
import { openDataset, readDataset } from '../dataset/dataset';
import { classifyRecord } from '../statistics/metrics';
import type { EvalRecord, Fidelity, RecordKind } from '../record/record';
import { VerdictOverlay } from '../verdicts/verdictOverlay';
import { SampleSetGrouper } from '../samples/model';
import type { FailureClaim, ThemeRecord } from './failureClaims';
import { failureClaims } from './failureClaims';

/** Failure claims kept at most (the grouping's work and the themes' memory stay bounded); past it, the note says so. */
const MAX_FAILURE_CLAIMS = 200_000;

/** A record's headline alignment from some tier, or null when it has none (no gold judgment, no judgment). */
export type RecordAligner = (record: EvalRecord) => Promise<RecordAlignment | null>;

export const lexicalAligner: RecordAligner = (record) => {
  if (!record.goldRationales.length || headlineJudgment(record) === null) return Promise.resolve(null);
  try {
    return Promise.resolve(alignRecord(record));
  } catch (err) {
    if (err instanceof AlignTargetError) return Promise.resolve(null);
    throw err;
  }
};

export interface Failures {
  readonly claims: FailureClaim[];
  /** Every record read, by `run:index`. */
  readonly records: Map<string, ThemeRecord>;
  /**
   * Records per run, and of them: aligned against a gold judgment, with a failure claim, spurious;
   * `sets`: the sample sets the rows form (`repeated`: some set has several rows, so each row is a sample).
   */
  readonly counts: { records: number; aligned: number; withFailures: number; spurious: number; sets: number; repeated: boolean }[];
  readonly notes: string[];
}

export function emptyFailures(): Failures {
  return { claims: [], records: new Map(), counts: [], notes: [] };
}

/** Adds one run's records (with the verdict in force for each) to `into`; `run` numbers it. */
/** A record with the verdict in force, or (the editor's session, which knows it) with its class already decided. */
export type RecordInForce = { readonly record: EvalRecord; readonly fidelity: Fidelity | null } | { readonly record: EvalRecord; readonly kind: RecordKind };

export async function collectFailures(into: Failures, records: AsyncIterable<RecordInForce>, align: RecordAligner, run = 0, signal?: AbortSignal): Promise<Failures> {
  const counts = { records: 0, aligned: 0, withFailures: 0, spurious: 0, sets: 0, repeated: false };
  into.counts[run] = counts;
  let capped = false;
  // Rows that repeat an id with the same prompt and responses are samples of one record (issue 24).
  const grouper = new SampleSetGrouper();
  for await (const item of records) {
    if (signal?.aborted) break;
    const record = item.record;
    counts.records++;
    const kind = 'kind' in item ? item.kind : classifyRecord(record, item.fidelity).kind;
    if (kind === 'spurious') counts.spurious++;
    const set = grouper.add(record, 'fidelity' in item ? item.fidelity : record.fidelity);
    counts.sets = grouper.size;
    if (!counts.repeated && (grouper.sets()[set]?.records.length ?? 0) > 1) counts.repeated = true;
    into.records.set(`${run}:${record.index}`, { index: record.index, id: record.id, run, kind, set });
    if (capped) continue;
    const aligned = await align(record);
    if (!aligned) continue;
    counts.aligned++;
    const found = failureClaims(aligned.alignment, { index: record.index, id: record.id, run }, aligned.judgmentIndex);
    if (found.length) counts.withFailures++;
    for (const c of found) {
      if (into.claims.length >= MAX_FAILURE_CLAIMS) {
        capped = true;
        into.notes.push(`only the first ${MAX_FAILURE_CLAIMS.toLocaleString('en-US')} failure claims were grouped (from records up to ${record.id}); later records are counted but not themed`);
        break;
      }
      into.claims.push(c);
    }
  }
  return into;
}

/** A file's records with the verdict in force (journal and marks unless `overlays` is false), and its read problems. */
export async function recordsOfFile(path: string, options: DatasetOptions & { overlays?: boolean } = {}): Promise<{ records: AsyncIterable<{ record: EvalRecord; fidelity: Fidelity | null }>; problems: string[]; malformed: () => number }> {
  const dataset = await openDataset(path, options);
  const overlay = options.overlays === false ? VerdictOverlay.empty() : await VerdictOverlay.load(dataset.path);
  const resolve = overlay.resolver();
  let malformed = 0;
  async function* stream() {
    for await (const e of readDataset(dataset, options)) {
      if (e.kind === 'issue') {
        if (e.skipped) malformed++;
        continue;
      }
      yield { record: e.record, fidelity: resolve(e.record) };
    }
  }
  return { records: stream(), problems: overlay.problems, malformed: () => malformed };
}
