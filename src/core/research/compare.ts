/**
 * Two runs of GenRMs on the same benchmark, record by record: joined by id (or, failing that, by a
 * hash of prompt and responses), then each run's figures on the paired records, the exact McNemar
 * test on label correctness, a seeded paired bootstrap of the S-Corr difference, and the
 * transition table of record classes from a to b.
 */
import { createHash } from 'node:crypto';
import type { DatasetOptions } from '../dataset/dataset';
import { openDataset, readDataset } from '../dataset/dataset';
import { lineId } from '../formats/adapter';
import { classifyRecord } from '../statistics/metrics';
import type { EvalRecord, ReadIssue } from '../record/record';
import type { RecordKind } from '../record/record';
import { RECORD_KINDS, isLabelCorrectKind } from '../record/record';
import { VerdictOverlay } from '../verdicts/verdictOverlay';
import { mcnemarExact, pairedBootstrap, percentile } from '../statistics/pairedTests';
import { RepeatWatch, groupingId } from '../samples/fileSamples';
import type { SampledComparison } from './sampledCompare';
import { pairByKey } from './pairByKey';

/** Record classes in the order of the transition table (kinds are stored as indexes into it). */
export const CLASSES = RECORD_KINDS;
const isLabelCorrect = (kind: number) => isLabelCorrectKind(CLASSES[kind] as RecordKind);

/** What a comparison keeps of each record: a few bytes, whatever the file's size. */
export interface RunRecords {
  readonly file: string;
  readonly format: string;
  readonly ids: string[];
  /** Whether some record has an id of its own (not its line number). */
  readonly ownIds: boolean;
  readonly contentKeys: string[];
  readonly kinds: Uint8Array;
  readonly verdicts: Uint8Array;
  readonly malformed: number;
  readonly firstIssue: ReadIssue | null;
  readonly overlayProblems: readonly string[];
  /** Some row may share its grouping id with another, or holds several samples: the file may have sample sets (sampledCompare.ts). */
  readonly mayHaveSamples: boolean;
}

/** A fidelity verdict as the reference counts it, over every record (0: none or skipped). */
const VERDICT_CODES: Readonly<Record<string, number>> = { Correct: 1, Incorrect: 2, CallFail: 3, ParseFail: 4 };

function contentKey(r: EvalRecord): string {
  return createHash('sha256').update(JSON.stringify([r.conversation, r.responseA, r.responseB])).digest('base64');
}

export async function readRun(path: string, options: DatasetOptions & { readonly overlays?: boolean } = {}): Promise<RunRecords> {
  const dataset = await openDataset(path, options);
  const overlay = options.overlays === false ? VerdictOverlay.empty() : await VerdictOverlay.load(dataset.path);
  const resolve = overlay.resolver();
  const ids: string[] = [];
  const contentKeys: string[] = [];
  let kinds: Uint8Array = new Uint8Array(1024);
  let verdicts: Uint8Array = new Uint8Array(1024);
  let ownIds = false;
  let malformed = 0;
  let firstIssue: ReadIssue | null = null;
  const watch = new RepeatWatch(groupingId(dataset));
  for await (const event of readDataset(dataset, options)) {
    if (event.kind === 'issue') {
      if (event.skipped) malformed++;
      firstIssue ??= event.skipped ? event.issue : null;
      continue;
    }
    const r = event.record;
    const n = ids.length;
    if (n === kinds.length) {
      kinds = grow(kinds);
      verdicts = grow(verdicts);
    }
    const fidelity = resolve(r);
    kinds[n] = CLASSES.indexOf(classifyRecord(r, fidelity).kind);
    verdicts[n] = (fidelity ? VERDICT_CODES[fidelity.verdict] : undefined) ?? 0;
    watch.add(r);
    ids.push(r.id);
    contentKeys.push(contentKey(r));
    if (r.id !== lineId(r.line)) ownIds = true;
  }
  return { file: path, format: dataset.adapter.name, ids, ownIds, contentKeys, kinds: kinds.subarray(0, ids.length), verdicts: verdicts.subarray(0, ids.length), malformed, firstIssue, overlayProblems: overlay.problems, mayHaveSamples: watch.mayHaveSets() };
}

function grow(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}

interface Join {
  /** `id`: both files have unique ids of their own; `content`: a hash of prompt and both responses. */
  readonly by: 'id' | 'content';
  readonly why: string;
  /** Pairs of record ordinals (a, b). */
  readonly pairs: readonly (readonly [number, number])[];
  readonly onlyInA: number;
  readonly onlyInB: number;
  /** Joined by id, but the prompt or responses differ: the files may not be the same benchmark. */
  readonly contentMismatches: number;
}

function uniqueIds(run: RunRecords): boolean {
  return new Set(run.ids).size === run.ids.length;
}

/** Joins by id where both files have unique ids of their own; else by content, the k-th copy to the k-th. */
function joinRuns(a: RunRecords, b: RunRecords): Join {
  const byId = a.ownIds && b.ownIds && uniqueIds(a) && uniqueIds(b);
  const keysA = byId ? a.ids : a.contentKeys;
  const keysB = byId ? b.ids : b.contentKeys;
  const { pairs, contentMismatches } = pairByKey(keysA, keysB, byId ? [a.contentKeys, b.contentKeys] : null);
  const why = byId ? 'both files have unique record ids' : !a.ownIds || !b.ownIds ? `${!a.ownIds ? 'a' : 'b'} has no record ids` : `${!uniqueIds(a) ? 'a' : 'b'} repeats record ids`;
  return { by: byId ? 'id' : 'content', why, pairs, onlyInA: a.ids.length - pairs.length, onlyInB: b.ids.length - pairs.length, contentMismatches };
}

export interface RunFigures {
  readonly labelAccuracy: number | null;
  readonly sCorr: number | null;
  readonly fScore: number | null;
}

/** R-Align's definitions over the paired records; F-Score null where no fidelity verdict exists (as the Inspector). */
function figures(run: RunRecords, ordinals: readonly number[]): RunFigures {
  let labelCorrect = 0;
  const v = [0, 0, 0, 0, 0];
  for (const i of ordinals) {
    if (isLabelCorrect(run.kinds[i] as number)) labelCorrect++;
    v[run.verdicts[i] as number]!++;
  }
  const [, correct, incorrect, callFail, parseFail] = v as [number, number, number, number, number];
  const n = ordinals.length;
  const judged = correct + incorrect;
  const denominator = n - callFail - parseFail;
  return {
    labelAccuracy: n ? labelCorrect / n : null,
    sCorr: judged ? 1 - correct / judged : null,
    fScore: judged + callFail + parseFail > 0 && denominator > 0 ? correct / denominator : null,
  };
}

export interface Comparison {
  readonly a: { readonly file: string; readonly format: string; readonly records: number; readonly figures: RunFigures };
  readonly b: { readonly file: string; readonly format: string; readonly records: number; readonly figures: RunFigures };
  readonly join: Omit<Join, 'pairs'> & { readonly matched: number };
  readonly labelAccuracy: { readonly a: number | null; readonly b: number | null; readonly mcnemarP: number; readonly onlyACorrect: number; readonly onlyBCorrect: number };
  readonly sCorr: { readonly a: number | null; readonly b: number | null; readonly delta: number | null; readonly ci: [number, number] | null; readonly n: number; readonly resamples: number; readonly seed: number };
  /** transitions[from][to]: records of class `from` in a and `to` in b. */
  readonly transitions: Record<RecordKind, Record<RecordKind, number>>;
  /** Every paired record whose class changed, in a's order. */
  readonly changed: readonly { readonly idA: string; readonly idB: string; readonly indexA: number; readonly indexB: number; readonly from: RecordKind; readonly to: RecordKind }[];
  /** Present only when a file has samples (issue 24): the records are then sample sets, compared by majority and per sample. */
  readonly samples?: SampledComparison;
}

export interface CompareOptions {
  readonly seed?: number;
  readonly resamples?: number;
}

export function compareRuns(a: RunRecords, b: RunRecords, options: CompareOptions = {}): Comparison {
  const join = joinRuns(a, b);
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 2000;
  let onlyA = 0;
  let onlyB = 0;
  const transitions = Object.fromEntries(CLASSES.map((f) => [f, Object.fromEntries(CLASSES.map((t) => [t, 0]))])) as Comparison['transitions'];
  const changed: Comparison['changed'][number][] = [];
  // For the bootstrap: records label-correct in both, coded 3 × a's fidelity + b's (0 none, 1 aligned, 2 misaligned).
  const bothCorrect: number[] = [];
  for (const [i, j] of join.pairs) {
    const ka = a.kinds[i] as number;
    const kb = b.kinds[j] as number;
    const from = CLASSES[ka] as RecordKind;
    const to = CLASSES[kb] as RecordKind;
    transitions[from][to]++;
    if (ka !== kb) changed.push({ idA: a.ids[i] as string, idB: b.ids[j] as string, indexA: i, indexB: j, from, to });
    const ca = isLabelCorrect(ka);
    const cb = isLabelCorrect(kb);
    if (ca && !cb) onlyA++;
    if (cb && !ca) onlyB++;
    if (ca && cb) bothCorrect.push(3 * fidelityCode(ka) + fidelityCode(kb));
  }
  const boot = pairedBootstrap(Uint8Array.from(bothCorrect), resamples, seed);
  const fa = figures(a, join.pairs.map((p) => p[0]));
  const fb = figures(b, join.pairs.map((p) => p[1]));
  const { pairs, ...joinFacts } = join;
  return {
    a: { file: a.file, format: a.format, records: a.ids.length, figures: fa },
    b: { file: b.file, format: b.format, records: b.ids.length, figures: fb },
    join: { ...joinFacts, matched: pairs.length },
    labelAccuracy: { a: fa.labelAccuracy, b: fb.labelAccuracy, mcnemarP: mcnemarExact(onlyA, onlyB), onlyACorrect: onlyA, onlyBCorrect: onlyB },
    sCorr: { a: boot.a, b: boot.b, delta: boot.delta, ci: boot.deltas.length ? [percentile(boot.deltas, 0.025), percentile(boot.deltas, 0.975)] : null, n: bothCorrect.length, resamples, seed },
    transitions,
    changed,
  };
}

/** aligned 1, spurious (label-correct, misaligned) 2, else 0: S-Corr on label-correct records. */
function fidelityCode(kind: number): number {
  const name = CLASSES[kind];
  return name === 'aligned' ? 1 : name === 'spurious' ? 2 : 0;
}
