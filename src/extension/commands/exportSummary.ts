/**
 * Rationale Lens: Export Summary (Markdown and CSV) — asks where (a folder and base name), then
 * writes `<name>.summary.md` and `<name>.summary.csv`, each atomically (a temporary file in the
 * same folder, renamed over the target). Arguments for scripts and tests: [file uri, destination
 * uri whose path is the folder plus base name].
 */
import { writeFileAtomically } from '../../core/io/sideFiles';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { sessionForCommand, uriFromArg } from '../editor/evaluationFiles';
import { summaryCsv, summaryMarkdown } from '../../presentation/summary';
import { selfContradictedFigure } from '../editor/selfContradictedFigure';
import { SessionThemes } from '../../presentation/themesService';
import { escapeMarkdown } from '../../presentation/markdownText';
import { themesMarkdown } from '../../core/themes/themesReport';
import type { DatasetSession } from '../../core/session/session';
import { COMMANDS } from '../ids';

/** Writes `text` to `path` with the one atomic writer (fsync, rename, fsync of the folder; links refused). */
async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFileAtomically(path, async (fh) => {
    await fh.writeFile(text, 'utf8');
  });
}

/** `/dir/name.summary.md` (or `/dir/name.md`, `/dir/name`) → `/dir/name`. */
function exportBase(fsPath: string): string {
  return fsPath.replace(/(\.summary)?\.(md|csv)$/i, '');
}

/**
 * The summary's failure-themes section (the offline tier, ratifications applied), computed with a
 * cancellable progress notification; a cancelled or failed grouping is said in the section itself.
 */
async function themesSection(services: Services, session: DatasetSession): Promise<string> {
  try {
    const set = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Rationale Lens: failure themes for the summary', cancellable: true },
      (progress, token) => {
        const op = new AbortController();
        token.onCancellationRequested(() => op.abort());
        let shown = 0;
        return SessionThemes.for(session).themes(op.signal, (done, total) => {
          const pctDone = total > 0 ? Math.floor((100 * done) / total) : 0;
          if (pctDone > shown) progress.report({ increment: pctDone - shown, message: `${done}/${total} records` });
          shown = Math.max(shown, pctDone);
        });
      },
    );
    return themesMarkdown(set, escapeMarkdown);
  } catch (err) {
    services.log.warn(`summary export: failure themes not computed: ${(err as Error).message}`);
    return `## Failure themes\n\nNot computed: ${escapeMarkdown((err as Error).message)}.\n`;
  }
}

async function exportSummary(services: Services, arg?: unknown, destinationArg?: unknown): Promise<string[] | undefined> {
  const target = await sessionForCommand(services, arg, 'export the summary');
  if (!target) return undefined;
  let destination = uriFromArg(destinationArg);
  if (!destination) {
    const stem = target.uri.path.split('/').pop()?.replace(/\.(jsonl|json)$/i, '') ?? 'evaluation';
    destination = await vscode.window.showSaveDialog({
      title: 'Export Summary: folder and base name (writes <name>.summary.md and <name>.summary.csv)',
      defaultUri: vscode.Uri.joinPath(target.uri, '..', `${stem}.summary.md`),
      filters: { Markdown: ['md'] },
      saveLabel: 'Export',
    });
    if (!destination) return undefined;
  }
  const base = exportBase(destination.fsPath);
  const files = [`${base}.summary.md`, `${base}.summary.csv`];
  try {
    await writeAtomically(files[0] as string, `${summaryMarkdown(target.session, await selfContradictedFigure(target.session))}\n${await themesSection(services, target.session)}`);
    await writeAtomically(files[1] as string, summaryCsv(target.session));
  } catch (err) {
    void vscode.window.showErrorMessage(`Rationale Lens: could not export the summary: ${(err as Error).message}`);
    return undefined;
  }
  const shown = files.map((f) => vscode.workspace.asRelativePath(f)).join(' and ');
  void vscode.window.showInformationMessage(`Rationale Lens: exported ${shown}.`, 'Open Markdown').then((choice) => {
    if (choice) void vscode.window.showTextDocument(vscode.Uri.file(files[0] as string));
  });
  return files;
}

export function registerExportSummary(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.exportSummary, (arg?: unknown, destination?: unknown) => exportSummary(services, arg, destination));
}
