import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, parseRetryAfter, retryDelay, DEFAULT_RETRY, AbortedError } from '../../../../src/core/llm/retry';
import { Limiter } from '../../../../src/core/llm/pool';
import { parseBoxedVerdict, parseFidelityOutput } from '../../../../src/core/llm/parse';

test('fidelity output: Correct, Incorrect, anything else Incorrect, missing tags ParseFail', () => {
  const ok = parseFidelityOutput('<golden_key_points>\nK\n</golden_key_points>\n<genrm_analysis>\n It names K. \n</genrm_analysis>\n<final_verdict>\n  CORRECT \n</final_verdict>');
  assert.equal(ok.verdict, 'Correct');
  assert.equal(ok.analysis, 'It names K.');
  assert.equal(ok.keyPoints, 'K');
  assert.equal(parseFidelityOutput('<genrm_analysis>x</genrm_analysis><final_verdict>Incorrect</final_verdict>').verdict, 'Incorrect');
  assert.equal(parseFidelityOutput('<genrm_analysis>x</genrm_analysis><final_verdict>Correct OR Incorrect</final_verdict>').verdict, 'Incorrect');
  assert.equal(parseFidelityOutput('<genrm_analysis>x</genrm_analysis><final_verdict>mostly correct</final_verdict>').verdict, 'Incorrect');
  assert.equal(parseFidelityOutput('<final_verdict>Correct</final_verdict>').verdict, 'ParseFail');
  assert.equal(parseFidelityOutput('<genrm_analysis>x</genrm_analysis> Correct').verdict, 'ParseFail');
  assert.equal(parseFidelityOutput('').verdict, 'ParseFail');
  assert.equal(parseFidelityOutput('I think it is Correct.').verdict, 'ParseFail');
  // An unclosed final tag is tolerated like the reference (text to the end).
  assert.equal(parseFidelityOutput('<genrm_analysis>x</genrm_analysis><final_verdict>Correct').verdict, 'Correct');
  // Inline thinking is removed first: tags inside it do not count.
  const thinking = parseFidelityOutput('<think><genrm_analysis>draft</genrm_analysis><final_verdict>Correct</final_verdict></think><genrm_analysis>final</genrm_analysis><final_verdict>Incorrect</final_verdict>');
  assert.equal(thinking.verdict, 'Incorrect');
  assert.equal(thinking.analysis, 'final');
  const r = parseFidelityOutput('<think>tags here <final_verdict>Correct</final_verdict></think> nothing after');
  assert.equal(r.verdict, 'ParseFail');
});

test('GenRM verdict: the LAST \\boxed{A|B} after thinking removal', () => {
  assert.equal(parseBoxedVerdict('A would be \\boxed{A} if ... but no: \\boxed{B}'), 'B');
  assert.equal(parseBoxedVerdict('<think>\\boxed{B}</think> so \\boxed{A}'), 'A');
  assert.equal(parseBoxedVerdict('<think>\\boxed{B}</think> no box'), null);
  assert.equal(parseBoxedVerdict('boxed{A}'), 'A');
  assert.equal(parseBoxedVerdict('\\boxed{C}'), null);
  assert.equal(parseBoxedVerdict(''), null);
});

test('Retry-After: seconds, HTTP date, retry-after-ms', () => {
  const h = (o: Record<string, string>): Headers => new Headers(o);
  assert.equal(parseRetryAfter(h({ 'retry-after': '3' })), 3000);
  assert.equal(parseRetryAfter(h({ 'retry-after': '0.5' })), 500);
  assert.equal(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
  assert.equal(parseRetryAfter(h({ 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }), now), 5000);
  assert.equal(parseRetryAfter(h({ 'retry-after': 'Wed, 21 Oct 2026 07:27:00 GMT' }), now), 0);
  assert.equal(parseRetryAfter(h({ 'retry-after': 'soon' })), null);
  assert.equal(parseRetryAfter(h({})), null);
  assert.equal(parseRetryAfter(null), null);
});

test('full-jitter backoff stays under the exponential ceiling; Retry-After wins (capped)', () => {
  const o = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelay(0, { ...o, random: () => 0.999 }), 99);
  assert.equal(backoffDelay(3, { ...o, random: () => 0.5 }), 400);
  assert.equal(backoffDelay(10, { ...o, random: () => 0.5 }), 500);
  assert.equal(backoffDelay(2, { ...o, random: () => 0 }), 0);
  assert.equal(retryDelay(0, 7000, o), 7000);
  assert.equal(retryDelay(0, 10_000_000, o), o.maxRetryAfterMs);
});

test('limiter: FIFO, bounded, abortable waiters', async () => {
  const lim = new Limiter(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      lim.run(async () => {
        active++;
        peak = Math.max(peak, active);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      }),
    ),
  );
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  await lim.acquire();
  await lim.acquire();
  const ctrl = new AbortController();
  const waiting = lim.acquire(ctrl.signal);
  assert.equal(lim.waiting, 1);
  ctrl.abort();
  await assert.rejects(waiting, AbortedError);
  assert.equal(lim.waiting, 0);
  lim.release();
  lim.release();
  assert.equal(lim.running, 0);
  assert.throws(() => new Limiter(0), RangeError);
});
