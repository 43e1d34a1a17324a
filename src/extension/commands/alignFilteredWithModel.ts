/**
 * Align Filtered Records with Model: the model tier (LLM checklist or embeddings) on every record the Inspector lists, with
 * progress and cancel; answers are journaled beside the file, so a second run resumes (journaled
 * records are skipped when the same model and method made them) and the Inspector shows them on "Show model".
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AlignmentJournal, hasJournaledAlignment, readAlignments } from '../../core/align/models/alignmentJournal';
import { FileCacheStore } from '../../core/llm/cache';
import { sessionForCommand } from '../editor/evaluationFiles';
import { alignmentInputs } from '../../presentation/alignment';
import { modelAlignmentViews } from '../../presentation/modelAlignment';
import { LlmUnavailable, alignerSetup } from '../llm/profiles';
import type { Services } from '../services';
import { COMMANDS } from '../ids';

export function registerAlignFilteredWithModel(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.alignFilteredWithModel, async (arg?: unknown) => {
    const target = await sessionForCommand(services, arg, 'align with a model');
    if (!target) return;
    const { uri, session } = target;
    const shown = services.filtered.get(uri);
    if (!shown) {
      void vscode.window.showInformationMessage('Rationale Lens: open the file in the Inspector and filter it first.');
      return;
    }
    let setup;
    try {
      setup = await alignerSetup(services.context.secrets);
    } catch (err) {
      if (err instanceof LlmUnavailable) {
        void vscode.window.showWarningMessage(`Rationale Lens: cannot align with a model: ${err.message}`);
        return;
      }
      throw err;
    }
    const journaled = await readAlignments(uri.fsPath);
    const todo: number[] = [];
    let skipped = 0;
    for (const index of shown) {
      const record = await session.record(index);
      const inputs = alignmentInputs(record);
      if (inputs.length === 0) continue;
      // From the journal's keys and fingerprints: rebuilding (anchoring) each record only to test it would block the host.
      if (inputs.every((t) => hasJournaledAlignment(journaled, index, t.judgment, t.input, { method: setup.method, model: setup.profile.model }))) skipped++;
      else todo.push(index);
    }
    await vscode.workspace.fs.createDirectory(services.context.globalStorageUri);
    const cache = await FileCacheStore.open(join(services.context.globalStorageUri.fsPath, 'llm-cache.jsonl'), { secrets: [setup.profile.apiKey] });
    const journal = await AlignmentJournal.open(uri.fsPath);
    const failures = new Map<string, number>();
    let aligned = 0;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rationale Lens: aligning ${todo.length} records with ${setup.profile.model}`, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < todo.length && !controller.signal.aborted) {
            const index = todo[next++] as number;
            const out = await modelAlignmentViews(await session.record(index), setup, cache, controller.signal, journal).catch((err: unknown) => ({ alignments: [], message: controller.signal.aborted ? null : String((err as Error).message ?? err) }));
            if (out.alignments.length) aligned++;
            if (out.message) {
              const reason = out.message.replace(/^judgment \d+: /, '');
              failures.set(reason, (failures.get(reason) ?? 0) + 1);
            }
            progress.report({ increment: 100 / Math.max(1, todo.length), message: `${aligned + [...failures.values()].reduce((a, b) => a + b, 0)}/${todo.length}` });
          }
        };
        await Promise.all(Array.from({ length: Math.min(setup.profile.concurrency, Math.max(1, todo.length)) }, worker));
      });
    } finally {
      await journal.close();
      await cache.close();
    }
    const failed = [...failures].sort((a, b) => b[1] - a[1]);
    const why = failed.length ? `; problems: ${failed.slice(0, 3).map(([m, n]) => `${n} × ${m}`).join('; ')}` : '';
    const text = `Rationale Lens: ${aligned} of ${todo.length} records aligned with ${setup.profile.model}${skipped ? ` (${skipped} already journaled, skipped)` : ''}${why}. "Show model" in the Inspector shows them.`;
    if (failed.length && aligned === 0) void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  });
}
