/**
 * The one answer to "is this path inside that folder?". A path from someone else (a link, a record,
 * a directory entry) may climb out with `..`, go out through a symbolic link, or share only a prefix
 * of the folder's name (`/a/bc` is not in `/a/b`). So both sides are made absolute and normalised,
 * links are resolved on disk, and containment is decided by whole path segments, ignoring case
 * where the platform's file systems do (Windows, macOS).
 */
import { realpath } from 'node:fs/promises';
import { posix, win32 } from 'node:path';

/** Default file systems on Windows and macOS ignore case; Linux's do not. */
function foldsCase(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}

/**
 * Whether `path` is `folder` or lies under it, by whole segments, after resolving `.` and `..`.
 * Pure (no file system): give it real paths (`realPathOf`) when links must not lead out.
 */
export function isInsideFolder(path: string, folder: string, platform: NodeJS.Platform = process.platform): boolean {
  const p = platform === 'win32' ? win32 : posix;
  const fold = (s: string) => (foldsCase(platform) ? s.toLowerCase() : s);
  const child = fold(p.resolve(path));
  const parent = fold(p.resolve(folder));
  if (child === parent) return true;
  // A root (`/`, `C:\`) already ends with the separator; any other folder gets one, so `/a/bc` ∉ `/a/b`.
  const prefix = parent.endsWith(p.sep) ? parent : parent + p.sep;
  return child.startsWith(prefix);
}

/**
 * The path with every link resolved. A path that does not exist (yet) keeps its missing tail, joined
 * to the real path of its nearest existing ancestor, so the answer never depends on the path's name alone.
 */
export async function realPathOf(path: string): Promise<string> {
  const p = process.platform === 'win32' ? win32 : posix;
  let existing = p.resolve(path);
  const missing: string[] = [];
  for (;;) {
    try {
      return p.join(await realpath(existing), ...missing.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const up = p.dirname(existing);
      // Only a missing part is walked past; any other failure (a loop, no permission) keeps the plain path.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || up === existing) return p.join(existing, ...missing.reverse());
      missing.push(p.basename(existing));
      existing = up;
    }
  }
}

/** Whether `path`, links resolved, lies inside one of `folders` (links resolved too); and where it really is. */
export async function insideAnyFolder(path: string, folders: readonly string[]): Promise<{ inside: boolean; real: string }> {
  const real = await realPathOf(path);
  const roots = await Promise.all(folders.map(realPathOf));
  return { inside: roots.some((root) => isInsideFolder(real, root)), real };
}
