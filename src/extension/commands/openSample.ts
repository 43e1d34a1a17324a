/**
 * Rationale Lens: Open Sample — the walkthrough's first step. Copies the shipped synthetic samples
 * (the main R-Align sample, its second run for Compare, the results folder for the leaderboard) into
 * the extension's global storage, never beside anything of the user's, and opens the main one in
 * the Inspector. Side files it gets (marks, journal) stay in that copy.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { COMMANDS, VIEW_TYPES } from '../ids';
import { inspectorUri } from '../inspector/inspectorUri';

/** What ships in the .vsix (see .vscodeignore), relative to the extension's samples/ folder. */
const SHIPPED = ['r-align-synthetic.jsonl', 'r-align-synthetic-run2.jsonl', 'results'];

function copyMissing(from: string, to: string): void {
  // A copy the user has worked in (marks, journal beside it) is kept as it is.
  if (!existsSync(to)) cpSync(from, to, { recursive: true });
}

function sampleFolder(services: Services): string {
  return join(services.context.globalStorageUri.fsPath, 'samples');
}

export function registerOpenSample(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openSample, async () => {
    const from = join(services.context.extensionUri.fsPath, 'samples');
    const to = sampleFolder(services);
    mkdirSync(to, { recursive: true });
    for (const name of SHIPPED) copyMissing(join(from, name), join(to, name));
    await vscode.commands.executeCommand('vscode.openWith', inspectorUri(vscode.Uri.file(join(to, SHIPPED[0] as string))), VIEW_TYPES.inspector);
  });
}
