/**
 * Re-query the GenRM for one record: args [uri, index]. The new rationale is journaled beside the
 * file; an open Inspector of the file streams it beside the original as it comes (RecordRuns).
 */
import * as vscode from 'vscode';
import type { Services } from '../extension';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { recordRuns } from '../llm/recordRuns';
import { recordAtCursor } from './recordAtCursor';

export function registerRequeryRecord(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('rationaleLens.requeryRecord', async (uriArg?: unknown, indexArg?: unknown) => {
    const target = await sessionForCommand(services, uriArg, 're-query the GenRM');
    if (!target) return;
    const index = indexFromArg(indexArg) ?? recordAtCursor(target.uri, target.session);
    if (index === undefined) {
      void vscode.window.showInformationMessage('Rationale Lens: put the cursor on a record to re-query the GenRM.');
      return;
    }
    if (index >= target.session.count) {
      void vscode.window.showWarningMessage(`Rationale Lens: the file has ${target.session.count} records; there is no record ${index + 1}.`);
      return;
    }
    const out = await recordRuns(services).run(target.uri, index, 'genrm');
    if (out.status === 'refused') {
      if (!out.shown) void vscode.window.showInformationMessage(`Rationale Lens: ${out.message}`);
      return;
    }
    const r = out.result;
    if (r?.kind === 'genrm') void vscode.window.showInformationMessage(`Record ${index + 1}: the GenRM now answers ${r.pred ?? 'nothing parseable'}${r.error ? ` (${r.error})` : ''}.`);
    else if (out.outcome !== 'done') void vscode.window.showInformationMessage(`Rationale Lens: re-querying record ${index + 1} ${out.outcome}${out.message ? `: ${out.message}` : ''}.`);
  });
}
