/**
 * Rationale Lens: Set Up Endpoints… — one flow for what a model call needs: the base URL, the key
 * (SecretStorage, never settings), a probe of the server (GET /models, no tokens), then the model,
 * picked from what the server lists. Writes user settings only: a workspace cannot redirect calls.
 */
import * as vscode from 'vscode';
import type { LlmRole } from '../../core/llm/profile';
import { probeEndpoint } from '../../core/llm/probe';
import type { Services } from '../services';
import { apiKeyFor, llmBlockedReason, roleLabel, storeApiKey } from '../llm/profiles';
import { COMMANDS } from '../ids';
import { SECTION, userOnly } from '../settings';
import { pickRoles } from './setApiKey';
import { logFailure } from '../../core/log/logger';

export function registerSetUpEndpoints(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.setUpEndpoints, async () => {
    const roles = await pickRoles('Set up which endpoint?');
    if (!roles) return;
    const first = roles[0] as LlmRole;
    const config = vscode.workspace.getConfiguration(`${SECTION}.${first}`);
    const baseUrl = await vscode.window.showInputBox({
      title: `Set Up Endpoints (1/3): the ${roles.map(roleLabel).join(' and ')}'s address`,
      prompt: 'OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama), https://api.openai.com/v1',
      value: userOnly(config, 'baseUrl', '') || 'http://127.0.0.1:8000/v1',
      ignoreFocusOut: true,
      validateInput: (v) => (/^https?:\/\/[^\s]+$/i.test(v.trim()) ? null : 'An http:// or https:// address'),
    });
    if (!baseUrl) return;
    const storedKey = await apiKeyFor(services.context.secrets, first);
    const key = await vscode.window.showInputBox({
      title: 'Set Up Endpoints (2/3): the API key',
      prompt: storedKey ? 'A key is stored: leave as is to keep it, or type a new one. Kept in VS Code secret storage, never in settings or logs.' : 'Leave empty for a local server that needs none. Kept in VS Code secret storage, never in settings or logs.',
      password: true,
      value: storedKey,
      ignoreFocusOut: true,
    });
    if (key === undefined) return;

    const blocked = llmBlockedReason();
    const finding = blocked
      ? null
      : await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Rationale Lens: asking ${baseUrl.trim()} which models it serves…`, cancellable: true }, (_p, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          // The probe answers failures as a finding; what it throws (a cancel, a bug) is logged, the picker opens without models.
          return probeEndpoint(baseUrl.trim(), key.trim(), abort.signal).catch((err: unknown) => {
            if (!abort.signal.aborted) logFailure(services.log, `Set Up Endpoints: cannot ask ${baseUrl.trim()} for its models`)(err);
            return null;
          });
        });
    const model = await pickModel(finding?.models ?? [], userOnly(config, 'model', ''), finding?.summary ?? blocked ?? 'The check was cancelled.');
    if (model === undefined) return;

    for (const role of roles) {
      const roleConfig = vscode.workspace.getConfiguration(`${SECTION}.${role}`);
      await roleConfig.update('baseUrl', baseUrl.trim(), vscode.ConfigurationTarget.Global);
      await roleConfig.update('model', model, vscode.ConfigurationTarget.Global);
      await storeApiKey(services.context.secrets, role, key.trim() || undefined);
    }
    const what = `${roles.map(roleLabel).join(' and ')}: ${baseUrl.trim()}, model ${model}${key.trim() ? ', key in secret storage' : ', no key'}.`;
    const said = finding ? (finding.ok ? finding.summary : `Saved, but ${finding.summary}`) : blocked ? `Saved without checking: ${blocked}` : 'Saved without checking (cancelled).';
    const show = finding?.ok ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`Rationale Lens set up the ${what} ${said}`);
  });
}

async function pickModel(models: readonly string[], current: string, finding: string): Promise<string | undefined> {
  if (models.length > 0) {
    const typeOther = '$(edit) Type another model name…';
    const picked = await vscode.window.showQuickPick([...models.map((m) => ({ label: m, picked: m === current })), { label: typeOther }], {
      title: 'Set Up Endpoints (3/3): the model',
      placeHolder: finding,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.label !== typeOther) return picked.label;
  }
  const typed = await vscode.window.showInputBox({
    title: 'Set Up Endpoints (3/3): the model',
    prompt: `${finding} Model name as the server knows it:`,
    value: current,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? null : 'A model name'),
  });
  return typed?.trim() || undefined;
}
