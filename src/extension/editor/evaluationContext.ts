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
import { activeEvaluationUri, inspectorIsActive, isEvaluationSession, loadSession } from './evaluationFiles';
import { CONTEXT_KEYS } from '../ids';
import { recognizedFromFirstRecords } from '../../core/dataset/earlyRecognition';

/** How long after the last event the active tab is read once more. */
const SETTLE_MS = 250;

export function registerEvaluationContext(services: Services): vscode.Disposable {
  const { sessions } = services;
  let current: boolean | undefined;
  const failed = new Set<string>();
  let settle: NodeJS.Timeout | undefined;

  const set = (value: boolean) => {
    if (value === current) return;
    current = value;
    vscode.commands.executeCommand('setContext', CONTEXT_KEYS.evaluationFileActive, value).then(undefined, () => {
      if (current === value) current = undefined; // not sent: the next update sends it again
    });
  };

  /** `retry` tries files that failed before again (the settings may now pin their format). */
  const update = (retry = false) => {
    const uri = inspectorIsActive() ? undefined : activeEvaluationUri();
    if (!uri) return set(false);
    if (!retry && (sessions.isNotEvaluationFile(uri) || failed.has(uri.fsPath))) return set(false);
    const session = sessions.peek(uri);
    if (session) return set(isEvaluationSession(uri, session));
    if (!retry) set(false);
    failed.delete(uri.fsPath);
    // A JSONL, compressed JSONL, Parquet or Inspect file whose first records are recognized gets the
    // commands at once, not after it is indexed (dataset/earlyRecognition.ts).
    if (recognizedFromFirstRecords(uri.fsPath)) {
      void sessions.isRecognized(uri).then((recognized) => {
        if (recognized && !inspectorIsActive() && activeEvaluationUri()?.fsPath === uri.fsPath && !sessions.peek(uri)) set(true);
      });
    }
    loadSession(services, uri).then(
      () => update(),
      () => {
        failed.add(uri.fsPath);
        update();
      },
    );
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
      if (!e.affectsConfiguration('rationaleLens')) return;
      failed.clear();
      update(true);
    }),
    sessions.onDidChange((uri) => {
      failed.delete(uri.fsPath);
      updateSettled();
    }),
    { dispose: () => (clearTimeout(settle), set(false)) },
  );
}
