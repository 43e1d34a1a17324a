/**
 * Says once (per user, not per file) where marks are kept, after the first mark: beside the data by
 * default, where the CLI counts them and where they show in `git status`; people who keep data in
 * git are offered VS Code's workspace storage instead (rationaleLens.humanMarks.location).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { MARKS_LOCATION_KEY, SECTION, marksLocation } from './settings';

const SHOWN_KEY = 'rationaleLens.marksLocationNoticeShown';
const USE_STORAGE = 'Keep Marks in Workspace Storage';
const KEEP = 'Keep Beside the Data';

/** The one-time notice after a mark was appended to `marksFile`; does nothing once it was shown. */
export async function noteMarksLocationOnce(context: vscode.ExtensionContext, marksFile: string): Promise<void> {
  if (context.globalState.get<boolean>(SHOWN_KEY)) return;
  await context.globalState.update(SHOWN_KEY, true);
  if (marksLocation() === 'workspaceStorage') {
    void vscode.window.showInformationMessage(`Rationale Lens keeps your marks in VS Code's workspace storage (${marksFile}). The CLI's stats cannot see them there.`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Rationale Lens keeps your marks beside the data, in ${basename(marksFile)} (the CLI's stats counts them). Data in git? Keep marks in VS Code's workspace storage instead (the CLI cannot see them there).`,
    USE_STORAGE,
    KEEP,
  );
  if (choice === USE_STORAGE) await vscode.workspace.getConfiguration(SECTION).update(MARKS_LOCATION_KEY, 'workspaceStorage', vscode.ConfigurationTarget.Global);
}
