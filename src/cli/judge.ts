/**
 * `rationale-lens judge <file> …` (R-Align's fidelity step) and `rationale-lens generate <file> …`
 * (the GenRM step) on any OpenAI-compatible endpoint. Every finished call is journaled beside the
 * file, so a rerun resumes; `--out` writes an R-Align-format file atomically.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DatasetOptions, OpenedDataset } from '../core/dataset';
import { openDataset, readDataset } from '../core/dataset';
import { FileCacheStore } from '../core/llm/cache';
import { journalPathFor } from '../core/llm/journal';
import { ProfileError, resolveProfile } from '../core/llm/profile';
import type { LlmRole } from '../core/llm/profile';
import { runFidelityJudging, runGenrmGeneration } from '../core/llm/runner';
import type { LlmResult, RunSummary } from '../core/llm/runner';
import { TemplateError, loadTemplate } from '../core/llm/template';
import type { EvalRecord } from '../core/record';
import { writeRAlignOutput } from './output';
import type { IO } from './options';
import { DATASET_FLAGS, UsageError, datasetOptions } from './options';
import { ProgressBar } from './progress';
import { GENERATE_USAGE, JUDGE_USAGE } from './usage';


const FLAGS = {
  ...DATASET_FLAGS,
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'api-key-env': { type: 'string' },
  concurrency: { type: 'string' },
  template: { type: 'string' },
  out: { type: 'string' },
  temperature: { type: 'string' },
  'max-tokens': { type: 'string' },
  timeout: { type: 'string' },
  refresh: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  cache: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-stream': { type: 'boolean' },
} as const;

function num(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`--${flag} needs a number ≥ ${min}, got "${value}"`);
  return n;
}

export function judgeCommand(kind: LlmRole): (args: string[], io: IO) => Promise<number> {
  return async (args, io) => {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: FLAGS });
    const file = positionals[0];
    const usage = kind === 'fidelity' ? JUDGE_USAGE : GENERATE_USAGE;
    if (!file || positionals.length > 1) throw new UsageError(`usage: ${usage}`);
    const keyVar = values['api-key-env'] ?? 'OPENAI_API_KEY';
    const apiKey = process.env[keyVar] ?? '';
    let profile;
    try {
      profile = resolveProfile(
        {
          ...(values['base-url'] !== undefined ? { baseUrl: values['base-url'] } : {}),
          ...(values.model !== undefined ? { model: values.model } : {}),
          apiKey,
          ...optional('concurrency', num(values.concurrency, 'concurrency', 1)),
          ...optional('temperature', num(values.temperature, 'temperature', 0)),
          ...optional('maxTokens', num(values['max-tokens'], 'max-tokens', 1)),
          ...optional('timeoutMs', mul(num(values.timeout, 'timeout', 0.001), 1000)),
          ...(values['no-stream'] ? { stream: false } : {}),
        },
        kind,
      );
    } catch (err) {
      if (err instanceof ProfileError) throw new UsageError(`${err.message} (flags --base-url and --model)`);
      throw err;
    }
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
    const total = await countRecords(dataset, options);
    const cache = values['no-cache'] ? false : await FileCacheStore.open(values.cache ?? join(homedir(), '.cache', 'rationale-lens', 'llm-cache.jsonl'), { secrets: apiKey ? [apiKey] : [] });

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
    if (summary.cancelled) return 130;
    if (values.out) {
      const written = await writeRAlignOutput(dataset, options, values.out, new Map(summary.results.map((r) => [r.recordIndex, r])), kind, profile.model);
      io.err(`wrote ${written.records} records to ${values.out}${written.skipped ? ` (${written.skipped} malformed input lines left out)` : ''}; run \`rationale-lens stats ${values.out}\` for the figures`);
    }
    return 0;
  };
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function mul(value: number | undefined, factor: number): number | undefined {
  return value === undefined ? undefined : value * factor;
}

async function countRecords(dataset: OpenedDataset, options: DatasetOptions): Promise<number> {
  let n = 0;
  for await (const e of readDataset(dataset, options)) if (e.kind === 'record') n++;
  return n;
}

async function* records(dataset: OpenedDataset, options: DatasetOptions, io: IO): AsyncGenerator<EvalRecord> {
  for await (const e of readDataset(dataset, options)) {
    if (e.kind === 'record') yield e.record;
    else if (e.skipped) io.err(`${e.issue.file}:${e.issue.line}${e.issue.column ? `:${e.issue.column}` : ''}: ${e.issue.message}`);
  }
}
