/**
 * A private decompressed copy of a gzip or zstd file, for random access: a compressed stream can
 * only be read forward, so re-reading one record of a large `.jsonl.gz` would decompress all that
 * comes before it. The editor names a folder of its own (its global storage, never beside the
 * user's file); the first read of a packed file writes its decoded bytes there in the background,
 * and once complete, reads at any offset go to the copy (the same offsets: they are offsets in the
 * decoded bytes). Until then, and where no folder is named (the CLI, worker threads), reads stream.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Logger } from '../../log/logger';
import { logFailure } from '../../log/logger';
import type { Packing } from './packing';

/** A copy that would grow past this is abandoned (reads keep streaming). */
const MAX_COPY_BYTES = 16 * 1024 ** 3;

let copyDir: string | undefined;
/** Where a copy that cannot be written or a stale copy that cannot be removed is said (the editor's log). */
let copyLog: Logger | undefined;
/** Copies being written, by their final path. */
const writing = new Map<string, Promise<void>>();

/** Where copies go (the extension's global storage) and where their failures are logged; undefined turns copies off. */
export function setDecompressedCopyDir(dir: string | undefined, log?: Logger): void {
  copyDir = dir;
  copyLog = log;
}

async function copyPathFor(path: string): Promise<{ dir: string; prefix: string; file: string } | undefined> {
  if (!copyDir) return undefined;
  const info = await stat(path);
  const prefix = createHash('sha256').update(path).digest('hex').slice(0, 24);
  return { dir: copyDir, prefix, file: join(copyDir, `${prefix}-${info.size}-${Math.floor(info.mtimeMs)}.decoded`) };
}

/**
 * The complete copy of `path` if there is one; otherwise starts writing it (once) from `chunks`
 * and returns undefined. A copy of an older version of the file is removed when the new one is done.
 */
export async function decompressedCopy(path: string, packing: Packing, chunks: () => AsyncGenerator<Buffer>): Promise<string | undefined> {
  if (packing !== 'gzip' && packing !== 'zstd') return undefined;
  // A file that cannot be stat'ed is not read either: the reader says why, so no copy is tried.
  const target = await copyPathFor(path).catch(() => undefined);
  if (!target) return undefined;
  if (await stat(target.file).then((s) => s.isFile(), () => false)) return target.file;
  if (!writing.has(target.file)) {
    // Reads keep streaming without a copy: slower, never wrong, so the failure is logged, not thrown.
    const work = writeCopy(target, chunks)
      .catch(logFailure(copyLog, `cannot write the decompressed copy of ${path} to ${target.file} (re-reads stream the file instead)`))
      .finally(() => writing.delete(target.file));
    writing.set(target.file, work);
  }
  return undefined;
}

/** Resolves when every copy being written is done (tests, and disposal). */
export async function copiesWritten(): Promise<void> {
  await Promise.all([...writing.values()]);
}

async function writeCopy(target: { dir: string; prefix: string; file: string }, chunks: () => AsyncGenerator<Buffer>): Promise<void> {
  await mkdir(target.dir, { recursive: true });
  const partial = `${target.file}.partial-${process.pid}`;
  const out = createWriteStream(partial);
  let bytes = 0;
  try {
    for await (const chunk of chunks()) {
      bytes += chunk.length;
      if (bytes > MAX_COPY_BYTES) throw new Error('decompressed copy too large');
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, target.file);
  } catch (err) {
    out.destroy();
    // The write's own error is the one to report; a partial file left behind is never read (its name says partial).
    await unlink(partial).catch(() => undefined);
    throw err;
  }
  // Older copies of the same file (another size or time) are stale.
  for (const name of await readdir(target.dir)) {
    if (name.startsWith(`${target.prefix}-`) && join(target.dir, name) !== target.file && !name.includes('.partial-')) await unlink(join(target.dir, name)).catch(logFailure(copyLog, `cannot remove the stale decompressed copy ${join(target.dir, name)}`));
  }
}
