/** Re-query the GenRM for one record: args [uri, index]. The new rationale is journaled beside the file. */
import * as vscode from 'vscode';
import type { Services } from '../extension';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { runOnRecords } from '../llm/runs';
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
    const summary = await runOnRecords(services, { uri: target.uri, role: 'genrm', indexes: [index], refresh: true, title: `Rationale Lens: re-querying the GenRM for record ${index + 1}` });
    const r = summary?.results[0];
    if (r?.kind === 'genrm') void vscode.window.showInformationMessage(`Record ${index + 1}: the GenRM now answers ${r.pred ?? 'nothing parseable'}${r.error ? ` (${r.error})` : ''}.`);
  });
}
