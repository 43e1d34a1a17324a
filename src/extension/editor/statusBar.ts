/**
 * Status bar figures of the active evaluation file (`S-Corr 29.2% · L-Acc 76.3% (n=1,000)`, or
 * what is undefined and why), with every figure in the tooltip; a click opens the summary.
 * Keys on the active tab, so files too large to be handed to extensions as documents work too.
 */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { activeEvaluationUri, isEvaluationSession, loadProgress, loadSession } from './evaluationFiles';
import { statusText, summaryView, tooltipMarkdown } from '../../presentation/summary';
import { COMMANDS } from '../ids';

const READING = '$(sync~spin) Rationale Lens: reading…';

export function registerStatusBar(services: Services): vscode.Disposable {
  const { sessions } = services;
  const item = vscode.window.createStatusBarItem('rationaleLens.summary', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Rationale Lens Summary';
  const failures = new Map<string, string>();
  let shown: vscode.Uri | undefined;
  let progressTimer: NodeJS.Timeout | undefined;

  const stopProgress = () => {
    if (progressTimer) clearInterval(progressTimer);
    progressTimer = undefined;
  };

  const showReading = (uri: vscode.Uri) => {
    const n = loadProgress(uri);
    item.text = n ? `${READING} ${n.toLocaleString('en-US')} records` : READING;
    item.tooltip = `Rationale Lens is reading ${vscode.workspace.asRelativePath(uri)}`;
    item.command = undefined;
    item.backgroundColor = undefined;
    item.show();
  };

  const update = (retry = false) => {
    const uri = activeEvaluationUri();
    shown = uri;
    if (!uri || (!retry && sessions.isNotEvaluationFile(uri))) {
      stopProgress();
      item.hide();
      return;
    }
    const failure = retry ? undefined : failures.get(uri.fsPath);
    if (failure) {
      stopProgress();
      item.text = '$(error) Rationale Lens: cannot read file';
      item.tooltip = failure;
      item.command = undefined;
      item.show();
      return;
    }
    const session = sessions.peek(uri);
    if (!session || session.loading) {
      showReading(uri);
      if (!progressTimer) progressTimer = setInterval(() => shown && showReading(shown), 500);
      failures.delete(uri.fsPath);
      loadSession(services, uri).then(
        () => {
          if (shown?.toString() === uri.toString()) update();
        },
        (err: unknown) => {
          if (!sessions.isNotEvaluationFile(uri)) failures.set(uri.fsPath, `Rationale Lens cannot read ${uri.fsPath}: ${(err as Error).message}`);
          if (shown?.toString() === uri.toString()) update();
        },
      );
      return;
    }
    stopProgress();
    if (!isEvaluationSession(uri, session)) {
      item.hide();
      return;
    }
    const view = summaryView(session);
    item.text = statusText(view);
    const tooltip = new vscode.MarkdownString(tooltipMarkdown(view));
    tooltip.supportThemeIcons = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    item.command = { title: 'Show S-Corr Summary', command: COMMANDS.showSummary, arguments: [uri] };
    item.accessibilityInformation = { label: `Rationale Lens: ${item.text.replace(/\$\([^)]*\)\s*/g, '')}. Click for the summary.` };
    item.show();
  };

  update();
  return vscode.Disposable.from(
    item,
    { dispose: stopProgress },
    vscode.window.onDidChangeActiveTextEditor(() => update()),
    vscode.window.tabGroups.onDidChangeTabs(() => update()),
    vscode.window.tabGroups.onDidChangeTabGroups(() => update()),
    sessions.onDidChange((uri) => {
      failures.delete(uri.fsPath);
      if (shown?.toString() === uri.toString()) update();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('rationaleLens')) return;
      failures.clear();
      update(true);
    }),
  );
}
