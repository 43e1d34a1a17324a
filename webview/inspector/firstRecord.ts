/**
 * The first record the host wrote into the page (src/extension/inspector/firstPage.ts): painted by
 * the page's inline script before this bundle loads (firstPaint.ts), then here light as the app
 * starts (recordLight.ts, replacing the inline paint in the same task), with no round trip, and in
 * full a frame later. Taken only on a first open showing record 0 (a restored view shows what it
 * had, asked as before), and only when it passes the `record` message's schema.
 */
import type { RecordView } from '../../src/protocol/messages';
import { FIRST_PAINT_ID } from '../../src/protocol/pageData';
import { log } from '../vscodeApi/inspectorApi';
import { pageRecordZero } from './pageRecord';
import type { RecordFeed } from './recordFeed';
import { renderLight } from './recordLight';
import { paintRecord } from './recordPane';
import { markFirstRecordFrame } from './recordTiming';
import type { ViewState } from './state';

export function pageFirstRecord(selected: number | null, restored: boolean): RecordView | null {
  const first = pageRecordZero();
  if (first === undefined || restored || selected !== 0) return null;
  if ('record' in first) return first.record;
  log('warn', `the page's first record was not used: ${first.error}`);
  return null;
}

/**
 * Takes away the inline first paint (firstPaint.ts) before the app lays out its own view, in the
 * same task, so no frame shows both. Returns the id of the record it showed, if any.
 */
export function removeInlinePaint(): string | undefined {
  const inline = document.getElementById(FIRST_PAINT_ID);
  inline?.remove();
  return inline?.dataset.recordId;
}

/** Paints `record` light in `pane` now, and calls `full` after the frame that shows it. */
export function paintPageRecord(pane: HTMLElement, record: RecordView, state: ViewState, feed: Pick<RecordFeed, 'shownFromPage'>, inlineId: string | undefined, full: () => void): void {
  feed.shownFromPage();
  // Where the first record came from, for the end-to-end tests (set as an attribute's text, never
  // parsed): 'inline' when the page's inline paint showed it before this bundle loaded.
  pane.dataset.firstPaint = inlineId === record.id ? 'inline' : 'page';
  pane.dataset.firstPaintId = record.id;
  paintRecord(pane, record.index, renderLight(record), state);
  markFirstRecordFrame(full);
}
