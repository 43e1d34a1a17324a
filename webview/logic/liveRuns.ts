/**
 * The webview's model runs on records (re-query, re-judge), in progress or just over, keyed by role
 * and record: the state each run message moves them to. Pure (no DOM): the app draws what changed.
 */
import type { LlmRoleView, RecordView, RunResultView, ToWebview } from '../../src/protocol/messages';

type LiveState = 'starting' | 'running' | 'done' | 'cancelled' | 'failed' | 'refused';

export interface LiveRun {
  /** Null until the host said the run started (or when it was refused). */
  runId: number | null;
  requestId: number | null;
  index: number;
  role: LlmRoleView;
  model: string;
  content: string;
  reasoning: string;
  state: LiveState;
  message: string | null;
  result: RunResultView | null;
  cancelling: boolean;
  /** Times a retry discarded the text shown (the connection dropped, the server failed). */
  retries: number;
}

export const isActive = (r: LiveRun | null | undefined): boolean => !!r && (r.state === 'starting' || r.state === 'running');

type Msg<T extends ToWebview['type']> = Extract<ToWebview, { type: T }>;
const keyOf = (role: LlmRoleView, index: number): string => `${role}:${index}`;
const fresh = (over: Partial<LiveRun> & Pick<LiveRun, 'index' | 'role'>): LiveRun => ({ runId: null, requestId: null, model: '', content: '', reasoning: '', state: 'starting', message: null, result: null, cancelling: false, retries: 0, ...over });

/** The status line for a run that ended: what it did, and whether that is an error. */
export function endedStatus(run: LiveRun): { text: string; error: boolean } {
  const what = run.role === 'genrm' ? 'Re-query' : 'Re-judge';
  if (run.state !== 'done') return { text: `${what} of record ${run.index + 1} ${run.state}${run.message ? `: ${run.message}` : ''}.`, error: run.state === 'failed' };
  if (run.role === 'fidelity') return { text: `Record ${run.index + 1}: the judge answered ${run.result?.verdict ?? 'nothing'}.`, error: false };
  return { text: `Record ${run.index + 1}: the GenRM now answers ${run.result?.pred ?? 'nothing parseable'}.`, error: false };
}

export class LiveRuns {
  private readonly runs = new Map<string, LiveRun>();

  /** A run this view asked for (`runLlm` with `requestId`), shown as starting. */
  asked(role: LlmRoleView, index: number, requestId: number): void {
    this.runs.set(keyOf(role, index), fresh({ role, index, requestId }));
  }

  /** Returns the run and whether it answers this view's own request. */
  started(m: Msg<'runStarted'>): { run: LiveRun; mine: boolean } {
    const key = keyOf(m.role, m.index);
    const mine = m.requestId !== null && this.runs.get(key)?.requestId === m.requestId;
    const run = fresh({ runId: m.runId, requestId: m.requestId, index: m.index, role: m.role, model: m.model, state: 'running' });
    this.runs.set(key, run);
    return { run, mine };
  }

  /** The run with its streamed text appended (a reset first discards what was shown), or undefined. */
  delta(m: Msg<'runDelta'>): LiveRun | undefined {
    const run = this.byId(m.runId);
    if (!run) return undefined;
    if (m.reset) {
      // A retry discards what was shown (a reloaded view's replay starts from nothing: no retry).
      if (run.content || run.reasoning) run.retries += 1;
      run.content = '';
      run.reasoning = '';
    }
    run.content += m.content;
    run.reasoning += m.reasoning;
    return run;
  }

  ended(m: Msg<'runEnded'>): LiveRun | undefined {
    const run = this.byId(m.runId);
    if (!run) return undefined;
    run.state = m.outcome;
    run.message = m.message;
    run.result = m.result;
    run.cancelling = false;
    return run;
  }

  /** False when the refusal is for a request this view no longer waits on. */
  refused(m: Msg<'runRefused'>): boolean {
    const key = keyOf(m.role, m.index);
    const run = this.runs.get(key);
    if (run && run.requestId !== m.requestId) return false;
    this.runs.set(key, fresh({ requestId: m.requestId, index: m.index, role: m.role, state: 'refused', message: m.message }));
    return true;
  }

  /** Marks a run as being cancelled; the run, or undefined when it is not running. */
  cancelling(runId: number): LiveRun | undefined {
    const run = this.byId(runId);
    if (!run || !isActive(run)) return undefined;
    run.cancelling = true;
    return run;
  }

  byId(runId: number): LiveRun | undefined {
    for (const run of this.runs.values()) if (run.runId === runId) return run;
    return undefined;
  }

  of(index: number): Partial<Record<LlmRoleView, LiveRun>> {
    const out: Partial<Record<LlmRoleView, LiveRun>> = {};
    const g = this.runs.get(keyOf('genrm', index));
    const f = this.runs.get(keyOf('fidelity', index));
    if (g) out.genrm = g;
    if (f) out.fidelity = f;
    return out;
  }

  /** Runs that are over leave once the record shows their result (or the user moved on). */
  prune(record: Pick<RecordView, 'index' | 'fidelity' | 'requery'>): void {
    for (const [key, run] of this.runs) {
      if (isActive(run)) continue;
      if (run.index !== record.index) {
        this.runs.delete(key);
        continue;
      }
      if (run.state !== 'done') continue;
      const shown = run.role === 'fidelity' ? record.fidelity?.origin === 'llm' : record.requery !== null && !run.result?.error;
      if (shown) this.runs.delete(key);
    }
  }
}
