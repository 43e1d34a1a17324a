/** The contract every on-disk format implements, and helpers the adapters share. */
import type { AgreeRule, Counts } from '../statistics/metrics';
import type { ConventionFigures } from '../scorers/conventions';
import type { ContentPart, EvalRecord, Fidelity, FidelityVerdict, Judgment, Label, PresentationOrder, Turn, Verdict } from '../record/record';
import { FIDELITY_VERDICTS } from '../record/record';
import type { VerdictPattern } from '../record/verdict';
import { parseVerdict, toOriginalFrame } from '../record/verdict';
import { parseFidelityOutput } from '../llm/parse';

export type FormatName =
  | 'r-align'
  | 'judgebench'
  | 'llmbar'
  | 'mtbench-pair'
  | 'helpsteer3'
  | 'rewardbench'
  | 'mm-rewardbench'
  | 'trl-ralign'
  | 'rewardbench2-generative'
  | 'vl-rewardbench'
  | 'mapping';

/** Where a record sits in its file, handed to adapters so messages and records can point at it. */
export interface EntryContext {
  readonly file: string;
  readonly line: number;
  readonly index: number;
  readonly byteStart: number;
  readonly byteEnd: number;
  readonly extraPatterns?: readonly VerdictPattern[];
}

/** A field problem: `skip` drops the record (it cannot be scored), otherwise it is a warning. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly skip: boolean;
}

export interface AdapterResult {
  readonly record: EvalRecord | null;
  readonly problems: readonly FieldProblem[];
}

export interface FormatAdapter {
  readonly name: FormatName;
  readonly description: string;
  /** True when each pair is judged in both presentation orders. */
  readonly bothOrders: boolean;
  /** How the two orders' agreement is counted, as the format's own scorer does (default `verdicts`). */
  readonly agreeRule?: AgreeRule;
  /**
   * The figures the format's own scorer would print, from the counts alone (so the CLI, the
   * leaderboard and the editor's views all have them), beside R-Align's; absent when the format has none.
   */
  readonly ownScorer?: CountsScorer;
  /** An own scorer that needs every record's fields (RewardBench 2's partial credit): read in whole-file passes only. */
  readonly recordScorer?: RecordScorer;
  /** Recognizes the format from one parsed record. */
  detect(sample: Record<string, unknown>): boolean;
  toRecord(value: unknown, ctx: EntryContext): AdapterResult;
}

interface CountsScorer {
  readonly convention: string;
  readonly scorer: string;
  figures(counts: Counts): ConventionFigures | null;
}

interface RecordScorer {
  readonly convention: string;
  readonly scorer: string;
  start(): { add(record: EvalRecord): void; figures(): ConventionFigures | null };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasKeys(obj: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.every((k) => k in obj);
}

/** Collects problems while an adapter reads fields, so each one names its field. */
export class FieldReader {
  readonly problems: FieldProblem[] = [];

  constructor(readonly obj: Record<string, unknown>) {}

  /** A string field; `required` fields that are missing or not strings make the record unusable. */
  text(key: string, required: boolean): string {
    const value = this.obj[key];
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) {
      if (required) this.problems.push({ field: key, message: `missing field "${key}"`, skip: true });
      return '';
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.problems.push({ field: key, message: `field "${key}" should be a string, found ${describe(value)}`, skip: required });
    return '';
  }

  optionalText(key: string): string | null {
    const value = this.obj[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    this.problems.push({ field: key, message: `field "${key}" should be a string, found ${describe(value)}; ignored`, skip: false });
    return null;
  }

  warn(field: string, message: string): void {
    this.problems.push({ field, message, skip: false });
  }

  fail(field: string, message: string): void {
    this.problems.push({ field, message, skip: true });
  }

  get failed(): boolean {
    return this.problems.some((p) => p.skip);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return value === undefined ? 'nothing (the field is absent)' : `${typeof value} ${JSON.stringify(value) ?? ''}`;
}

export function notAnObject(value: unknown): AdapterResult {
  return { record: null, problems: [{ field: '(record)', message: `expected a JSON object, found ${describe(value)}`, skip: true }] };
}

/**
 * A verdict the file states, and the frame it is stated in: `judge` is the judge's own letter (a
 * token such as `B>A`, a value read through a mapping's value table), which a swapped-order judgment
 * states in the swapped frame; `original` is already the record's (LLMBar's `winner`, MT-Bench's
 * model names).
 */
export interface FileVerdict {
  readonly verdict: Label | null;
  readonly frame: 'judge' | 'original';
}

/**
 * Builds a judgment from raw text. Every verdict read in the judge's frame (the file's, the parser's,
 * the format's own rule) is mapped to the record's original order here and nowhere else, so no
 * verdict source can skip or repeat the mapping. `fileVerdict`, when given, wins over the parser.
 */
export function makeJudgment(args: {
  raw: string;
  field: string;
  order: PresentationOrder;
  ctx: EntryContext;
  fileVerdict?: FileVerdict;
  reasoning?: string | null;
  model?: string | null;
  /**
   * The format's own verdict reading, in the judge's frame (LLMBar's first-pattern rule), used for
   * the cross-check against the file's verdict instead of the default last-verdict rule.
   */
  formatRule?: (text: string) => Verdict;
}): Judgment {
  const inOriginalFrame = (v: Verdict): Verdict => toOriginalFrame(v, args.order);
  const parsed = parseVerdict(args.raw, { reasoning: args.reasoning ?? null, extraPatterns: args.ctx.extraPatterns ?? [] });
  const parsedVerdict = inOriginalFrame(args.formatRule ? args.formatRule(args.raw) : parsed.frameVerdict);
  const file = args.fileVerdict;
  return {
    raw: args.raw,
    thinking: parsed.thinking,
    rationale: parsed.answer,
    rationaleOffset: parsed.answerOffset,
    verdict: file ? (file.frame === 'judge' ? inOriginalFrame(file.verdict) : file.verdict) : parsedVerdict,
    verdictSource: file ? 'file' : 'parser',
    parsedVerdict,
    order: args.order,
    field: args.field,
    ...(args.model ? { model: args.model } : {}),
  };
}

/** `A>B`-style or letter labels, as written (a judgment's token is in the judge's frame: makeJudgment maps it). */
export function labelFromToken(token: unknown): Label | null {
  if (typeof token !== 'string') return null;
  const t = token.trim().toUpperCase();
  if (t === 'A' || t === 'A>B' || t === 'A>>B' || t === 'B<A') return 'A';
  if (t === 'B' || t === 'B>A' || t === 'B>>A' || t === 'A<B') return 'B';
  if (t === 'A=B' || t === 'B=A' || t === 'TIE' || t === 'C') return 'tie';
  return null;
}

/** The reference scorer counts a prediction only when it is exactly "A" or "B" (no trimming). */
export function rAlignPred(raw: unknown): Label | null {
  return raw === 'A' || raw === 'B' ? raw : null;
}

/**
 * Reads the R-Align GenRM and meta-judge fields (`model_judgment`, `model_pred`, `metarm_*`),
 * which any format may carry once a GenRM has been run over it.
 */
export function readRAlignJudging(fields: FieldReader, ctx: EntryContext): { judgments: Judgment[]; fidelity: Fidelity | null } {
  const obj = fields.obj;
  const judgments: Judgment[] = [];
  const hasPred = 'model_pred' in obj;
  const raw = fields.optionalText('model_judgment');
  if (raw !== null || hasPred) {
    const pred = obj.model_pred;
    const fileVerdict = rAlignPred(pred);
    if (hasPred && pred !== null && fileVerdict === null) {
      fields.warn('model_pred', `model_pred is ${describe(pred)}, not "A" or "B": counted as an unparseable verdict (as the R-Align scorer does)`);
    }
    const reasoning = typeof obj.reasoning_content === 'string' ? obj.reasoning_content : null;
    judgments.push(makeJudgment({ raw: raw ?? '', field: 'model_judgment', order: 'original', ctx, fileVerdict: { verdict: fileVerdict, frame: 'judge' }, reasoning }));
  }
  let fidelity: Fidelity | null = null;
  const verdict = obj.metarm_verdict;
  if (verdict !== undefined && verdict !== null) {
    if (typeof verdict === 'string' && (FIDELITY_VERDICTS as readonly string[]).includes(verdict)) {
      const meta = isObject(obj.meta) ? obj.meta : {};
      fidelity = {
        verdict: verdict as FidelityVerdict,
        origin: 'file',
        ...(typeof obj.metarm_analysis === 'string' && obj.metarm_analysis ? { analysis: obj.metarm_analysis } : {}),
        ...keyPointsOf(obj.metarm_raw),
        ...(typeof meta.metarm_model_name === 'string' ? { model: meta.metarm_model_name } : {}),
        ...(typeof meta.metarm_error === 'string' ? { error: meta.metarm_error } : {}),
      };
    } else {
      fields.warn('metarm_verdict', `metarm_verdict ${describe(verdict)} is not one of ${FIDELITY_VERDICTS.join(', ')}; not counted`);
    }
  }
  return { judgments, fidelity };
}

function keyPointsOf(raw: unknown): { keyPoints?: string } {
  if (typeof raw !== 'string') return {};
  const parsed = parseFidelityOutput(raw);
  return parsed.verdict !== 'ParseFail' && parsed.keyPoints ? { keyPoints: parsed.keyPoints } : {};
}

/** Accepts R-Align/OpenAI-style turns; anything else is reported on the named field. */
export function readConversation(fields: FieldReader, key: string, required: boolean): Turn[] {
  const value = fields.obj[key];
  if (value === undefined || value === null) {
    if (required) fields.fail(key, `missing field "${key}" (a list of {role, content} turns)`);
    return [];
  }
  if (!Array.isArray(value)) {
    fields.fail(key, `field "${key}" should be a list of {role, content} turns, found ${describe(value)}`);
    return [];
  }
  const turns: Turn[] = [];
  value.forEach((turn, i) => {
    if (!isObject(turn)) {
      fields.warn(`${key}[${i}]`, `turn ${i} should be an object with role and content, found ${describe(turn)}; ignored`);
      return;
    }
    const role = typeof turn.role === 'string' ? turn.role : 'user';
    const content = turn.content;
    if (typeof content === 'string') turns.push({ role, content });
    else if (Array.isArray(content)) turns.push({ role, content: content.flatMap((part) => contentPart(part)) });
    else fields.warn(`${key}[${i}].content`, `turn ${i} has no text content; ignored`);
  });
  return turns;
}

function contentPart(part: unknown): ContentPart[] {
  if (typeof part === 'string') return [{ type: 'text', text: part }];
  if (!isObject(part)) return [];
  if (part.type === 'text' && typeof part.text === 'string') return [{ type: 'text', text: part.text }];
  if (part.type === 'image_url') {
    const url = isObject(part.image_url) ? part.image_url.url : part.image_url;
    if (typeof url === 'string') return [{ type: 'image', url }];
  }
  if (part.type === 'image') {
    const ref = part.image ?? part.path ?? part.url;
    if (typeof ref === 'string') return [/^(https?|data):/.test(ref) ? { type: 'image', url: ref } : { type: 'image', path: ref }];
  }
  return [];
}

export function idOf(value: unknown, ctx: EntryContext): string {
  if (typeof value === 'string' && value.length) return value;
  if (typeof value === 'number') return String(value);
  return lineId(ctx.line);
}

/** The id of a record that has none of its own: where it starts. */
export function lineId(line: number): string {
  return `line ${line}`;
}

/** What an adapter reads from an entry; the reader's context supplies the rest of the record. */
export type RecordFields = Omit<EvalRecord, 'index' | 'line' | 'byteStart' | 'byteEnd' | 'source'>;

/**
 * The adapter's outcome. The record is one plain object literal on purpose: building it with object
 * spread made V8 promote every record of a load to the old generation (about 2 MB per scavenge,
 * hundreds of MB of garbage before the next full collection on a 1 GB file).
 */
export function recordResult(fields: FieldReader, ctx: EntryContext, source: unknown, f: RecordFields): AdapterResult {
  if (fields.failed) return { record: null, problems: fields.problems };
  const record: EvalRecord = {
    index: ctx.index,
    id: f.id,
    line: ctx.line,
    byteStart: ctx.byteStart,
    byteEnd: ctx.byteEnd,
    conversation: f.conversation,
    responseA: f.responseA,
    responseB: f.responseB,
    goldLabel: f.goldLabel,
    goldRationales: f.goldRationales,
    judgments: f.judgments,
    fidelity: f.fidelity,
    subset: f.subset,
    source,
  };
  // Only rows that hold several samples get the member: every other record keeps the one shape.
  if (f.samples) return { record: { ...record, samples: f.samples, ...(f.samplesAre ? { samplesAre: f.samplesAre } : {}) }, problems: fields.problems };
  return { record, problems: fields.problems };
}
