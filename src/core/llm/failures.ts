/**
 * Why calls failed, grouped: a run that failed says how many times each reason occurred and what
 * to do about it (`36 × http 401: invalid API key — set the key with --api-key-env`).
 */
import type { LlmResult } from './runner';

export interface FailureGroup {
  readonly reason: string;
  readonly count: number;
  /** What the user can do; null when there is nothing specific to say. */
  readonly hint: string | null;
  /** An HTTP status shared by every failure of the group. */
  readonly status: number | null;
}

/** How the fix is phrased where the failures are shown (CLI flags or editor settings). */
export interface FailureHints {
  readonly key: string;
  readonly endpoint: string;
  readonly model: string;
}

const CLI_HINTS: FailureHints = {
  key: 'set the key with --api-key-env <VAR> (the variable that holds it; default OPENAI_API_KEY)',
  endpoint: 'check --base-url (it usually ends in /v1) and that the server is running',
  model: 'check --model against the names the server lists at /v1/models',
};

/** The reason of a failed result, or null when the result did not fail. */
function failureReason(r: LlmResult): string | null {
  if (r.kind === 'fidelity') return r.verdict === 'CallFail' || r.verdict === 'ParseFail' ? r.error ?? r.verdict : null;
  return r.pred === null ? r.error ?? 'no verdict in the answer' : null;
}

function statusOf(reason: string): number | null {
  const m = /^http (\d{3})\b/.exec(reason);
  return m ? Number(m[1]) : null;
}

function hintFor(reason: string, hints: FailureHints): string | null {
  const status = statusOf(reason);
  if (status === 401 || status === 403) return hints.key;
  if (status === 404) return `${hints.endpoint}; ${hints.model}`;
  if (/^connection error|ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(reason)) return hints.endpoint;
  if (/^timeout/.test(reason)) return 'raise the timeout, or lower the concurrency';
  if (status === 429) return 'the server is rate-limiting: lower the concurrency and rerun (finished calls are kept)';
  return null;
}

/** One line of a reason: long server messages are cut so groups stay readable. */
function normalize(reason: string): string {
  const first = reason.split('\n', 1)[0] ?? reason;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

/** In the editor, fixes are settings and commands. */
export function editorHints(role: 'genrm' | 'fidelity'): FailureHints {
  return {
    key: 'store the key with "Rationale Lens: Set API Key"',
    endpoint: `check rationaleLens.${role}.baseUrl in your user settings (it usually ends in /v1) and that the server is running`,
    model: `check rationaleLens.${role}.model against the names the server lists at /v1/models`,
  };
}

/** The endpoint refused the key (401/403): the one failure the user fixes by setting a key. */
export function keyRefused(groups: readonly FailureGroup[]): FailureGroup | undefined {
  return groups.find((g) => g.status === 401 || g.status === 403);
}

/** Failures grouped by reason, most frequent first. */
export function groupFailures(results: Iterable<LlmResult>, hints: FailureHints = CLI_HINTS): FailureGroup[] {
  const counts = new Map<string, number>();
  for (const r of results) {
    const reason = failureReason(r);
    if (reason === null) continue;
    const key = normalize(reason);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => ({ reason, count, hint: hintFor(reason, hints), status: statusOf(reason) }));
}

export function formatFailureGroup(g: FailureGroup): string {
  return `${g.count} × ${g.reason}${g.hint ? ` — ${g.hint}` : ''}`;
}
