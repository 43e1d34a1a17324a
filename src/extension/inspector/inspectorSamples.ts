/**
 * The Inspector's share of the sample sets (issue 24): the header's sample figures beside the file's
 * (computed once per file and verdicts, then the snapshot is posted again), and the rows of a
 * record's set for its strip, each with the re-queried samples journaled for it.
 */
import type * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import type { EvalRecord } from '../../core/record/record';
import type { SamplesSummaryView } from '../../protocol/messages';
import { SampleSetsCache, samplesSummaryView, setRowRecords } from '../../presentation/sampleSets';
import type { SetRow } from '../../presentation/sampleStrip';
import { MAX_CHIPS } from '../../presentation/sampleStrip';
import { unstableFlipRate } from '../settings';
import type { RecordExtras } from './recordExtras';

/**
 * The sample figures of a loaded session as far as known (null: none, or not yet); when not known
 * yet, computes them and calls `whenKnown` (the panel posts its snapshot again).
 */
export function samplesForSnapshot(session: DatasetSession, log: vscode.LogOutputChannel, whenKnown: () => void): SamplesSummaryView | null {
  const cache = SampleSetsCache.for(session);
  const current = cache.current;
  if (current === undefined) {
    cache.compute().then(
      (sets) => sets && whenKnown(),
      (err: unknown) => log.warn(`Inspector: cannot group the samples of ${session.path}: ${String(err)}`),
    );
    return null;
  }
  return current ? samplesSummaryView(current, unstableFlipRate()) : null;
}

/** The rows of `record`'s sample set for the strip (null: the record is its set's only row). */
export async function setRowsForStrip(session: DatasetSession, record: EvalRecord, extras: RecordExtras): Promise<SetRow[] | null> {
  const records = await setRowRecords(session, record, MAX_CHIPS);
  if (!records) return null;
  const journaled = await extras.samplesOfRows(records);
  return records.map((r, i) => ({ record: r, fidelity: r.fidelity, journaled: journaled[i] ?? [] }));
}
