/**
 * A real HTTP server on 127.0.0.1 speaking enough of the OpenAI chat completions protocol for
 * tests and benchmarks: JSON and SSE streaming answers (with `reasoning_content`), `/v1/models`,
 * and scripted failures (429 with Retry-After, 5xx, hangs past the client's timeout, connections
 * dropped mid-stream, malformed or empty answers). Every request is recorded.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatBody } from './fakeOpenAIAnswers';
import { fakeEmbedding, fakeUsage, genrmAnswer, judgeAnswer, promptText } from './fakeOpenAIAnswers';

export { fakeEmbedding, fakeUsage, genrmAnswer, judgeAnswer, promptText } from './fakeOpenAIAnswers';

export interface RecordedRequest {
  /** 0-based order of arrival. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when absent or not JSON). */
  readonly body: ChatBody | null;
  readonly rawBody: string;
  readonly receivedAt: number;
  /** The client closed the connection before the response was complete (cancellation, timeout). */
  closedByClient: boolean;
  finishedAt: number | null;
}

export type FakeAction =
  /** A normal answer: JSON, or SSE when the request asked for `stream: true`. */
  | {
      readonly kind: 'reply';
      readonly content?: string;
      readonly reasoning?: string;
      /** Default 'stop'; null sends no finish_reason at all. */
      readonly finishReason?: string | null;
      readonly delayMs?: number;
      /** SSE: number of chunks the content is split into (default 4). */
      readonly chunks?: number;
      /** SSE: pause between chunks. */
      readonly chunkDelayMs?: number;
      /** The `usage` object sent (as is, odd values included) instead of the computed one. */
      readonly usage?: unknown;
    }
  /** An HTTP error with an OpenAI-style error body. */
  | { readonly kind: 'error'; readonly status: number; readonly message?: string; readonly headers?: Readonly<Record<string, string>>; readonly delayMs?: number }
  /** Never answer (until the client goes away). */
  | { readonly kind: 'hang' }
  /** Start an SSE answer, send `afterChunks` content chunks, then destroy the connection. */
  | { readonly kind: 'drop'; readonly content?: string; readonly reasoning?: string; readonly afterChunks?: number; readonly delayMs?: number }
  /** Send this body verbatim. */
  | { readonly kind: 'raw'; readonly status?: number; readonly contentType?: string; readonly body: string; readonly delayMs?: number };

export type FakeHandler = (req: RecordedRequest) => FakeAction | Promise<FakeAction>;

export interface FakeServerOptions {
  /** Answers requests when the queue is empty. Default: `defaultHandler`. */
  readonly handler?: FakeHandler;
  /** Added before every chat completion answer (the benchmark's model latency). */
  readonly fixedDelayMs?: number;
  readonly models?: readonly string[];
  /** If set, requests whose bearer token differs get 401 (with the given token echoed, as real servers do). */
  readonly requireApiKey?: string;
  /** Keep the request log (default true; the benchmark turns it off to measure memory). */
  readonly record?: boolean;
  /** Port on 127.0.0.1 (default 0: a free one). */
  readonly port?: number;
  /**
   * How `/v1/embeddings` answers: 'requested' (OpenAI's behaviour: base64 float32 when the request
   * asks for `encoding_format: "base64"`, else float lists), or always 'float' lists or always
   * 'base64', whatever was asked (as several servers do).
   */
  readonly embeddingFormat?: EmbeddingFormat;
}

export type EmbeddingFormat = 'requested' | 'float' | 'base64';

/** A vector as OpenAI's base64 encoding sends it: little-endian float32. */
function base64Vector(v: readonly number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

/**
 * The default answer: a fidelity judge's "Correct" when the prompt asks for `<final_verdict>`,
 * else a GenRM rationale ending in \boxed{A}.
 */
const defaultHandler: FakeHandler = (req) =>
  promptText(req.body).includes('final_verdict') ? { kind: 'reply', content: judgeAnswer('Correct') } : { kind: 'reply', content: genrmAnswer('A') };

function split(text: string, n: number): string[] {
  if (text === '') return [];
  const size = Math.max(1, Math.ceil(text.length / Math.max(1, n)));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class FakeOpenAIServer {
  readonly requests: RecordedRequest[] = [];
  fixedDelayMs: number;
  embeddingFormat: EmbeddingFormat;
  /** Chat requests currently being answered. */
  inFlight = 0;
  maxInFlight = 0;
  private seq = 0;
  private readonly queue: FakeAction[] = [];
  private handler: FakeHandler;
  private readonly record: boolean;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly opts: FakeServerOptions,
  ) {
    this.fixedDelayMs = opts.fixedDelayMs ?? 0;
    this.embeddingFormat = opts.embeddingFormat ?? 'requested';
    this.handler = opts.handler ?? defaultHandler;
    this.record = opts.record ?? true;
  }

  static async start(opts: FakeServerOptions = {}): Promise<FakeOpenAIServer> {
    let self: FakeOpenAIServer | null = null;
    const server = createServer((req, res) => {
      if (self) void self.handle(req, res);
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    self = new FakeOpenAIServer(server, port, opts);
    return self;
  }

  /** `http://127.0.0.1:<port>/v1` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  /** Script the next chat requests (first in, first out); the handler answers once the queue is empty. */
  enqueue(...actions: FakeAction[]): this {
    this.queue.push(...actions);
    return this;
  }

  setHandler(h: FakeHandler): this {
    this.handler = h;
    return this;
  }

  /** Forget recorded requests and scripted actions. */
  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
    this.maxInFlight = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body: ChatBody | null = null;
    try {
      body = rawBody ? (JSON.parse(rawBody) as ChatBody) : null;
    } catch {
      body = null;
    }
    const rec: RecordedRequest = {
      seq: this.seq++,
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      headers: req.headers,
      body,
      rawBody: this.record ? rawBody : '',
      receivedAt: Date.now(),
      closedByClient: false,
      finishedAt: null,
    };
    if (this.record) this.requests.push(rec);
    res.on('close', () => {
      if (!res.writableFinished) rec.closedByClient = true;
      rec.finishedAt = Date.now();
    });

    if (this.opts.requireApiKey !== undefined) {
      const got = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
      if (got !== this.opts.requireApiKey) {
        this.json(res, 401, { error: { message: `Incorrect API key provided: ${got}.`, type: 'invalid_request_error', code: 'invalid_api_key' } });
        return;
      }
    }
    if (rec.path.startsWith('/__control/')) {
      this.control(rec, res);
      return;
    }
    if (rec.method === 'GET' && rec.path.endsWith('/models')) {
      const models = this.opts.models ?? ['fake-judge', 'fake-genrm'];
      this.json(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return;
    }
    if (rec.method === 'POST' && rec.path.endsWith('/embeddings')) {
      // A queued error or raw body answers an embeddings call too; otherwise deterministic bag-of-words vectors.
      const next = this.queue[0];
      if (next?.kind === 'error') {
        this.queue.shift();
        this.json(res, next.status, { error: { message: next.message ?? `fake error ${next.status}`, type: 'server_error' } });
        return;
      }
      if (next?.kind === 'raw') {
        this.queue.shift();
        res.writeHead(next.status ?? 200, { 'content-type': next.contentType ?? 'application/json', 'content-length': Buffer.byteLength(next.body) });
        res.end(next.body);
        return;
      }
      const input = (body as { input?: unknown } | null)?.input;
      const texts = (Array.isArray(input) ? input : [input]).map((t) => (typeof t === 'string' ? t : JSON.stringify(t ?? '')));
      const base64 = this.embeddingFormat === 'base64' || (this.embeddingFormat === 'requested' && body?.['encoding_format'] === 'base64');
      const data = texts.map((t, index) => ({ object: 'embedding', index, embedding: base64 ? base64Vector(fakeEmbedding(t)) : fakeEmbedding(t) }));
      this.json(res, 200, { object: 'list', model: body?.model ?? 'fake-embed', data, usage: { prompt_tokens: texts.length, total_tokens: texts.length } });
      return;
    }
    if (rec.method !== 'POST' || !rec.path.endsWith('/chat/completions')) {
      this.json(res, 404, { error: { message: `no route ${rec.method} ${rec.path}`, type: 'not_found' } });
      return;
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on('close', () => this.inFlight--);
    const action = this.queue.shift() ?? (await this.handler(rec));
    if (this.fixedDelayMs > 0) await wait(this.fixedDelayMs);
    if ('delayMs' in action && action.delayMs) await wait(action.delayMs);
    if (res.destroyed) return;
    const stream = body?.stream === true;
    const model = typeof body?.model === 'string' ? body.model : 'fake';
    switch (action.kind) {
      case 'hang':
        return;
      case 'error':
        this.json(res, action.status, { error: { message: action.message ?? `fake error ${action.status}`, type: 'server_error', code: null } }, action.headers);
        return;
      case 'raw':
        res.writeHead(action.status ?? 200, { 'content-type': action.contentType ?? 'application/json', 'content-length': Buffer.byteLength(action.body) });
        res.end(action.body);
        return;
      case 'drop':
        await this.sse(res, model, action.reasoning ?? '', action.content ?? 'partial answer that will be cut', 'stop', 6, 0, action.afterChunks ?? 2);
        return;
      case 'reply':
        if (stream) {
          const usage = (body as { stream_options?: { include_usage?: boolean } } | null)?.stream_options?.include_usage ? ('usage' in action ? action.usage : fakeUsage(body, action.content ?? '', action.reasoning ?? '')) : null;
          await this.sse(res, model, action.reasoning ?? '', action.content ?? '', action.finishReason === undefined ? 'stop' : action.finishReason, action.chunks ?? 4, action.chunkDelayMs ?? 0, null, usage);
        } else {
          const message: Record<string, unknown> = { role: 'assistant', content: action.content ?? '' };
          if (action.reasoning) message['reasoning_content'] = action.reasoning;
          this.json(res, 200, {
            id: `chatcmpl-${rec.seq}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model,
            choices: [{ index: 0, message, finish_reason: action.finishReason === undefined ? 'stop' : action.finishReason }],
            usage: 'usage' in action ? action.usage : fakeUsage(body, action.content ?? '', action.reasoning ?? ''),
          });
        }
        return;
    }
  }

  /**
   * Scripting from another process (end-to-end tests): `POST /__control/enqueue` with a JSON
   * array of FakeAction, `GET /__control/requests` (the log, without control calls),
   * `POST /__control/reset`, `POST /__control/delay` with `{ "ms": 50 }`.
   */
  private control(rec: RecordedRequest, res: ServerResponse): void {
    const i = this.requests.indexOf(rec);
    if (i >= 0) this.requests.splice(i, 1);
    const what = rec.path.slice('/__control/'.length);
    if (what === 'enqueue' && Array.isArray(rec.body)) {
      this.enqueue(...(rec.body as FakeAction[]));
      this.json(res, 200, { queued: this.queue.length });
    } else if (what === 'requests') {
      this.json(res, 200, this.requests.map(({ seq, method, path, headers, body, receivedAt, closedByClient, finishedAt }) => ({ seq, method, path, headers, body, receivedAt, closedByClient, finishedAt })));
    } else if (what === 'reset') {
      this.reset();
      this.json(res, 200, { ok: true });
    } else if (what === 'delay' && typeof rec.body?.['ms'] === 'number') {
      this.fixedDelayMs = rec.body['ms'];
      this.json(res, 200, { ok: true });
    } else {
      this.json(res, 400, { error: { message: `bad control request ${rec.method} ${rec.path}` } });
    }
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private async sse(
    res: ServerResponse,
    model: string,
    reasoning: string,
    content: string,
    finishReason: string | null,
    nChunks: number,
    chunkDelayMs: number,
    dropAfter: number | null,
    usage: unknown = null,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const id = `chatcmpl-${Date.now()}`;
    const created = Math.floor(Date.now() / 1000);
    const send = (delta: Record<string, unknown>, finish: string | null = null): void => {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    };
    // Without pauses, the events of one answer go out together (as a server flushing a finished answer would).
    const corked = chunkDelayMs === 0 && dropAfter === null;
    if (corked) res.cork();
    send({ role: 'assistant', content: '' });
    for (const r of split(reasoning, 2)) send({ reasoning_content: r });
    let sent = 0;
    for (const c of split(content, nChunks)) {
      if (dropAfter !== null && sent >= dropAfter) break;
      if (chunkDelayMs > 0) await wait(chunkDelayMs);
      if (res.destroyed) return;
      send({ content: c });
      sent++;
    }
    if (dropAfter !== null) {
      // Let the chunks reach the client, then kill the connection without finishing the response.
      await new Promise<void>((r) => res.write('', () => r()));
      await wait(10);
      res.socket?.destroy();
      return;
    }
    if (finishReason !== null) send({}, finishReason);
    // stream_options.include_usage: a last chunk with no choices carries the usage, as OpenAI sends it.
    if (usage !== null && usage !== undefined) res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
    res.end('data: [DONE]\n\n');
    if (corked) res.uncork();
  }
}

/**
 * Standalone: `node out/test/support/fake-openai-server.js [--port N] [--delay MS] [--api-key KEY]`
 * prints `{"baseUrl": "..."}` on one line and serves until killed (SIGTERM/SIGINT close it).
 */
if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const port = Number(arg('port') ?? 0);
  const key = arg('api-key');
  void FakeOpenAIServer.start({ fixedDelayMs: Number(arg('delay') ?? 0), ...(key ? { requireApiKey: key } : {}), port }).then((srv) => {
    process.stdout.write(JSON.stringify({ baseUrl: srv.baseUrl }) + '\n');
    const stop = (): void => void srv.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
