/**
 * The first record the host wrote into the page (src/extension/inspector/firstPage.ts): painted
 * light as the page starts (recordLight.ts), with no round trip, then in full a frame later. Taken
 * only on a first open showing record 0 (a restored view shows what it had, asked as before), and
 * only when it passes the `record` message's schema.
 */
import type { RecordView } from '../../src/protocol/messages';
import { checkToWebview } from '../../src/protocol/messages';
import { FIRST_RECORD_ID } from '../../src/protocol/pageData';
import { readPageData } from '../dom/pageData';
import { log } from '../vscodeApi/inspectorApi';
import type { RecordFeed } from './recordFeed';
import { renderLight } from './recordLight';
import { paintRecord } from './recordPane';
import type { ViewState } from './state';

export function pageFirstRecord(selected: number | null, restored: boolean): RecordView | null {
  const data = readPageData(FIRST_RECORD_ID);
  if (data === undefined || restored || selected !== 0) return null;
  const checked = checkToWebview({ type: 'record', requestId: 0, record: data });
  if (checked.ok && checked.message.type === 'record' && checked.message.record.index === 0) return checked.message.record;
  log('warn', `the page's first record was not used: ${checked.ok ? 'not record 0' : checked.error}`);
  return null;
}

/** Paints `record` light in `pane` now, and calls `full` after the frame that shows it. */
export function paintPageRecord(pane: HTMLElement, record: RecordView, state: ViewState, feed: Pick<RecordFeed, 'shownFromPage'>, full: () => void): void {
  feed.shownFromPage();
  // Where the first record came from, for the end-to-end tests (set as an attribute's text, never parsed).
  pane.dataset.firstPaint = 'page';
  pane.dataset.firstPaintId = record.id;
  paintRecord(pane, record.index, renderLight(record), state);
  afterFirstFrame(full);
}

/** After the frame that shows the first record: `rlens:first-record` (bench/inspector.bench.mjs), and `then`. */
function afterFirstFrame(then: () => void): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('rlens:first-record');
      then();
    }, 0),
  );
}
