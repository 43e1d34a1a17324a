/** `rationaleLens.openInspector`: the Inspector for the explorer's file, else the active editor's. */
import * as vscode from 'vscode';
import { SessionRegistry } from '../sessions';
import { activeEvaluationUri } from '../editor/evaluationFiles';
import { COMMANDS, VIEW_TYPES } from '../ids';
import { inspectorUri } from '../inspector/inspectorUri';

/** The keybinding's `args` when the key is pressed in the explorer (package.json): the command then acts on the explorer's focused file. */
const FROM_EXPLORER = { from: 'explorer' } as const;

const fromExplorer = (arg: unknown): boolean => typeof arg === 'object' && arg !== null && (arg as { from?: unknown }).from === FROM_EXPLORER.from;

/**
 * The explorer's focused file. VS Code passes no URI to a keybinding and has no API for the explorer's
 * selection, so ask the explorer to show its focused file (its own Space key, which keeps the focus
 * in the explorer); the file is then the active tab.
 */
async function explorerFocusedUri(): Promise<vscode.Uri | undefined> {
  try {
    await vscode.commands.executeCommand('filesExplorer.openFilePreserveFocus');
  } catch {
    return undefined; // no explorer in this window: no focused file, the caller says so
  }
  return activeEvaluationUri();
}

async function openInspector(arg?: unknown, onOpening: (uri: vscode.Uri) => void = () => undefined): Promise<void> {
  if (fromExplorer(arg)) {
    const uri = await explorerFocusedUri();
    if (!uri) {
      void vscode.window.showInformationMessage('Rationale Lens: could not read the file focused in the explorer. Right-click the .jsonl or .json evaluation file and choose Open Inspector.');
      return;
    }
    return openInspector(uri, onOpening);
  }
  const uri = arg instanceof vscode.Uri ? arg : activeEvaluationUri();
  if (!uri || !SessionRegistry.isCandidate(uri)) {
    void vscode.window.showInformationMessage('Rationale Lens: open a .jsonl or .json evaluation file first, then run Open Inspector.');
    return;
  }
  onOpening(uri);
  await vscode.commands.executeCommand('vscode.openWith', inspectorUri(uri), VIEW_TYPES.inspector);
}

/** `onOpening`: called as the Inspector on `uri` is about to open (firstScreen.ts holds the background back and starts the file's read). */
export function registerOpenInspector(onOpening: (uri: vscode.Uri) => void): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openInspector, (arg?: unknown) => openInspector(arg, onOpening));
}
