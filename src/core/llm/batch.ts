/**
 * Batch hand-off: the requests a run would make, written as OpenAI Batch API input (which Azure's
 * Batch API and `vllm run-batch` read unchanged), and the batch engine's output read back as the
 * answers to those requests. A request's `custom_id` carries the record's ordinal, a hash of its
 * prompt and the request key, so an answer is never folded into a record whose prompt changed.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { MAX_SIDE_LINE_BYTES, readLines } from '../io/jsonl';
import { writeFileAtomically } from '../io/sideFiles';
import type { Infer } from '../schema/schema';
import { arr, check, int, nullable, obj, optional, str } from '../schema/schema';
import type { ChatMessage, Completion } from './client';
import type { LlmRole } from './profile';
import { readUsage } from './usage';

/** The Batch API's limits per input file. */
export const BATCH_LIMITS = { requests: 50_000, bytes: 200 * 1024 * 1024 } as const;

export interface BatchRequestLine {
  readonly custom_id: string;
  readonly method: 'POST';
  readonly url: '/v1/chat/completions';
  readonly body: Readonly<Record<string, unknown>>;
}

/** A short hash of the messages alone: tells "the prompt changed" from "the settings changed". */
export function promptHash(messages: readonly ChatMessage[]): string {
  return createHash('sha256').update(JSON.stringify(messages)).digest('hex').slice(0, 16);
}

export interface CustomId {
  readonly kind: LlmRole;
  readonly recordIndex: number;
  readonly promptHash: string;
  readonly key: string;
}

export function customIdFor(id: CustomId): string {
  return `rlens:${id.kind}:${id.recordIndex}:${id.promptHash}:${id.key}`;
}

const CUSTOM_ID = /^rlens:(fidelity|genrm):(\d{1,15}):([0-9a-f]{16}):([0-9a-f]{64})$/;

export function parseCustomId(text: string): CustomId | null {
  const m = CUSTOM_ID.exec(text);
  return m ? { kind: m[1] as LlmRole, recordIndex: Number(m[2]), promptHash: m[3] as string, key: m[4] as string } : null;
}

/** Part file names when one file would pass a limit: `requests.jsonl` → `requests.001.jsonl`, … */
function partPath(out: string, part: number): string {
  const ext = extname(out);
  return join(dirname(out), `${basename(out, ext)}.${String(part).padStart(3, '0')}${ext || '.jsonl'}`);
}

/**
 * Writes request lines into as few files as the limits allow, each atomically (fsync, rename): one
 * file at `out` when they fit, else numbered parts beside it. Returns the files written.
 */
export async function writeBatchFiles(lines: AsyncIterable<BatchRequestLine>, out: string, limits: { requests: number; bytes: number } = BATCH_LIMITS): Promise<{ files: string[]; requests: number }> {
  const files: string[] = [];
  let part: Buffer[] = [];
  let partBytes = 0;
  let requests = 0;
  const flush = async (last: boolean): Promise<void> => {
    if (part.length === 0 && !(last && files.length === 0)) return;
    const path = last && files.length === 0 ? out : partPath(out, files.length + 1);
    const chunks = part;
    await writeFileAtomically(path, async (fh) => {
      for (const c of chunks) await fh.write(c);
    });
    files.push(path);
    part = [];
    partBytes = 0;
  };
  for await (const line of lines) {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    if (bytes.length > limits.bytes) throw new Error(`the request for ${line.custom_id} alone is ${bytes.length} bytes, over the Batch API's ${limits.bytes}-byte file limit`);
    if (part.length >= limits.requests || partBytes + bytes.length > limits.bytes) await flush(false);
    part.push(bytes);
    partBytes += bytes.length;
    requests++;
  }
  await flush(true);
  return { files, requests };
}

const message = obj({ content: optional(nullable(str())), reasoning_content: optional(nullable(str())), reasoning: optional(nullable(str())) }, { extra: 'allow' });
const choices = arr(obj({ message: optional(message), finish_reason: optional(nullable(str())) }, { extra: 'allow' }));
const responseBody = obj(
  {
    choices: optional(choices),
    // `usage` is read by readUsage, count by count: an odd count is dropped, never the answer.
    error: optional(nullable(obj({ message: optional(nullable(str())) }, { extra: 'allow' }))),
  },
  { extra: 'allow' },
);
/** One line of OpenAI Batch output (vLLM's run-batch writes the same shape). */
const outputLine = obj(
  {
    custom_id: str(4096),
    // OpenAI and vLLM wrap the completion: {status_code, request_id, body}; some runners put it bare.
    response: optional(nullable(obj({ status_code: optional(int(0, 999)), body: optional(nullable(responseBody)), choices: optional(choices) }, { extra: 'allow' }))),
    error: optional(nullable(obj({ code: optional(nullable(str())), message: optional(nullable(str())) }, { extra: 'allow' }))),
  },
  { extra: 'allow' },
);
type OutputLine = Infer<typeof outputLine>;

/** What one batch answer says: a completion (with its usage), or why the request failed. */
export type BatchAnswer = { readonly ok: true; readonly completion: Completion } | { readonly ok: false; readonly error: string; readonly status: number | null };

/** Where a line of batch output is: its file and 1-based line number. */
export interface BatchLineRef {
  readonly file: string;
  readonly line: number;
}

export interface BatchOutput {
  /** The answer used for each custom_id: a valid answer wins over failures whatever their order. */
  readonly answers: Map<string, { readonly id: CustomId | null; readonly answer: BatchAnswer; readonly at: BatchLineRef }>;
  /** Lines that are not Batch output (or too long to read): file, line and why. */
  readonly badLines: (BatchLineRef & { readonly message: string })[];
  /** Lines for a request whose answer is another line (a failure beside a valid answer, a second answer): not used. */
  readonly stray: (BatchLineRef & { readonly customId: string; readonly message: string })[];
}

function answerOf(line: OutputLine, maxAnswerBytes: number): BatchAnswer {
  if (line.error && (line.error.message || line.error.code)) return { ok: false, error: `batch error: ${[line.error.code, line.error.message].filter(Boolean).join(': ')}`, status: null };
  const response = line.response;
  if (!response) return { ok: false, error: 'batch error: the output line has neither a response nor an error', status: null };
  const bare = response.status_code === undefined && response.choices !== undefined;
  const body = bare ? (response as Infer<typeof responseBody>) : (response.body ?? null);
  if (!bare && response.status_code !== 200) return { ok: false, error: `http ${response.status_code ?? 'status missing'}: ${body?.error?.message ?? 'no error message'}`, status: response.status_code ?? null };
  const choice = body?.choices?.[0];
  const content = choice?.message?.content ?? '';
  const reasoning = choice?.message?.reasoning_content ?? choice?.message?.reasoning ?? '';
  if (Buffer.byteLength(content) + Buffer.byteLength(reasoning) > maxAnswerBytes) return { ok: false, error: `answer too large: over ${maxAnswerBytes} bytes`, status: 200 };
  if (content.trim() === '') return { ok: false, error: 'empty_response: the answer was empty', status: 200 };
  const { usage, notes } = readUsage((body as { usage?: unknown } | null)?.usage);
  return { ok: true, completion: { content, reasoning, finishReason: choice?.finish_reason ?? null, attempts: 1, durationMs: 0, usage, ...(notes.length ? { usageNotes: notes } : {}) } };
}

const where = (at: BatchLineRef): string => `${at.file}:${at.line}`;
/** An engine's error message as quoted in a report (it can be any length). */
const quoted = (a: BatchAnswer): string => (a.ok ? '' : a.error.length > 200 ? `${a.error.slice(0, 200)}…` : a.error);

/** Which of two lines for one request is used, and what the other one is said to be. */
function choose(prev: { answer: BatchAnswer; at: BatchLineRef }, next: { answer: BatchAnswer; at: BatchLineRef }): { keepNext: boolean; message: string } {
  if (prev.answer.ok && next.answer.ok) return { keepNext: false, message: `a second answer to a request already answered at ${where(prev.at)}: the first is kept` };
  if (prev.answer.ok && !next.answer.ok) return { keepNext: false, message: `a failure (${quoted(next.answer)}) for a request answered at ${where(prev.at)}: the answer is kept` };
  if (next.answer.ok) return { keepNext: true, message: `a failure (${quoted(prev.answer)}) for a request answered at ${where(next.at)}: the answer is kept` };
  return { keepNext: true, message: `a failure superseded by a later one at ${where(next.at)} (as a retried batch sends it)` };
}

/** Names the record a line that is not Batch output seems to be for, when its custom_id is one of ours. */
function recordHint(value: unknown): string {
  const customId = typeof value === 'object' && value !== null ? (value as { custom_id?: unknown }).custom_id : undefined;
  const id = typeof customId === 'string' ? parseCustomId(customId) : null;
  return id ? ` (for record ${id.recordIndex + 1})` : '';
}

/**
 * Reads Batch output files; every line is validated, a bad one is reported by file and line and
 * skipped, and of several lines for one request the valid answer is used (the others reported).
 */
export async function readBatchOutput(paths: readonly string[], maxAnswerBytes: number, maxLineBytes = MAX_SIDE_LINE_BYTES): Promise<BatchOutput> {
  const answers: BatchOutput['answers'] = new Map();
  const badLines: BatchOutput['badLines'] = [];
  const stray: BatchOutput['stray'] = [];
  for (const file of paths) {
    for await (const line of readLines(file, 0, maxLineBytes)) {
      // A line over the cap comes with no text: it is reported, never taken for a blank line.
      if (line.tooLong) {
        badLines.push({ file, line: line.line, message: `a line of ${line.end - line.start} bytes, over the ${Math.round(maxLineBytes / 1048576)} MB one answer's line may have: not read (its request stays without an answer; export again to ask it again)` });
        continue;
      }
      if (line.text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch (err) {
        badLines.push({ file, line: line.line, message: `not JSON (${(err as Error).message})` });
        continue;
      }
      const checked = check(outputLine, value, 'line');
      if (!checked.ok) {
        badLines.push({ file, line: line.line, message: `not a Batch output line${recordHint(value)}: ${checked.error}` });
        continue;
      }
      const customId = checked.message.custom_id;
      const next = { id: parseCustomId(customId), answer: answerOf(checked.message, maxAnswerBytes), at: { file, line: line.line } };
      const prev = answers.get(customId);
      if (!prev) {
        answers.set(customId, next);
        continue;
      }
      const { keepNext, message } = choose(prev, next);
      if (keepNext) answers.set(customId, next);
      stray.push({ ...(keepNext ? prev.at : next.at), customId, message });
    }
  }
  return { answers, badLines, stray };
}
