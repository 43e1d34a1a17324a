/** "Align with model" in the extension: the aligner's profile, the shared response cache, and the reason when it cannot run. */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AlignmentJournal } from '../../core/align/models/alignmentJournal';
import { FileCacheStore } from '../../core/llm/cache';
import type { EvalRecord } from '../../core/record/record';
import type { ModelAlignmentResult } from '../../presentation/modelAlignment';
import { modelAlignmentViews } from '../../presentation/modelAlignment';
import { LlmUnavailable, alignerSetup } from '../llm/profiles';

/** `datasetPath`: the model's answers are journaled beside it. */
export type AlignWithModel = (record: EvalRecord, datasetPath: string, signal?: AbortSignal) => Promise<ModelAlignmentResult>;

export function alignWithModel(context: vscode.ExtensionContext): AlignWithModel {
  return async (record, datasetPath, signal) => {
    let setup;
    try {
      setup = await alignerSetup(context.secrets);
    } catch (err) {
      if (err instanceof LlmUnavailable) return { alignments: [], message: err.message };
      throw err;
    }
    await vscode.workspace.fs.createDirectory(context.globalStorageUri);
    const cache = await FileCacheStore.open(join(context.globalStorageUri.fsPath, 'llm-cache.jsonl'), { secrets: [setup.profile.apiKey] });
    const journal = await AlignmentJournal.open(datasetPath);
    try {
      return await modelAlignmentViews(record, setup, cache, signal, journal);
    } finally {
      await journal.close();
      await cache.close();
    }
  };
}
