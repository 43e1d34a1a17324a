/** `rationaleLens.openInspector`: the Inspector for the explorer's file, else the active editor's. */
import * as vscode from 'vscode';
import { SessionRegistry } from '../sessions';
import { INSPECTOR_VIEW_TYPE } from '../inspector/provider';
import { activeEvaluationUri } from '../editor/evaluationFiles';

export class OpenInspectorCommand {
  readonly id = 'rationaleLens.openInspector';

  async execute(arg?: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : activeEvaluationUri();
    if (!uri || !SessionRegistry.isCandidate(uri)) {
      void vscode.window.showInformationMessage('Rationale Lens: open a .jsonl or .json evaluation file first, then run Open Inspector.');
      return;
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, INSPECTOR_VIEW_TYPE);
  }
}
