/** A failure nobody awaits is not dropped: it writes a line, saying what failed and where, to the log passed in. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { copiesWritten, setDecompressedCopyDir } from '../../../../src/core/io/containers/decompressedCopy';
import { logFailure } from '../../../../src/core/log/logger';
import { DatasetSession } from '../../../../src/core/session/session';
import { containerDir, gzipCopy } from '../../../support/containerFiles';
import { recordingLog } from '../../../support/recordingLog';
import { samplesDir } from '../../paths';


test('a decompressed copy that cannot be written is logged with the file, the copy and the reason; the file is still read', async () => {
  const dir = containerDir();
  const gz = gzipCopy(join(samplesDir, 'r-align-synthetic.jsonl'), dir);
  // The copy folder's parent is a regular file: making the folder fails (ENOTDIR), for root too.
  const blocker = join(containerDir(), 'not-a-folder');
  writeFileSync(blocker, '');
  const log = recordingLog();
  setDecompressedCopyDir(join(blocker, 'decompressed'), log);
  try {
    const session = await DatasetSession.open(gz);
    await session.load();
    await copiesWritten();
    assert.ok(session.count > 0);
    const line = log.lines.find((l) => l.includes('decompressed copy'));
    assert.ok(line, `no line in the log: ${JSON.stringify(log.lines)}`);
    assert.match(line, /^warn cannot write the decompressed copy of /);
    assert.ok(line.includes(gz) && line.includes(blocker), line);
    assert.match(line, /ENOTDIR|not a directory/);
  } finally {
    setDecompressedCopyDir(undefined);
  }
});

test('logFailure writes "<what>: <why>" for an Error and for anything else thrown', () => {
  const log = recordingLog();
  logFailure(log, 'cannot close the cache x')(new Error('EBADF'));
  logFailure(log, 'cannot post')('disposed');
  assert.deepEqual(log.lines, ['warn cannot close the cache x: EBADF', 'warn cannot post: disposed']);
});
