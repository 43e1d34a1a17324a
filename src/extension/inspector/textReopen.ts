/**
 * "Reopen Editor With… → Text Editor" on an Inspector tab asks VS Code for a text editor on the
 * Inspector's own URI (rationale-lens-inspector:…, which no file system serves): that tab is
 * replaced by a text editor on the file itself, in the same group.
 */
import * as vscode from 'vscode';
import { INSPECTOR_SCHEME } from '../../presentation/inspectorTabName';
import { fileOfInspectorUri } from './inspectorUri';

function isInspectorText(input: unknown): input is vscode.TabInputText {
  return input instanceof vscode.TabInputText && input.uri.scheme === INSPECTOR_SCHEME;
}

async function reopenAsFile(uri: vscode.Uri, viewColumn: vscode.ViewColumn): Promise<void> {
  await vscode.window.showTextDocument(fileOfInspectorUri(uri), { viewColumn, preview: false });
  // Tab objects are snapshots: find the Inspector-URI text tabs again.
  const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isInspectorText(t.input) && t.input.uri.toString() === uri.toString());
  if (stale.length > 0) await vscode.window.tabGroups.close(stale);
}

export function registerTextReopen(): vscode.Disposable {
  return vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of e.opened) {
      if (!isInspectorText(tab.input)) continue;
      const uri = tab.input.uri;
      reopenAsFile(uri, tab.group.viewColumn).then(undefined, (err: unknown) => {
        void vscode.window.showWarningMessage(`Rationale Lens could not open ${fileOfInspectorUri(uri).fsPath} as text: ${err instanceof Error ? err.message : String(err)}`);
      });
    }
  });
}
