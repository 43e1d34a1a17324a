/**
 * The webview's record requests, answered one at a time in the order asked. While `j` is held the
 * webview reads ahead (webview/logic/recordFetch.ts: up to two dozen requests on their way); built
 * all at once, their file reads and side-file reads interleave and every answer comes when the last
 * is done (measured: 0.7–0.9 s each for 25 on a loaded machine), so the record the reader reaches
 * next waits for all of them. In order, the first answers come back first.
 */
import type { DatasetSession } from '../../core/session/session';
import type { RecordView } from '../../protocol/messages';
import { buildRecordView } from '../../presentation/recordView';
import { setRowsForStrip } from './inspectorSamples';
import type { RecordExtras } from './recordExtras';

export class RecordAnswers {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly extras: RecordExtras) {}

  /** Record `index`'s view, built after the views asked for before it (`session` has the record already). */
  view(session: DatasetSession, index: number): Promise<RecordView> {
    const built = this.queue.then(() => this.build(session, index));
    this.queue = built.catch(() => undefined);
    return built;
  }

  private async build(session: DatasetSession, index: number): Promise<RecordView> {
    const record = await session.record(index);
    const extras = this.extras;
    return buildRecordView(record, session.kindOf(index), session.baseDir, await extras.requery(record), await extras.alignments(record), await extras.samples(record), await setRowsForStrip(session, record, extras));
  }
}
