/**
 * Model runs on ONE record (Re-query GenRM, Re-judge Fidelity), wherever they start (an Inspector
 * button, a hover link, a command): at most one per record and role at a time, cancellable by id,
 * with their streamed text kept (scrubbed of the API key) and announced, so every Inspector of the
 * file shows the run as it happens, even one opened or reloaded mid-run.
 */
import * as vscode from 'vscode';
import type { LlmProfile, LlmRole } from '../../core/llm/profile';
import { scrubSecrets } from '../../core/llm/profile';
import type { LlmResult } from '../../core/llm/runner';
import type { BaseServices } from '../baseServices';
import { runOnRecords } from './bulkRuns';
import type { RelayedEvent } from '../../presentation/runRelay';
import { DeltaScrubber } from '../../presentation/streamScrubber';
import { logFailure } from '../../core/log/logger';

export interface RecordRun {
  readonly id: number;
  readonly uri: vscode.Uri;
  readonly index: number;
  readonly role: LlmRole;
  /** Whoever started it (e.g. an Inspector panel and its request id), to answer the right request. */
  readonly origin: unknown;
  model: string;
  /** Streamed answer and reasoning so far (scrubbed); reset when a retry starts over. */
  content: string;
  reasoning: string;
}

type RunOutcome = 'done' | 'cancelled' | 'failed';

export type RecordRunEvent = RelayedEvent<RecordRun>;

export type StartResult =
  | { readonly status: 'ended'; readonly run: RecordRun; readonly outcome: RunOutcome; readonly result: LlmResult | null; readonly message: string | null }
  /** Could not start: `message` says why (no endpoint, untrusted workspace, already running); `shown` when the user was told already. */
  | { readonly status: 'refused'; readonly message: string; readonly shown: boolean };

const TITLES: Record<LlmRole, (n: number) => string> = {
  genrm: (n) => `Rationale Lens: re-querying the GenRM for record ${n}`,
  fidelity: (n) => `Rationale Lens: re-judging record ${n}`,
};

export class RecordRuns implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RecordRunEvent>();
  readonly onDidChange = this.emitter.event;
  private readonly active = new Map<number, { run: RecordRun; abort: AbortController }>();
  /** `uri|index|role` of runs asked for, started or not (a double click must not start two). */
  private readonly claimed = new Set<string>();
  private nextId = 1;

  constructor(private readonly services: BaseServices) {}

  /** Runs of this file in progress (for a view that opens mid-run). */
  runsOf(uri: vscode.Uri): RecordRun[] {
    return [...this.active.values()].map((a) => a.run).filter((r) => r.uri.toString() === uri.toString());
  }

  cancel(id: number): boolean {
    const a = this.active.get(id);
    a?.abort.abort();
    return a !== undefined;
  }

  /** Asks the model again about record `index` (cache and journal ignored); resolves when the run is over. */
  async run(uri: vscode.Uri, index: number, role: LlmRole, origin: unknown = null): Promise<StartResult> {
    const claim = `${uri.toString()}|${index}|${role}`;
    if (this.claimed.has(claim)) return { status: 'refused', message: `${role === 'genrm' ? 'A re-query' : 'A re-judge'} of record ${index + 1} is already running.`, shown: false };
    this.claimed.add(claim);
    const run: RecordRun = { id: this.nextId++, uri, index, role, origin, model: '', content: '', reasoning: '' };
    const abort = new AbortController();
    let unavailable: string | null = null;
    let started = false;
    let scrub = new DeltaScrubber([]);
    let secrets: string[] = [];
    const onStart = (profile: LlmProfile): void => {
      run.model = profile.model;
      secrets = [profile.apiKey];
      scrub = new DeltaScrubber([profile.apiKey]);
      started = true;
      this.active.set(run.id, { run, abort });
      this.emitter.fire({ kind: 'started', run });
    };
    const emit = (content: string, reasoning: string, reset: boolean): void => {
      if (reset) {
        run.content = '';
        run.reasoning = '';
      }
      run.content += content;
      run.reasoning += reasoning;
      if (content || reasoning || reset) this.emitter.fire({ kind: 'delta', run, content, reasoning, reset });
    };
    let outcome: RunOutcome = 'failed';
    let result: LlmResult | null = null;
    let message: string | null = null;
    try {
      const summary = await runOnRecords(this.services, {
        uri,
        role,
        indexes: [index],
        refresh: true,
        title: TITLES[role](index + 1),
        quiet: true,
        signal: abort.signal,
        onStart,
        onUnavailable: (m) => (unavailable = m),
        // A run asked for by an Inspector (origin set) is refused in that Inspector's record view only.
        sayUnavailable: origin === null,
        onDelta: (_record, d) => {
          const { content, reasoning, reset } = scrub.push(d);
          emit(content, reasoning, reset);
        },
      });
      if (!started || summary === null) return { status: 'refused', message: unavailable ?? 'The run could not start.', shown: unavailable !== null && origin === null };
      const rest = scrub.end();
      emit(rest.content, rest.reasoning, false);
      result = scrubResult(summary.results[0] ?? null, secrets);
      outcome = result ? 'done' : summary.cancelled ? 'cancelled' : 'failed';
      if (!result && !summary.cancelled) message = 'The run ended without a result.';
      // The views read the verdict in force from the session: make it current before saying the run is over.
      if (result) await (await this.services.sessions.get(uri)).reloadVerdicts().catch(logFailure(this.services.log, `cannot re-read the verdicts of ${uri.fsPath} after the run on record ${index + 1}`));
    } catch (err) {
      message = scrubSecrets(err instanceof Error ? err.message : String(err), secrets);
      if (!started) return { status: 'refused', message, shown: false };
    } finally {
      this.active.delete(run.id);
      this.claimed.delete(claim);
    }
    this.emitter.fire({ kind: 'ended', run, outcome, message, result });
    return { status: 'ended', run, outcome, result, message };
  }

  dispose(): void {
    for (const a of this.active.values()) a.abort.abort();
    this.active.clear();
    this.claimed.clear();
    this.emitter.dispose();
  }
}

/** The core scrubs what it writes and reports; this is a second net for what leaves the host. */
function scrubResult(r: LlmResult | null, secrets: readonly string[]): LlmResult | null {
  if (!r) return null;
  const s = (x: string | null): string | null => (x === null ? null : scrubSecrets(x, secrets));
  return r.kind === 'fidelity'
    ? { ...r, raw: s(r.raw), reasoning: s(r.reasoning), error: s(r.error), analysis: s(r.analysis), keyPoints: s(r.keyPoints) }
    : { ...r, raw: s(r.raw), reasoning: s(r.reasoning), error: s(r.error) };
}
