/**
 * A run handed to a batch engine and back: `exportBatch` writes the requests of every record still
 * to be asked; `importBatch` folds the engine's answers into the journal through the same runner a
 * live run uses (parsing, verdicts, journal lines), so nothing downstream can tell the difference.
 */
import type { BatchAnswer, BatchLineRef, BatchOutput, BatchRequestLine, CustomId } from './batch';
import { BATCH_LIMITS, customIdFor, promptHash, readBatchOutput, writeBatchFiles } from './batch';
import { chatRequestBody } from './client';
import type { PendingCounts, RunInputs } from './pending';
import { newPendingCounts, pendingRequests, requestFor, workItems } from './pending';
import type { PreparedRequest } from './prompts';
import { runFidelityJudging, runGenrmGeneration, runSampleItems } from './runner';
import type { WorkItem } from './runSteps';
import type { LlmResult, RunOptions, RunSummary } from './runTypes';
import type { EvalRecord } from '../record/record';

export interface ExportReport extends PendingCounts {
  readonly files: string[];
  readonly requests: number;
}

export async function exportBatch(o: RunInputs & { readonly out: string; readonly refresh?: boolean; readonly limits?: { requests: number; bytes: number } }): Promise<ExportReport> {
  const counts = newPendingCounts();
  async function* lines(): AsyncGenerator<BatchRequestLine> {
    for await (const { record, req } of pendingRequests(o, o.refresh === true, counts)) {
      const id: CustomId = { kind: o.kind, recordIndex: record.index, promptHash: promptHash(req.messages), key: req.key };
      yield { custom_id: customIdFor(id), method: 'POST', url: '/v1/chat/completions', body: chatRequestBody(o.profile, req.messages) };
    }
  }
  const written = await writeBatchFiles(lines(), o.out, o.limits ?? BATCH_LIMITS);
  return { ...written, ...counts };
}

export interface ImportReport {
  readonly summary: RunSummary<LlmResult>;
  /** Answers folded in now (successes and failures the engine reported). */
  readonly imported: number;
  /** Of those, the engine's failures (journaled as CallFail, retried by the next export or run). */
  readonly failedAnswers: number;
  /** Answers already in the journal: left alone, so an import can be repeated. */
  readonly alreadyJournaled: number;
  /** Answers refused, with why: the record's prompt changed, or the request was built with other settings. */
  readonly refused: { readonly customId: string; readonly why: string }[];
  /** custom_ids that are not ours, or name a record the file does not have. */
  readonly unknown: string[];
  /** Records still to be asked that no answer covered. */
  readonly missing: number;
  readonly badLines: BatchOutput['badLines'];
  /** Lines not used because their request's answer is another line (reported, not a failure). */
  readonly stray: BatchOutput['stray'];
}

/** Folds Batch output into the journal; no endpoint is called. */
export async function importBatch(o: RunInputs & { readonly outputs: readonly string[]; readonly onProgress?: Parameters<typeof runFidelityJudging>[1]['onProgress'] }): Promise<ImportReport> {
  const output = await readBatchOutput(o.outputs, o.profile.maxAnswerBytes);
  // Every answer naming a record (several when outputs of different exports are given together).
  const byIndex = new Map<number, { customId: string; id: CustomId; answer: BatchAnswer; at: BatchLineRef }[]>();
  const unknown: string[] = [];
  for (const [customId, { id, answer, at }] of output.answers) {
    if (!id || id.kind !== o.kind) unknown.push(customId);
    else byIndex.set(id.recordIndex, [...(byIndex.get(id.recordIndex) ?? []), { customId, id, answer, at }]);
  }
  // Check every answer against the record it names before anything is journaled.
  const accepted = new Map<string, BatchAnswer>();
  const refused: ImportReport['refused'] = [];
  const stray = [...output.stray];
  let refusedNeedingRequest = 0;
  let records = 0;
  // Each record with the requests this import makes for it (one, or one per sample), in file order.
  const checkRecord = async (record: EvalRecord, items: readonly Omit<WorkItem, 'record'>[]): Promise<void> => {
    const got = byIndex.get(record.index);
    if (!got) return;
    const reqs = await Promise.all(items.map((item) => requestFor(o, record, item)));
    const made = reqs.filter((r): r is PreparedRequest => typeof r !== 'string' && !('imageError' in r));
    if (made.length === 0) {
      const req = reqs[0];
      const why = req === undefined ? 'nothing' : typeof req === 'string' ? req : 'imageError' in req ? req.imageError : '';
      for (const c of got) refused.push({ customId: c.customId, why: `record ${record.index + 1} (line ${record.line}) needs no request now (${why})` });
      return;
    }
    const hashes = new Set(made.map((r) => promptHash(r.messages)));
    const keys = new Set(made.map((r) => r.key));
    // The answers to this record's requests as they are now, whatever other lines name the record.
    const fits = got.filter((c) => hashes.has(c.id.promptHash) && keys.has(c.id.key));
    const answered = fits.find((c) => c.answer.ok);
    const refusedBefore = refused.length;
    for (const c of got) {
      if (fits.includes(c)) continue;
      if (answered) {
        stray.push({ ...c.at, customId: c.customId, message: `an answer for record ${record.index + 1} to a request this import does not make (another export's prompt or settings): the record's answer at ${answered.at.file}:${answered.at.line} is used` });
        continue;
      }
      refused.push({
        customId: c.customId,
        why: !hashes.has(c.id.promptHash)
          ? `the prompt of record ${record.index + 1} (line ${record.line}) no longer matches the one exported: the record changed`
          : `record ${record.index + 1} was exported with other settings (model, temperature, max tokens, extra body, template or samples): import with the flags used for the export`,
      });
    }
    for (const c of fits) accepted.set(c.id.key, c.answer);
    // Requests left without an answer because theirs was refused: said as refused, not as missing.
    refusedNeedingRequest += Math.min(refused.length - refusedBefore, made.length - fits.length);
  };
  let current: { record: EvalRecord; items: Omit<WorkItem, 'record'>[] } | null = null;
  for await (const { record, ...item } of workItems(o)) {
    if (current === null || current.record.index !== record.index) {
      if (current) await checkRecord(current.record, current.items);
      current = { record, items: [] };
      records++;
    }
    current.items.push(item);
  }
  if (current) await checkRecord(current.record, current.items);
  for (const [index, got] of byIndex) if (index >= records) unknown.push(...got.map((c) => c.customId));

  // The runner takes the journal's lock and opens it, as for a live run.
  const sampled = (o.kind === 'genrm' && o.plan !== undefined) || (o.kind === 'fidelity' && o.samples !== undefined);
  const run = sampled ? (_: unknown, opts: RunOptions) => runSampleItems(workItems(o), opts, o.kind) : o.kind === 'fidelity' ? runFidelityJudging : runGenrmGeneration;
  const summary: RunSummary<LlmResult> = await run(o.records(), {
    profile: o.profile,
    ...(o.template ? { template: o.template } : {}),
    datasetPath: o.datasetPath,
    journal: o.journalPath,
    cache: false,
    answers: accepted,
    ...(sampled ? {} : { total: records }),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const results = summary.results;
  const fromBatch = (r: LlmResult) => r.key !== null && accepted.has(r.key);
  const imported = results.filter((r) => fromBatch(r) && !r.resumed).length;
  const failedAnswers = results.filter((r) => fromBatch(r) && !r.resumed && accepted.get(r.key as string)?.ok === false).length;
  const missing = results.filter((r) => r.unanswered).length - refusedNeedingRequest;
  // Answers the journal already had (a finished one, or the same failure): left alone.
  const alreadyJournaled = results.filter((r) => fromBatch(r) && r.resumed).length;
  return { summary, imported, failedAnswers, alreadyJournaled, refused, unknown, missing, badLines: output.badLines, stray };
}
