/**
 * The files Rationale Lens keeps beside a dataset (journal, marks), its cache, `--out` and exports.
 * A dataset folder is often a cloned repository, and git stores symbolic links: a shipped
 * `data.jsonl.rlens-journal.jsonl -> ~/.bashrc` must never make the tool read, truncate or append to
 * the file it points at, and a link to /dev/zero or a FIFO must never flood or block it. So side files
 * are opened only when they are regular files and not links (checked with lstat, then opened with
 * O_NOFOLLOW and checked again on the open handle), and written atomically (temp file, fsync,
 * rename, fsync of the folder).
 */
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** What is wrong with a side file: a link or device at its path, someone else's file, a run holding its lock, a value JSON cannot hold. */
export type SideFileProblem = 'not-regular' | 'foreign' | 'locked' | 'unwritable-value';

/** The one error of the side files (journal, cache, alignments, marks, locks, outputs): the CLI exits 2 with its message. */
export class SideFileError extends Error {
  constructor(
    readonly kind: SideFileProblem,
    message: string,
  ) {
    super(message);
  }
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

function refuse(path: string, what: string): SideFileError {
  return new SideFileError('not-regular', `${path} is ${what}: Rationale Lens reads and writes its side files (journal, marks, cache, outputs) only as regular files, never through links or devices, so a cloned repository cannot point them at another file; remove it or move it aside`);
}

function check(path: string, info: { isSymbolicLink(): boolean; isFile(): boolean }): void {
  if (info.isSymbolicLink()) throw refuse(path, 'a symbolic link');
  if (!info.isFile()) throw refuse(path, 'not a regular file');
}

/** The error a refused open gives: ELOOP (O_NOFOLLOW on a link) becomes the same refusal. */
function opened(path: string, err: unknown): never {
  if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw refuse(path, 'a symbolic link');
  throw err;
}

/** Opens a side file for reading; null when it does not exist. Never blocks on a FIFO, never follows a link. */
export async function openSideFileForReading(path: string): Promise<FileHandle | null> {
  try {
    check(path, await lstat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const fh = await open(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK).catch((err: unknown) => opened(path, err));
  // Checked again on the handle: the path may have been swapped between lstat and open.
  if (!(await fh.stat()).isFile()) {
    await fh.close();
    throw refuse(path, 'not a regular file');
  }
  return fh;
}

/** Opens (creating) a side file for appending and reading back. */
export async function openSideFileForAppending(path: string): Promise<FileHandle> {
  try {
    check(path, await lstat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const fh = await open(path, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | NOFOLLOW | NONBLOCK, 0o644).catch((err: unknown) => opened(path, err));
  const s = await fh.stat();
  if (!s.isFile()) {
    await fh.close();
    throw refuse(path, 'not a regular file');
  }
  return fh;
}

/** A destination that may be replaced: missing, or a regular file (a link or a device is refused). */
async function checkReplaceable(path: string): Promise<void> {
  try {
    check(path, await lstat(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
}

/** fsync of a folder, so a rename in it survives a crash (not every platform can: ignored where it cannot). */
async function syncFolder(folder: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(folder, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // Windows and some file systems cannot open or sync a directory.
  } finally {
    await fh?.close().catch(() => undefined); // a read-only handle: nothing to lose on a failed close
  }
}

/**
 * The one atomic writer: `write` fills a temporary file in the destination's folder, which is
 * fsynced, renamed over the destination, and the folder fsynced. A crash leaves the old file or the
 * new one, never half of either; an error removes the temporary file.
 */
export async function writeFileAtomically(path: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  await checkReplaceable(path);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
  try {
    await write(fh);
    await fh.sync();
    await fh.close();
    await rename(temp, path);
  } catch (err) {
    await fh.close().catch(() => undefined); // the write's error (rethrown below) is the one to report
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dirname(path));
}
