/** `rationaleLens.openInspector`: the Inspector for the explorer's file, else the active editor's. */
import * as vscode from 'vscode';
import { SessionRegistry } from '../sessions';
import { INSPECTOR_VIEW_TYPE } from '../inspector/provider';

export class OpenInspectorCommand {
  readonly id = 'rationaleLens.openInspector';

  async execute(arg?: unknown): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : activeFileUri();
    if (!uri || !SessionRegistry.isCandidate(uri)) {
      void vscode.window.showInformationMessage('Rationale Lens: open a .jsonl or .json evaluation file first, then run Open Inspector.');
      return;
    }
    await vscode.commands.executeCommand('vscode.openWith', uri, INSPECTOR_VIEW_TYPE);
  }
}

/** The file of the active editor: a text editor, or any tab with a resource (e.g. an Inspector). */
function activeFileUri(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor.document.uri;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return undefined;
}
