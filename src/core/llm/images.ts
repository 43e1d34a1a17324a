/** Image parts of a conversation as OpenAI `image_url` content parts. */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, resolve } from 'node:path';
import type { ImagePart } from '../record';

const MIME: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.ico': 'image/vnd.microsoft.icon',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.avif': 'image/avif',
};

export function mimeTypeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export class ImageError extends Error {
  override readonly name = 'ImageError';
}

export interface ImageUrlPart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string };
}

/**
 * An image part as an `image_url` part: URLs (http(s), data:) pass through; a path, relative to
 * `baseDir` (the dataset file's folder), is read and sent as a base64 data: URL.
 */
export async function toImageUrlPart(part: ImagePart, baseDir: string): Promise<ImageUrlPart> {
  if (part.url) return { type: 'image_url', image_url: { url: part.url } };
  if (!part.path) throw new ImageError('image part has neither a path nor a url');
  const full = isAbsolute(part.path) ? part.path : resolve(baseDir, part.path);
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (e) {
    throw new ImageError(`cannot read image ${part.path} (${full}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { type: 'image_url', image_url: { url: `data:${mimeTypeFor(full)};base64,${bytes.toString('base64')}` } };
}
