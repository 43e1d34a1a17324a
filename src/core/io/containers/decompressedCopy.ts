/**
 * A private decompressed copy of a gzip or zstd file, for random access: a compressed stream can
 * only be read forward, so re-reading one record of a large `.jsonl.gz` would decompress all that
 * comes before it. The editor names a folder of its own (its global storage, never beside the
 * user's file). The copy is written by the session's whole-file pass as it decodes (the index, in
 * its worker or on the host's thread: `copyOnNextRead`), so the file is decompressed once, not once
 * for the index and once more for the copy; once complete, every read at any offset goes to the
 * copy (the same offsets: they are offsets in the decoded bytes), the index's next pass included.
 * Until then, and where no folder is named (the CLI), reads stream.
 */
import { createHash } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, stat, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Logger } from '../../log/logger';
import { logFailure } from '../../log/logger';
import type { Packing } from './packing';

/** A copy that would grow past this is abandoned (reads keep streaming). */
const MAX_COPY_BYTES = 16 * 1024 ** 3;
/** Decoded bytes the copy may hold in memory before its reader waits for the disk. */
const COPY_BUFFER_BYTES = 2 * 1024 * 1024;
/** The disk space the copy leaves free: it is given up before the disk would keep less. */
const KEEP_FREE_BYTES = 1024 ** 3;
/** Free space is looked at before the copy starts and again after every this many bytes of it. */
const FREE_CHECK_BYTES = 64 * 1024 * 1024;

let copyDir: string | undefined;
let keepFree = KEEP_FREE_BYTES;
/** Where a copy that cannot be written or a stale copy that cannot be removed is said (the editor's log). */
let copyLog: Logger | undefined;
/** Copies being finished (renamed, stale ones removed) or abandoned on this thread. */
const writing = new Set<Promise<void>>();
/** Files whose next read from the start on this thread writes their copy. */
const claimed = new Set<string>();

/**
 * Where copies go (the extension's global storage) and where their failures are logged; undefined
 * turns copies off. `keepFreeBytes`: the disk space a copy leaves free (default 1 GB).
 */
export function setDecompressedCopyDir(dir: string | undefined, log?: Logger, keepFreeBytes = KEEP_FREE_BYTES): void {
  copyDir = dir;
  copyLog = log;
  keepFree = keepFreeBytes;
}

/** Where copies' failures are said: the index worker's are posted back and said there. */
export function decompressedCopyLog(): Logger | undefined {
  return copyLog;
}

/** The folder named for copies, handed to the index worker so it reads and writes the same copies. */
export function decompressedCopyDir(): string | undefined {
  return copyDir;
}

interface CopyTarget {
  readonly dir: string;
  readonly prefix: string;
  readonly file: string;
}

const hasCopy = (packing: Packing): boolean => packing === 'gzip' || packing === 'zstd';

async function copyPathFor(path: string): Promise<CopyTarget | undefined> {
  if (!copyDir) return undefined;
  const info = await stat(path);
  const prefix = createHash('sha256').update(path).digest('hex').slice(0, 24);
  return { dir: copyDir, prefix, file: join(copyDir, `${prefix}-${info.size}-${Math.floor(info.mtimeMs)}.decoded`) };
}

const isFile = (file: string): Promise<boolean> => stat(file).then((s) => s.isFile(), () => false);

/** The complete copy of `path` if there is one (it holds the decoded bytes, read as a plain file). */
export async function decompressedCopy(path: string, packing: Packing): Promise<string | undefined> {
  if (!hasCopy(packing)) return undefined;
  // A file that cannot be stat'ed is not read either: the reader says why, so no copy is tried.
  const target = await copyPathFor(path).catch(() => undefined);
  return target && (await isFile(target.file)) ? target.file : undefined;
}

/** The complete copy of a gzip or zstd file and its size, to be read as a plain file in byte ranges (the index's workers); undefined when there is none. */
export async function completeCopy(path: string, packing: Packing): Promise<{ path: string; size: number } | undefined> {
  const copy = await decompressedCopy(path, packing);
  const info = copy ? await stat(copy).catch(() => undefined) : undefined;
  return copy && info ? { path: copy, size: info.size } : undefined;
}

/** The whole-file pass about to read `path` (the session's index) writes its copy as it decodes. */
export function copyOnNextRead(path: string, packing: Packing): void {
  if (hasCopy(packing) && copyDir) claimed.add(path);
}

/** A writer for `path`'s copy when this read was asked to write it (copyOnNextRead) and there is none yet. */
export async function takeCopyWriter(path: string, packing: Packing): Promise<CopyWriter | undefined> {
  if (!claimed.delete(path) || !hasCopy(packing)) return undefined;
  const target = await copyPathFor(path).catch(() => undefined);
  if (!target || (await isFile(target.file))) return undefined;
  const fail = logFailure(copyLog, `cannot write the decompressed copy of ${path} to ${target.file} (re-reads stream the file instead)`);
  try {
    await mkdir(target.dir, { recursive: true });
    await checkFreeSpace(target.dir, 0);
  } catch (err) {
    fail(err);
    return undefined;
  }
  return new CopyWriter(target, fail);
}

const gb = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** Throws when the disk holding `dir` has less than the space a copy leaves free (`written`: the copy's bytes so far). */
async function checkFreeSpace(dir: string, written: number): Promise<void> {
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free < keepFree) throw new Error(`not enough free disk space: ${gb(free)} free${written ? ` after ${gb(written)} of the copy` : ''}, and the copy leaves at least ${gb(keepFree)} free; free some space or close the file`);
}

/** Resolves when every copy this thread was finishing is done (tests, and disposal). */
export async function copiesWritten(): Promise<void> {
  await Promise.all([...writing]);
}

/**
 * The decoded chunks of one read, in order, to a partial file renamed to the copy once the read
 * reached the end; a read that stops early (or fails) leaves nothing behind.
 */
export class CopyWriter {
  private readonly partial: string;
  private readonly out: WriteStream;
  private bytes = 0;
  private nextCheck = FREE_CHECK_BYTES;
  private failed = false;
  private logged = false;

  constructor(
    private readonly target: CopyTarget,
    private readonly fail: (err: unknown) => void,
  ) {
    this.partial = `${target.file}.partial-${process.pid}-${threadId}`;
    this.out = createWriteStream(this.partial, { highWaterMark: COPY_BUFFER_BYTES });
    this.out.on('error', (err) => this.abandon(err));
  }

  /** Adds a chunk; the promise (when there is one) waits for the disk to take what is buffered. */
  write(chunk: Buffer): Promise<void> | undefined {
    if (this.failed) return undefined;
    this.bytes += chunk.length;
    if (this.bytes > MAX_COPY_BYTES) return void this.abandon(new Error(`decompressed copy too large (over ${MAX_COPY_BYTES / 1024 ** 3} GB)`));
    if (this.bytes >= this.nextCheck) {
      this.nextCheck = this.bytes + FREE_CHECK_BYTES;
      void checkFreeSpace(this.target.dir, this.bytes).catch((err: unknown) => this.abandon(err));
    }
    if (this.out.write(chunk)) return undefined;
    return this.drained();
  }

  /** The read reached the end: the copy is complete. */
  finish(): void {
    if (this.failed) return;
    this.failed = true; // nothing more is written
    this.track(this.complete().catch((err: unknown) => this.remove(err)));
  }

  /** The read stopped early or failed: the partial file is removed (with `err`, logged). */
  abandon(err?: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.track(this.remove(err));
  }

  /**
   * Resolves once the write stream takes more, or closed (a failure). Both listeners go once it
   * does: racing two `once()`s left the loser on the stream, a 'close' and an 'error' listener a wait.
   */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }

  private async complete(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
    await rename(this.partial, this.target.file);
    // Older copies of the same file (another size or time) are stale.
    for (const name of await readdir(this.target.dir)) {
      if (name.startsWith(`${this.target.prefix}-`) && join(this.target.dir, name) !== this.target.file && !name.includes('.partial-')) await unlink(join(this.target.dir, name)).catch(logFailure(copyLog, `cannot remove the stale decompressed copy ${join(this.target.dir, name)}`));
    }
  }

  private async remove(err?: unknown): Promise<void> {
    if (err !== undefined && !this.logged) {
      this.logged = true;
      this.fail(err);
    }
    this.failed = true;
    if (!this.out.closed) {
      const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
      this.out.destroy();
      await closed;
    }
    // A partial file left behind is never read (its name says partial).
    await unlink(this.partial).catch(() => undefined);
  }

  private track(work: Promise<void>): void {
    writing.add(work);
    void work.finally(() => writing.delete(work));
  }
}
