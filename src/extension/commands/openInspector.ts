/** `rationaleLens.openInspector`: the Inspector for the explorer's file, else the active editor's. */
import * as vscode from 'vscode';
import { SessionRegistry } from '../sessions';
import { activeEvaluationUri } from '../editor/evaluationFiles';
import { COMMANDS, VIEW_TYPES } from '../ids';

export async function openInspector(arg?: unknown): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : activeEvaluationUri();
  if (!uri || !SessionRegistry.isCandidate(uri)) {
    void vscode.window.showInformationMessage('Rationale Lens: open a .jsonl or .json evaluation file first, then run Open Inspector.');
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPES.inspector);
}

export function registerOpenInspector(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openInspector, (arg?: unknown) => openInspector(arg));
}
