/**
 * What Re-judge Record and Re-query Record share: args [uri, index] (or the record at the cursor),
 * a run through RecordRuns (so an open Inspector streams it), and a message with the outcome.
 */
import * as vscode from 'vscode';
import type { LlmRole } from '../../core/llm/profile';
import type { LlmResult } from '../../core/llm/runner';
import type { Services } from '../services';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { recordAtCursor } from './recordAtCursor';

export interface RecordRunWording {
  /** "re-judge a record": what the command is for, in "cannot … for <file>". */
  readonly action: string;
  /** "re-judge it": after "put the cursor on a record to". */
  readonly cursorHint: string;
  /** "re-judging": before "record N <outcome>". */
  readonly progressive: string;
  /** The message for a finished result of this role, or undefined for other results. */
  readonly result: (r: LlmResult, recordNumber: number) => string | undefined;
}

export function registerRecordRun(services: Services, id: string, role: LlmRole, wording: RecordRunWording): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (uriArg?: unknown, indexArg?: unknown) => {
    const target = await sessionForCommand(services, uriArg, wording.action);
    if (!target) return;
    const index = indexFromArg(indexArg) ?? recordAtCursor(target.uri, target.session);
    if (index === undefined) {
      void vscode.window.showInformationMessage(`Rationale Lens: put the cursor on a record to ${wording.cursorHint}.`);
      return;
    }
    if (index >= target.session.count) {
      void vscode.window.showWarningMessage(`Rationale Lens: the file has ${target.session.count} records; there is no record ${index + 1}.`);
      return;
    }
    const out = await services.runs.run(target.uri, index, role);
    if (out.status === 'refused') {
      if (!out.shown) void vscode.window.showInformationMessage(`Rationale Lens: ${out.message}`);
      return;
    }
    const message = out.result ? wording.result(out.result, index + 1) : undefined;
    if (message !== undefined) void vscode.window.showInformationMessage(message);
    else if (out.outcome !== 'done') void vscode.window.showInformationMessage(`Rationale Lens: ${wording.progressive} record ${index + 1} ${out.outcome}${out.message ? `: ${out.message}` : ''}.`);
  });
}
