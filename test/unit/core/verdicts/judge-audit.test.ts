/** Auditing the fidelity judge: its verdicts (file or LLM) against human marks, in stats and in the session. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { AuditTally, KAPPA_MIN_MARKS, auditSample, formatAudit, kappaWithheld } from '../../../../src/core/verdicts/judgeAudit';
import { marksPathFor } from '../../../../src/core/verdicts/marks';
import { DatasetSession } from '../../../../src/core/session/session';
import { snapshotView } from '../../../../src/presentation/snapshotViews';
import { cliPath, tempFile } from '../../paths';

/**
 * 20 label-correct records judged by the file; people marked them: the judge said aligned on 10 (people
 * agreed on 8), misaligned on 10 (people agreed on 9). κ = (0.85 − 0.5) / (1 − 0.5) = 0.7.
 */
function auditedFile(): string {
  const rows = Array.from({ length: 24 }, (_, i) => ({ id: `r${i}`, response_A: 'a', response_B: 'b', gt_label: 'A', gt_judgment: 'A is right', model_judgment: 'A. \\boxed{A}', model_pred: 'A', metarm_verdict: i < 10 ? 'Correct' : i < 20 ? 'Incorrect' : 'Correct' }));
  const file = tempFile('audited.jsonl', rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const human = (i: number) => (i < 8 ? 'Correct' : i < 10 ? 'Incorrect' : i < 19 ? 'Incorrect' : 'Correct');
  const marks = Array.from({ length: 20 }, (_, i) => JSON.stringify({ recordIndex: i, recordId: `r${i}`, verdict: human(i), at: '2026-12-01T00:00:00Z' }));
  writeFileSync(marksPathFor(file), marks.join('\n') + '\n');
  return file;
}

test('stats reports the judge against the human marks: 2×2, agreement, κ with an interval', () => {
  const file = auditedFile();
  const r = spawnSync(process.execPath, [cliPath, 'stats', file, '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const audit = (JSON.parse(r.stdout) as { judgeAudit: { n: number; agreement: number; kappa: number; kappaInterval: [number, number]; table: unknown; judgeOrigins: unknown } }).judgeAudit;
  assert.equal(audit.n, 20);
  assert.deepEqual(audit.table, { aligned: { aligned: 8, misaligned: 2 }, misaligned: { aligned: 1, misaligned: 9 } });
  assert.equal(audit.agreement, 0.85);
  assert.ok(Math.abs(audit.kappa - 0.7) < 1e-12, String(audit.kappa));
  assert.ok(audit.kappaInterval[0] < 0.7 && 0.7 < audit.kappaInterval[1] && audit.kappaInterval[0] > -1 && audit.kappaInterval[1] <= 1, JSON.stringify(audit.kappaInterval));
  assert.deepEqual(audit.judgeOrigins, { llm: 0, file: 20 });
  const table = spawnSync(process.execPath, [cliPath, 'stats', file], { encoding: 'utf8' });
  assert.match(table.stdout, /fidelity judge vs human marks \(20 file verdicts\): κ 0\.70 \[[\d.-]+–[\d.]+\] · agreement 85\.0% \(17\/20\)/);
});

test('the session gives the same audit for the Inspector header; a file without marks has none', async () => {
  const session = await DatasetSession.open(auditedFile());
  await session.load();
  const audit = session.snapshot().audit;
  assert.equal(audit?.n, 20);
  assert.ok(Math.abs((audit?.kappa ?? 0) - 0.7) < 1e-12);
  const t = new AuditTally();
  t.add({ verdict: 'Correct', origin: 'human' }, 'Correct');
  t.add({ verdict: 'CallFail', origin: 'file' }, 'Correct');
  assert.equal(t.result(), null, 'only judge verdicts Correct/Incorrect under a mark count');
});

test('the audit sample is seeded, stratified by the judge verdict, and fills from the other stratum when one runs short', () => {
  const candidates = [...Array.from({ length: 30 }, (_, i) => ({ index: i, verdict: 'Correct' as const })), ...Array.from({ length: 5 }, (_, i) => ({ index: 100 + i, verdict: 'Incorrect' as const }))];
  const s = auditSample(candidates, 8, 1);
  assert.deepEqual(s, [...s].sort((a, b) => a - b), 'file order');
  assert.equal(s.filter((i) => i >= 100).length, 4, 'half from the misaligned stratum');
  assert.deepEqual(auditSample(candidates, 8, 1), s, 'same seed, same sample');
  assert.notDeepEqual(auditSample(candidates, 8, 2), s);
  const short = auditSample(candidates, 16, 1);
  assert.equal(short.length, 16);
  assert.equal(short.filter((i) => i >= 100).length, 5, 'every misaligned one, the rest aligned');
  assert.equal(auditSample(candidates, 100, 1).length, 35);
});

/** The audited file with only the first `n` of its marks. */
function fileWithMarks(n: number, verdict?: 'Correct' | 'Incorrect'): string {
  const file = auditedFile();
  const marks = Array.from({ length: n }, (_, i) => JSON.stringify({ recordIndex: i, recordId: `r${i}`, verdict: verdict ?? (i % 2 ? 'Incorrect' : 'Correct'), at: '2026-12-01T00:00:00Z' }));
  writeFileSync(marksPathFor(file), marks.join('\n') + '\n');
  return file;
}

test('below 10 marks, κ is withheld with "too few marks for κ (n of 10)": the CLI, its JSON and the Inspector say the same', async () => {
  // One mark disagreeing with the judge used to read "κ 0.00 [0.00–0.00] · agreement 0.0% (0/1)".
  const file = fileWithMarks(1, 'Incorrect');
  const json = spawnSync(process.execPath, [cliPath, 'stats', file, '--json'], { encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  const audit = (JSON.parse(json.stdout) as { judgeAudit: { n: number; kappa: number | null; kappaInterval: unknown; kappaWithheld: string | null } }).judgeAudit;
  assert.equal(audit.n, 1);
  assert.equal(audit.kappa, null);
  assert.equal(audit.kappaInterval, null);
  assert.equal(audit.kappaWithheld, 'too few marks for κ (1 of 10)');
  const table = spawnSync(process.execPath, [cliPath, 'stats', file], { encoding: 'utf8' }).stdout;
  assert.match(table, /fidelity judge vs human marks \(1 file verdict\): too few marks for κ \(1 of 10\) · 0 of 1 agreed/);
  assert.doesNotMatch(table, /κ 0\.00|agreement 0\.0%/);
  const session = await DatasetSession.open(file);
  await session.load();
  const shown = snapshotView(session.snapshot(), session.subsets(), 0).audit;
  assert.match(shown ?? '', /too few marks for κ \(1 of 10\) · 0 of 1 agreed/);
  assert.equal(formatAudit(session.snapshot().audit!), table.match(/fidelity judge vs human marks[^\n]*/)?.[0]);
});

test('κ needs 10 marks and marks both ways: 9 withheld, 10 of one kind withheld, 10 of both given', () => {
  const at = (n: number, human: (i: number) => 'Correct' | 'Incorrect') => {
    const t = new AuditTally();
    for (let i = 0; i < n; i++) t.add({ verdict: i % 3 ? 'Correct' : 'Incorrect', origin: 'file' }, human(i));
    return t.result()!;
  };
  assert.equal(at(9, (i) => (i % 2 ? 'Correct' : 'Incorrect')).kappaWithheld, `too few marks for κ (9 of ${KAPPA_MIN_MARKS})`);
  const oneKind = at(10, () => 'Correct');
  assert.equal(oneKind.kappa, null);
  assert.match(oneKind.kappaWithheld ?? '', /every mark says aligned/);
  const both = at(10, (i) => (i % 3 ? 'Correct' : 'Incorrect'));
  assert.equal(both.kappaWithheld, null);
  assert.equal(both.kappa, 1);
  assert.equal(kappaWithheld(0, 0), 'too few marks for κ (0 of 10)');
});
