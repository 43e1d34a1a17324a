/**
 * Re-query GenRM ×k for Record: args [uri, index]; without them, the record at the cursor or the
 * one the file's Inspector shows. k samples (rationaleLens.requery.*), or those a cut-short run left
 * missing, stream into the record's sample strip and are journaled as `generate --samples` does.
 * Resolves with the run's report (what was estimated, asked, answered, failed and why). A caller in
 * the extension host may pass `{ signal }` third to cancel it, as the notification's Cancel does.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { indexFromArg, sessionForCommand } from '../editor/evaluationFiles';
import { recordAtCursor } from './recordAtCursor';
import { COMMANDS } from '../ids';
import type { SampleRunReport } from '../llm/sampleRuns';

export function registerRequerySamples(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.requerySamples, async (uriArg?: unknown, indexArg?: unknown, options?: unknown): Promise<SampleRunReport | undefined> => {
    const target = await sessionForCommand(services, uriArg, 're-query the GenRM ×k');
    if (!target) return undefined;
    const index = indexFromArg(indexArg) ?? recordAtCursor(target.uri, target.session) ?? services.filtered.shown(target.uri);
    if (index === undefined) {
      void vscode.window.showInformationMessage('Rationale Lens: show a record in the Inspector (or put the cursor on one) to re-query the GenRM ×k.');
      return undefined;
    }
    const signal = (options as { signal?: unknown } | undefined)?.signal;
    const report = await services.sampleRuns.run(target.uri, [index], signal instanceof AbortSignal ? { signal } : {});
    if (report.status === 'refused') void vscode.window.showInformationMessage(`Rationale Lens: ${report.message}`);
    return report;
  });
}
