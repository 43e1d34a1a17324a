/**
 * A file over 50 MB is never handed to extensions as a document: VS Code shows it (or its "very
 * large" page) with no hovers or gutter marks from us, and no hint that the Inspector reads it.
 * Once per file, a notification says so and offers the Inspector.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { COMMANDS } from '../ids';
import { isUnrecognized } from '../../core/session/sessionState';

/** VS Code's limit for documents given to extensions. */
const DOCUMENT_LIMIT_BYTES = 50 * 1024 * 1024;

export function registerLargeFileHint(services: Services): vscode.Disposable {
  const hinted = new Set<string>();
  const check = async (): Promise<void> => {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (!(input instanceof vscode.TabInputText) || !/\.jsonl?$/i.test(input.uri.fsPath) || hinted.has(input.uri.fsPath)) return;
    const uri = input.uri;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    const size = await vscode.workspace.fs.stat(uri).then((s) => s.size, () => 0);
    if (size <= DOCUMENT_LIMIT_BYTES || hinted.has(uri.fsPath) || isUnrecognized(services.sessions.state(uri))) return;
    hinted.add(uri.fsPath);
    const open = 'Open in Rationale Lens Inspector';
    const picked = await vscode.window.showInformationMessage(
      `${basename(uri.fsPath)} is ${(size / 1048576).toFixed(0)} MB: VS Code does not give files over 50 MB to extensions as documents, so there are no hovers or gutter marks here. The Inspector, the status bar and the commands read it from disk.`,
      open,
    );
    if (picked === open) await vscode.commands.executeCommand(COMMANDS.openInspector, uri);
  };
  const run = (): void => void check();
  run();
  return vscode.Disposable.from(vscode.window.tabGroups.onDidChangeTabs(run), vscode.window.tabGroups.onDidChangeTabGroups(run));
}
