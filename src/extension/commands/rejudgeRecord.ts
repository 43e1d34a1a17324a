/**
 * Re-judge one record's fidelity (hover link, Inspector button): args [uri, index]. Runs through
 * RecordRuns, so an open Inspector of the file streams the judge's answer as it comes.
 */
import * as vscode from 'vscode';
import type { Services } from '../extension';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { recordRuns } from '../llm/recordRuns';
import { recordAtCursor } from './recordAtCursor';

export function registerRejudgeRecord(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('rationaleLens.rejudgeRecord', async (uriArg?: unknown, indexArg?: unknown) => {
    const target = await sessionForCommand(services, uriArg, 're-judge a record');
    if (!target) return;
    const index = indexFromArg(indexArg) ?? recordAtCursor(target.uri, target.session);
    if (index === undefined) {
      void vscode.window.showInformationMessage('Rationale Lens: put the cursor on a record to re-judge it.');
      return;
    }
    if (index >= target.session.count) {
      void vscode.window.showWarningMessage(`Rationale Lens: the file has ${target.session.count} records; there is no record ${index + 1}.`);
      return;
    }
    const out = await recordRuns(services).run(target.uri, index, 'fidelity');
    if (out.status === 'refused') {
      if (!out.shown) void vscode.window.showInformationMessage(`Rationale Lens: ${out.message}`);
      return;
    }
    const r = out.result;
    if (r?.kind === 'fidelity') {
      void vscode.window.showInformationMessage(`Record ${index + 1}: ${r.verdict}${r.error ? ` (${r.error})` : ''}${r.analysis ? ` — ${r.analysis.slice(0, 200)}` : ''}`);
    } else if (out.outcome !== 'done') {
      void vscode.window.showInformationMessage(`Rationale Lens: re-judging record ${index + 1} ${out.outcome}${out.message ? `: ${out.message}` : ''}.`);
    }
  });
}
