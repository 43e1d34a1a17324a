/** The record under the cursor of a text editor showing the file, if any. */
import type * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import { textEditorFor } from '../editor/evaluationFiles';

export function recordAtCursor(uri: vscode.Uri, session: DatasetSession): number | undefined {
  const editor = textEditorFor(uri);
  if (!editor) return undefined;
  const index = session.indexOfLine(editor.selection.active.line + 1);
  return index >= 0 ? index : undefined;
}
