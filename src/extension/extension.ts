import type * as vscode from 'vscode';
import { join } from 'node:path';
import { setDecompressedCopyDir } from '../core/io/containers/decompressedCopy';
import { decodeOffThread } from '../core/io/containers/parquetThread';
import { SessionRegistry } from './sessions';
import { createLog } from './log';
import { FilteredRecords } from './filters';
import { RecordRuns } from './llm/recordRuns';
import { SampleRuns } from './llm/sampleRuns';
import { registerRequerySamples } from './commands/requerySamples';
import { registerRequerySamplesFiltered } from './commands/requerySamplesFiltered';
import { registerJudgeSamples } from './commands/judgeSamples';
import { registerSetApiKey } from './commands/setApiKey';
import { registerSetUpEndpoints } from './commands/setUpEndpoints';
import { registerOpenSample } from './commands/openSample';
import { registerClearApiKey } from './commands/clearApiKey';
import { registerRejudgeFailed, registerRescoreFile, registerRescoreFiltered, registerRescoreSpurious } from './commands/rescore';
import { registerRequeryGenrmFiltered } from './commands/requeryGenrmFiltered';
import { registerRejudgeRecord } from './commands/rejudgeRecord';
import { registerRequeryRecord } from './commands/requeryRecord';
import { registerInspector } from './inspectorFeature';
import { registerEvaluationContext } from './editor/evaluationContext';
import { registerStatusBar } from './editor/statusBar';
import { registerHoverProvider } from './editor/hoverProvider';
import { registerRecordMarks } from './editor/recordMarks';
import { registerDiagnostics } from './editor/diagnostics';
import { registerQuickFixes } from './editor/quickFixes';
import { registerSummaryDocuments } from './editor/summaryDocuments';
import { registerShowSummary } from './commands/showSummary';
import { registerSelectFormat } from './commands/selectFormat';
import { registerCopySummaryMarkdown } from './commands/copySummaryMarkdown';
import { registerExportSummary } from './commands/exportSummary';
import { registerNextSpurious } from './commands/nextSpurious';
import { registerMarkAligned } from './commands/markAligned';
import { registerMarkMisaligned } from './commands/markMisaligned';
import { registerAlignFilteredWithModel } from './commands/alignFilteredWithModel';
import { registerShowLeaderboard } from './commands/showLeaderboard';
import { registerLargeFileHint } from './editor/largeFileHint';
import { registerCompareWith } from './commands/compareWith';
import { registerStartupAssociations } from './inspector/startupAssociations';
import type { Services } from './services';
import { setMarksStorageRoot } from './settings';


// Thin activation: build the shared services, then each feature registers itself and returns a Disposable.
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  const storage = context.storageUri ?? context.globalStorageUri;
  setMarksStorageRoot(storage.scheme === 'file' ? storage.fsPath : undefined);
  // Re-reading a record of a .jsonl.gz / .jsonl.zst goes to a private decompressed copy here, never beside the user's file.
  setDecompressedCopyDir(join(context.globalStorageUri.fsPath, 'decompressed'), log);
  // A Parquet file's rows are decoded by a worker, never on this thread (the views wait for it).
  decodeOffThread();
  const sessions = new SessionRegistry(log);
  const base = { context, log, sessions, filtered: new FilteredRecords() };
  const runs = new RecordRuns(base);
  const sampleRuns = new SampleRuns(base);
  const services: Services = { ...base, runs, sampleRuns };
  context.subscriptions.push(sessions, runs, sampleRuns, ...FEATURES.map((register) => register(services)));
}

/** Every feature: `(services) => Disposable`. Add new ones here. */
const FEATURES: ((services: Services) => vscode.Disposable)[] = [
  registerInspector,
  registerOpenSample,
  registerSetUpEndpoints,
  registerSetApiKey,
  registerClearApiKey,
  registerRescoreFile,
  registerRejudgeFailed,
  registerRescoreSpurious,
  registerRescoreFiltered,
  registerRequeryGenrmFiltered,
  registerRejudgeRecord,
  registerRequeryRecord,
  registerRequerySamples,
  registerRequerySamplesFiltered,
  registerJudgeSamples,
  registerEvaluationContext,
  registerStatusBar,
  registerHoverProvider,
  registerRecordMarks,
  registerDiagnostics,
  registerQuickFixes,
  registerSummaryDocuments,
  registerShowSummary,
  registerSelectFormat,
  registerCopySummaryMarkdown,
  registerExportSummary,
  registerNextSpurious,
  registerMarkAligned,
  registerMarkMisaligned,
  registerAlignFilteredWithModel,
  registerShowLeaderboard,
  registerCompareWith,
  registerLargeFileHint,
  registerStartupAssociations,
];

export function deactivate(): void {
  // Nothing to release: every feature is a Disposable in context.subscriptions.
}
