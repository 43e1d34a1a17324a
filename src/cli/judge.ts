/**
 * `rationale-lens judge <file> …` (R-Align's fidelity step) and `rationale-lens generate <file> …`
 * (the GenRM step) on any OpenAI-compatible endpoint. Every finished call is journaled beside the
 * file, so a rerun resumes; `--out` writes an R-Align-format file atomically.
 */
import { parseArgs } from 'node:util';
import type { DatasetOptions, OpenedDataset } from '../core/dataset';
import { openDataset, readDataset } from '../core/dataset';
import { formatFailureGroup, groupFailures } from '../core/llm/failures';
import { ImageError } from '../core/llm/images';
import { fidelitySkipReason, prepareFidelityRequest, prepareGenrmRequest } from '../core/llm/prompts';
import type { LlmProfile } from '../core/llm/profile';
import type { PromptTemplate } from '../core/llm/template';
import { journalPathFor } from '../core/llm/journal';
import type { LlmRole } from '../core/llm/profile';
import { runFidelityJudging, runGenrmGeneration } from '../core/llm/runner';
import type { LlmResult, RunSummary } from '../core/llm/runner';
import { TemplateError, loadTemplate } from '../core/llm/template';
import type { EvalRecord } from '../core/record';
import { writeRAlignOutput } from './output';
import type { KeyOf } from './output';
import { ENDPOINT_FLAGS, endpointProfile, openCache, retryOption } from './endpoint';
import type { IO } from './options';
import { DATASET_FLAGS, UsageError, datasetOptions } from './options';
import { ProgressBar } from './progress';
import { GENERATE_USAGE, JUDGE_USAGE } from './usage';


const FLAGS = {
  ...DATASET_FLAGS,
  ...ENDPOINT_FLAGS,
  template: { type: 'string' },
  out: { type: 'string' },
  refresh: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  cache: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export function judgeCommand(kind: LlmRole): (args: string[], io: IO) => Promise<number> {
  return async (args, io) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: FLAGS });
    const file = positionals[0];
    const usage = kind === 'fidelity' ? JUDGE_USAGE : GENERATE_USAGE;
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${usage}`);
    const profile = endpointProfile(values, kind);
    let template;
    if (values.template) {
      try {
        template = await loadTemplate(kind, values.template);
      } catch (err) {
        if (err instanceof TemplateError) throw new UsageError(err.message);
        throw new UsageError(`cannot read the template ${values.template}: ${(err as Error).message}`);
      }
    }
    const options = datasetOptions(values);
    const dataset = await openDataset(file, options);
    const census = await countRecords(dataset, options);
    const total = census.records;
    if (kind === 'fidelity') refuseWithoutGold(file, dataset, census);
    const cache = values['no-cache'] ? false : await openCache(values.cache, profile.apiKey, io);

    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      io.err('\ncancelling: finished calls are in the journal; rerun to resume (Ctrl-C again to quit now)');
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    const bar = values.quiet ? null : new ProgressBar(kind === 'fidelity' ? 'judging' : 'generating', io.isTTY, (t) => process.stderr.write(t));
    const run = kind === 'fidelity' ? runFidelityJudging : runGenrmGeneration;
    let summary: RunSummary<LlmResult>;
    try {
      summary = await run(records(dataset, options, io), {
        profile,
        ...(template ? { template } : {}),
        datasetPath: file,
        journal: journalPathFor(file),
        cache,
        ...retryOption(values),
        refresh: values.refresh === true,
        signal: controller.signal,
        total,
        ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
      });
    } finally {
      process.off('SIGINT', onSignal);
    }
    bar?.done(summary.progress);
    const p = summary.progress;
    if (summary.journal?.torn) io.err(`journal: a torn last line (an interrupted write) was removed from ${summary.journal.path}`);
    io.err(`${summary.cancelled ? 'cancelled' : 'done'}: ${p.done}/${p.total ?? p.done} records · ${p.failed} failed · ${p.cached} from cache or journal · ${p.skipped} skipped · journal ${journalPathFor(file)}`);
    const failures = groupFailures(summary.results);
    if (failures.length) {
      io.err(`why ${p.failed} ${p.failed === 1 ? 'call' : 'calls'} failed:`);
      for (const g of failures.slice(0, 10)) io.err(`  ${formatFailureGroup(g)}`);
      if (failures.length > 10) io.err(`  … and ${failures.length - 10} other reasons`);
    }
    if (summary.cancelled) return 130;
    if (values.out) {
      const keyOf = requestKeyOf(kind, profile, template, file);
      const written = await writeRAlignOutput(dataset, options, values.out, summary.results, kind, profile.model, keyOf);
      io.err(`wrote ${written.records} records to ${values.out}${written.skipped ? ` (${written.skipped} malformed input lines left out)` : ''}; run \`rationale-lens stats ${values.out}\` for the figures`);
    }
    // Every call that was made failed: nothing was judged (exit 3, documented in the README).
    const attempted = p.done - p.skipped;
    if (attempted > 0 && p.failed === attempted) {
      io.err(`every call failed: nothing was ${kind === 'fidelity' ? 'judged' : 'generated'} (exit 3)`);
      return 3;
    }
    return 0;
  };
}

interface Census {
  records: number;
  withGoldRationale: number;
  withJudgment: number;
}

async function countRecords(dataset: OpenedDataset, options: DatasetOptions): Promise<Census> {
  const c: Census = { records: 0, withGoldRationale: 0, withJudgment: 0 };
  for await (const e of readDataset(dataset, options)) {
    if (e.kind !== 'record') continue;
    c.records++;
    if (e.record.goldRationales.length) c.withGoldRationale++;
    if (e.record.judgments.length) c.withJudgment++;
  }
  return c;
}

/** The fidelity judge compares a GenRM rationale with a gold one: without either there is nothing to send. */
function refuseWithoutGold(file: string, dataset: OpenedDataset, c: Census): void {
  if (c.records === 0) return;
  const fix =
    dataset.adapter.name === 'mapping'
      ? 'point the mapping\'s "goldRationale" at the field that holds the reference explanation'
      : 'if the gold rationales are in another field, read the file with a field mapping (--mapping) whose "goldRationale" names it';
  if (c.withGoldRationale === 0) {
    throw new UsageError(`${file} (format ${dataset.adapter.name}) has no gold rationale in any of its ${c.records} records: the fidelity judge compares the GenRM rationale with a gold rationale, so nothing can be judged; ${fix}. Nothing was sent.`);
  }
  if (c.withJudgment === 0) {
    throw new UsageError(`${file} has no GenRM rationale to judge in any of its ${c.records} records: run \`rationale-lens generate\` first (with --out), then judge its output. Nothing was sent.`);
  }
}

/** Recomputes a record's request key, to match answers to records when --out is written. */
function requestKeyOf(kind: LlmRole, profile: LlmProfile, template: PromptTemplate | undefined, datasetPath: string): KeyOf {
  return async (record) => {
    if (kind === 'fidelity' && fidelitySkipReason(record)) return { kind: 'skip' };
    if (kind === 'fidelity' && record.goldRationales.length === 0) return { kind: 'none' };
    const prepare = kind === 'fidelity' ? prepareFidelityRequest : prepareGenrmRequest;
    try {
      return { kind: 'key', key: (await prepare(record, profile, { ...(template ? { template } : {}), datasetPath })).key };
    } catch (err) {
      if (err instanceof ImageError) return { kind: 'none' };
      throw err;
    }
  };
}

async function* records(dataset: OpenedDataset, options: DatasetOptions, io: IO): AsyncGenerator<EvalRecord> {
  for await (const e of readDataset(dataset, options)) {
    if (e.kind === 'record') yield e.record;
    else if (e.skipped) io.err(`${e.issue.file}:${e.issue.line}${e.issue.column ? `:${e.issue.column}` : ''}: ${e.issue.message}`);
  }
}
