/** "Show Leaderboard" (explorer context menu on a folder, or the palette): the results folder's model × benchmark table. */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { buildLeaderboard } from '../../core/research/leaderboard';
import type { Leaderboard } from '../../core/research/leaderboard';
import { DatasetError } from '../../core/dataset/dataset';
import { checkFromLeaderboard } from '../../protocol/reports';
import type { FromLeaderboard, ToLeaderboard } from '../../protocol/reports';
import { leaderboardView } from '../../presentation/reportViews';
import { openReportPanel } from '../reports/reportPanel';
import type { Services } from '../services';
import { activeEvaluationUri, uriFromArg } from '../editor/evaluationFiles';
import { COMMANDS, PANEL_TYPES, VIEW_TYPES } from '../ids';
import { inspectorUri } from '../inspector/inspectorUri';

/** The picker starts where the user is: the active file's folder, else the first workspace folder. */
function startFolder(): { defaultUri?: vscode.Uri } {
  const active = activeEvaluationUri();
  if (active?.scheme === 'file') return { defaultUri: vscode.Uri.file(dirname(active.fsPath)) };
  const first = vscode.workspace.workspaceFolders?.[0];
  return first ? { defaultUri: first.uri } : {};
}

async function pickFolder(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = uriFromArg(arg);
  if (given) return given;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Show Leaderboard', title: 'A results folder (<bench>__<model>[_metarm_<judge>].jsonl files)', ...startFolder() });
  return picked?.[0];
}

async function showLeaderboard(services: Services, arg?: unknown): Promise<void> {
  const folder = await pickFolder(arg);
  if (!folder) return;
  let board: Leaderboard;
  try {
    board = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rationale Lens: tallying ${basename(folder.fsPath)}`, cancellable: true }, (progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort());
      let shown = 0;
      return buildLeaderboard([folder.fsPath], { overlays: true }, {
        signal: stop.signal,
        onProgress: (done, total) => {
          // Whole percents only: 10,000 files need not be 10,000 messages to the window.
          const percent = Math.floor((done / total) * 100);
          if (percent === shown && done !== total) return;
          progress.report({ increment: percent - shown, message: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} files` });
          shown = percent;
        },
      });
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') return;
    if (!(err instanceof DatasetError)) throw err;
    void vscode.window.showWarningMessage(`Rationale Lens: ${err.message}`);
    return;
  }
  if (board.files.length === 0) {
    void vscode.window.showInformationMessage(`Rationale Lens: ${basename(folder.fsPath)} has no .jsonl results file (a leaderboard reads <bench>__<model>[_metarm_<judge>].jsonl).`);
    return;
  }
  const view = leaderboardView(folder.fsPath, board);
  openReportPanel<FromLeaderboard, ToLeaderboard>(
    services.context.extensionUri,
    { viewType: PANEL_TYPES.leaderboard, title: `Leaderboard: ${basename(folder.fsPath)}`, bundle: 'leaderboard', subject: basename(folder.fsPath), key: folder.fsPath },
    checkFromLeaderboard,
    async (m, post) => {
      if (m.type === 'ready') post({ type: 'leaderboard', view });
      else {
        const file = board.files[m.file];
        if (!file) throw new Error(`no file ${m.file} in this leaderboard`);
        await vscode.commands.executeCommand('vscode.openWith', inspectorUri(vscode.Uri.file(file.path)), VIEW_TYPES.inspector);
      }
    },
  );
}

export function registerShowLeaderboard(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showLeaderboard, (arg?: unknown) => showLeaderboard(services, arg));
}
