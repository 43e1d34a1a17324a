/**
 * What an Inspector shows while its file is still read: how far the read is, and the figures of the
 * records read so far (the header says they are partial). Both go out together whenever the page
 * is told it is loading, its `ready` included: the first records are often read before the page
 * exists (the page is built with record 0 in it), and the next batch's progress may be seconds away.
 */
import type { DatasetSession } from '../core/session/session';
import type { ToWebview } from '../protocol/messages';
import { snapshotView } from './snapshotViews';

/** The partial figures of `session`, or none before it has a record. */
export function partialFigures(session: DatasetSession | undefined): ToWebview | undefined {
  if (!session || session.count === 0) return undefined;
  return { type: 'snapshot', snapshot: snapshotView(session.snapshot(), session.subsets(), session.dataset.sizeBytes) };
}

/** The loading state and, once there are records, their figures so far. */
export function loadingViews(fileName: string, recordsSoFar: number, session: DatasetSession | undefined): ToWebview[] {
  const loading: ToWebview = { type: 'loading', fileName, records: recordsSoFar, shown: session?.count ?? 0, sizeBytes: session?.dataset.sizeBytes ?? 0 };
  const figures = partialFigures(session);
  return figures ? [loading, figures] : [loading];
}
