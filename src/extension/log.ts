/** The extension's one log: the "Rationale Lens" output channel, shared by every feature (services.log). */
import * as vscode from 'vscode';

const LOG_NAME = 'Rationale Lens';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_NAME, { log: true });
}
