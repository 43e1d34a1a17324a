/**
 * The shapes of an endpoint's answers, checked before anything reads them: a chat completion, a
 * stream event, an embeddings list. A server that answers with something else (an empty body, `null`,
 * an HTML error page with status 200, vectors that are not numbers) gets a message that says what it
 * sent, never an internal "Cannot read properties of undefined".
 *
 * Embeddings are asked for as float lists (`encoding_format: "float"`); a server that sends base64
 * anyway is decoded here as little-endian float32, the OpenAI encoding. Every vector must be finite,
 * of non-zero norm and as long as the others: a vector that is none of these would make every
 * similarity silently 0 or NaN.
 */
import type { Infer, Validator } from '../schema/schema';
import { arr, check, either, int, obj, optional, str } from '../schema/schema';

/** An answer that cannot be used, said in terms of what the server sent. */
export class AnswerShapeError extends Error {
  constructor(
    message: string,
    /** Worth asking again (an empty or cut answer), or not (the server sends this on purpose). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** What the server sent, in a few words: "an empty body", "JSON null", "text \"<html>…\"". */
function describeAnswer(body: unknown, bytes: number): string {
  if (body === undefined || (typeof body === 'string' && body.trim() === '')) return bytes === 0 ? 'an empty body' : `${bytes} bytes of blank text`;
  if (body === null) return 'JSON null';
  if (typeof body === 'string') return `text ${JSON.stringify(body.length > 60 ? `${body.slice(0, 60)}…` : body)}`;
  if (Array.isArray(body)) return `a JSON list of ${body.length} items`;
  if (typeof body === 'object') {
    const keys = Object.keys(body);
    return keys.length === 0 ? 'an empty JSON object' : `a JSON object with ${keys.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  return `JSON ${typeof body}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-streamed chat completion: an object with a `choices` list (its fields are read defensively). */
export function checkChatAnswer(body: unknown, bytes: number): void {
  if (isObject(body) && Array.isArray(body['choices'])) return;
  if (isObject(body) && isObject(body['error'])) {
    const m = body['error']['message'];
    throw new AnswerShapeError(`server error with HTTP 200: ${typeof m === 'string' ? JSON.stringify(m.slice(0, 200)) : describeAnswer(body['error'], bytes)}`, true);
  }
  if (bytes === 0) throw new AnswerShapeError('empty answer: the server answered HTTP 200 with an empty body', true);
  const empty = body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
  throw new AnswerShapeError(`${empty ? 'empty answer' : 'malformed answer'}: the server answered HTTP 200 with ${describeAnswer(body, bytes)} instead of a chat completion (a JSON object with "choices")`, true);
}

/** One event of a streamed chat completion: an object (its `choices` may be absent, as in the usage event). */
export function checkStreamEvent(event: unknown): void {
  if (!isObject(event)) throw new AnswerShapeError(`malformed stream data: an event is ${describeAnswer(event, 1)}, not a chat completion chunk`, true);
}

/** Any JSON number, Infinity from an overflowing literal (1e999) included: vectorsFromAnswer says which one is not finite. */
const anyNumber: Validator<number> = (v, p) => (typeof v === 'number' ? null : `${p}: expected a number, got ${v === null ? 'null' : typeof v}`);
const embeddingItem = obj({ index: optional(int()), embedding: either(str(), arr(anyNumber)) }, { extra: 'allow' });
const embeddingsAnswer = obj({ data: arr(embeddingItem) }, { extra: 'allow' });
type EmbeddingItem = Infer<typeof embeddingItem>;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A base64 vector as little-endian float32 (what OpenAI's base64 encoding holds). */
function decodeBase64(text: string, where: string): number[] {
  const bytes = Buffer.from(text, 'base64');
  if (!BASE64.test(text) || bytes.length === 0 || bytes.length % 4 !== 0) {
    throw new AnswerShapeError(`${where} is a string that is not a base64 list of float32 (${bytes.length} bytes decoded, ${describeAnswer(text, text.length)})`, false);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

const numberText = (x: number): string => (Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity');

/**
 * The vectors of an embeddings answer for `count` texts, in input order. `dimension`: the length the
 * model's earlier vectors had (null when these are the first). Throws AnswerShapeError naming the
 * field and what is wrong with it.
 */
export function vectorsFromAnswer(body: unknown, count: number, bytes: number, dimension: number | null): number[][] {
  const shapeError = check(embeddingsAnswer, body, 'answer');
  if (!shapeError.ok) {
    if (bytes === 0) throw new AnswerShapeError('empty answer: the server answered HTTP 200 with an empty body', true);
    const empty = body === undefined || body === null || (typeof body === 'string' && body.trim() === '');
    if (isObject(body) && Array.isArray(body['data'])) throw new AnswerShapeError(`malformed embeddings answer: ${shapeError.error}`, false);
    throw new AnswerShapeError(`${empty ? 'empty answer' : 'malformed embeddings answer'}: the server answered HTTP 200 with ${describeAnswer(body, bytes)} instead of embeddings (a JSON object with a "data" list)`, empty);
  }
  const data = (body as Infer<typeof embeddingsAnswer>).data;
  if (data.length !== count) throw new AnswerShapeError(`malformed embeddings answer: ${data.length} vectors for ${count} texts`, false);
  const ordered = new Array<(EmbeddingItem & { at: number }) | undefined>(count);
  const indexed = data.every((d) => d.index !== undefined);
  data.forEach((d, at) => {
    const i = indexed ? (d.index as number) : at;
    if (i >= count || ordered[i]) throw new AnswerShapeError(`malformed embeddings answer: data[${at}].index is ${i}, but the indices must be 0 to ${count - 1}, each once`, false);
    ordered[i] = { ...d, at };
  });
  let dim = dimension;
  let dimFrom = dimension === null ? '' : "this model's earlier vectors";
  return (ordered as (EmbeddingItem & { at: number })[]).map((d) => {
    const where = `data[${d.at}].embedding (text ${(d.index ?? d.at) + 1} of ${count})`;
    const v = typeof d.embedding === 'string' ? decodeBase64(d.embedding, where) : d.embedding;
    const sent = typeof d.embedding === 'string' ? 'sent as base64 float32' : 'sent as a list of numbers';
    if (v.length === 0) throw new AnswerShapeError(`unusable embedding: ${where} is empty`, false);
    let squares = 0;
    for (let k = 0; k < v.length; k++) {
      const x = v[k] as number;
      if (!Number.isFinite(x)) throw new AnswerShapeError(`unusable embedding: ${where} has ${numberText(x)} at position ${k} (${sent})`, false);
      squares += x * x;
    }
    if (squares === 0) throw new AnswerShapeError(`unusable embedding: ${where} is all zeros (${sent}): it has no direction to compare`, false);
    if (!Number.isFinite(squares)) throw new AnswerShapeError(`unusable embedding: ${where} has numbers too large to compare (${sent})`, false);
    if (dim === null) {
      dim = v.length;
      dimFrom = `data[${d.at}].embedding`;
    } else if (v.length !== dim) {
      throw new AnswerShapeError(`unusable embedding: ${where} has ${v.length} numbers where ${dimFrom} had ${dim} (${sent}); an embedding model gives every text a vector of the same length`, false);
    }
    return v;
  });
}
