/**
 * Re-query GenRM ×k for Filtered Records: k samples of every record the Inspector lists (args
 * [uri, indexes] from a caller that chose them), in parallel, after the estimate. Resolves with the
 * run's report.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand } from '../editor/evaluationFiles';
import { COMMANDS } from '../ids';
import type { SampleRunReport } from '../llm/sampleRuns';

export function indexesFromArg(arg: unknown): number[] | undefined {
  return Array.isArray(arg) && arg.every((i) => typeof i === 'number' && Number.isInteger(i) && i >= 0) ? (arg as number[]) : undefined;
}

export function registerRequerySamplesFiltered(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.requerySamplesFiltered, async (uriArg?: unknown, indexesArg?: unknown): Promise<SampleRunReport | undefined> => {
    const target = await sessionForCommand(services, uriArg, 're-query the GenRM ×k');
    if (!target) return undefined;
    const shown = indexesFromArg(indexesArg) ?? services.filtered.get(target.uri);
    if (!shown) {
      void vscode.window.showInformationMessage('Rationale Lens: open the file in the Inspector and filter it first.');
      return undefined;
    }
    const report = await services.sampleRuns.run(target.uri, shown);
    if (report.status === 'refused') void vscode.window.showInformationMessage(`Rationale Lens: ${report.message}`);
    return report;
  });
}
