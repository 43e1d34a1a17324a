/**
 * Fidelity-judging throughput against a local fake OpenAI server that answers after a fixed delay
 * (the model's latency). At concurrency c and delay d the ideal is c / d requests per second;
 * the pipeline (prompt building, hashing, streaming, parsing, durable journal) should stay close to it.
 * Memory should stay flat: results are not kept (collectResults: false) and records are streamed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { resolveProfile } from '../src/core/llm/profile';
import { runFidelityJudging } from '../src/core/llm/runner';
import type { EvalRecord } from '../src/core/record/record';
import { FakeOpenAIServer, judgeAnswer } from '../test/support/fake-openai-server';

export interface LlmBenchRow {
  /** `fidelity` (the whole pipeline) or `raw-fetch` (bare fetch calls against the same server: the machine's floor). */
  what: 'fidelity' | 'fidelity-soak' | 'raw-fetch';
  concurrency: number;
  records: number;
  delayMs: number;
  seconds: number;
  requestsPerSecond: number;
  idealPerSecond: number;
  percentOfIdeal: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  failed: number;
}

export interface LlmBenchOptions {
  readonly delayMs?: number;
  readonly levels?: readonly number[];
  /** Records per concurrency slot (records = concurrency × this): each level lasts about perSlot × delay. */
  readonly perSlot?: number;
  /** Also time bare fetch calls at the highest level, to tell the machine's limits from ours (default true). */
  readonly baseline?: boolean;
  /** Run the highest level again with 3× the records, to show memory stays flat (default true). */
  readonly soak?: boolean;
}

/** The same number of streamed requests with bare fetch: no openai client, no prompt, no journal. */
async function rawFetch(baseUrl: string, concurrency: number, n: number): Promise<number> {
  const body = JSON.stringify({ model: 'bench-judge', stream: true, messages: [{ role: 'user', content: 'x'.repeat(3000) }] });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const r = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await r.text();
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function record(i: number): EvalRecord {
  const rationale = `Assistant A computes ${i} × 3 = ${i * 3} correctly, while Assistant B writes ${i * 3 + 1}, an arithmetic error. `.repeat(4);
  return {
    index: i,
    id: `bench-${i}`,
    line: i + 1,
    byteStart: 0,
    byteEnd: 0,
    conversation: [{ role: 'user', content: `Compute ${i} × 3 and explain each step.` }],
    responseA: `Step 1: ${i} × 3 = ${i * 3}. `.repeat(20),
    responseB: `Step 1: ${i} × 3 = ${i * 3 + 1}. `.repeat(20),
    goldLabel: 'A',
    goldRationales: [`A is correct; B makes an arithmetic error (${i * 3 + 1} instead of ${i * 3}).`],
    judgments: [{ raw: `${rationale}\\boxed{A}`, thinking: null, rationale: `${rationale}\\boxed{A}`, rationaleOffset: 0, verdict: 'A', verdictSource: 'file', parsedVerdict: 'A', order: 'original', field: 'model_judgment' }],
    fidelity: null,
    subset: null,
    source: {},
  };
}

function* records(n: number, offset: number): Generator<EvalRecord> {
  for (let i = 0; i < n; i++) yield record(offset + i);
}

interface ServerWorkerData {
  readonly rlensFakeServer: true;
  readonly delayMs: number;
}

/**
 * The fake server runs in a worker thread, so its event loop does not compete with the client's
 * (a real model server is another process); the figures then measure our pipeline.
 */
async function startServerThread(delayMs: number): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const w = new Worker(__filename, { workerData: { rlensFakeServer: true, delayMs } satisfies ServerWorkerData });
  const port = await new Promise<number>((resolve, reject) => {
    w.once('message', (m: { port: number }) => resolve(m.port));
    w.once('error', reject);
  });
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: async () => {
      w.postMessage('close');
      await new Promise((r) => w.once('exit', r));
    },
  };
}

function serveInThisThread(data: ServerWorkerData): void {
  const content = judgeAnswer('Correct', 'The GenRM names the arithmetic error in B, the decisive factor.');
  void FakeOpenAIServer.start({ fixedDelayMs: data.delayMs, record: false, handler: () => ({ kind: 'reply', content, reasoning: 'checking the key points' }) }).then((srv) => {
    parentPort?.postMessage({ port: srv.port });
    parentPort?.once('message', () => {
      void srv.close().then(() => parentPort?.close());
    });
  });
}

const mb = (): number => process.memoryUsage().rss / 1048576;
const heapMb = (): number => process.memoryUsage().heapUsed / 1048576;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

export async function benchLlm(opts: LlmBenchOptions = {}): Promise<LlmBenchRow[]> {
  const delayMs = opts.delayMs ?? 50;
  const given = opts.levels ?? [1, 8, 32];
  // The highest level runs a second time with three times the records: memory must not grow with them.
  const lastLevel = given[given.length - 1];
  const levels = lastLevel !== undefined && (opts.soak ?? true) ? [...given, -lastLevel] : given;
  const perSlot = opts.perSlot ?? 40;
  const server = await startServerThread(delayMs);
  const dir = mkdtempSync(join(tmpdir(), 'rlens-llm-bench-'));
  const rows: LlmBenchRow[] = [];
  let offset = 0;
  try {
    for (const level of levels) {
      const concurrency = Math.abs(level);
      const soak = level < 0;
      const profile = resolveProfile({ baseUrl: server.baseUrl, model: 'bench-judge', apiKey: 'sk-bench-000000', concurrency, timeoutMs: 30_000 });
      const journal = join(dir, `journal-c${concurrency}${soak ? '-soak' : ''}.jsonl`);
      // Warm-up: connections, JIT.
      await runFidelityJudging(records(concurrency * 2, 1_000_000 + offset), { profile, journal: false, collectResults: false });
      gc();
      const rssBeforeMb = mb();
      const heapBeforeMb = heapMb();
      const n = concurrency * perSlot * (soak ? 3 : 1);
      const started = process.hrtime.bigint();
      const s = await runFidelityJudging(records(n, offset), { profile, journal, collectResults: false, total: n });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      offset += n;
      gc();
      const rssAfterMb = mb();
      const heapAfterMb = heapMb();
      const requestsPerSecond = n / seconds;
      const idealPerSecond = concurrency / (delayMs / 1000);
      rows.push({
        what: soak ? 'fidelity-soak' : 'fidelity',
        concurrency,
        records: n,
        delayMs,
        seconds,
        requestsPerSecond,
        idealPerSecond,
        percentOfIdeal: (100 * requestsPerSecond) / idealPerSecond,
        rssBeforeMb,
        rssAfterMb,
        heapBeforeMb,
        heapAfterMb,
        failed: s.progress.failed,
      });
    }
    const top = lastLevel;
    if ((opts.baseline ?? true) && top !== undefined) {
      const n = top * perSlot;
      await rawFetch(server.baseUrl, top, top * 2);
      gc();
      const rssBeforeMb = mb();
      const heapBeforeMb = heapMb();
      const seconds = await rawFetch(server.baseUrl, top, n);
      const idealPerSecond = top / (delayMs / 1000);
      rows.push({ what: 'raw-fetch', concurrency: top, records: n, delayMs, seconds, requestsPerSecond: n / seconds, idealPerSecond, percentOfIdeal: (100 * n) / seconds / idealPerSecond, rssBeforeMb, rssAfterMb: mb(), heapBeforeMb, heapAfterMb: heapMb(), failed: 0 });
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function printLlm(rows: readonly LlmBenchRow[]): void {
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with node --expose-gc for steadier memory figures)');
  console.log(`\nfidelity judging against a fake server answering after ${rows[0]?.delayMs ?? '?'} ms (streamed, journaled with fsync):`);
  for (const r of rows) {
    console.log(
      `  ${r.what === 'raw-fetch' ? 'bare fetch  ' : r.what === 'fidelity-soak' ? 'same, 3× N  ' : 'fidelity run'} concurrency ${String(r.concurrency).padStart(3)}: ${String(r.records).padStart(5)} ${r.what === 'raw-fetch' ? 'requests' : 'records '} in ${r.seconds.toFixed(2)} s = ${r.requestsPerSecond.toFixed(1).padStart(6)} req/s, ideal ${r.idealPerSecond.toFixed(0).padStart(4)} → ${r.percentOfIdeal.toFixed(1)}% of ideal; RSS ${r.rssBeforeMb.toFixed(0)} → ${r.rssAfterMb.toFixed(0)} MB, heap ${r.heapBeforeMb.toFixed(1)} → ${r.heapAfterMb.toFixed(1)} MB${r.failed ? `; ${r.failed} FAILED` : ''}`,
    );
  }
}

const wd = workerData as ServerWorkerData | null;
if (!isMainThread && wd?.rlensFakeServer) serveInThisThread(wd);
else if (require.main === module) void benchLlm().then(printLlm);
