/** Image parts of a conversation as OpenAI `image_url` content parts. */
import { ImageRefusedError, readImageFile } from '../io/imageFiles';
import type { ImagePart } from '../record/record';

export class ImageError extends Error {
  override readonly name = 'ImageError';
}

export interface ImageUrlPart {
  readonly type: 'image_url';
  readonly image_url: { readonly url: string };
}

/** The largest image sent to an endpoint (OpenAI's own limit is 20 MB). */
const MAX_SENT_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * An image part as an `image_url` part: http(s) URLs pass through, data: URLs up to the size cap; a
 * path is read from inside the dataset's folder only (core/io/imageFiles.ts) and sent as a base64
 * data: URL. Anything else (file: URLs, paths out of the folder, devices, non-images) is refused.
 */
export async function toImageUrlPart(part: ImagePart, baseDir: string): Promise<ImageUrlPart> {
  if (part.url) {
    if (/^https?:\/\//i.test(part.url)) return { type: 'image_url', image_url: { url: part.url } };
    if (/^data:image\//i.test(part.url)) {
      if (part.url.length > MAX_SENT_IMAGE_BYTES * 1.37) throw new ImageError(`an inline image is over the ${MAX_SENT_IMAGE_BYTES / 1048576} MB limit: refused, nothing was sent`);
      return { type: 'image_url', image_url: { url: part.url } };
    }
    throw new ImageError(`image URL ${JSON.stringify(part.url.slice(0, 80))} is neither http(s) nor a data:image URL: refused, nothing was sent`);
  }
  if (!part.path) throw new ImageError('image part has neither a path nor a url');
  try {
    const { bytes, mime } = await readImageFile(part.path, baseDir, { roots: [baseDir], maxBytes: MAX_SENT_IMAGE_BYTES });
    return { type: 'image_url', image_url: { url: `data:${mime};base64,${bytes.toString('base64')}` } };
  } catch (e) {
    if (e instanceof ImageRefusedError) throw new ImageError(e.message);
    throw e;
  }
}
