/**
 * Undoing a mark: one more line in the append-only marks file restores the verdict in force before
 * (the earlier mark with its note, or none), and the session, `stats` and the Inspector's feedback
 * all count it the same way.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { marksPathFor, readMarks } from '../../../../src/core/verdicts/marks';
import { DatasetSession } from '../../../../src/core/session/session';
import { computeStats } from '../../../../src/core/tally/fileTally';
import { MarkHistory, figureChanges } from '../../../../src/presentation/markFeedback';
import { samplesDir, tempFile } from '../../paths';

async function sample(): Promise<{ path: string; session: DatasetSession }> {
  const path = tempFile('r-align-synthetic.jsonl', '');
  copyFileSync(join(samplesDir, 'r-align-synthetic.jsonl'), path);
  const session = await DatasetSession.open(path);
  await session.load();
  return { path, session };
}

test('mark then undo: the figures, the class and stats are back where they were; the file only grew', async () => {
  const { path, session } = await sample();
  const s0 = session.snapshot().summary;
  const aligned = session.next(-1, 'aligned');
  const change = await session.mark(aligned, 'Incorrect', 'wrong reason');
  assert.equal(change.replaced, null);
  assert.equal(session.kindOf(aligned), 'spurious');
  const firstLine = readFileSync(marksPathFor(path), 'utf8');
  const undo = await session.undoMark(change);
  assert.equal(undo.written.verdict, null, 'no mark was in force before: the undo clears');
  assert.equal(undo.written.undoes, change.written.at);
  assert.deepEqual(session.snapshot().summary, s0);
  assert.equal(session.kindOf(aligned), 'aligned');
  const text = readFileSync(marksPathFor(path), 'utf8');
  assert.ok(text.startsWith(firstLine), 'append-only: the mark stays, the undo follows it');
  assert.equal(text.trim().split('\n').length, 2);
  assert.deepEqual((await computeStats(path, { overlays: true })).overall, s0, 'stats reads the undo as the session does');
  assert.equal((await readMarks(marksPathFor(path))).size, 0);
});

test('undo restores the earlier mark with its note; a record marked again since is not undone', async () => {
  const { path, session } = await sample();
  const spurious = session.next(-1, 'spurious');
  await session.mark(spurious, 'Correct', 'first reading');
  const afterFirst = session.snapshot().summary;
  const second = await session.mark(spurious, 'Incorrect');
  assert.equal(second.replaced?.verdict, 'Correct');
  await session.undoMark(second);
  assert.deepEqual(session.snapshot().summary, afterFirst);
  const marks = await readMarks(marksPathFor(path));
  assert.equal(marks.get(spurious)?.verdict, 'Correct');
  assert.equal(marks.get(spurious)?.note, 'first reading');
  assert.deepEqual((await computeStats(path, { overlays: true })).overall, afterFirst);
  // Marked again (here or elsewhere) after the change: undoing it would discard that later mark.
  const third = await session.mark(spurious, 'Incorrect');
  await session.mark(spurious, 'Correct');
  await assert.rejects(session.undoMark(third), /marked again since/);
  // A reload reads the same state from the file alone.
  await session.reloadVerdicts(false);
  assert.equal(session.kindOf(spurious), 'aligned');
});

test('the Inspector is told S-Corr before → after, and u walks back its marks last first', async () => {
  const { session } = await sample();
  const history = new MarkHistory();
  const aligned = session.next(-1, 'aligned');
  const s0 = session.snapshot().summary;
  const marked = await history.mark(session, 1, aligned, 'Incorrect');
  const s1 = session.snapshot().summary;
  assert.notEqual(s1.sCorr, s0.sCorr);
  assert.deepEqual(marked.figures[0], { name: 'S-Corr', before: s0.sCorr, after: s1.sCorr });
  assert.ok(marked.figures.some((f) => f.name === 'F-Score' && f.before === s0.fScore && f.after === s1.fScore));
  assert.ok(!marked.figures.some((f) => f.name === 'L-Acc'), 'a mark never moves L-Acc');
  assert.equal(marked.canUndo, true);
  const other = session.next(aligned, 'aligned');
  await history.mark(session, 2, other, 'Incorrect');
  const back1 = await history.undo(session, 3);
  assert.equal(back1?.index, other);
  assert.equal(back1?.undone, true);
  assert.deepEqual(session.snapshot().summary, s1);
  const back2 = await history.undo(session, 4);
  assert.deepEqual(back2?.figures[0], { name: 'S-Corr', before: s1.sCorr, after: s0.sCorr });
  assert.equal(back2?.canUndo, false);
  assert.equal(await history.undo(session, 5), null);
  assert.deepEqual(figureChanges(session.counts(), session.counts()), [{ name: 'S-Corr', before: s0.sCorr, after: s0.sCorr }], 'S-Corr is said even unchanged');
});

test('marks kept in the editor\'s store: appended there, read after the ones beside the data, counted by stats given the store; the CLI sees only the data\'s', async () => {
  const { path } = await sample();
  const store = join(dirname(path), 'storage', 'abc-r-align-synthetic.jsonl.rlens-marks.jsonl');
  mkdirSync(dirname(store));
  // A mark made beside the data before the switch keeps counting; a clear in the store undoes another.
  const beside = await DatasetSession.open(path);
  await beside.load();
  const spurious = beside.next(-1, 'spurious');
  const second = beside.next(spurious, 'spurious');
  await beside.mark(spurious, 'Correct');
  await beside.mark(second, 'Correct');
  const session = await DatasetSession.open(path, { marksStore: store });
  await session.load();
  assert.equal(session.marksFile, store);
  assert.equal(session.kindOf(spurious), 'aligned', 'the mark beside the data counts');
  const besideText = readFileSync(marksPathFor(path), 'utf8');
  const change = await session.mark(second, null);
  const aligned = session.next(-1, 'aligned');
  await session.mark(aligned, 'Incorrect');
  assert.equal(readFileSync(marksPathFor(path), 'utf8'), besideText, 'nothing more is written beside the data');
  assert.equal(readFileSync(store, 'utf8').trim().split('\n').length, 2);
  assert.equal(session.kindOf(second), 'spurious', 'the clear in the store wins over the mark beside the data');
  assert.equal(change.replaced?.verdict, 'Correct');
  const inEditor = session.snapshot().summary;
  assert.deepEqual((await computeStats(path, { overlays: true, marksStore: store })).overall, inEditor);
  const reread = await DatasetSession.open(path, { marksStore: store });
  await reread.load();
  assert.deepEqual(reread.snapshot().summary, inEditor, 'a fresh session reads both files the same way');
  const cli = (await computeStats(path, { overlays: true })).overall;
  assert.equal(cli.fidelity.aligned, beside.snapshot().summary.fidelity.aligned, 'the CLI counts only the marks beside the data');
});
