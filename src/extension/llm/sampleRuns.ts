/**
 * Re-query ×k in the editor: asks the GenRM for numbered samples of one record or of the records an
 * Inspector lists, in parallel through the run pool, each journaled as the CLI's `generate
 * --samples` journals it (the same request keys: either resumes the other's run). k, temperature
 * and both orders are user settings (`rationaleLens.requery.*`; a workspace cannot raise them). The
 * estimate is stated, and asked about above the user's threshold, before anything is sent; each
 * sample's text is announced as it streams (scrubbed of the key), so every Inspector of the file
 * shows it in the record's sample strip; the end says how many failed and why, and offers the
 * fidelity judge on the new samples.
 */
import * as vscode from 'vscode';
import type { FailureGroup } from '../../core/llm/failures';
import { editorHints, formatFailureGroup, groupFailures } from '../../core/llm/failures';
import { journalPathFor } from '../../core/llm/journal';
import type { LlmProfile } from '../../core/llm/profile';
import { scrubSecrets } from '../../core/llm/profile';
import { readSampleJournal, samplesOfRecord } from '../../core/llm/sampleJournal';
import type { SampleSlot } from '../../core/llm/sampling';
import { requeryPlan, requerySettings } from '../../core/llm/sampling';
import { plural } from '../../core/text/plural';
import type { RelayedSampleEvent } from '../../presentation/sampleRelay';
import { DeltaScrubber } from '../../presentation/streamScrubber';
import type { BaseServices } from '../baseServices';
import { COMMANDS } from '../ids';
import { SECTION, userOnly } from '../settings';
import { runOnRecords } from './bulkRuns';

export interface SampleRun {
  readonly id: number;
  readonly uri: vscode.Uri;
  /** Records asked, and samples (requests) in all. */
  readonly records: number;
  readonly count: number;
  /** Every record has samples 1…target once the run is over. */
  readonly target: number;
  readonly k: number;
  /** The sampling temperature sent. */
  temperature: number;
  model: string;
  /** Whoever started it (an Inspector, or null for a command). */
  readonly origin: unknown;
}

export type SampleRunEvent = RelayedSampleEvent<SampleRun>;

export interface SampleRunReport {
  readonly status: 'refused' | 'ended';
  /** What the user was told (the reason it did not start, or the run's outcome). */
  readonly message: string;
  /** The estimate stated before anything was sent, and when (ms since the epoch). */
  readonly estimate: string | null;
  readonly estimatedAt: number | null;
  readonly target: number;
  /** Samples planned, answered now, failed (each failure's reason grouped in `failures`). */
  readonly planned: number;
  readonly answered: number;
  readonly failed: number;
  readonly failures: readonly FailureGroup[];
  readonly cancelled: boolean;
}

const JUDGE = 'Judge Fidelity of the New Samples';

/** The re-query ×k settings (user settings only: a cloned repository cannot make runs larger or hotter). */
function requeryConfig(): ReturnType<typeof requerySettings> {
  const config = vscode.workspace.getConfiguration(`${SECTION}.requery`);
  return requerySettings({ samples: userOnly(config, 'samples', 5), temperature: userOnly<number | null>(config, 'temperature', null), bothOrders: userOnly(config, 'bothOrders', false) });
}

export class SampleRuns implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SampleRunEvent>();
  readonly onDidChange = this.emitter.event;
  /** One re-query ×k per file at a time (by uri). */
  private readonly active = new Map<string, { run: SampleRun | null; abort: AbortController }>();
  private nextId = 1;

  constructor(private readonly services: BaseServices) {}

  cancel(id: number): boolean {
    for (const a of this.active.values()) if (a.run?.id === id) a.abort.abort();
    return [...this.active.values()].some((a) => a.run?.id === id);
  }

  /** Asks k samples (or the missing ones) of each record of `indexes`; resolves when the run is over. */
  async run(uri: vscode.Uri, indexes: readonly number[], opts: { readonly origin?: unknown; readonly signal?: AbortSignal } = {}): Promise<SampleRunReport> {
    const refused = (message: string, target = 0): SampleRunReport => ({ status: 'refused', message, estimate: null, estimatedAt: null, target, planned: 0, answered: 0, failed: 0, failures: [], cancelled: false });
    const claim = uri.toString();
    if (this.active.has(claim)) return refused('A re-query ×k of this file is already running: cancel it or wait for it to end.');
    const abort = new AbortController();
    const entry: { run: SampleRun | null; abort: AbortController } = { run: null, abort };
    this.active.set(claim, entry);
    const onAbort = (): void => abort.abort();
    if (opts.signal?.aborted) abort.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.runClaimed(uri, indexes, entry, opts.origin ?? null, refused);
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
      this.active.delete(claim);
    }
  }

  private async runClaimed(uri: vscode.Uri, indexes: readonly number[], entry: { run: SampleRun | null; abort: AbortController }, origin: unknown, refused: (m: string, t?: number) => SampleRunReport): Promise<SampleRunReport> {
    const settings = requeryConfig();
    const session = await this.services.sessions.get(uri);
    const inRange = indexes.filter((i) => Number.isInteger(i) && i >= 0 && i < session.count);
    if (inRange.length === 0) return refused(indexes.length === 0 ? 'No records to re-query.' : `The file has ${session.count} records; record ${(indexes[0] ?? 0) + 1} is not one of them.`);
    // What the journal holds already (whatever the settings): each record is asked only what it lacks.
    const journal = await readSampleJournal(journalPathFor(session.path));
    const facts = [];
    for (const i of inRange) {
      const samples = samplesOfRecord(journal, await session.record(i));
      facts.push({ answered: new Set(samples.filter((s) => s.raw !== null).map((s) => s.sample)), highest: samples.reduce((m, s) => Math.max(m, s.sample), 0) });
    }
    const plan = requeryPlan(facts, settings.k, settings.bothOrders);
    const slotsByIndex = new Map(inRange.map((i, n) => [i, plan.slots[n] ?? []]));
    const asked = inRange.filter((i) => (slotsByIndex.get(i)?.length ?? 0) > 0);
    const run: SampleRun = { id: this.nextId++, uri, records: asked.length, count: plan.count, target: plan.target, k: settings.k, temperature: settings.temperature ?? 0, model: '', origin };
    const what = `${plan.count} ${plural(plan.count, 'sample')} of ${asked.length} ${plural(asked.length, 'record')}, up to sample ${plan.target}${settings.bothOrders ? ', both orders' : ''}`;
    // Set by the run's callbacks (an object, so the compiler does not take them for never assigned).
    const said: { estimate: string | null; estimatedAt: number | null; unavailable: string | null } = { estimate: null, estimatedAt: null, unavailable: null };
    let secrets: string[] = [];
    const scrubbers = new Map<string, DeltaScrubber>();
    const scrubberOf = (index: number, slot: SampleSlot): DeltaScrubber => {
      const key = `${index}:${slot.sample}`;
      let s = scrubbers.get(key);
      if (!s) scrubbers.set(key, (s = new DeltaScrubber(secrets)));
      return s;
    };
    const summary = await runOnRecords(this.services, {
      uri,
      role: 'genrm',
      indexes: asked,
      refresh: false,
      title: `Rationale Lens: re-querying the GenRM ×${settings.k} (${what})`,
      quiet: true,
      confirmCost: true,
      plan: { slotsOf: (i) => slotsByIndex.get(i) ?? [], count: plan.count },
      ...(settings.temperature !== null ? { temperature: settings.temperature } : {}),
      signal: entry.abort.signal,
      sayUnavailable: origin === null,
      onUnavailable: (m) => (said.unavailable = m),
      onEstimate: (text) => {
        said.estimate = text;
        said.estimatedAt = Date.now();
      },
      onStart: (profile: LlmProfile) => {
        run.model = profile.model;
        run.temperature = profile.temperature;
        secrets = [profile.apiKey];
        entry.run = run;
        this.emitter.fire({ kind: 'started', run });
      },
      onDelta: (record, d, slot) => {
        if (!slot) return;
        const { content, reasoning, reset } = scrubberOf(record.index, slot).push(d);
        if (content || reasoning || reset) this.emitter.fire({ kind: 'delta', run, index: record.index, slot, content, reasoning, reset });
      },
      onResult: (r, record) => {
        if (r.kind !== 'genrm' || !r.sample) return;
        const s = scrubbers.get(`${record.index}:${r.sample.sample}`);
        if (s) {
          const { content, reasoning } = s.end();
          if (content || reasoning) this.emitter.fire({ kind: 'delta', run, index: record.index, slot: r.sample, content, reasoning, reset: false });
          scrubbers.delete(`${record.index}:${r.sample.sample}`);
        }
        this.emitter.fire({ kind: 'sample', run, index: record.index, slot: r.sample, pred: r.pred, error: r.error === null ? null : scrubSecrets(r.error, secrets), resumed: r.resumed });
      },
    }).catch((err: unknown) => {
      const message = scrubSecrets(err instanceof Error ? err.message : String(err), secrets);
      if (entry.run) this.emitter.fire({ kind: 'ended', run, outcome: 'failed', message });
      throw err;
    });
    if (summary === null) {
      const message = said.unavailable ?? (said.estimate !== null ? `Not started: ${said.estimate} Nothing was sent.` : 'The run could not start.');
      return { ...refused(message, plan.target), estimate: said.estimate, estimatedAt: said.estimatedAt };
    }
    const failures = groupFailures(summary.results, editorHints('genrm'));
    const answered = summary.results.filter((r) => !r.resumed && r.raw !== null).length;
    const resumed = summary.results.filter((r) => r.resumed).length;
    const p = summary.progress;
    const why = failures.length ? ` Why: ${failures.slice(0, 3).map(formatFailureGroup).join('; ')}${failures.length > 3 ? '; …' : ''}.` : '';
    const verb = summary.cancelled ? 'cancelled (run it again to ask only the samples still missing)' : 'finished';
    const message = `Re-query ×${settings.k} ${verb}: ${p.done}/${plan.count} samples of ${asked.length} ${plural(asked.length, 'record')} (up to sample ${plan.target}, ${run.model}, temperature ${run.temperature}) — ${answered} answered, ${resumed} from the journal, ${p.failed} failed.${why}`;
    this.emitter.fire({ kind: 'ended', run, outcome: summary.cancelled ? 'cancelled' : 'done', message });
    this.say(uri, asked, message, p.failed > 0, answered > 0);
    return { status: 'ended', message, estimate: said.estimate, estimatedAt: said.estimatedAt, target: plan.target, planned: plan.count, answered, failed: p.failed, failures, cancelled: summary.cancelled };
  }

  /** The outcome, with the fidelity judge offered on the new samples. */
  private say(uri: vscode.Uri, indexes: readonly number[], message: string, failed: boolean, offerJudge: boolean): void {
    const show = failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(`Rationale Lens: ${message}`, ...(offerJudge ? [JUDGE] : [])).then((picked) => {
      if (picked === JUDGE) void vscode.commands.executeCommand(COMMANDS.judgeSamples, uri, [...indexes]);
    });
  }

  dispose(): void {
    for (const a of this.active.values()) a.abort.abort();
    this.active.clear();
    this.emitter.dispose();
  }
}
