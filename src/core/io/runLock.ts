/**
 * One writer per journal: two `judge` runs on one file would interleave their lines. A lock file
 * beside the journal holds the writer's pid; a second process is refused with who holds it, a lock
 * whose process is gone is taken over. Within one process (the extension host runs several record
 * runs at once) the lock is shared and released with its last user.
 */
import { hostname } from 'node:os';
import { constants } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { SideFileError } from './sideFiles';

interface Holder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

const held = new Map<string, number>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof v.pid === 'number' ? { pid: v.pid, host: String(v.host ?? ''), startedAt: String(v.startedAt ?? '') } : null;
  } catch {
    return null; // gone or half-written by its holder: no holder to name
  }
}

/** Takes the lock `<journal>.lock`; resolves with its release. */
export async function acquireRunLock(journalPath: string): Promise<() => Promise<void>> {
  const path = `${journalPath}.lock`;
  const release = async (): Promise<void> => {
    const n = (held.get(path) ?? 1) - 1;
    if (n > 0) held.set(path, n);
    else {
      held.delete(path);
      await rm(path, { force: true });
    }
  };
  if (held.has(path)) {
    held.set(path, (held.get(path) as number) + 1);
    return release;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
      } finally {
        await fh.close();
      }
      held.set(path, 1);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readHolder(path);
    const sameHost = holder !== null && holder.host === hostname();
    if (holder && (!sameHost || alive(holder.pid))) {
      throw new SideFileError(
        'locked',
        `another run is writing ${journalPath} (pid ${holder.pid}${sameHost ? '' : ` on ${holder.host}`}, since ${holder.startedAt}): wait for it to finish or stop it; if no such run exists, remove ${path}`,
      );
    }
    // The holder is gone (killed, crashed): its lock is stale.
    await rm(path, { force: true });
  }
  throw new SideFileError('locked', `could not take the lock ${path}: another run keeps taking it`);
}
