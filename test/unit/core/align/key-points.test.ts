/** Judge-grounded key points: read from metarm_raw and the project's own judge runs, split, anchored only where they really quote the texts. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { anchorKeyPoints, splitKeyPoints } from '../../../../src/core/align/keyPoints';
import { DatasetSession } from '../../../../src/core/session/session';
import { buildRecordView } from '../../../../src/presentation/recordView';
import { recordView as recordViewValidator } from '../../../../src/protocol/messages';
import { samplesDir } from '../../paths';

test('key points are split on bullets and numbers, wrapped lines joined', () => {
  assert.deepEqual(splitKeyPoints('- A errs on 17 × 4.\n  It reports 398.\n* B is right.\n2) B checks its work.'), ['A errs on 17 × 4. It reports 398.', 'B is right.', 'B checks its work.']);
  assert.deepEqual(splitKeyPoints('A errs.\nB is right.'), ['A errs.', 'B is right.']);
});

test('a point is anchored where it quotes a text, and never where it does not', () => {
  const gold = 'Response A computes 17 × 4 as 58 instead of 68 and therefore reports 398, which is wrong.';
  const rationale = 'A makes a slip: "17 × 4 = 58". B is correct.';
  const points = anchorKeyPoints('- The gold says "computes 17 × 4 as 58 instead of 68".\n- B cites a source nobody can find.', gold, rationale);
  assert.equal(points.length, 2);
  const [quoted, invented] = points;
  assert.ok(quoted?.gold);
  assert.equal(gold.slice(quoted.gold.start, quoted.gold.end), 'computes 17 × 4 as 58 instead of 68');
  assert.equal(quoted.rationale, null);
  assert.deepEqual([invented?.gold, invented?.rationale], [null, null]);
});

test('the Inspector record view carries the judge\'s key points from metarm_raw, anchored in the shown texts', async () => {
  const session = await DatasetSession.open(join(samplesDir, 'r-align-synthetic.jsonl'));
  await session.load();
  const record = await session.record(0);
  const view = await buildRecordView(record, session.kindOf(0), session.baseDir);
  assert.equal(recordViewValidator(view, 'record'), null);
  const kp = view.fidelity?.keyPoints ?? [];
  assert.equal(kp.length, 2, JSON.stringify(kp));
  assert.match(kp[0]?.text ?? '', /Response A miscomputes 17 × 4 as 58/);
  for (const p of kp) {
    if (p.gold) assert.ok(view.goldText && p.gold.end <= view.goldText.length);
  }
});

test('an LLM judge run\'s key points come with its verdict from the journal', async () => {
  const { VerdictOverlay } = await import('../../../../src/core/verdicts/verdictOverlay');
  const { journalPathFor } = await import('../../../../src/core/llm/journal');
  const { writeFileSync } = await import('node:fs');
  const { tempFile } = await import('../../paths');
  const file = tempFile('eval.jsonl', '{}\n');
  const raw = '<golden_key_points>\n- A reports 398, which is wrong.\n</golden_key_points>\n<genrm_analysis>\nNamed.\n</genrm_analysis>\n<final_verdict>\nCorrect\n</final_verdict>';
  writeFileSync(journalPathFor(file), `${JSON.stringify({ key: 'k0', recordId: '1', recordIndex: 0, kind: 'fidelity', model: 'j', verdict: 'Correct', raw, reasoning: null, analysis: 'Named.', error: null, cached: false, attempts: 1, finishedAt: 'now' })}\n`);
  const overlay = await VerdictOverlay.load(file);
  assert.equal(overlay.llmVerdict(0)?.keyPoints, '- A reports 398, which is wrong.');
});
