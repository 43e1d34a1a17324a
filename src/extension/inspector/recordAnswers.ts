/**
 * The webview's record requests: the record wanted now (`getRecord`) and batches read ahead while
 * `j` is held (`getRecords`, webview/logic/recordFetch.ts), built one view at a time in the order
 * presentation/answerQueue.ts gives (the wanted record first; a batch answered in parts of up to
 * PART_BYTES of JSON, each sent as soon as it is built).
 */
import type { DatasetSession } from '../../core/session/session';
import type { RecordView } from '../../protocol/messages';
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

  private async build(session: DatasetSession, index: number): Promise<RecordView> {
    const record = await session.record(index);
    const extras = this.extras;
    return buildRecordView(record, session.kindOf(index), session.baseDir, await extras.requery(record), await extras.alignments(record), await extras.samples(record), await setRowsForStrip(session, record, extras));
  }
}
