/** "Reveal in text editor": the dataset file in a text editor beside the Inspector, the record's line selected. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';

/** VS Code refuses to open larger files as text documents for extensions. */
const MAX_TEXT_DOCUMENT_BYTES = 50 * 1024 * 1024;

export async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const size = (await stat(uri.fsPath)).size;
  if (size > MAX_TEXT_DOCUMENT_BYTES) {
    void vscode.window.showWarningMessage(
      `Rationale Lens: ${basename(uri.fsPath)} is ${(size / 1048576).toFixed(0)} MB; VS Code cannot open files over 50 MB as text documents, so the record (line ${line}) cannot be revealed in a text editor.`,
    );
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const lineIndex = Math.min(Math.max(0, line - 1), doc.lineCount - 1);
  const range = doc.lineAt(lineIndex).range;
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  // Cursor at the start of the line (a JSONL record is one long line): the view stays on its beginning.
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(new vscode.Range(range.start, range.start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
