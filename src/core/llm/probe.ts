/**
 * One cheap call that tells whether an OpenAI-compatible endpoint answers, and what it serves:
 * `GET /models`, no tokens spent. The setup flow states its finding in words the user can act on.
 */
import { AbortedError } from './retry';
import { LlmCallError, LlmClient } from './client';
import { resolveProfile } from './profile';

/** The probe gives up after this long: a setup flow must not hang on a silent server. */
const PROBE_TIMEOUT_MS = 15_000;

export type EndpointFinding =
  | { readonly ok: true; readonly models: readonly string[]; readonly summary: string }
  | { readonly ok: false; readonly models: readonly []; readonly summary: string };

const SHOWN_MODELS = 5;

export async function probeEndpoint(baseUrl: string, apiKey: string, signal?: AbortSignal): Promise<EndpointFinding> {
  // The model is not used by GET /models; resolveProfile wants one, and validates the address.
  const profile = resolveProfile({ baseUrl, model: 'probe', apiKey, timeoutMs: PROBE_TIMEOUT_MS, idleTimeoutMs: PROBE_TIMEOUT_MS, deadlineMs: PROBE_TIMEOUT_MS, maxAnswerBytes: 4 * 1024 * 1024 });
  const client = new LlmClient(profile, { retry: { maxRetries: 0 } });
  try {
    const models = [...new Set(await client.listModels(signal))].sort();
    const names = models.slice(0, SHOWN_MODELS).join(', ') + (models.length > SHOWN_MODELS ? `, … (${models.length - SHOWN_MODELS} more)` : '');
    return {
      ok: true,
      models,
      summary: models.length ? `${profile.baseUrl} answers and serves ${models.length} model${models.length === 1 ? '' : 's'}: ${names}.` : `${profile.baseUrl} answers but lists no models: type the model name it serves.`,
    };
  } catch (e) {
    if (e instanceof AbortedError) throw e;
    return { ok: false, models: [], summary: `${profile.baseUrl} did not answer GET /models: ${explain(e)}` };
  }
}

function explain(e: unknown): string {
  if (!(e instanceof LlmCallError)) return e instanceof Error ? e.message : String(e);
  if (e.status === 401 || e.status === 403) return `it refused the key (HTTP ${e.status}). Check the key, or leave it empty for a server that needs none.`;
  if (e.status === 404) return 'HTTP 404: is the address the API root (it usually ends in /v1)?';
  return e.message;
}
