/**
 * A report webview (Leaderboard, Compare): strict CSP, scripts from dist/webview only, every message
 * from the webview checked against its schema before it is acted on.
 */
import * as vscode from 'vscode';
import type { Checked } from '../../core/schema';
import { webviewHtml, webviewRoot } from '../inspector/html';

export interface ReportPanel<Out> {
  readonly panel: vscode.WebviewPanel;
  post(message: Out): void;
}

export function openReportPanel<In, Out>(
  extensionUri: vscode.Uri,
  options: { viewType: string; title: string; bundle: 'leaderboard' | 'compare'; subject: string },
  check: (value: unknown) => Checked<In>,
  onMessage: (message: In, post: (m: Out) => void) => Promise<void> | void,
): ReportPanel<Out> {
  const panel = vscode.window.createWebviewPanel(options.viewType, options.title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: true });
  panel.webview.html = webviewHtml(panel.webview, extensionUri, options.bundle, options.title, options.subject);
  const post = (m: Out): void => {
    void panel.webview.postMessage(m);
  };
  const sub = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
    const checked = check(raw);
    if (!checked.ok) return; // a webview that sends what the protocol does not allow gets no answer
    try {
      await onMessage(checked.message, post);
    } catch (err) {
      void vscode.window.showWarningMessage(`Rationale Lens: ${(err as Error).message}`);
    }
  });
  panel.onDidDispose(() => {
    sub.dispose();
  });
  return { panel, post };
}
