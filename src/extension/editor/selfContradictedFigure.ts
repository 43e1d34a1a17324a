/**
 * The file's rationale-vs-verdict figure for the summaries (Copy Summary, Export Summary, the summary
 * document): every record's judgments checked once per session (presentation/verdictArgument.ts's
 * ContradictionCache, shared with the list filter and the Problems panel), under a cancellable
 * progress notification. Null when cancelled, while the file is still indexing, or for a file of
 * 32 MB or more (`stats`' own default: it reads every rationale, which Show Summary must not wait
 * for); the summary then leaves the line out, as `stats` does.
 */
import * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import type { SelfContradicted } from '../../core/why/selfContradiction';
import { ContradictionCache } from '../../presentation/verdictArgument';
import { VERDICT_CHECK_AUTO_BYTES } from '../../core/tally/fileTally';

export async function selfContradictedFigure(session: DatasetSession): Promise<SelfContradicted | null> {
  if (session.dataset.sizeBytes >= VERDICT_CHECK_AUTO_BYTES) return null;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Rationale Lens: checking each rationale against its verdict', cancellable: true },
    (progress, token) => {
      const op = new AbortController();
      token.onCancellationRequested(() => op.abort());
      let shown = 0;
      return ContradictionCache.for(session).selfContradicted(op.signal, (done, total) => {
        const pctDone = total > 0 ? Math.floor((100 * done) / total) : 0;
        if (pctDone > shown) progress.report({ increment: pctDone - shown, message: `${done}/${total} records` });
        shown = Math.max(shown, pctDone);
      });
    },
  );
}
