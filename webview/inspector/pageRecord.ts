/**
 * Record 0 as the host wrote it into the page (src/protocol/pageData.ts), checked by the `record`
 * message's schema like any message. Shared by the inline first paint (firstPaint.ts) and the full
 * bundle (firstRecord.ts); imports nothing that acquires VS Code's API or builds the full view.
 */
import type { RecordView } from '../../src/protocol/messages';
import { checkToWebview } from '../../src/protocol/messages';
import { FIRST_RECORD_ID } from '../../src/protocol/pageData';
import { readPageData } from '../dom/pageData';

/** Undefined when the page carries no record; else record 0 or why it cannot be used. */
export function pageRecordZero(): { record: RecordView } | { error: string } | undefined {
  const data = readPageData(FIRST_RECORD_ID);
  if (data === undefined) return undefined;
  const checked = checkToWebview({ type: 'record', requestId: 0, record: data });
  if (!checked.ok) return { error: checked.error };
  if (checked.message.type !== 'record' || checked.message.record.index !== 0) return { error: 'not record 0' };
  return { record: checked.message.record };
}
