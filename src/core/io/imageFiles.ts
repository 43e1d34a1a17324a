/**
 * Reading an image a record names. Records come from other people's files: a path may climb out of
 * the dataset's folder (`../../../../etc/passwd`), be absolute (`/proc/self/environ`, which holds the
 * API key), be a link out of the folder, a device (`/dev/zero`), a FIFO (blocks forever) or a huge
 * file. So an image is read only from inside the allowed folders (after resolving links), only when
 * it is a regular file under the size cap, and only when its first bytes are an image's; otherwise
 * the record gets a message that names the path, and nothing is read or sent.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isInsideFolder, realPathOf } from './folderContainment';

export class ImageRefusedError extends Error {
  override readonly name = 'ImageRefusedError';
}

/** The image type from the first bytes (magic numbers), or null when they are not an image's. */
function imageTypeOf(head: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const ascii = (at: number, text: string) => head.toString('latin1', at, at + text.length) === text;
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'BM') && head.length >= 26) return 'image/bmp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (starts(0x00, 0x00, 0x01, 0x00)) return 'image/vnd.microsoft.icon';
  if (ascii(4, 'ftyp')) {
    const brand = head.toString('latin1', 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic';
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return 'image/svg+xml';
  return null;
}

export interface ImageReadOptions {
  /** Folders images may come from (the dataset's folder; the workspace folders in the editor). */
  readonly roots: readonly string[];
  readonly maxBytes: number;
}

/** Reads an image a record names, relative to `baseDir`; throws ImageRefusedError with the reason. */
export async function readImageFile(ref: string, baseDir: string, opts: ImageReadOptions): Promise<{ bytes: Buffer; mime: string; path: string }> {
  const full = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  let real: string;
  try {
    real = await realpath(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ImageRefusedError(code === 'ENOENT' ? `image ${ref} not found (looked for ${full})` : `cannot read image ${ref} (${full}): ${code ?? (err as Error).message}`);
  }
  const roots = await Promise.all(opts.roots.map(realPathOf));
  if (!roots.some((r) => isInsideFolder(real, r))) {
    throw new ImageRefusedError(`image ${ref} is outside the dataset's folder (${roots[0] ?? baseDir}${real !== full ? `; it resolves to ${real}` : ''}): refused, nothing was read or sent`);
  }
  const fh = await open(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch((err: unknown) => {
    throw new ImageRefusedError(`cannot read image ${ref} (${real}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  });
  try {
    const info = await fh.stat();
    if (!info.isFile()) throw new ImageRefusedError(`image ${ref} (${real}) is not a regular file (a device, a FIFO or a folder): refused, nothing was read or sent`);
    if (info.size > opts.maxBytes) throw new ImageRefusedError(`image ${ref} is ${(info.size / 1048576).toFixed(1)} MB, over the ${(opts.maxBytes / 1048576).toFixed(0)} MB limit: refused, nothing was sent`);
    // One byte more than the cap: a file that grew since fstat is still refused.
    const buf = Buffer.alloc(Math.min(info.size, opts.maxBytes) + 1);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > opts.maxBytes) throw new ImageRefusedError(`image ${ref} is over the ${(opts.maxBytes / 1048576).toFixed(0)} MB limit: refused, nothing was sent`);
    const bytes = buf.subarray(0, got);
    const mime = imageTypeOf(bytes.subarray(0, 512));
    if (!mime) throw new ImageRefusedError(`${ref} is not an image by its content (first bytes ${JSON.stringify(bytes.toString('latin1', 0, 8))}): refused, nothing was sent`);
    return { bytes, mime, path: real };
  } finally {
    await fh.close();
  }
}
