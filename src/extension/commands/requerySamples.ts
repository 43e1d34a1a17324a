/**
 * Re-query GenRM ×k for Record: args [uri, index]; without them, the record at the cursor, else the
 * record number asked for (the Inspector's own button passes the record it shows). k samples (rationaleLens.requery.*), or those a cut-short run left
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
    const count = target.session.count;
    const index = indexFromArg(indexArg) ?? recordAtCursor(target.uri, target.session) ?? (await askRecord(count));
    if (index === undefined) return undefined;
    const signal = (options as { signal?: unknown } | undefined)?.signal;
    const report = await services.sampleRuns.run(target.uri, [index], signal instanceof AbortSignal ? { signal } : {});
    if (report.status === 'refused') void vscode.window.showInformationMessage(`Rationale Lens: ${report.message}`);
    return report;
  });
}

/** The record number to re-query (1-based, as the Inspector shows it); undefined when dismissed. */
async function askRecord(count: number): Promise<number | undefined> {
  const typed = await vscode.window.showInputBox({
    title: 'Re-query GenRM ×k for Record',
    prompt: `Record number (1–${count}), as the Inspector shows it ("record N · line L")`,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= count ? null : `A whole number from 1 to ${count}.`),
  });
  return typed === undefined ? undefined : Number(typed.trim()) - 1;
}
