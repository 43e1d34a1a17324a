/**
 * Sets the context key `rationaleLens.evaluationFileActive` (used by the `when` clauses of the
 * commands and the editor title button) while the active text tab shows a recognized evaluation
 * file, including one too large to be handed to extensions as a document: as soon as its format
 * is recognized from its first records, without waiting for the whole file to be indexed.
 *
 * Whatever the order in which activation, the tab and editor events and the first records arrive,
 * the key ends right: every event re-reads the active tab, and once more after the workbench has
 * settled (the tab model and the active editor reach the extension host as separate messages, so
 * the first read after one of them may see the other stale); a setContext that failed is sent again.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { activeEvaluationUri, inspectorIsActive, isEvaluationSession } from './evaluationFiles';
import { CONTEXT_KEYS } from '../ids';
import { recognizedFromFirstRecords } from '../../core/dataset/earlyRecognition';

/** How long after the last event the active tab is read once more. */
const SETTLE_MS = 250;

export function registerEvaluationContext(services: Services): vscode.Disposable {
  const { sessions } = services;
  let current: boolean | undefined;
  /** The file the key was last decided for: while that file is read again (stale, opening), the key stands. */
  let decidedFor: string | undefined;
  let settle: NodeJS.Timeout | undefined;

  const set = (value: boolean) => {
    if (value === current) return;
    current = value;
    vscode.commands.executeCommand('setContext', CONTEXT_KEYS.evaluationFileActive, value).then(undefined, () => {
      if (current === value) current = undefined; // not sent: the next update sends it again
    });
  };
  const decide = (uri: vscode.Uri, value: boolean) => {
    decidedFor = uri.fsPath;
    set(value);
  };

  /** `retry` reads files that failed before again (the settings may now pin their format). */
  const update = (retry = false) => {
    const uri = inspectorIsActive() ? undefined : activeEvaluationUri();
    if (!uri) {
      decidedFor = undefined;
      return set(false);
    }
    const state = sessions.state(uri);
    const undecided = decidedFor !== uri.fsPath;
    switch (state.phase) {
      case 'loaded':
        return decide(uri, isEvaluationSession(uri, state.session));
      case 'indexing':
        // A JSONL, compressed JSONL, Parquet or Inspect file whose first records are recognized gets the
        // commands at once, not after it is indexed (dataset/earlyRecognition.ts).
        if (recognizedFromFirstRecords(uri.fsPath)) return decide(uri, true);
        if (undecided) set(false);
        return;
      case 'opening':
      case 'stale':
        if (undecided) set(false);
        return; // the read under way says the rest
      case 'failed':
        if (!retry) return decide(uri, false);
        break;
      case 'closed':
        break;
    }
    if (!retry && undecided) set(false);
    sessions.get(uri).catch(() => undefined); // the 'failed' state sets the key; the registry logs why
  };

  /** Now, and again once the workbench's burst of events is over. */
  const updateSettled = () => {
    update();
    clearTimeout(settle);
    settle = setTimeout(() => update(), SETTLE_MS);
  };

  updateSettled();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(updateSettled),
    vscode.window.tabGroups.onDidChangeTabs(updateSettled),
    vscode.window.tabGroups.onDidChangeTabGroups(updateSettled),
    vscode.window.onDidChangeVisibleTextEditors(updateSettled),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('rationaleLens')) update(true);
    }),
    // Every new phase (not each batch indexed): the key follows the active file's state.
    sessions.onDidChangeState((e) => e.state.phase !== e.previous.phase && updateSettled()),
    { dispose: () => (clearTimeout(settle), set(false)) },
  );
}
