/** Rationale Lens: Clear API Key */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { roleLabel, storeApiKey } from '../llm/profiles';
import { pickRoles } from './setApiKey';
import { COMMANDS } from '../ids';

export function registerClearApiKey(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.clearApiKey, async () => {
    const roles = await pickRoles('Clear the stored key of which endpoint?');
    if (!roles) return;
    for (const role of roles) await storeApiKey(services.context.secrets, role, undefined);
    void vscode.window.showInformationMessage(`Rationale Lens: stored API key cleared for the ${roles.map(roleLabel).join(' and ')}.`);
  });
}
