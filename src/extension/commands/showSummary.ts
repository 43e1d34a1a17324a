/** Rationale Lens: Show S-Corr Summary — a live, read-only Markdown summary of the file, shown as a preview. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { summaryUri } from '../editor/summaryDocuments';
import { COMMANDS } from '../ids';

async function showSummary(services: Services, arg?: unknown): Promise<vscode.Uri | undefined> {
  const target = await sessionForCommand(services, arg, 'show the summary');
  if (!target) return undefined;
  const doc = summaryUri(target.uri);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', doc);
  } catch {
    // No Markdown preview (the built-in extension disabled): the Markdown text itself.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doc), { preview: true });
  }
  return doc;
}

export function registerShowSummary(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showSummary, (arg?: unknown) => showSummary(services, arg));
}
