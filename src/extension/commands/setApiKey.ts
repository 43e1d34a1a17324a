/** Rationale Lens: Set API Key — stores a key in VS Code's SecretStorage (never in settings). */
import * as vscode from 'vscode';
import type { LlmRole } from '../../core/llm/profile';
import type { Services } from '../services';
import { roleLabel, storeApiKey } from '../llm/profiles';
import { COMMANDS } from '../ids';

export async function pickRoles(placeHolder: string): Promise<LlmRole[] | undefined> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Both', roles: ['genrm', 'fidelity'] as LlmRole[] },
      { label: roleLabel('genrm'), roles: ['genrm'] as LlmRole[] },
      { label: roleLabel('fidelity'), roles: ['fidelity'] as LlmRole[] },
    ],
    { placeHolder },
  );
  return pick?.roles;
}

export function registerSetApiKey(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.setApiKey, async () => {
    const roles = await pickRoles('Which endpoint is this key for?');
    if (!roles) return;
    const key = await vscode.window.showInputBox({ prompt: 'API key (kept in VS Code secret storage, never in settings or logs)', password: true, ignoreFocusOut: true });
    if (!key) return;
    for (const role of roles) await storeApiKey(services.context.secrets, role, key.trim());
    void vscode.window.showInformationMessage(`Rationale Lens: API key stored for the ${roles.map(roleLabel).join(' and ')}.`);
  });
}
