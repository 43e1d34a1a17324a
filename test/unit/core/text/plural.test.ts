/** Counts are worded by one helper, singular for exactly one: the CLI's table said "1 warnings". */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { counted, plural } from '../../../../src/core/text/plural';
import { cliPath, samplesDir } from '../../paths';

test('counted / plural: singular for exactly one, grouped thousands, irregular plurals', () => {
  assert.equal(counted(1, 'warning'), '1 warning');
  assert.equal(counted(0, 'warning'), '0 warnings');
  assert.equal(counted(12345, 'record'), '12,345 records');
  assert.equal(counted(1, 'unreadable entry', 'unreadable entries'), '1 unreadable entry');
  assert.equal(counted(2, 'unreadable entry', 'unreadable entries'), '2 unreadable entries');
  assert.equal(plural(1, 'has', 'have'), 'has');
  assert.equal(plural(3, 'has', 'have'), 'have');
});

test('stats on a file with one warning says "1 warning"', () => {
  const r = spawnSync(process.execPath, [cliPath, 'stats', join(samplesDir, 'r-align-synthetic.jsonl')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /· 48 records · 0 malformed skipped · 1 warning$/m);
  assert.doesNotMatch(r.stdout, /\b1 warnings\b/);
});
