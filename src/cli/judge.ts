/**
 * `rationale-lens judge <file> …` (R-Align's fidelity step) and `rationale-lens generate <file> …`
 * (the GenRM step) on any OpenAI-compatible endpoint. Every finished call is journaled beside the
 * file, so a rerun resumes; `--out` writes an R-Align-format file atomically.
 */
import { parseArgs } from 'node:util';
import { openDataset } from '../core/dataset/dataset';
import { PACKING_NAMES } from '../core/io/containers/packing';
import { formatFailureGroup, groupFailures } from '../core/llm/failures';
import { journalPathFor } from '../core/llm/journal';
import type { LlmRole } from '../core/llm/profile';
import { runFidelityJudging, runGenrmGeneration } from '../core/llm/runner';
import type { LlmResult, RunOptions, RunProgress, RunSummary } from '../core/llm/runner';
import { runGenrmSamples, runSampleFidelity } from '../core/llm/sampleRuns';
import type { EvalRecord } from '../core/record/record';
import { journaledSamples, samplePlanOf } from './samplesFlags';
import { TemplateError, loadTemplate } from '../core/llm/template';
import { writeRAlignOutput } from './output';
import { batchExportCommand, batchImportCommand } from './batch';
import { countRecords, records, refuseWithoutGold, requestKeyOf } from './runInputs';
import { estimatePending } from '../core/llm/pending';
import { formatEstimate, formatUsage } from '../core/llm/usage';
import { endpointProfile, openCache, retryOption } from './endpoint';
import type { IO } from './options';
import { UsageError, datasetOptions } from './options';
import { ProgressBar } from './progress';
import { runJson, runNotes } from './runNotes';
import { COMMAND_SPECS, GENERATE_FLAGS, JUDGE_FLAGS } from './flags';
import { commandUsage } from './usage';

/** Batch modes call no endpoint: the profile's URL is never used (the request key does not include it). */
const NO_ENDPOINT = 'http://127.0.0.1:9/batch-mode-makes-no-calls';

export function judgeCommand(kind: LlmRole): (args: string[], io: IO) => Promise<number> {
  return async (args, io) => {
    const { values, positionals } = kind === 'genrm' ? parseArgs({ args, allowPositionals: true, options: GENERATE_FLAGS }) : parseArgs({ args, allowPositionals: true, options: JUDGE_FLAGS });
    const file = positionals[0];
    const usage = commandUsage(kind === 'fidelity' ? COMMAND_SPECS.judge : COMMAND_SPECS.generate);
    // `--batch-import a.jsonl b.jsonl`: the files after the first are positionals too (as the usage says).
    const moreOutputs = values['batch-import'] !== undefined ? positionals.slice(1) : [];
    if (!file || positionals.length > 1 + moreOutputs.length) throw new UsageError(usage);
    const batch = values['batch-export'] !== undefined || values['batch-import'] !== undefined;
    if (values['batch-export'] !== undefined && values['batch-import'] !== undefined) throw new UsageError('--batch-export and --batch-import are two steps: run one, then the other');
    const profile = endpointProfile(batch ? { ...values, 'base-url': values['base-url'] ?? NO_ENDPOINT } : values, kind);
    let template;
    if (values.template) {
      try {
        template = await loadTemplate(kind, values.template);
      } catch (err) {
        if (err instanceof TemplateError) throw new UsageError(err.message);
        throw new UsageError(`cannot read the template ${values.template}: ${(err as Error).message}`);
      }
    }
    const plan = samplePlanOf(kind, values.samples, 'both-orders' in values && values['both-orders'] === true, values.out !== undefined);
    const options = datasetOptions(values);
    const dataset = await openDataset(file, options);
    const census = await countRecords(dataset, options);
    const samples = kind === 'fidelity' && values.samples === true ? await journaledSamples(file, values.out !== undefined) : undefined;
    // Progress counts requests: a record's samples each count.
    const total = plan ? census.records * plan.count : samples ? samples.answered : census.records;
    if (kind === 'fidelity') refuseWithoutGold(file, dataset, census, samples !== undefined);
    const sampling = { ...(plan ? { plan } : {}), ...(samples ? { samples: samples.journal } : {}) };
    const common = { kind, profile, ...(template ? { template } : {}), file, dataset, options, total, quiet: values.quiet === true, json: values.json === true, ...sampling };
    if (values['batch-export'] !== undefined) return batchExportCommand({ ...common, out: values['batch-export'], refresh: values.refresh === true }, io);
    if (values['batch-import'] !== undefined) return batchImportCommand({ ...common, outputs: [...values['batch-import'], ...moreOutputs], out: values.out }, io);
    if (!values.quiet) {
      const estimate = await estimatePending({ kind, profile, ...(template ? { template } : {}), datasetPath: file, journalPath: journalPathFor(file), records: () => records(dataset, options, io), ...sampling }, values.refresh === true, profile.prices);
      io.err(`estimate: ${formatEstimate(estimate)}`);
    }
    const cache = values['no-cache'] ? false : await openCache(values.cache, profile.apiKey, io);

    const controller = new AbortController();
    const onSignal = () => {
      if (controller.signal.aborted) process.exit(130);
      io.err('\ncancelling: finished calls are in the journal; rerun to resume (Ctrl-C again to quit now)');
      controller.abort();
    };
    process.on('SIGINT', onSignal);
    const bar = values.quiet ? null : new ProgressBar(kind === 'fidelity' ? 'judging' : 'generating', io.isTTY, (t) => process.stderr.write(t));
    const run = plan ? (rs: AsyncIterable<EvalRecord>, o: RunOptions) => runGenrmSamples(rs, { ...o, plan }) : samples ? (rs: AsyncIterable<EvalRecord>, o: RunOptions) => runSampleFidelity(rs, samples.journal, o) : kind === 'fidelity' ? runFidelityJudging : runGenrmGeneration;
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
        // runGenrmSamples counts records × k itself.
        total: plan ? census.records : total,
        ...(bar ? { onProgress: (p: RunProgress) => bar.update(p) } : {}),
      });
    } finally {
      process.off('SIGINT', onSignal);
    }
    bar?.done(summary.progress);
    const p = summary.progress;
    const unit = plan || samples ? 'samples' : 'records';
    io.err(`${summary.cancelled ? 'cancelled' : 'done'}: ${p.done}/${p.total ?? p.done} ${unit}${plan ? ` (${plan.count} of each of ${census.records} records${plan.bothOrders ? ', even-numbered ones with the responses swapped' : ''})` : ''} · ${p.failed} failed · ${p.cached} from cache or journal · ${p.skipped} skipped · ${formatUsage(p.tokens, profile.prices)} · journal ${journalPathFor(file)}`);
    const failures = groupFailures(summary.results);
    if (failures.length) {
      io.err(`why ${p.failed} ${p.failed === 1 ? 'call' : 'calls'} failed:`);
      for (const g of failures.slice(0, 10)) io.err(`  ${formatFailureGroup(g)}`);
      if (failures.length > 10) io.err(`  … and ${failures.length - 10} other reasons`);
    }
    for (const note of runNotes(summary)) io.err(note);
    if (values.json) io.out(JSON.stringify(runJson(summary, profile.prices)));
    if (summary.cancelled) return 130;
    if (values.out) {
      const keyOf = requestKeyOf(kind, profile, template, file, plan);
      const written = await writeRAlignOutput(dataset, options, values.out, summary.results, kind, profile.model, keyOf);
      // A packed input (gzip, zstd, Parquet) still gets plain JSONL out: said, so nobody looks for a .gz.
      const plainNote = dataset.packing === 'plain' ? '' : ` as plain JSONL (the input is ${PACKING_NAMES[dataset.packing]})`;
      io.err(`wrote ${written.records} records to ${values.out}${plainNote}${written.skipped ? ` (${written.skipped} malformed input lines left out)` : ''}; run \`rationale-lens stats ${values.out}\` for the figures`);
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

