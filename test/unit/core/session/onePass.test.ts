/**
 * One pass for the Inspector's figures and the status bar's (docs/ARCHITECTURE.md, "The whole-file
 * passes"): the session read in byte ranges, one worker each (`indexRanges`, 'auto' as `stats`
 * would cut the file), must give the status bar `stats`' own figure and tooltip on every kind of
 * file: judge-failed and never-judged records, adversarial lines (issues, subsets, ids), the
 * journal's and the marks' verdicts beside the file.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { journalPathFor } from '../../../../src/core/llm/journal';
import { marksPathFor } from '../../../../src/core/verdicts/marks';
import { DatasetSession } from '../../../../src/core/session/session';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import { rationaleFingerprint } from '../../../../src/core/record/rationaleFingerprint';
import { statusText, summaryView, summaryViewOfStats, tooltipMarkdown } from '../../../../src/presentation/summary';
import { repoRoot, samplesDir, tempFile } from '../../paths';
import { seeded, syntheticRAlignRecord } from '../synthetic';
import { adversarialRAlign } from './adversarialRAlign';

const worker = join(repoRoot, 'out', 'src', 'core', 'session', 'indexWorker.js');
const jsonl = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

/** The status bar's figure and tooltip from the session read in `ranges` byte ranges, and from `stats` (verdicts beside the file folded in, as the editor does). */
async function both(file: string, ranges: number | 'auto') {
  const session = await DatasetSession.open(file, { indexInWorker: worker, indexRanges: ranges });
  await session.load();
  const stats = await computeStats(file, { overlays: true, verdictCheck: true });
  return { session, stats, fromSession: statusText(summaryView(session)), fromStats: statusText(summaryViewOfStats(stats)) };
}

async function assertSame(file: string): Promise<void> {
  for (const ranges of [2, 3, 'auto'] as const) {
    const { session, stats, fromSession, fromStats } = await both(file, ranges);
    assert.equal(fromSession, fromStats, `${file}, ${ranges} ranges`);
    assert.deepEqual(session.snapshot().summary, stats.overall, `${file}, ${ranges} ranges: every figure`);
    assert.equal(session.malformed, stats.malformed);
    assert.equal(session.warnings, stats.warnings);
    // The tooltip's figures, parser disagreements included (the session always counts them).
    assert.equal(tooltipMarkdown(summaryView(session)), tooltipMarkdown(summaryViewOfStats(stats)));
  }
}

test('the status bar\'s figure from the session read in ranges is `stats`\' on the judge-failed/never-judged fixture and the samples', async () => {
  await assertSame(join(repoRoot, 'test', 'fixtures', 'r-align-judge-failed-and-never-judged.jsonl'));
  await assertSame(join(samplesDir, 'r-align-synthetic.jsonl'));
  await assertSame(join(samplesDir, 'malformed.jsonl'));
});

test('the status bar\'s figure from the session read in ranges is `stats`\' on a file of adversarial lines (issues, subsets, odd ids)', async () => {
  await assertSame(tempFile('one-pass-adv.jsonl', adversarialRAlign(17, 600)));
});

test('the status bar\'s figure from the session read in ranges is `stats`\' with a journal and marks beside the file', async () => {
  const rand = seeded(5);
  const file = tempFile('one-pass-overlay.jsonl', jsonl(Array.from({ length: 240 }, (_, i) => syntheticRAlignRecord(i, rand, 60))));
  const shas: string[] = [];
  for await (const e of readDataset(await openDataset(file))) if (e.kind === 'record') shas.push(rationaleFingerprint(e.record));
  const entry = (i: number, verdict: string, rationaleSha?: string) => ({ key: `k${i}`, recordId: `syn-${i}`, recordIndex: i, kind: 'fidelity', model: 'j', verdict, raw: 'x', reasoning: null, analysis: 'why', error: null, cached: false, attempts: 1, finishedAt: 'now', ...(rationaleSha ? { rationaleSha } : {}) });
  // Verdicts on records of every range: a stale one (another rationale) is dropped by both.
  writeFileSync(journalPathFor(file), jsonl([entry(0, 'Incorrect', shas[0]), entry(130, 'Correct', shas[130]), entry(200, 'Correct', 'not-this-rationale'), entry(239, 'Incorrect')]));
  writeFileSync(marksPathFor(file), jsonl([{ recordIndex: 0, recordId: 'syn-0', verdict: 'Correct', at: 'now' }, { recordIndex: 180, recordId: 'syn-180', verdict: 'Incorrect', at: 'now' }]));
  await assertSame(file);
  const { stats } = await both(file, 2);
  assert.equal(stats.overall.origins.human, 2);
  assert.equal(stats.overall.origins.llm, 2, 'records 130 and 239 (record 0 is marked, record 200 is stale)');
  assert.notDeepEqual((await computeStats(file)).overall.fidelity, stats.overall.fidelity, 'the verdicts beside the file move the figures');
});
