/**
 * One decision of what a judgment is aligned against (core/align/alignTarget.ts): the CLI's `align --json`,
 * the Inspector's record view, the list's coverage column and the hover's line agree on coverage and
 * on the highlighted spans. Before, on a record with several annotators' gold judgments, the CLI
 * aligned against the first annotator's alone while the Inspector joined all of them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDataset, readDataset } from '../../../../src/core/dataset/dataset';
import type { EvalRecord } from '../../../../src/core/record/record';
import { coverageOf } from '../../../../src/presentation/alignment';
import { hoverCoverageLine } from '../../../../src/presentation/hoverCoverage';
import { buildRecordView } from '../../../../src/presentation/recordView';
import type { RecordView } from '../../../../src/protocol/messages';
import { cliPath, fixturesDir, samplesDir } from '../../paths';

const HELPSTEER3 = join(samplesDir, 'helpsteer3-synthetic.jsonl');
const JUDGEBENCH = join(fixturesDir, 'judgebench', 'arena-hard_claude-3-haiku.jsonl');

interface CliClaim {
  text: string;
  start: number;
  end: number;
  class: string;
  match: number | null;
}
interface CliAlignment {
  judgment: number;
  reference: { kind: 'gold'; indexes: number[] } | { kind: 'judgment'; index: number };
  referenceText: string;
  coverage: number | null;
  arithmetic: string;
  gold: CliClaim[];
  rationale: CliClaim[];
}

function cliAlign(file: string, ...args: string[]): { code: number | null; out: CliAlignment | null; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath, 'align', file, ...args, '--json'], { encoding: 'utf8' });
  return { code: r.status, out: r.status === 0 ? (JSON.parse(r.stdout) as CliAlignment) : null, stderr: r.stderr };
}

async function records(file: string, limit = Number.POSITIVE_INFINITY): Promise<EvalRecord[]> {
  const out: EvalRecord[] = [];
  for await (const e of readDataset(await openDataset(file))) {
    if (e.kind === 'record') out.push(e.record);
    if (out.length >= limit) break;
  }
  return out;
}

/** The Inspector's texts and highlights for the judgment the CLI aligned. */
function inspectorSide(view: RecordView, judgment: number) {
  const a = view.alignments.find((x) => x.judgment === judgment);
  assert.ok(a, `the Inspector shows an alignment for judgment ${judgment}`);
  const reference = a.against === 'gold' ? view.goldText : (view.judgments.find((j) => j.order === 'original')?.rationale ?? null);
  assert.ok(reference !== null);
  const rationale = view.judgments[judgment]?.rationale ?? '';
  return { a, spans: (claims: typeof a.gold, text: string) => claims.map((c) => ({ text: text.slice(c.start, c.end), cls: c.cls, match: c.match })), reference, rationale };
}

function assertAgree(record: EvalRecord, view: RecordView, cli: CliAlignment): void {
  const what = `record ${record.id}`;
  const side = inspectorSide(view, cli.judgment);
  assert.equal(side.a.coverage, cli.coverage, `${what}: CLI and Inspector coverage`);
  assert.equal(side.a.arithmetic, cli.arithmetic, `${what}: CLI and Inspector arithmetic`);
  // Highlighted spans: the same text with the same class and partner, each in the text its side shows.
  const cliSpans = (claims: CliClaim[]) => claims.map((c) => ({ text: c.text, cls: c.class, match: c.match }));
  assert.deepEqual(side.spans(side.a.gold, side.reference), cliSpans(cli.gold), `${what}: reference highlights`);
  assert.deepEqual(side.spans(side.a.rationale, side.rationale), cliSpans(cli.rationale), `${what}: rationale highlights`);
  for (const c of cli.gold) assert.equal(cli.referenceText.slice(c.start, c.end), c.text, `${what}: CLI offsets slice its referenceText`);
  assert.equal(coverageOf(record), cli.coverage, `${what}: the list's coverage column`);
  const hover = hoverCoverageLine(record);
  assert.ok(hover.includes(cli.arithmetic), `${what}: the hover shows the CLI's figure (${cli.arithmetic}); it shows: ${hover}`);
}

test('HelpSteer3 records with several annotators: CLI, Inspector, coverage column and hover align against the same joined gold', async () => {
  const all = await records(HELPSTEER3);
  const multi = all.filter((r) => r.goldRationales.length > 1 && r.judgments.length > 0);
  assert.ok(multi.length >= 10, `the sample has records with several annotators (${multi.length})`);
  for (const record of multi) {
    const { code, out, stderr } = cliAlign(HELPSTEER3, '--record', String(record.index));
    assert.equal(code, 0, stderr);
    assert.ok(out);
    assert.deepEqual(out.reference, { kind: 'gold', indexes: record.goldRationales.map((_, i) => i) }, 'all annotators');
    const view = await buildRecordView(record, 'never-judged', samplesDir);
    assert.equal(out.referenceText, view.goldText, 'the joined gold judgments are the reference text');
    assertAgree(record, view, out);
    const hover = hoverCoverageLine(record);
    assert.match(hover, new RegExp(`against the ${record.goldRationales.length} gold judgments, joined`));
  }
});

test('--gold <n> aligns against that annotator alone, with offsets into its own field', async () => {
  const [record] = (await records(HELPSTEER3)).filter((r) => r.goldRationales.length > 1);
  assert.ok(record);
  const { code, out, stderr } = cliAlign(HELPSTEER3, '--record', String(record.index), '--gold', '1');
  assert.equal(code, 0, stderr);
  assert.ok(out);
  assert.deepEqual(out.reference, { kind: 'gold', indexes: [1] });
  assert.equal(out.referenceText, record.goldRationales[1]);
  for (const c of out.gold) assert.equal((record.goldRationales[1] as string).slice(c.start, c.end), c.text);
});

test('a file without gold rationales: the swapped-order judgment against the original-order one, everywhere', async () => {
  for (const record of await records(JUDGEBENCH, 5)) {
    const { code, out, stderr } = cliAlign(JUDGEBENCH, '--record', String(record.index));
    assert.equal(code, 0, stderr);
    assert.ok(out);
    assert.equal(out.judgment, 1, 'the headline judgment is the swapped-order one');
    assert.deepEqual(out.reference, { kind: 'judgment', index: 0 });
    const view = await buildRecordView(record, 'never-judged', fixturesDir);
    assert.deepEqual(
      view.alignments.map((a) => [a.judgment, a.against]),
      [[1, 'original']],
      'the Inspector aligns the swapped order against the original one only',
    );
    assertAgree(record, view, out);
  }
  const asked = cliAlign(JUDGEBENCH, '--record', '0', '--judgment', '0');
  assert.equal(asked.code, 2);
  assert.match(asked.stderr, /original-order judgment 0 is the reference, so align the swapped-order judgment 1 against it/);
});
