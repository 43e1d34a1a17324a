/**
 * Read-only Markdown summaries of evaluation files (`rationale-lens-summary:` documents), kept up
 * to date as the file or its verdicts change. Read-only, so closing one never asks to save it.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { fileName } from './evaluationFiles';
import { isSettled } from '../../core/session/sessionState';
import { summaryMarkdown } from '../../presentation/summary';
import { selfContradictedFigure } from './selfContradictedFigure';

const SUMMARY_SCHEME = 'rationale-lens-summary';

/** The summary document of an evaluation file. */
export function summaryUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${fileName(file).replace(/\.(jsonl|json)$/i, '')} summary.md`, query: file.toString() });
}

class SummaryDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: Services) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = vscode.Uri.parse(uri.query);
    try {
      const session = await this.services.sessions.get(file);
      return summaryMarkdown(session, await selfContradictedFigure(session));
    } catch (err) {
      return `### ${fileName(file)}\n\nRationale Lens cannot read this file: ${(err as Error).message.replace(/[<>[\]`*_]/g, '\\$&')}\n`;
    }
  }

  /** Re-renders the open summaries of `file`. */
  refresh(file: vscode.Uri): void {
    const key = file.toString();
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === SUMMARY_SCHEME && doc.uri.query === key) this.changed.fire(doc.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerSummaryDocuments(services: Services): vscode.Disposable {
  const provider = new SummaryDocuments(services);
  return vscode.Disposable.from(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, provider),
    services.sessions.onDidChangeState((e) => isSettled(e.state) && provider.refresh(e.uri)),
  );
}
