/**
 * The Inspector's first record travels in its page (docs/ARCHITECTURE.md, "The first screen"): the
 * host builds record 0's view before it sets the webview's HTML, and the page paints it as it
 * starts, instead of asking for it once its script is ready and waiting for the answer through
 * VS Code's relay (0.7–1 s on two busy cores). Once the file's session is open (its format known:
 * tens of ms) record 0 comes from the session when its index has it, else from the file's head,
 * read here through the session's own reader (core/dataset/headRecord.ts, bounded) instead of
 * waiting for the index worker's first batch (0.3–0.5 s after the Inspector opened in some runs).
 * The page waits at most FIRST_PAGE_MS for the session to open and, when the head does not settle
 * record 0 (a compressed or Parquet file, a huge first line), for its index to have it: past that
 * it gets its page at once and asks as before.
 */
import type { DatasetSession } from '../../core/session/session';
import type { SessionState } from '../../core/session/sessionState';
import { headRecord } from '../../core/dataset/headRecord';
import type { RecordView } from '../../protocol/messages';
import type { RecordAnswers } from './recordAnswers';

/** The longest the page waits for its first record (a session opened a moment ago reads it in tens of ms). */
const FIRST_PAGE_MS = 150;

/** The session once the file is open, whether or not its index has records yet. */
export function openedSession(state: SessionState): DatasetSession | undefined {
  return state.phase === 'indexing' || state.phase === 'loaded' ? state.session : undefined;
}

export interface FirstPageSessions {
  /** The session once it is open (openedSession). */
  opened(): Promise<DatasetSession>;
  /** The session once it has records to show (shownSession). */
  shown(): Promise<DatasetSession>;
}

export interface FirstPage {
  readonly view: RecordView;
  /** Read from the file's head (else from the session's index). */
  readonly fromHead: boolean;
  /** Built while the file was still being indexed: the journal's and the marks' verdicts come once it is loaded (the page is told to ask again then). */
  readonly partial: boolean;
}

/** Record 0's view when the file's session opens within `budgetMs` and its head or its index has the record by then, else undefined (never rejects). */
export async function firstRecordForPage(sessions: FirstPageSessions, answers: RecordAnswers, budgetMs = FIRST_PAGE_MS): Promise<FirstPage | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, budgetMs, undefined)));
  const settled = <T>(p: Promise<T>) => (p.catch(() => undefined), Promise.race([p, late])); // a session that fails after the budget is the page's to say
  try {
    const session = await settled(sessions.opened());
    if (!session) return undefined;
    if (session.count === 0) {
      const record = await headRecord(session.dataset, session.fileIndex.options).catch(() => undefined); // unreadable: the index says why
      // Loaded meanwhile (a small file): the session's own view has the journal's and the marks' verdicts.
      if (record && session.loading) return { view: await answers.headView(session, record), fromHead: true, partial: true };
    }
    const shown = await settled(sessions.shown());
    return shown && shown.count > 0 ? { view: await answers.view(shown, 0), fromHead: false, partial: shown.loading } : undefined;
  } catch {
    return undefined; // the file failed, or the Inspector closed: the page says so as before
  } finally {
    clearTimeout(timer);
  }
}
