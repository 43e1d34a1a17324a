/** Re-query GenRM for Filtered Records: new rationales go to the journal beside the file. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { runOnRecords } from '../llm/bulkRuns';
import { COMMANDS } from '../ids';

export function registerRequeryGenrmFiltered(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.requeryGenrmFiltered, async (arg?: unknown) => {
    const target = await sessionForCommand(services, arg, 're-query the GenRM');
    if (!target) return;
    const shown = services.filtered.get(target.uri);
    if (!shown) {
      void vscode.window.showInformationMessage('Rationale Lens: open the file in the Inspector and filter it first.');
      return;
    }
    await runOnRecords(services, { uri: target.uri, role: 'genrm', indexes: shown, refresh: true, title: 'Rationale Lens: re-querying the GenRM', confirmCost: true });
  });
}
