/**
 * The samples re-query ×k added to each record, read back from the run journal: GenRM lines with a
 * `sample` number, each with the fidelity verdict journaled on it (a fidelity line whose `of` is
 * the sample's key). The CLI's `judge --samples`, the sample set of a record and the Inspector's
 * strip all read them here. Lines of a record whose id changed since are left out and counted.
 */
import type { EvalRecord, FidelityVerdict, PresentationOrder } from '../record/record';
import { isFinished, readJournal } from './journal';
import type { JournalEntry, JournalReport } from './journal';
import type { SampleSlot } from './sampling';
import { sampleJudgment } from './sampling';
import type { WorkItem } from './runSteps';

export interface JournaledSample {
  /** The GenRM request key (model, temperature, template, prompt, sample number and order). */
  readonly key: string;
  readonly recordIndex: number;
  readonly recordId: string;
  readonly sample: number;
  readonly order: PresentationOrder;
  readonly model: string;
  /** The answer as received; null when every attempt failed. */
  readonly raw: string | null;
  readonly reasoning: string | null;
  /** In the original frame. */
  readonly pred: 'A' | 'B' | null;
  readonly error: string | null;
  readonly finishedAt: string;
  /** The fidelity judge's latest verdict on this sample, when one was journaled. */
  readonly fidelity: { readonly verdict: FidelityVerdict; readonly analysis: string | null; readonly model: string; readonly error: string | null } | null;
}

export interface SampleJournal {
  /** Each record's samples in the order they were first journaled. */
  readonly byRecord: ReadonlyMap<number, readonly JournaledSample[]>;
  readonly report: JournalReport;
}

/** Reads every sample of the journal at `path` (a missing file has none). */
export async function readSampleJournal(path: string): Promise<SampleJournal> {
  const { entries, report } = await readJournal(path);
  return { byRecord: samplesFrom(entries), report };
}

/** Later lines win for a key, except that a failure never hides an earlier answer (as the journal's own index decides). */
function samplesFrom(entries: readonly JournalEntry[]): Map<number, JournaledSample[]> {
  const genrm = new Map<string, JournalEntry>();
  const fidelity = new Map<string, JournalEntry>();
  for (const e of entries) {
    if (e.sample === undefined) continue;
    const into = e.kind === 'genrm' ? genrm : e.of !== undefined ? fidelity : null;
    const key = e.kind === 'genrm' ? e.key : e.of;
    if (!into || key === undefined) continue;
    const prev = into.get(key);
    if (!prev || isFinished(e) || !isFinished(prev)) into.set(key, e);
  }
  const byRecord = new Map<number, JournaledSample[]>();
  for (const e of genrm.values()) {
    const f = fidelity.get(e.key);
    const s: JournaledSample = {
      key: e.key,
      recordIndex: e.recordIndex,
      recordId: e.recordId,
      sample: e.sample ?? 1,
      order: e.order ?? 'original',
      model: e.model,
      raw: e.raw,
      reasoning: e.reasoning,
      pred: e.pred ?? null,
      error: e.error,
      finishedAt: e.finishedAt,
      fidelity: f?.verdict !== undefined ? { verdict: f.verdict, analysis: f.analysis, model: f.model, error: f.error } : null,
    };
    const list = byRecord.get(e.recordIndex);
    if (list) list.push(s);
    else byRecord.set(e.recordIndex, [s]);
  }
  return byRecord;
}

/** The samples that belong to this record as it is now (same id; a renumbered file leaves the others out). */
export function samplesOfRecord(journal: SampleJournal, record: Pick<EvalRecord, 'index' | 'id'>): readonly JournaledSample[] {
  return (journal.byRecord.get(record.index) ?? []).filter((s) => s.recordId === record.id);
}

/**
 * The fidelity judge's work on a record's answered samples: the record with the sample as its
 * first judgment (so the judge reads the sample's rationale and its label-correctness decides
 * whether it is sent), tagged with the sample and its GenRM key.
 */
export function sampleFidelityItems(record: EvalRecord, samples: readonly JournaledSample[]): WorkItem[] {
  const out: WorkItem[] = [];
  for (const s of samples) {
    if (s.raw === null) continue;
    const slot: SampleSlot = { sample: s.sample, order: s.order };
    const judgment = sampleJudgment({ raw: s.raw, reasoning: s.reasoning, pred: s.pred, order: s.order, model: s.model, sample: s.sample });
    out.push({ record: { ...record, judgments: [judgment], fidelity: null }, slot, sampleKey: s.key });
  }
  return out;
}
