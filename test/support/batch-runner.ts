/**
 * A local batch engine for the tests: reads OpenAI Batch input, sends each request's body to an
 * OpenAI-compatible server over real HTTP (as `vllm run-batch` does with its engine), and writes
 * OpenAI Batch output: `{id, custom_id, response: {status_code, request_id, body}, error}` per line.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface InputLine {
  custom_id: string;
  method: string;
  url: string;
  body: Record<string, unknown>;
}

export async function runBatch(inputPath: string, outputPath: string, baseUrl: string): Promise<{ requests: number }> {
  const lines = readFileSync(inputPath, 'utf8').split('\n').filter((l) => l.trim());
  const out: string[] = [];
  let n = 0;
  for (const text of lines) {
    const line = JSON.parse(text) as InputLine;
    if (line.method !== 'POST' || line.url !== '/v1/chat/completions') throw new Error(`unsupported request ${line.method} ${line.url}`);
    n++;
    try {
      const res = await fetch(`${baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...line.body, stream: false }) });
      const body: unknown = await res.json();
      out.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: line.custom_id, response: { status_code: res.status, request_id: `req_${n}`, body }, error: null }));
    } catch (err) {
      out.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: line.custom_id, response: null, error: { code: 'engine_error', message: (err as Error).message } }));
    }
  }
  writeFileSync(outputPath, out.join('\n') + '\n');
  return { requests: n };
}
