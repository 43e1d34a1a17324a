/**
 * `rationale-lens align <file> --record <index or id> [--judgment <n>] [--aligner lexical|embedding|llm]
 * [endpoint flags] [--json]`: one record's claim alignment, from the tier asked for.
 */
import { parseArgs } from 'node:util';
import { AlignRecordError, alignRecord, alignRecordWith } from '../core/align/alignRecord';
import type { RecordAlignment } from '../core/align/alignRecord';
import type { Alignment, Claim } from '../core/align';
import { DEFAULT_EMBEDDING_THRESHOLD } from '../core/align/models/embedding';
import { coverageArithmetic, tierLabel } from '../core/align/explain';
import type { DroppedQuote, LlmAlignment } from '../core/align/models/llmAligner';
import { ChecklistError } from '../core/align/models/llmAligner';
import { modelAligner } from '../core/align/models/modelAligner';
import { LlmCallError } from '../core/llm/client';
import { openDataset, readDataset } from '../core/dataset/dataset';
import type { EvalRecord } from '../core/record/record';
import { recordLink } from '../core/dataset/recordLink';
import { resolve } from 'node:path';
import { endpointProfile, numberFlag, openCache, retryOption } from './endpoint';
import type { IO } from './options';
import { UsageError, datasetOptions } from './options';
import { ALIGN_FLAGS, COMMAND_SPECS } from './flags';
import { commandUsage } from './usage';
import { ARGUMENT_HEURISTIC_NOTE, checkJudgment, type VerdictArgument } from '../core/why/verdictArgument';

export async function alignCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: ALIGN_FLAGS,
  });
  const file = positionals[0];
  if (!file || positionals.length > 1 || values.record === undefined) throw new UsageError(commandUsage(COMMAND_SPECS.align));
  // Unset: the record's headline judgment, against all its gold judgments (core/alignTarget.ts).
  const judgment = values.judgment === undefined ? undefined : Number(values.judgment);
  const gold = values.gold === undefined ? undefined : Number(values.gold);
  if (judgment !== undefined && (!Number.isInteger(judgment) || judgment < 0)) throw new UsageError('--judgment needs a judgment index (0 is the first)');
  if (gold !== undefined && (!Number.isInteger(gold) || gold < 0)) throw new UsageError('--gold needs a gold judgment index (0 is the first)');
  const aligner = values.aligner ?? 'lexical';
  if (aligner !== 'lexical' && aligner !== 'embedding' && aligner !== 'llm') throw new UsageError(`--aligner must be lexical, embedding or llm, got "${aligner}"`);
  const options = datasetOptions(values);
  const dataset = await openDataset(file, options);
  const record = await findRecord(dataset, options, values.record);
  if (!record) throw new UsageError(`no record "${values.record}" in ${file} (give a 0-based index or an id)`);
  let result: RecordAlignment;
  try {
    if (aligner === 'lexical') result = alignRecord(record, judgment, gold);
    else {
      const profile = endpointProfile(values, 'fidelity');
      const cache = values['no-cache'] ? null : (await openCache(values.cache, profile.apiKey, io)) || null;
      const model = modelAligner({ method: aligner, profile, threshold: numberFlag(values.threshold, 'threshold', 0) ?? DEFAULT_EMBEDDING_THRESHOLD }, cache, retryOption(values).retry);
      try {
        result = await alignRecordWith(record, async (i) => (await model.align(i)).alignment, judgment, gold);
      } finally {
        await cache?.close();
      }
    }
  } catch (err) {
    if (err instanceof AlignRecordError) throw new UsageError(err.message);
    if (err instanceof LlmCallError || err instanceof ChecklistError) {
      io.err(`rationale-lens align: the ${aligner} aligner's call failed: ${err.message}`);
      return 3;
    }
    throw err;
  }
  const a = result.alignment;
  const side = (claims: Claim[]) => claims.map((c) => ({ text: c.text, start: c.start, end: c.end, class: c.class, match: c.match }));
  // Every judgment (sample) of the record gets the rationale-vs-verdict check, not only the aligned one.
  const argumentsOf = record.judgments.map((j, index) => ({ index, order: j.order, ...argumentJson(checkJudgment(j), j.raw) }));
  const aligned = argumentsOf[result.judgmentIndex];
  if (values.json) {
    io.out(
      JSON.stringify(
        {
          record: { index: record.index, id: record.id, line: record.line, link: linkTo(file, record) },
          judgment: result.judgmentIndex,
          reference: result.reference,
          referenceText: result.referenceText,
          tier: a.tier,
          cached: (a as Partial<LlmAlignment>).cached ?? false,
          coverage: a.coverage,
          conflictShare: a.conflictShare,
          estimate: a.estimate,
          arithmetic: coverageArithmetic(a),
          threshold: a.threshold,
          disclaimer: a.disclaimer,
          gold: side(a.gold),
          rationale: side(a.rationale),
          dropped: droppedOf(a),
          contradicts: aligned?.contradicts ?? null,
          argues: aligned?.argues ?? null,
          evidence: aligned?.evidence ?? [],
          argumentHeuristic: ARGUMENT_HEURISTIC_NOTE,
          judgments: argumentsOf,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const mark = { shared: '=', missing: '-', extra: '+', conflict: '!' } as const;
  io.out(`record ${record.id} (line ${record.line}) · judgment ${result.judgmentIndex} against ${referenceName(result.reference, record.goldRationales.length)}`);
  io.out(`open in VS Code: ${linkTo(file, record)}`);
  io.out(`aligner: ${tierLabel(a.tier, (a as Partial<LlmAlignment>).cached ?? false)}`);
  io.out(`${coverageArithmetic(a)} (${a.disclaimer})`);
  for (const d of droppedOf(a)) io.out(`  dropped a ${d.side} quote (${d.reason}): ${oneLine(d.quote) || '(none)'}`);
  if (aligned) {
    io.out(argumentLine(aligned));
    for (const e of aligned.evidence) io.out(`  argues for ${e.argues}: ${oneLine(e.text)}`);
  }
  io.out('\ngold:');
  for (const c of a.gold) io.out(`  ${mark[c.class]} ${oneLine(c.text)}`);
  io.out('\nrationale:');
  for (const c of a.rationale) io.out(`  ${mark[c.class]} ${oneLine(c.text)}`);
  io.out('\n= shared  - missing  + extra  ! conflict');
  return 0;
}

function argumentJson(r: VerdictArgument, raw: string) {
  return { verdict: r.verdict, argues: r.argues, contradicts: r.contradicts, balance: r.balance, evidence: r.evidence.map((e) => ({ ...e, text: raw.slice(e.start, e.end) })) };
}

function argumentLine(r: ReturnType<typeof argumentJson>): string {
  const reading = r.argues === null ? 'takes no clear side' : `argues for ${r.argues}`;
  const against = r.contradicts === true ? ` — CONTRADICTS its verdict ${r.verdict ?? '?'}` : r.contradicts === false ? `, as its verdict does` : r.verdict === 'A' || r.verdict === 'B' ? '' : ` (verdict ${r.verdict ?? 'unreadable'}: not checked)`;
  return `rationale ${reading}${against} (heuristic: a reading of its praise, blame and conclusion)`;
}

function referenceName(reference: RecordAlignment['reference'], golds: number): string {
  if (reference.kind === 'judgment') return `judgment ${reference.index} (no gold judgment in this file)`;
  if (golds === 1) return 'the gold judgment';
  if (reference.indexes.length === 1) return `gold judgment ${reference.indexes[0] ?? 0} of ${golds}`;
  return `the ${golds} gold judgments, joined`;
}

function droppedOf(a: Alignment): DroppedQuote[] {
  return (a as Partial<LlmAlignment>).dropped ?? [];
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}…` : t;
}

async function findRecord(dataset: Awaited<ReturnType<typeof openDataset>>, options: ReturnType<typeof datasetOptions>, selector: string): Promise<EvalRecord | null> {
  const asIndex = /^\d+$/.test(selector) ? Number(selector) : null;
  let byId: EvalRecord | null = null;
  for await (const e of readDataset(dataset, options)) {
    if (e.kind !== 'record') continue;
    if (e.record.id === selector) byId ??= e.record;
    if (asIndex !== null && e.record.index === asIndex) return e.record;
  }
  return byId;
}

/** The record's deep link (id and index, so a repeated id still lands on this record). */
function linkTo(file: string, record: EvalRecord): string {
  return recordLink({ file: resolve(file), record: record.id, index: record.index });
}
