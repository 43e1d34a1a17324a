/**
 * The Inspector's first record travels in its page (docs/ARCHITECTURE.md, "The first screen"): the
 * host builds record 0's view before it sets the webview's HTML, and the page paints it as it
 * starts, instead of asking for it once its script is ready and waiting for the answer through
 * VS Code's relay (0.13–0.6 s on two busy cores). The page waits at most FIRST_PAGE_MS for the file's
 * first records to be read (a file opened a moment ago, a Parquet file's first row group): past that
 * it gets its page at once and asks as before. Once the session has record 0 its view is built
 * (milliseconds; the asked path would build the same view and add the relay).
 */
import type { DatasetSession } from '../../core/session/session';
import type { RecordView } from '../../protocol/messages';
import type { RecordAnswers } from './recordAnswers';

/** The longest the page waits for its first record (a session opened a moment ago reads it in tens of ms). */
const FIRST_PAGE_MS = 150;

/** Record 0's view when the file's session has it within `budgetMs`, else undefined (never rejects). */
export async function firstRecordForPage(current: () => Promise<DatasetSession>, answers: RecordAnswers, budgetMs = FIRST_PAGE_MS): Promise<RecordView | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, budgetMs, undefined)));
  const shown = current();
  shown.catch(() => undefined); // a session that fails after the budget is the page's to say
  try {
    const session = await Promise.race([shown, late]);
    return session && session.count > 0 ? await answers.view(session, 0) : undefined;
  } catch {
    return undefined; // the file failed, or the Inspector closed: the page says so as before
  } finally {
    clearTimeout(timer);
  }
}
