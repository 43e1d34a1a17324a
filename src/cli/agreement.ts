/**
 * `rationale-lens agreement <annotation.json> [--aligner lexical|embedding|llm] [--json]`: the aligner's
 * "covered" against MetaCritique's human labels (accuracy, precision, recall, Cohen's κ), beside the
 * word-containment baseline at its best threshold, in one run. With `--aligner embedding` and an
 * endpoint, anyone can measure a model tier on their own server in one command.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { alignRationale } from '../core/align';
import type { Agreement, CoverageItem } from '../core/align/agreement';
import { AnnotationError, agreement, containmentBaseline, coveredClaims, goldText, readMetaCritique } from '../core/align/agreement';
import { DEFAULT_EMBEDDING_THRESHOLD } from '../core/align/models/embedding';
import { ChecklistError } from '../core/align/models/llmAligner';
import { modelAligner } from '../core/align/models/modelAligner';
import { LlmCallError } from '../core/llm/client';
import { pct } from '../core/reports/report';
import { endpointProfile, numberFlag, openCache, retryOption } from './endpoint';
import type { IO } from './options';
import { UsageError } from './options';
import { AGREEMENT_FLAGS, COMMAND_SPECS } from './flags';
import { commandUsage } from './usage';

function row(name: string, a: Agreement): string {
  const k = a.kappa === null ? 'n/a' : a.kappa.toFixed(3);
  return `  ${name.padEnd(44)} ${pct(a.accuracy).padStart(6)}  ${pct(a.precision).padStart(9)}  ${pct(a.recall).padStart(6)}  ${k.padStart(6)}`;
}

export async function agreementCommand(args: string[], io: IO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: AGREEMENT_FLAGS });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(commandUsage(COMMAND_SPECS.agreement));
  const aligner = values.aligner ?? 'lexical';
  if (aligner !== 'lexical' && aligner !== 'embedding' && aligner !== 'llm') throw new UsageError(`--aligner must be lexical, embedding or llm, got "${aligner}"`);
  let items: CoverageItem[];
  try {
    items = readMetaCritique(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
  } catch (err) {
    if (err instanceof AnnotationError) throw new UsageError(err.message);
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const cache = aligner === 'lexical' || values['no-cache'] ? null : (await openCache(values.cache, process.env[values['api-key-env'] ?? 'OPENAI_API_KEY'] ?? '', io)) || null;
  const threshold = numberFlag(values.threshold, 'threshold', 0) ?? DEFAULT_EMBEDDING_THRESHOLD;
  const model = aligner === 'lexical' ? null : modelAligner({ method: aligner, profile: endpointProfile(values, 'fidelity'), threshold }, cache, retryOption(values).retry);
  const predicted: boolean[] = [];
  const labels: boolean[] = [];
  const byCritic = new Map<string, { p: boolean[]; l: boolean[] }>();
  for (const item of items) {
    const { text, ranges } = goldText(item.claims);
    let alignment;
    try {
      const input = { gold: text, rationale: item.candidate };
      alignment = model ? (await model.align(input)).alignment : alignRationale(input);
    } catch (err) {
      if (err instanceof LlmCallError || err instanceof ChecklistError) {
        await cache?.close();
        throw new UsageError(`the ${aligner} aligner failed on entry ${item.entry} (${item.critic}): ${err.message}`);
      }
      throw err;
    }
    const covered = coveredClaims(alignment, ranges);
    predicted.push(...covered);
    labels.push(...item.labels);
    const c = byCritic.get(item.critic) ?? { p: [], l: [] };
    c.p.push(...covered);
    c.l.push(...item.labels);
    byCritic.set(item.critic, c);
  }
  await cache?.close();
  const overall = agreement(predicted, labels);
  const baseline = containmentBaseline(items);
  const tier = aligner === 'lexical' ? 'lexical aligner (heuristic)' : aligner === 'llm' ? `LLM aligner (${values.model})` : `embedding aligner (${values.model}, threshold ${threshold})`;
  if (values.json) {
    io.out(JSON.stringify({ file, aligner, items: items.length, labels: labels.length, agreement: overall, byCritic: Object.fromEntries([...byCritic].map(([k, v]) => [k, agreement(v.p, v.l)])), baseline: { method: 'word containment, best threshold on these items', ...baseline } }, null, 2));
    return 0;
  }
  io.out(`${file}: ${items.length} critiques, ${labels.length} human labels of claim coverage (${labels.filter(Boolean).length} covered)`);
  io.out(`  ${''.padEnd(44)} ${'accuracy'.padStart(6)}  ${'precision'.padStart(9)}  ${'recall'.padStart(6)}  ${'κ'.padStart(6)}`);
  io.out(row(tier, overall));
  for (const [critic, v] of byCritic) io.out(row(`  ${critic}`, agreement(v.p, v.l)));
  io.out(row(`word containment ≥ ${baseline.threshold} (best on these)`, baseline.agreement));
  return 0;
}
