import type * as vscode from 'vscode';
import { SessionRegistry } from './sessions';
import { registerInspector } from './inspector';
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

/** Services built once in `activate` and handed to every feature. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly sessions: SessionRegistry;
}

// Thin activation: build the shared services, then each feature registers itself and returns a Disposable.
export function activate(context: vscode.ExtensionContext): void {
  const sessions = new SessionRegistry();
  const services: Services = { context, sessions };
  context.subscriptions.push(sessions, ...FEATURES.map((register) => register(services)));
}

/** Every feature: `(services) => Disposable`. Add new ones here. */
const FEATURES: ((services: Services) => vscode.Disposable)[] = [
  registerInspector,
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
];

export function deactivate(): void {
  // Nothing to release: every feature is a Disposable in context.subscriptions.
}
