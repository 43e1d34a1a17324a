/** Rationale Lens: Copy Summary as Markdown. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { fileName, sessionForCommand } from '../editor/evaluationFiles';
import { summaryMarkdown } from '../../presentation/summary';
import { selfContradictedFigure } from '../editor/selfContradictedFigure';
import { COMMANDS } from '../ids';

async function copySummaryMarkdown(services: Services, arg?: unknown): Promise<string | undefined> {
  const target = await sessionForCommand(services, arg, 'copy the summary');
  if (!target) return undefined;
  const markdown = summaryMarkdown(target.session, await selfContradictedFigure(target.session));
  await vscode.env.clipboard.writeText(markdown);
  void vscode.window.setStatusBarMessage(`$(check) Rationale Lens: summary of ${fileName(target.uri)} copied as Markdown`, 4000);
  return markdown;
}

export function registerCopySummaryMarkdown(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.copySummaryMarkdown, (arg?: unknown) => copySummaryMarkdown(services, arg));
}
