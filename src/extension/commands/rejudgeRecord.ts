/** Re-judge one record's fidelity (hover link, Inspector button): args [uri, index]. */
import * as vscode from 'vscode';
import type { Services } from '../extension';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { runOnRecords } from '../llm/runs';
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
    const summary = await runOnRecords(services, { uri: target.uri, role: 'fidelity', indexes: [index], refresh: true, title: `Rationale Lens: re-judging record ${index + 1}` });
    const r = summary?.results[0];
    if (r?.kind === 'fidelity') {
      void vscode.window.showInformationMessage(`Record ${index + 1}: ${r.verdict}${r.error ? ` (${r.error})` : ''}${r.analysis ? ` — ${r.analysis.slice(0, 200)}` : ''}`);
    }
  });
}
