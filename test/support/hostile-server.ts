/**
 * A hostile OpenAI-compatible server for the adversarial suite: answers that never end or are
 * huge (generated as they are sent, so the server itself stays small), a server that trickles
 * bytes, one that echoes the caller's key back split across stream chunks, Retry-After of hours,
 * redirects elsewhere, invalid SSE and auth errors. One behaviour per request, chosen by a handler.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type Hostility =
  /** An SSE answer of `bytes` content bytes in `chunkBytes` pieces (never finished when `endless`). */
  | { readonly kind: 'flood-sse'; readonly bytes: number; readonly chunkBytes?: number; readonly endless?: boolean }
  /** A plain JSON answer whose content is `bytes` long, streamed out as it is made. */
  | { readonly kind: 'flood-json'; readonly bytes: number }
  /** Headers, then one SSE comment byte every `everyMs`, forever (slow-loris). */
  | { readonly kind: 'trickle'; readonly everyMs: number }
  /** The Authorization header's key inside the content and the reasoning, cut into `pieceLength`-character chunks. */
  | { readonly kind: 'echo-key'; readonly pieceLength: number }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** Bytes that are not SSE at all, with an event-stream content type. */
  | { readonly kind: 'invalid-sse' }
  /**
   * An embeddings answer with the vectors `vector` makes for each input text, sent as float lists
   * (a non-finite number as the overflowing literal ±1e999, NaN as null: what JSON can carry) or as
   * base64 float32 (which carries NaN and Infinity as they are).
   */
  | { readonly kind: 'embeddings'; readonly format: 'float' | 'base64'; readonly vector: (text: string, index: number) => readonly number[] }
  /** An embeddings answer holding one vector of about `bytes` bytes, streamed out as it is made. */
  | { readonly kind: 'flood-embeddings'; readonly bytes: number };

export type HostileHandler = (req: IncomingMessage, body: Record<string, unknown>) => Hostility;

/** A float list as a server writes it: ±Infinity as an overflowing literal, NaN as null. */
const floatList = (v: readonly number[]): string => `[${v.map((x) => (Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'null' : x > 0 ? '1e999' : '-1e999')).join(',')}]`;

function base64Floats(v: readonly number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString('base64');
}

const sse = (obj: unknown): string => `data: ${JSON.stringify(obj)}\n\n`;
const chunk = (content: string, reasoning = '', finish: string | null = null) => ({ id: 'x', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta: { content, ...(reasoning ? { reasoning_content: reasoning } : {}) }, finish_reason: finish }] });

/** Writes `text`, waiting for the socket to drain; false once the client has gone. */
function write(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(text)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

export class HostileServer {
  /** Requests received, with their Authorization header. */
  readonly requests: { path: string; authorization: string | undefined }[] = [];
  /** Bytes the server managed to write before the client went away. */
  bytesSent = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(handler: HostileHandler): Promise<HostileServer> {
    let self: HostileServer | null = null;
    const timers = new Set<NodeJS.Timeout>();
    const server = createServer((req, res) => {
      void (async () => {
        const parts: Buffer[] = [];
        for await (const c of req) parts.push(c as Buffer);
        const body = (() => {
          try {
            return JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
          } catch {
            return {};
          }
        })();
        self?.requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
        const h = handler(req, body);
        const send = async (text: string) => {
          const ok = await write(res, text);
          if (ok && self) self.bytesSent += text.length;
          return ok;
        };
        if (h.kind === 'status') {
          res.writeHead(h.status, { 'content-type': 'application/json', ...h.headers });
          res.end(h.body ?? JSON.stringify({ error: { message: `hostile ${h.status}` } }));
          return;
        }
        if (h.kind === 'invalid-sse') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end('this is not an event stream {{{\n\n\u0000\u0001');
          return;
        }
        if (h.kind === 'trickle') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const t = setInterval(() => {
            if (res.destroyed) clearInterval(t);
            else res.write(':\n');
          }, h.everyMs);
          timers.add(t);
          res.on('close', () => clearInterval(t));
          return;
        }
        if (h.kind === 'echo-key') {
          const key = (req.headers.authorization ?? '').replace(/^Bearer /, '');
          const text = `<golden_key_points>The key is ${key}.</golden_key_points><genrm_analysis>Again: ${key}.</genrm_analysis><final_verdict>Correct</final_verdict> \\boxed{A}`;
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          for (let i = 0; i < text.length; i += h.pieceLength) await send(sse(chunk(text.slice(i, i + h.pieceLength), text.slice(i, i + h.pieceLength))));
          await send(sse(chunk('', '', 'stop')));
          res.end('data: [DONE]\n\n');
          return;
        }
        if (h.kind === 'embeddings') {
          const input = body['input'];
          const texts = Array.isArray(input) ? input.map(String) : [String(input)];
          const items = texts.map((t, i) => {
            const v = h.vector(t, i);
            return `{"object":"embedding","index":${i},"embedding":${h.format === 'float' ? floatList(v) : JSON.stringify(base64Floats(v))}}`;
          });
          const text = `{"object":"list","model":"m","data":[${items.join(',')}]}`;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
          res.end(text);
          return;
        }
        if (h.kind === 'flood-embeddings') {
          res.writeHead(200, { 'content-type': 'application/json' });
          if (!(await send('{"object":"list","model":"m","data":[{"object":"embedding","index":0,"embedding":['))) return;
          const numbers = '0.125,'.repeat(64 * 1024 / 6);
          for (let n = 0; n < h.bytes; n += numbers.length) if (!(await send(numbers))) return;
          res.end('0.125]}]}');
          return;
        }
        const piece = 'x'.repeat(h.kind === 'flood-sse' ? h.chunkBytes ?? 64 * 1024 : 64 * 1024);
        if (h.kind === 'flood-json') {
          res.writeHead(200, { 'content-type': 'application/json' });
          if (!(await send('{"id":"x","object":"chat.completion","created":0,"model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"'))) return;
          for (let n = 0; n < h.bytes; n += piece.length) if (!(await send(piece))) return;
          res.end('"}}]}');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let n = 0; h.endless || n < h.bytes; n += piece.length) if (!(await send(sse(chunk(piece))))) return;
        await send(sse(chunk('', '', 'stop')));
        res.end('data: [DONE]\n\n');
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    server.on('close', () => timers.forEach(clearInterval));
    const address = server.address();
    self = new HostileServer(server, typeof address === 'object' && address ? address.port : 0);
    return self;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
