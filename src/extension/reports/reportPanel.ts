/**
 * A report webview (Leaderboard, Compare): strict CSP, scripts from dist/webview only, every message
 * from the webview checked against its schema before it is acted on.
 */
import * as vscode from 'vscode';
import type { Checked } from '../../core/schema/schema';
import { webviewHtml, webviewRoot } from '../webviewShell';

export interface ReportPanel<Out> {
  readonly panel: vscode.WebviewPanel;
  post(message: Out): void;
}

/** Open report panels by what they show (view type and `key`): asking again reveals and refreshes the same tab. */
const openPanels = new Map<string, { panel: vscode.WebviewPanel; listen: (onRaw: (raw: unknown) => Promise<void>) => void }>();

export function openReportPanel<In, Out>(
  extensionUri: vscode.Uri,
  options: { viewType: string; title: string; bundle: 'leaderboard' | 'compare'; subject: string; key: string },
  check: (value: unknown) => Checked<In>,
  onMessage: (message: In, post: (m: Out) => void) => Promise<void> | void,
): ReportPanel<Out> {
  const id = `${options.viewType}\0${options.key}`;
  const existing = openPanels.get(id);
  const panel = existing?.panel ?? vscode.window.createWebviewPanel(options.viewType, options.title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: true });
  const post = (m: Out): void => {
    void panel.webview.postMessage(m);
  };
  const onRaw = async (raw: unknown): Promise<void> => {
    const checked = check(raw);
    if (!checked.ok) return; // a webview that sends what the protocol does not allow gets no answer
    try {
      await onMessage(checked.message, post);
    } catch (err) {
      void vscode.window.showWarningMessage(`Rationale Lens: ${(err as Error).message}`);
    }
  };
  if (existing) {
    existing.listen(onRaw);
    panel.title = options.title;
    panel.reveal();
  } else {
    let current = onRaw;
    const sub = panel.webview.onDidReceiveMessage((raw: unknown) => current(raw));
    openPanels.set(id, { panel, listen: (next) => (current = next) });
    panel.onDidDispose(() => {
      sub.dispose();
      openPanels.delete(id);
    });
  }
  // (Re)loading the page makes it ask for its view again ('ready'), answered with today's figures.
  panel.webview.html = webviewHtml(panel.webview, extensionUri, options.bundle, options.title, options.subject);
  return { panel, post };
}
