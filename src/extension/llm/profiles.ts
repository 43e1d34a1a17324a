/**
 * Builds LLM profiles from settings and the key store. Every setting of a profile (endpoint, model,
 * sampling, tokens, timeout, concurrency, extra body, template, key variable) is read from USER
 * settings only (never the workspace's), so a cloned repository cannot send your key elsewhere or
 * make your runs expensive; and no request is made at all in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { DEFAULT_EMBEDDING_THRESHOLD } from '../../core/align/models/embedding';
import type { ModelAlignerSetup } from '../../core/align/models/modelAligner';
import type { LlmProfile, LlmRole } from '../../core/llm/profile';
import { ProfileError, resolveProfile } from '../../core/llm/profile';
import type { PromptTemplate } from '../../core/llm/template';
import type { Prices } from '../../core/llm/usage';
import { loadTemplate } from '../../core/llm/template';
import { SECTION, userOnly } from '../settings';

const SECRET_PREFIX = 'rationaleLens.apiKey.';

export class LlmUnavailable extends Error {
  /** The setting to set, when that is the fix (the Settings editor can open on it). */
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
  }
}

const UNTRUSTED = 'Rationale Lens makes no model requests in an untrusted workspace. Trust the workspace (Workspaces: Manage Workspace Trust) to re-query models.';

/** Why no model request can be made at all right now (an untrusted workspace), or null. */
export function llmBlockedReason(): string | null {
  return vscode.workspace.isTrusted ? null : UNTRUSTED;
}


export function roleLabel(role: LlmRole): string {
  return role === 'genrm' ? 'GenRM' : 'fidelity judge';
}

export async function apiKeyFor(secrets: vscode.SecretStorage, role: LlmRole): Promise<string> {
  const stored = await secrets.get(SECRET_PREFIX + role);
  if (stored) return stored;
  const envName = userOnly(vscode.workspace.getConfiguration(SECTION), 'apiKeyEnv', 'OPENAI_API_KEY');
  return (envName && process.env[envName]) || '';
}

export async function storeApiKey(secrets: vscode.SecretStorage, role: LlmRole, key: string | undefined): Promise<void> {
  if (key) await secrets.store(SECRET_PREFIX + role, key);
  else await secrets.delete(SECRET_PREFIX + role);
}

/** Both prices, or one (the other counts 0), or none. */
function pricesOf(config: vscode.WorkspaceConfiguration): Prices | null {
  const input = userOnly<number | null>(config, 'pricePerMillionInputTokens', null);
  const output = userOnly<number | null>(config, 'pricePerMillionOutputTokens', null);
  return input === null && output === null ? null : { inputPerMillion: input ?? 0, outputPerMillion: output ?? 0 };
}

/** Throws LlmUnavailable with a message that says what to do. */
export async function profileFor(role: LlmRole, secrets: vscode.SecretStorage): Promise<{ profile: LlmProfile; template?: PromptTemplate }> {
  const blocked = llmBlockedReason();
  if (blocked) throw new LlmUnavailable(blocked);
  const config = vscode.workspace.getConfiguration(`${SECTION}.${role}`);
  const baseUrl = userOnly(config, 'baseUrl', '');
  if (!baseUrl) {
    throw new LlmUnavailable(`Set rationaleLens.${role}.baseUrl in your user settings to the ${roleLabel(role)}'s OpenAI-compatible endpoint (e.g. http://localhost:8000/v1).`, `rationaleLens.${role}.baseUrl`);
  }
  try {
    const profile = resolveProfile(
      {
        baseUrl,
        // What is sent, how much and how fast are the user's to choose: a cloned repository's
        // settings cannot switch the model, the tokens per call or the concurrency.
        model: userOnly(config, 'model', ''),
        temperature: userOnly(config, 'temperature', 0.4),
        maxTokens: userOnly(config, 'maxTokens', 16384),
        timeoutMs: userOnly(config, 'timeoutSeconds', 300) * 1000,
        concurrency: userOnly(config, 'concurrency', 8),
        extraBody: userOnly<Record<string, unknown>>(config, 'extraBody', {}),
        maxAnswerBytes: Math.max(1, userOnly(vscode.workspace.getConfiguration(SECTION), 'maxAnswerMegabytes', 32)) * 1024 * 1024,
        apiKey: await apiKeyFor(secrets, role),
        prices: pricesOf(config),
      },
      role,
    );
    const templateFile = userOnly(config, 'templateFile', '');
    return templateFile ? { profile, template: await loadTemplate(role, templateFile) } : { profile };
  } catch (err) {
    if (err instanceof ProfileError) throw new LlmUnavailable(`${err.message} Check the rationaleLens.${role}.* settings.`, `rationaleLens.${role}`);
    throw new LlmUnavailable((err as Error).message);
  }
}

/**
 * The model tier of "Align with model": the LLM aligner (the fidelity judge's endpoint, with
 * `rationaleLens.aligner.model` when set) or embedding similarity there (`aligner.embeddingModel`,
 * `aligner.embeddingThreshold`), as `aligner.method` says. User settings only, like every profile.
 */
export async function alignerSetup(secrets: vscode.SecretStorage): Promise<ModelAlignerSetup> {
  const { profile } = await profileFor('fidelity', secrets);
  const config = vscode.workspace.getConfiguration(`${SECTION}.aligner`);
  if (userOnly<string>(config, 'method', 'llm') === 'embedding') {
    const model = userOnly(config, 'embeddingModel', '').trim();
    if (!model) throw new LlmUnavailable('Set rationaleLens.aligner.embeddingModel in your user settings to an embedding model your fidelity endpoint serves (or set rationaleLens.aligner.method to llm).', 'rationaleLens.aligner.embeddingModel');
    const threshold = userOnly(config, 'embeddingThreshold', DEFAULT_EMBEDDING_THRESHOLD);
    return { method: 'embedding', profile: { ...profile, model }, threshold: Number.isFinite(threshold) ? Math.min(1, Math.max(0, threshold)) : DEFAULT_EMBEDDING_THRESHOLD };
  }
  const model = userOnly(config, 'model', '').trim();
  return { method: 'llm', profile: model ? { ...profile, model } : profile };
}
