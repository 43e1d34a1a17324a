/**
 * The webview's record requests: the record wanted now (`getRecord`) and batches read ahead while
 * `j` is held (`getRecords`, webview/logic/recordFetch.ts), built one view at a time in the order
 * presentation/answerQueue.ts gives (the wanted record first; a batch answered in parts of up to
 * PART_BYTES of JSON, each sent as soon as it is built).
 */
import type { DatasetSession } from '../../core/session/session';
import type { EvalRecord, RecordKind } from '../../core/record/record';
import { classifyRecord } from '../../core/statistics/metrics';
import type { RecordView } from '../../protocol/messages';
import type { SetRow } from '../../presentation/sampleStrip';
import { AnswerQueue } from '../../presentation/answerQueue';
import { buildRecordView } from '../../presentation/recordView';
import { setRowsForStrip } from './inspectorSamples';
import type { RecordExtras } from './recordExtras';

/** JSON bytes of record views one part of a batch's answer carries (a typical view is 4–6 KB). */
const PART_BYTES = 64 * 1024;

export class RecordAnswers {
  private readonly queue = new AnswerQueue<RecordView>((view) => JSON.stringify(view).length, PART_BYTES);

  constructor(private readonly extras: RecordExtras) {}

  /** Record `index`'s view, built after the records wanted before it (`session` has the record already). */
  view(session: DatasetSession, index: number): Promise<RecordView> {
    return this.queue.one(() => this.build(session, index));
  }

  /** The views of `indexes`, in order, handed to `post` in parts (`last` on the final one); `session` has the records already. */
  views(session: DatasetSession, indexes: readonly number[], post: (views: RecordView[], last: boolean) => void): Promise<void> {
    return this.queue.many(indexes, (index) => this.build(session, index), post);
  }

  /**
   * Record 0's view from the file's head (core/dataset/headRecord.ts) while `session` is indexed and
   * has not read it yet: what `view(session, 0)` gives then (the file's own verdict in force, as the
   * journal and the marks are read once the file is indexed; no sample-set strip until then).
   */
  headView(session: DatasetSession, record: EvalRecord): Promise<RecordView> {
    this.extras.attach(session.path);
    return this.queue.one(() => this.assemble(record, classifyRecord(record).kind, session.baseDir, null));
  }

  private async build(session: DatasetSession, index: number): Promise<RecordView> {
    const record = await session.record(index);
    return this.assemble(record, session.kindOf(index), session.baseDir, await setRowsForStrip(session, record, this.extras));
  }

  private async assemble(record: EvalRecord, kind: RecordKind, baseDir: string, setRows: SetRow[] | null): Promise<RecordView> {
    const extras = this.extras;
    return buildRecordView(record, kind, baseDir, await extras.requery(record), await extras.alignments(record), await extras.samples(record), setRows);
  }
}
