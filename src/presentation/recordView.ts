/** One record as the webview shows it (pure: no `vscode`, so unit tests check it against the protocol). */
import type { EvalRecord } from '../core/record/record';
import type { AlignmentView, RecordKind, RecordView } from '../protocol/messages';
import { alignmentViews } from './alignment';
import { turnViews } from './images';
import type { RequeryEntry } from './requeries';
import { requeryView } from './requeries';
import { cut, fidelityView, goldText, judgmentView } from './snapshotViews';
import type { JournaledSample } from '../core/llm/sampleJournal';
import type { SampleStripView } from '../protocol/messages';
import { buildSampleStrip } from './sampleStrip';
import type { SetRow } from './sampleStrip';

const optionalStrip = (strip: SampleStripView | undefined): { samples?: SampleStripView } => (strip ? { samples: strip } : {});

/**
 * `requery`: the record's latest GenRM re-query from the journal, shown beside the original rationale.
 * `setRows`: the rows of the record's sample set in file order (this record among them), when the
 * file repeats its id and comparison; else the strip shows the row's own samples and `journaledSamples`.
 */
export async function buildRecordView(record: EvalRecord, kind: RecordKind, baseDir: string, requery: RequeryEntry | null = null, modelAlignments: AlignmentView[] = [], journaledSamples: readonly JournaledSample[] = [], setRows: readonly SetRow[] | null = null): Promise<RecordView> {
  const truncated: string[] = [];
  const gold = goldText(record);
  return {
    index: record.index,
    id: record.id,
    line: record.line,
    subset: record.subset,
    kind,
    gold: record.goldLabel,
    conversation: await turnViews(record.conversation, baseDir, truncated),
    responseA: cut(record.responseA, 'response A', truncated),
    responseB: cut(record.responseB, 'response B', truncated),
    goldText: gold === null ? null : cut(gold, 'gold judgment', truncated),
    goldCount: record.goldRationales.length,
    judgments: record.judgments.map((j, i) => judgmentView(j, i, truncated)),
    fidelity: fidelityView(record.fidelity, gold, record.judgments[0]?.rationale ?? ''),
    alignments: alignmentViews(record),
    modelAlignments,
    requery: requery ? requeryView(record, requery, truncated) : null,
    // Every row of its sample set (or the row alone), their own samples (votes, trajectories) and the samples re-query ×k journaled for them; absent for one sample.
    ...optionalStrip(buildSampleStrip(setRows && setRows.length > 1 ? setRows : [{ record, fidelity: record.fidelity, journaled: journaledSamples }], truncated)),
    truncated,
  };
}
