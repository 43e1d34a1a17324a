/**
 * Inspect AI `.eval` logs (zip) written by Python's zipfile, an independent writer: each sample is
 * one record read through a field mapping, a re-logged sample's last member wins, and encrypted,
 * truncated, oversized (bomb) or foreign zips say what they are and exit 2.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DatasetSession } from '../../../../src/core/session/session';
import { containerDir } from '../../../support/containerFiles';
import { cliPath } from '../../paths';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An Inspect sample of a pairwise judge: the judge's verdict and explanation in scores. */
function sample(i: number, answer: string, relogged = false) {
  return {
    id: `q${i}`,
    epoch: 1,
    input: `Which answer to question ${i} is better?`,
    target: i % 3 === 0 ? 'B' : 'A',
    metadata: { response_a: `answer a ${i}`, response_b: `answer b ${i}` },
    output: { completion: `Reasoning about ${i}. Verdict: ${answer}` },
    scores: { judge: { value: answer === (i % 3 === 0 ? 'B' : 'A') ? 'C' : 'I', answer, explanation: `${relogged ? 'Re-logged: ' : ''}Because ${i}.` } },
  };
}

const MAPPING = { id: 'id', prompt: 'input', responseA: 'metadata.response_a', responseB: 'metadata.response_b', goldLabel: 'target', judgments: [{ text: 'scores.judge.explanation', verdict: 'scores.judge.answer' }] };

/** Writes members (name, JSON text, deflated or stored) in order with Python's zipfile. */
function pythonZip(file: string, members: [string, string][], stored = false): void {
  const spec = join(containerDir(), 'members.json');
  writeFileSync(spec, JSON.stringify(members));
  const script = `import json, sys, zipfile, warnings
warnings.simplefilter('ignore')
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_${stored ? 'STORED' : 'DEFLATED'}) as z:
    for name, text in json.load(open(sys.argv[2])):
        z.writestr(name, text)`;
  execFileSync('python3', ['-c', script, file, spec]);
}

test('an .eval log reads as its samples, one record each, through a field mapping; the last member of a re-logged sample wins', async () => {
  const dir = containerDir();
  const mapping = join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify(MAPPING));
  const samples = Array.from({ length: 12 }, (_, i) => sample(i, i % 4 === 0 ? 'B' : 'A'));
  const relogged = sample(5, 'B', true);
  const log = join(dir, 'run.eval');
  pythonZip(log, [
    ['_journal/start.json', '{}'],
    ...samples.map((s): [string, string] => [`samples/${s.id}_epoch_1.json`, JSON.stringify(s, null, 2)]),
    ['samples/q5_epoch_1.json', JSON.stringify(relogged, null, 2)],
    ['header.json', JSON.stringify({ status: 'success' })],
  ]);
  const plain = join(dir, 'samples.jsonl');
  writeFileSync(plain, samples.map((s, i) => JSON.stringify(i === 5 ? relogged : s)).join('\n') + '\n');
  const [a, b] = [cli('stats', log, '--mapping', mapping, '--json'), cli('stats', plain, '--mapping', mapping, '--json')];
  assert.equal(a.code, 0, a.stderr);
  const strip = (t: string) => ({ ...(JSON.parse(t) as Record<string, unknown>), file: '' });
  assert.deepEqual(strip(a.stdout), strip(b.stdout));
  assert.equal((JSON.parse(a.stdout) as { records: number }).records, 12);
  // The session re-reads one sample from its member, the re-logged one with its last content.
  const session = await DatasetSession.open(log, { mapping: MAPPING });
  await session.load();
  const record = await session.record(5);
  assert.equal(record.id, 'q5');
  assert.match(JSON.stringify(record.judgments), /Re-logged: Because 5\./);
  assert.equal((await session.record(11)).id, 'q11');
  // Stored (not deflated) members read the same.
  const stored = join(dir, 'stored.eval');
  pythonZip(stored, samples.map((s): [string, string] => [`samples/${s.id}_epoch_1.json`, JSON.stringify(s)]), true);
  assert.equal((JSON.parse(cli('stats', stored, '--mapping', mapping, '--json').stdout) as { records: number }).records, 12);
});

test('encrypted, truncated, bomb-like and foreign zips are refused by name, exit 2', () => {
  const dir = containerDir();
  const good = join(dir, 'good.eval');
  pythonZip(good, [['samples/q1_epoch_1.json', JSON.stringify(sample(1, 'A'))], ['header.json', '{}']]);
  const bytes = readFileSync(good);
  const centralAt = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  // The encryption bit in both headers (Python's zipfile cannot write encrypted members).
  const encrypted = Buffer.from(bytes);
  encrypted[6] = (encrypted[6] as number) | 1;
  encrypted[centralAt + 8] = (encrypted[centralAt + 8] as number) | 1;
  // A directory entry that claims 3 GB once inflated: refused before inflating.
  const bomb = Buffer.from(bytes);
  bomb.writeUInt32LE(3_000_000_000, centralAt + 24);
  // A directory entry that claims fewer bytes than the member inflates to.
  const liar = Buffer.from(bytes);
  liar.writeUInt32LE(10, centralAt + 24);
  const foreign = join(dir, 'foreign.zip');
  pythonZip(foreign, [['data/readme.txt', 'hello']]);
  const cases: [string, Buffer, RegExp][] = [
    ['enc.eval', encrypted, /enc\.eval: samples\/q1_epoch_1\.json is encrypted, which this reader cannot decrypt/],
    ['cut.eval', bytes.subarray(0, centralAt + 10), /cut\.eval: the zip archive has no central directory \(truncated file/],
    ['bomb.eval', bomb, /bomb\.eval: samples\/q1_epoch_1\.json says it holds 3,000,000,000 bytes, over the 128 MB allowed for one sample/],
    ['liar.eval', liar, /liar\.eval: samples\/q1_epoch_1\.json cannot be inflated to the 10 bytes its entry declares/],
    ['foreign.zip', readFileSync(foreign), /foreign\.zip is a zip archive but not an Inspect AI log/],
  ];
  for (const [name, content, message] of cases) {
    const file = join(dir, name);
    writeFileSync(file, content);
    const r = cli('stats', file);
    assert.equal(r.code, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, name);
  }
});
