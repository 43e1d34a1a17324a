/** `judge|generate <file> --batch-export <requests.jsonl>` and `--batch-import <results.jsonl>…`: the run on a batch engine. */
import { stat } from 'node:fs/promises';
import type { DatasetOptions, OpenedDataset } from '../core/dataset/dataset';
import { exportBatch, importBatch } from '../core/llm/batchRun';
import { formatFailureGroup, groupFailures } from '../core/llm/failures';
import { journalPathFor } from '../core/llm/journal';
import { formatUsage } from '../core/llm/usage';
import type { LlmProfile, LlmRole } from '../core/llm/profile';
import type { PromptTemplate } from '../core/llm/template';
import type { SamplePlan } from '../core/llm/sampling';
import type { SampleJournal } from '../core/llm/sampleJournal';
import { writeRAlignOutput } from './output';
import { runJson, runNotes } from './runNotes';
import type { IO } from './options';
import { UsageError } from './options';
import { ProgressBar } from './progress';
import { records, requestKeyOf } from './runInputs';

interface BatchCommon {
  readonly kind: LlmRole;
  readonly profile: LlmProfile;
  readonly template?: PromptTemplate;
  readonly file: string;
  readonly dataset: OpenedDataset;
  readonly options: DatasetOptions;
  readonly total: number;
  readonly quiet: boolean;
  readonly json: boolean;
  /** generate --samples k: k requests a record (each its own custom_id); judge --samples: the journaled samples. */
  readonly plan?: SamplePlan;
  readonly samples?: SampleJournal;
}

const command = (kind: LlmRole) => (kind === 'fidelity' ? 'judge' : 'generate');

export async function batchExportCommand(o: BatchCommon & { readonly out: string; readonly refresh: boolean }, io: IO): Promise<number> {
  const report = await exportBatch({ ...o, datasetPath: o.file, journalPath: journalPathFor(o.file), records: () => records(o.dataset, o.options, io), out: o.out, refresh: o.refresh });
  for (const e of report.imageErrors.slice(0, 10)) io.err(`not exported: ${e}`);
  const notes = [report.alreadyDone ? `${report.alreadyDone} already answered in the journal` : '', report.skipped ? `${report.skipped} not label-correct (no call, as in a live run)` : '', report.noGold ? `${report.noGold} without a gold rationale` : '', report.imageErrors.length ? `${report.imageErrors.length} with an image that cannot be sent` : ''].filter(Boolean);
  io.err(`wrote ${report.requests} requests to ${report.files.join(', ')}${notes.length ? ` (${notes.join(' · ')})` : ''}`);
  if (report.requests > 0) {
    const inputs = report.files.length === 1 ? report.files[0] : '<each part>';
    io.err(`next: run ${report.files.length === 1 ? 'it' : 'each part'} on OpenAI's or Azure's Batch API, or on your GPUs with \`vllm run-batch -i ${inputs} -o results.jsonl --model ${o.profile.model}\`; then \`rationale-lens ${command(o.kind)} ${o.file} --batch-import results.jsonl --model ${o.profile.model}\` with the same flags`);
  }
  return 0;
}

export async function batchImportCommand(o: BatchCommon & { readonly outputs: readonly string[]; readonly out: string | undefined }, io: IO): Promise<number> {
  for (const path of o.outputs) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`cannot read the batch output ${path}: no such file`);
  }
  const bar = o.quiet ? null : new ProgressBar('importing', io.isTTY, (t) => process.stderr.write(t));
  const report = await importBatch({ ...o, datasetPath: o.file, journalPath: journalPathFor(o.file), records: () => records(o.dataset, o.options, io), outputs: o.outputs, ...(bar ? { onProgress: (p) => bar.update(p) } : {}) });
  bar?.done(report.summary.progress);
  for (const b of report.badLines.slice(0, 10)) io.err(`${b.file}:${b.line}: error: ${b.message} (skipped)`);
  if (report.badLines.length > 10) io.err(`… and ${report.badLines.length - 10} other unreadable lines`);
  for (const s of report.stray.slice(0, 10)) io.err(`${s.file}:${s.line}: note: ${s.message} (line not used)`);
  if (report.stray.length > 10) io.err(`… and ${report.stray.length - 10} other lines not used for the same reason`);
  for (const r of report.refused.slice(0, 10)) io.err(`refused ${r.customId}: ${r.why}`);
  if (report.unknown.length) io.err(`${report.unknown.length} answers name no request of this ${command(o.kind)} run on ${o.file} (first: ${report.unknown[0]}): another file's or another step's batch?`);
  io.err(
    `imported ${report.imported} answers (${report.failedAnswers} failed on the batch engine) · ${report.alreadyJournaled} already in the journal · ${report.refused.length} refused · ${report.unknown.length} unknown · ${report.badLines.length} unreadable lines · ${report.stray.length} lines not used · ${report.missing} records still without an answer · ${formatUsage(report.summary.progress.tokens, o.profile.prices)} · journal ${journalPathFor(o.file)}`,
  );
  const failures = groupFailures(report.summary.results.filter((r) => !r.unanswered));
  if (failures.length) {
    io.err('why answers failed:');
    for (const g of failures.slice(0, 10)) io.err(`  ${formatFailureGroup(g)}`);
  }
  for (const note of runNotes(report.summary)) io.err(note);
  if (report.missing) io.err(`the ${report.missing} records without an answer: export again (\`--batch-export\`) to get their requests alone`);
  if (o.out) {
    const written = await writeRAlignOutput(o.dataset, o.options, o.out, report.summary.results, o.kind, o.profile.model, requestKeyOf(o.kind, o.profile, o.template, o.file, o.plan));
    io.err(`wrote ${written.records} records to ${o.out} (records without an answer are CallFail there); run \`rationale-lens stats ${o.out}\` for the figures`);
  }
  if (o.json) {
    const { summary, imported, failedAnswers, alreadyJournaled, refused, unknown, missing, badLines, stray } = report;
    io.out(JSON.stringify({ ...runJson(summary, o.profile.prices), imported, failedAnswers, alreadyJournaled, refused, unknown, missing, badLines, stray }));
  }
  // Answers were given but not all could be used (refused, unknown, or lines unreadable or too long): the import is partial.
  return report.refused.length || report.unknown.length || report.badLines.length ? 1 : 0;
}
