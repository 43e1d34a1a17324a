/** The rationale-vs-verdict check through the CLI (`align --json`, `stats` table and `--json`) and every tally path. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { computeStats } from '../../../src/core/tally/fileTally';
import { cliPath } from '../paths';
import { CONTRADICTION_ROWS as rows, contradictionFile } from '../core/why/contradictionFile';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const file = contradictionFile();

test('stats --json counts judgments whose rationale argues for the other response, overall and among label-correct ones', () => {
  const r = cli('stats', file, '--json');
  assert.equal(r.code, 0, r.stderr);
  const s = (JSON.parse(r.stdout) as { selfContradicted: Record<string, unknown> }).selfContradicted;
  assert.equal(s.judgments, 4, 'the unreadable verdict is not checked');
  assert.equal(s.contradicted, 2);
  assert.deepEqual(s.labelCorrect, { judgments: 3, contradicted: 1 });
  assert.equal(s.labelCorrectRate, 1 / 3);
  assert.match(String(s.heuristic), /Heuristic/);
});

test('the stats table says it, labelled a heuristic; --no-contradiction-check leaves it out', () => {
  const table = cli('stats', file);
  assert.match(table.stdout, /rationale argues for the other response than its verdict \(heuristic\): 2 of 4 judgments checked \(50\.0%\) · 1 of 3 label-correct \(33\.3%, right by accident\)/);
  const off = cli('stats', file, '--json', '--no-contradiction-check');
  assert.equal((JSON.parse(off.stdout) as { selfContradicted: unknown }).selfContradicted, null);
  assert.doesNotMatch(cli('stats', file, '--no-contradiction-check').stdout, /argues for the other/);
});

test('the fast path, the worker threads and the full reader count the same', async () => {
  const full = await computeStats(file, { strict: true, contradictionCheck: true });
  const fast = await computeStats(file, { workers: 1, contradictionCheck: true });
  const parallel = await computeStats(file, { workers: 3, contradictionCheck: true });
  assert.equal(full.selfContradicted?.contradicted, 2);
  assert.deepEqual(fast.selfContradicted, full.selfContradicted);
  assert.deepEqual(parallel.selfContradicted, full.selfContradicted);
});

test('align --json gives each judgment contradicts and its evidence span; the text output says it is a heuristic', () => {
  const r = cli('align', file, '--record', 'accident', '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as {
    contradicts: boolean | null;
    argues: string | null;
    evidence: { start: number; end: number; text: string; argues: string }[];
    judgments: { index: number; contradicts: boolean | null; evidence: { start: number; end: number }[] }[];
  };
  assert.equal(out.contradicts, true);
  assert.equal(out.argues, 'B');
  const raw = rows[0]?.model_judgment ?? '';
  assert.ok(out.evidence.length > 0);
  for (const e of out.evidence) assert.equal(raw.slice(e.start, e.end), e.text, 'offsets index the field as written, thinking included');
  assert.ok(out.evidence.some((e) => e.text === 'Response B is clearly better.'));
  assert.equal(out.judgments.length, 1);
  assert.equal(out.judgments[0]?.contradicts, true);

  const concession = JSON.parse(cli('align', file, '--record', 'concession', '--json').stdout) as { contradicts: boolean | null };
  assert.equal(concession.contradicts, false);
  const tie = JSON.parse(cli('align', file, '--record', 'tie', '--json').stdout) as { contradicts: boolean | null };
  assert.equal(tie.contradicts, null);

  const text = cli('align', file, '--record', 'accident');
  assert.match(text.stdout, /rationale argues for B — CONTRADICTS its verdict A \(heuristic/);
  assert.match(text.stdout, /argues for B: Response B is clearly better\./);
});
