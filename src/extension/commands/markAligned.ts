/**
 * Rationale Lens: Mark Record Aligned — a human fidelity verdict (overrides the LLM judge's and
 * the file's), appended to the marks file (beside the dataset, or in workspace storage). Args [uri, index, note?] (hover links
 * pass [uri, index]); without them, the record at the cursor. Asks for an optional note unless one
 * is passed; Escape cancels.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { indexFromArg, sessionForCommand, textEditorFor } from '../editor/evaluationFiles';
import { recordAt } from '../editor/recordLocator';
import { COMMANDS } from '../ids';
import { noteMarksLocationOnce } from '../marksNotice';
import { figureChanges } from '../../presentation/markFeedback';

const percent = (x: number | null): string => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);


export async function markRecord(services: Services, verdict: 'Correct' | 'Incorrect', uriArg?: unknown, indexArg?: unknown, noteArg?: unknown): Promise<boolean> {
  const word = verdict === 'Correct' ? 'aligned' : 'misaligned';
  const target = await sessionForCommand(services, uriArg, `mark a record ${word}`);
  if (!target) return false;
  const { uri, session } = target;
  let index = indexFromArg(indexArg);
  if (index === undefined) {
    const editor = textEditorFor(uri);
    const at = editor ? recordAt(session, editor.document, editor.selection.active) : -1;
    if (at < 0) {
      void vscode.window.showInformationMessage(`Rationale Lens: put the cursor on a record to mark it ${word}.`);
      return false;
    }
    index = at;
  }
  if (index >= session.count) {
    void vscode.window.showWarningMessage(`Rationale Lens: the file has ${session.count} records; there is no record ${index + 1}.`);
    return false;
  }
  const kind = session.kindOf(index);
  if (kind === 'label-wrong' || kind === 'unparseable') {
    const go = await vscode.window.showWarningMessage(
      `Record ${index + 1} is ${kind}: fidelity verdicts count only for label-correct records, so this mark will not change S-Corr. Mark it anyway?`,
      'Mark Anyway',
    );
    if (!go) return false;
  }
  let note = typeof noteArg === 'string' ? noteArg : undefined;
  if (note === undefined) {
    note = await vscode.window.showInputBox({
      title: `Mark record ${index + 1} ${word}`,
      prompt: 'Optional note (why). Enter to save, Escape to cancel.',
      placeHolder: word === 'aligned' ? 'e.g. names the missing safety check' : 'e.g. only vague praise: "more detailed"',
    });
    if (note === undefined) return false;
  }
  const before = session.counts();
  try {
    await session.mark(index, verdict, note.trim() || undefined);
  } catch (err) {
    void vscode.window.showErrorMessage(`Rationale Lens: could not save the mark: ${(err as Error).message}`);
    return false;
  }
  // The marks file watcher also reloads; this makes the views update without waiting for it.
  services.sessions.reload(uri, 'verdicts');
  const moved = figureChanges(before, session.counts()).map((f) => `${f.name} ${percent(f.before)} → ${percent(f.after)}`);
  void vscode.window.setStatusBarMessage(`$(check) Rationale Lens: record ${index + 1} marked ${word} · ${moved.join(' · ')}`, 8000);
  void noteMarksLocationOnce(services.context, session.marksFile);
  return true;
}

export function registerMarkAligned(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.markAligned, (uri?: unknown, index?: unknown, note?: unknown) => markRecord(services, 'Correct', uri, index, note));
}
