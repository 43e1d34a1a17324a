/** What the Inspector is told about model requests: possible at all, and which endpoints are set up. */
import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/messages';
import { llmBlockedReason } from '../llm/profiles';
import { SECTION, userOnly } from '../settings';

const configured = (role: 'genrm' | 'fidelity'): boolean => userOnly(vscode.workspace.getConfiguration(`${SECTION}.${role}`), 'baseUrl', '') !== '';

export function llmStatus(): Extract<ToWebview, { type: 'llmStatus' }> {
  const reason = llmBlockedReason();
  return { type: 'llmStatus', available: reason === null, reason, configured: { genrm: configured('genrm'), fidelity: configured('fidelity') } };
}

/** Fires when the status may have changed: the workspace was trusted, or an endpoint setting changed. */
export function onLlmStatusChange(listener: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidGrantWorkspaceTrust(listener),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.genrm`) || e.affectsConfiguration(`${SECTION}.fidelity`)) listener();
    }),
  );
}
