/**
 * Many samples per record (issue 24): a GenRM is sampled, so a record may hold several judgments of
 * the same comparison. This file is the model; the figures are in figures.ts (one record) and
 * fileFigures.ts (a file: the `samples` object of `stats`).
 *
 * API
 * - `SampleFacts`: what the figures read of one sample: its verdict (original frame), the order the
 *   judge saw, its fidelity verdict (null: none). `SampleRef` adds where it was read: the row
 *   (record index) and its slot among that row's samples. `Sample` adds the text: the judgment, its
 *   rationale and the full fidelity verdict.
 * - `samplesOfRow(record, fidelity?)`: a row's samples. A row that holds several (`record.samples`:
 *   votes, trajectories) gives them all; any other row is ONE sample, its first judgment with the
 *   fidelity verdict in force (a row with no judgment is one unparsed sample), so a file of single
 *   samples has exactly today's figures.
 * - `SampleSetGrouper`: streaming, in file order. `add(record, fidelity?)` puts a row's samples into
 *   its set and returns the set's ordinal; `sets()` lists them in order of first row. Rows that
 *   repeat an id of their own with the same prompt and responses are one set (VL-RewardBench's k rows
 *   per id, runs concatenated); rows without an id of their own are never merged. `keyId` can name
 *   another id (Inspect logs: the sample id, so its epochs are the samples of one record).
 * - `SampleSet`: a record in the sense of the figures: id, gold label, its samples in file order
 *   and the rows they came from; for a synthesis over trajectories (PaCoRe), the samples are the
 *   trajectories and `synthesis` is the record's final judgment. `problems` lists rows that repeat a set's id and content with
 *   another gold label (the first row's label is kept).
 */
import { createHash } from 'node:crypto';
import { isObject, lineId } from '../formats/adapter';
import type { EvalRecord, Fidelity, FidelityVerdict, Judgment, Label, PresentationOrder, Verdict } from '../record/record';

export interface SampleFacts {
  readonly verdict: Verdict;
  readonly order: PresentationOrder;
  readonly fidelityVerdict: FidelityVerdict | null;
}

interface SampleRef extends SampleFacts {
  /** The row (0-based record index) the sample was read from. */
  readonly recordIndex: number;
  /** Its place among that row's samples (0 for a row that is one sample). */
  readonly slot: number;
}

export interface Sample extends SampleRef {
  /** Null for a row with no judgment at all (an unparsed sample). */
  readonly judgment: Judgment | null;
  readonly rationale: string;
  readonly fidelity: Fidelity | null;
}

export interface SampleSet<S extends SampleFacts = SampleRef> {
  readonly id: string;
  readonly goldLabel: Label | null;
  readonly hasGoldRationale: boolean;
  /** In file order (a row's own samples in their order). */
  readonly samples: readonly S[];
  /** The rows the samples came from, in file order. */
  readonly records: readonly number[];
  /**
   * A synthesis over parallel trajectories (`record.samplesAre`): the samples are the trajectories and
   * this is the record's final judgment (the first such row's). Absent otherwise.
   */
  readonly synthesis?: SampleFacts;
}

function sampleOf(judgment: Judgment | null, fidelity: Fidelity | null, recordIndex: number, slot: number): Sample {
  return {
    verdict: judgment ? judgment.verdict : null,
    order: judgment ? judgment.order : 'original',
    fidelityVerdict: fidelity ? fidelity.verdict : null,
    recordIndex,
    slot,
    judgment,
    rationale: judgment ? judgment.rationale : '',
    fidelity,
  };
}

/** A row's samples; `fidelity` is the verdict in force for a one-sample row (overlays apply there). */
export function samplesOfRow(record: EvalRecord, fidelity: Fidelity | null = record.fidelity): Sample[] {
  if (record.samples && record.samples.length > 0) return record.samples.map((s, slot) => sampleOf(s.judgment, s.fidelity, record.index, slot));
  return [sampleOf(record.judgments[0] ?? null, fidelity, record.index, 0)];
}

/** The synthesis of a row over trajectories: its first judgment with the fidelity verdict in force on the row. */
function synthesisOf(record: EvalRecord, fidelity: Fidelity | null = record.fidelity): SampleFacts {
  const j = record.judgments[0];
  return { verdict: j ? j.verdict : null, order: j ? j.order : 'original', fidelityVerdict: fidelity ? fidelity.verdict : null };
}

/** Whether a record's id is its own (not its line number). */
export function hasOwnId(record: EvalRecord): boolean {
  return record.id !== lineId(record.line);
}

/** A digest of what is compared: the conversation and both responses (rows of one set repeat them). */
export function comparisonDigest(record: EvalRecord): string {
  return createHash('sha256').update(JSON.stringify([record.conversation, record.responseA, record.responseB])).digest('base64');
}

/** The id an Inspect AI sample carries (`id` in its JSON), which its epochs share. */
export function inspectSampleId(record: EvalRecord): string | null {
  const id = isObject(record.source) ? record.source.id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : typeof id === 'number' ? String(id) : null;
}

interface Building {
  readonly id: string;
  readonly goldLabel: Label | null;
  hasGoldRationale: boolean;
  readonly samples: SampleRef[];
  readonly records: number[];
  synthesis?: SampleFacts;
}

export interface GrouperOptions {
  /** The id rows are grouped by (null: the row is its own set); default the record's own id. */
  readonly keyId?: (record: EvalRecord) => string | null;
  /** Problems kept as messages (all are counted). */
  readonly maxProblems?: number;
}

export class SampleSetGrouper {
  private readonly byKey = new Map<string, number>();
  private readonly building: Building[] = [];
  readonly problems: string[] = [];
  problemCount = 0;
  private readonly keyId: (record: EvalRecord) => string | null;
  private readonly maxProblems: number;

  constructor(options: GrouperOptions = {}) {
    this.keyId = options.keyId ?? ((r) => (hasOwnId(r) ? r.id : null));
    this.maxProblems = options.maxProblems ?? 20;
  }

  /** Adds a row's samples (facts only: no text is kept) and returns the ordinal of its set. */
  add(record: EvalRecord, fidelity: Fidelity | null = record.fidelity): number {
    const id = this.keyId(record);
    const key = id === null ? null : `${id}\u0000${comparisonDigest(record)}`;
    let ordinal = key === null ? undefined : this.byKey.get(key);
    if (ordinal === undefined) {
      ordinal = this.building.length;
      this.building.push({ id: id ?? record.id, goldLabel: record.goldLabel, hasGoldRationale: false, samples: [], records: [] });
      if (key !== null) this.byKey.set(key, ordinal);
    }
    const set = this.building[ordinal] as Building;
    if (set.records.length > 0 && set.goldLabel !== record.goldLabel) {
      this.problemCount++;
      if (this.problems.length < this.maxProblems) {
        this.problems.push(`line ${record.line}: record ${record.id} repeats an earlier row's id, prompt and responses with gold label ${record.goldLabel ?? 'none'} instead of ${set.goldLabel ?? 'none'}; the first row's label is used for the sample set`);
      }
    }
    if (record.goldRationales.length > 0) set.hasGoldRationale = true;
    set.records.push(record.index);
    if (record.samplesAre === 'trajectories' && set.synthesis === undefined) set.synthesis = synthesisOf(record, fidelity);
    for (const s of samplesOfRow(record, fidelity)) set.samples.push({ verdict: s.verdict, order: s.order, fidelityVerdict: s.fidelityVerdict, recordIndex: s.recordIndex, slot: s.slot });
    return ordinal;
  }

  get size(): number {
    return this.building.length;
  }

  sets(): readonly SampleSet[] {
    return this.building;
  }
}

/** Groups records already in memory (tests, small files); see SampleSetGrouper. */
export function groupSampleSets(records: Iterable<EvalRecord>, options: GrouperOptions = {}): readonly SampleSet[] {
  const grouper = new SampleSetGrouper(options);
  for (const r of records) grouper.add(r);
  return grouper.sets();
}

