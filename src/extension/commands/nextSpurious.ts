/**
 * Rationale Lens: Go to Next Spurious Record — moves the cursor of the text editor to the next
 * spurious record (label-correct, misaligned rationale) after the cursor, wrapping at the end.
 * In the Inspector it opens the next one there.
 */
import * as vscode from 'vscode';
import { pct } from '../../core/reports/report';
import type { Services } from '../services';
import { fileName, inspectorIsActive, sessionForCommand, textEditorFor } from '../editor/evaluationFiles';
import { recordStart } from '../editor/recordLocator';
import { COMMANDS } from '../ids';

/** Returns the index moved to, or -1 when the file has no spurious record. */
async function nextSpurious(services: Services, arg?: unknown): Promise<number | undefined> {
  const target = await sessionForCommand(services, arg, 'go to the next spurious record');
  if (!target) return undefined;
  const { uri, session } = target;
  const editor = textEditorFor(uri);
  const from = editor ? session.indexOfLine(editor.selection.active.line + 1) : -1;
  const next = session.next(from, 'spurious');
  if (next < 0) {
    const s = session.snapshot().summary;
    const why = s.sCorr === null ? 'no record has a misaligned fidelity verdict yet' : `S-Corr ${pct(s.sCorr)}`;
    void vscode.window.showInformationMessage(`Rationale Lens: ${fileName(uri)} has no spurious records (${why}).`);
    return -1;
  }
  if (!editor && inspectorIsActive()) {
    await vscode.commands.executeCommand(COMMANDS.openRecord, uri, next);
    return next;
  }
  if (!editor && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    // Too large to open as a text document: the Inspector reads it from disk.
    await vscode.commands.executeCommand(COMMANDS.openRecord, uri, next);
    return next;
  }
  const shown = editor ?? (await vscode.window.showTextDocument(uri, { preview: false }));
  const position = recordStart(session, shown.document, next);
  shown.selection = new vscode.Selection(position, position);
  shown.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const wrapped = from >= 0 && next <= from;
  const all = session.filter(['spurious'], null);
  void vscode.window.setStatusBarMessage(
    `Rationale Lens: spurious record ${all.indexOf(next) + 1} of ${all.length}${wrapped ? ' (wrapped to the start of the file)' : ''}`,
    4000,
  );
  return next;
}

export function registerNextSpurious(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.nextSpurious, (arg?: unknown) => nextSpurious(services, arg));
}
