import * as vscode from 'vscode';
import { VIEW_TYPES } from '../ids';
import { inspectorUri } from './inspectorUri';

/**
 * `workbench.editorAssociations` that name the Inspector are honoured for text tabs opened before
 * the extension registered its editor: a file opened at startup (from the command line, or the
 * web workbench's `openFile` address, as `npm run demo` does) otherwise stays a text editor.
 * Runs once, at activation; a tab opened later is VS Code's to route.
 */
export function registerStartupAssociations(): vscode.Disposable {
  const patterns = Object.entries(vscode.workspace.getConfiguration('workbench').get<Record<string, unknown>>('editorAssociations') ?? {})
    .filter(([, viewType]) => viewType === VIEW_TYPES.inspector)
    .map(([pattern]) => (pattern.includes('/') ? pattern : `**/${pattern}`));
  if (patterns.length === 0) return new vscode.Disposable(() => undefined);
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText) || tab.input.uri.scheme !== 'file') continue;
      const uri = tab.input.uri;
      if (!patterns.some((pattern) => vscode.languages.match({ scheme: 'file', pattern }, { uri, languageId: '' } as vscode.TextDocument) > 0)) continue;
      reopenInInspector(tab, uri, group.viewColumn).then(undefined, (e: unknown) => {
        void vscode.window.showWarningMessage(`Rationale Lens could not open ${uri.fsPath} in the Inspector: ${e instanceof Error ? e.message : String(e)}`);
      });
    }
  }
  return new vscode.Disposable(() => undefined);
}

async function reopenInInspector(tab: vscode.Tab, uri: vscode.Uri, viewColumn: vscode.ViewColumn): Promise<void> {
  await vscode.commands.executeCommand('vscode.openWith', inspectorUri(uri), VIEW_TYPES.inspector, { viewColumn, preserveFocus: !tab.isActive });
  // Tab objects are snapshots: find the text tab again now that the Inspector's has opened.
  const textTabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (textTabs.length > 0) await vscode.window.tabGroups.close(textTabs);
}
