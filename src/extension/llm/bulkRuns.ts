/**
 * Runs fidelity judging or GenRM re-querying over chosen records of an open file, with a
 * cancellable progress notification (done/total, failures, ETA). Results go to the journal beside
 * the file; the session registry picks them up from there.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FileCacheStore } from '../../core/llm/cache';
import type { FailureGroup } from '../../core/llm/failures';
import { editorHints, formatFailureGroup, groupFailures, keyRefused } from '../../core/llm/failures';
import type { LlmProfile, LlmRole } from '../../core/llm/profile';
import type { LlmResult, RunOptions, RunSummary } from '../../core/llm/runner';
import { runFidelityJudging, runGenrmGeneration } from '../../core/llm/runner';
import type { LlmDelta } from '../../core/llm/client';
import type { SampleSlot } from '../../core/llm/sampling';
import type { SampleJournal } from '../../core/llm/sampleJournal';
import { runSampleFidelity } from '../../core/llm/sampleRuns';
import { runSampleItems } from '../../core/llm/runner';
import type { WorkItem } from '../../core/llm/runSteps';
import type { EvalRecord } from '../../core/record/record';
import type { DatasetSession } from '../../core/session/session';
import type { BaseServices } from '../baseServices';
import { LlmUnavailable, profileFor, roleLabel } from './profiles';
import { COMMANDS } from '../ids';
import { journalPathFor } from '../../core/llm/journal';
import { estimatePending } from '../../core/llm/pending';
import type { PromptTemplate } from '../../core/llm/template';
import { formatEstimate, formatUsage, formatUsageNotes } from '../../core/llm/usage';
import { SECTION, userOnly } from '../settings';
import { logFailure } from '../../core/log/logger';

function formatEta(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return s < 90 ? ` · ETA ${s}s` : ` · ETA ${Math.round(s / 60)}m`;
}

async function* sampleWork(records: AsyncIterable<EvalRecord>, slotsOf: (index: number) => readonly SampleSlot[]): AsyncGenerator<WorkItem> {
  for await (const record of records) for (const slot of slotsOf(record.index)) yield { record, slot };
}

async function* recordsOf(session: DatasetSession, indexes: readonly number[]): AsyncGenerator<EvalRecord> {
  for (const i of indexes) yield await session.record(i);
}

export interface RunRequest {
  readonly uri: vscode.Uri;
  readonly role: LlmRole;
  readonly indexes: readonly number[];
  /** Ask again even when the journal or cache has an answer. */
  readonly refresh: boolean;
  readonly title: string;
  readonly onDelta?: (record: EvalRecord, d: LlmDelta, sample?: SampleSlot) => void;
  readonly onResult?: (r: LlmResult, record: EvalRecord) => void;
  /** Cancels the run, like the progress notification's Cancel button. */
  readonly signal?: AbortSignal;
  /** The endpoint is configured and the run is about to start (the key stays in the host). */
  readonly onStart?: (profile: LlmProfile) => void;
  /** The run cannot start: no endpoint, an untrusted workspace... (also shown as a warning, unless `sayUnavailable` is false). */
  readonly onUnavailable?: (message: string) => void;
  /** False when the caller says why itself (the Inspector, in the record it concerns): no warning then. */
  readonly sayUnavailable?: boolean;
  /** No summary message at the end (the caller shows the result itself). */
  readonly quiet?: boolean;
  /** A bulk run: state the estimated tokens and cost first, and ask above the user's threshold. */
  readonly confirmCost?: boolean;
  /** The estimate as stated (before anything is sent), for the caller to show or report too. */
  readonly onEstimate?: (text: string) => void;
  /** GenRM re-query ×k: the numbered samples asked of each record (`count` in all). */
  readonly plan?: { readonly slotsOf: (index: number) => readonly SampleSlot[]; readonly count: number };
  /** Fidelity of the journaled samples of these records (not of their own rationales); `sampleCount` of them answered. */
  readonly samples?: { readonly journal: SampleJournal; readonly count: number };
  /** Sampling temperature instead of the endpoint's (re-query ×k). */
  readonly temperature?: number;
}

/** What a run works through: records, or samples (each counts in progress and messages). */
function unitOf(req: RunRequest): { total: number; unit: string } {
  if (req.plan) return { total: req.plan.count, unit: 'samples' };
  if (req.samples) return { total: req.samples.count, unit: 'samples' };
  return { total: req.indexes.length, unit: 'records' };
}

function runnerFor(req: RunRequest): (records: AsyncIterable<EvalRecord>, opts: RunOptions) => Promise<RunSummary<LlmResult>> {
  const { plan, samples } = req;
  if (req.role === 'genrm' && plan) return (records, opts) => runSampleItems(sampleWork(records, plan.slotsOf), opts, 'genrm');
  if (req.role === 'fidelity' && samples) return (records, opts) => runSampleFidelity(records, samples.journal, opts);
  return req.role === 'fidelity' ? runFidelityJudging : runGenrmGeneration;
}

/** A warning that offers the fix: the Settings editor on the missing setting, or workspace trust. */
function showUnavailable(err: LlmUnavailable): void {
  const trust = !vscode.workspace.isTrusted;
  const action = err.setting ? 'Open User Settings' : trust ? 'Manage Workspace Trust' : undefined;
  void vscode.window.showWarningMessage(err.message, ...(action ? [action] : [])).then((picked) => {
    if (picked === 'Open User Settings') void vscode.commands.executeCommand('workbench.action.openSettings', err.setting);
    else if (picked === 'Manage Workspace Trust') void vscode.commands.executeCommand('workbench.trust.manage');
  });
}

/** "The endpoint refused the API key" with the button that sets one. */
function offerSetApiKey(role: LlmRole, g: FailureGroup): void {
  const action = 'Set API Key';
  void vscode.window.showWarningMessage(`Rationale Lens: the ${roleLabel(role)} endpoint refused the API key (${formatFailureGroup({ ...g, hint: null })}).`, action).then((picked) => {
    if (picked === action) void vscode.commands.executeCommand(COMMANDS.setApiKey);
  });
}

/**
 * States the run's estimated tokens and cost; above the user's threshold (cost when prices are set,
 * else tokens) a modal asks before anything is sent. The threshold is the worst case when answers
 * were never measured: every answer at max tokens.
 */
async function confirmEstimate(req: RunRequest, session: DatasetSession, profile: { profile: LlmProfile; template?: PromptTemplate }, log: BaseServices['log']): Promise<boolean> {
  const estimate = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${req.title}: estimating tokens…` }, () =>
    estimatePending({ kind: req.role, profile: profile.profile, ...(profile.template ? { template: profile.template } : {}), datasetPath: session.path, journalPath: journalPathFor(session.path), records: () => recordsOf(session, req.indexes), ...(req.plan ? { items: () => sampleWork(recordsOf(session, req.indexes), (req.plan as NonNullable<RunRequest['plan']>).slotsOf) } : {}), ...(req.samples ? { samples: req.samples.journal } : {}) }, req.refresh, profile.profile.prices),
  );
  const config = vscode.workspace.getConfiguration(SECTION);
  const worstCost = estimate.cost ?? estimate.costCeiling;
  const worstTokens = estimate.promptTokens + (estimate.completionTokens ?? estimate.completionCeiling);
  const above = worstCost !== null ? worstCost > userOnly(config, 'confirmRunAboveCost', 1) : worstTokens > userOnly(config, 'confirmRunAboveTokens', 1_000_000);
  const text = `${req.title}: ${formatEstimate(estimate)}.`;
  req.onEstimate?.(text);
  log.info(`${text}${above ? ' Above the confirmation threshold: asking first.' : ''}`);
  if (!above) {
    void vscode.window.setStatusBarMessage(`$(pulse) ${text}`, 10_000);
    return true;
  }
  const start = 'Start';
  const picked = await vscode.window.showWarningMessage(text, { modal: true, detail: 'Above your threshold (rationaleLens.confirmRunAboveCost / confirmRunAboveTokens). Nothing has been sent yet.' }, start);
  return picked === start;
}

/** Returns null when the run could not start (the reason was shown to the user). */
export async function runOnRecords(services: BaseServices, req: RunRequest): Promise<RunSummary<LlmResult> | null> {
  let profile;
  try {
    profile = await profileFor(req.role, services.context.secrets);
    if (req.temperature !== undefined) profile = { ...profile, profile: { ...profile.profile, temperature: req.temperature } };
  } catch (err) {
    if (err instanceof LlmUnavailable) {
      req.onUnavailable?.(err.message);
      if (req.sayUnavailable !== false) showUnavailable(err);
      return null;
    }
    throw err;
  }
  if (req.indexes.length === 0) {
    void vscode.window.showInformationMessage(`${req.title}: no records to send.`);
    return null;
  }
  const session = await services.sessions.get(req.uri);
  if (req.confirmCost && !(await confirmEstimate(req, session, profile, services.log))) return null;
  const cacheDir = services.context.globalStorageUri.fsPath;
  await vscode.workspace.fs.createDirectory(services.context.globalStorageUri);
  const cache = await FileCacheStore.open(join(cacheDir, 'llm-cache.jsonl'), { secrets: [profile.profile.apiKey] });
  const run = runnerFor(req);
  const { total: items, unit } = unitOf(req);
  req.onStart?.(profile.profile);
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: req.title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      const abort = (): void => controller.abort();
      if (req.signal?.aborted) controller.abort();
      req.signal?.addEventListener('abort', abort, { once: true });
      let reported = 0;
      try {
        return await run(recordsOf(session, req.indexes), {
          profile: profile.profile,
          ...(profile.template ? { template: profile.template } : {}),
          datasetPath: session.path,
          cache,
          refresh: req.refresh,
          signal: controller.signal,
          total: items,
          ...(req.onDelta ? { onDelta: req.onDelta } : {}),
          ...(req.onResult ? { onResult: req.onResult } : {}),
          onProgress: (p) => {
            const total = p.total ?? items;
            const increment = ((p.done - reported) / Math.max(1, total)) * 100;
            reported = p.done;
            const spent = p.tokens.prompt + p.tokens.completion > 0 ? ` · ${formatUsage(p.tokens, profile.profile.prices)}` : '';
            progress.report({ increment, message: `${p.done}/${total} · ${p.failed} failed · ${p.cached} cached${spent}${formatEta(p.etaMs)}` });
          },
        });
      } finally {
        sub.dispose();
        req.signal?.removeEventListener('abort', abort);
        // Open for this run only: a handle left open per run would leak.
        await cache.close().catch(logFailure(services.log, `cannot close the response cache ${cache.path}`));
      }
    },
  );
  services.sessions.reload(req.uri, 'verdicts');
  const failures = groupFailures(summary.results, editorHints(req.role));
  // A refused key is offered its fix whatever started the run (a command, a hover link, the Inspector).
  const refused = keyRefused(failures);
  if (refused) offerSetApiKey(req.role, refused);
  if (req.quiet) return summary;
  const p = summary.progress;
  const verb = summary.cancelled ? 'cancelled' : 'finished';
  const why = failures.length ? ` Why: ${failures.slice(0, 3).map(formatFailureGroup).join('; ')}${failures.length > 3 ? '; …' : ''}.` : '';
  const usageNotes = formatUsageNotes(summary.usageNotes).map((n) => ` ${n[0]?.toUpperCase() ?? ''}${n.slice(1)}.`).join('');
  const text = `${roleLabel(req.role)} run ${verb}: ${p.done}/${p.total ?? p.done} ${unit}, ${p.failed} failed, ${p.cached} from cache or journal; ${formatUsage(p.tokens, profile.profile.prices)}.${why}${usageNotes}`;
  if (p.failed > 0 && !refused) void vscode.window.showWarningMessage(text);
  else if (!refused) void vscode.window.showInformationMessage(text);
  return summary;
}
