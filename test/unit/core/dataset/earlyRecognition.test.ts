/**
 * The editor offers its commands (Open Inspector among them) as soon as a file's first records are
 * recognized, for every record-per-entry kind: before, only plain `.jsonl` was, so a large
 * `.jsonl.gz`, `.jsonl.zst` or Parquet file had no Open Inspector in the palette until it was wholly
 * indexed (found by the Inspector bench on a 1 GB `.jsonl.gz`). Each kind's name is early, and its
 * format is indeed known from its first records.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openDataset } from '../../../../src/core/dataset/dataset';
import { recognizedFromFirstRecords } from '../../../../src/core/dataset/earlyRecognition';
import { containerDir, duckDbJsonlPair, duckDbParquet, gzipCopy } from '../../../support/containerFiles';
import { samplesDir } from '../../paths';

test('every record-per-entry kind gets the commands from its first records; a plain .json file waits for its load', async () => {
  const sample = join(samplesDir, 'r-align-synthetic.jsonl');
  const dir = containerDir();
  const [, zst] = await duckDbJsonlPair(sample, dir);
  const { zstd: parquet } = await duckDbParquet(sample, dir, ['zstd']);
  for (const file of [sample, gzipCopy(sample, dir), zst, parquet]) {
    assert.equal(recognizedFromFirstRecords(file), true, file);
    assert.equal((await openDataset(file)).adapter.name, 'r-align', file);
  }
  assert.equal(recognizedFromFirstRecords('/w/logs/2026-12-01T10-00-00_task.eval'), true);
  for (const name of ['/w/package.json', '/w/result.json', '/w/results.json.gz', '/w/notes.txt', '/w/data.jsonl.bak']) assert.equal(recognizedFromFirstRecords(name), false, name);
});
