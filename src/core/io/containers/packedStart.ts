/**
 * The decoded start of the Parquet file opened last on this thread, as it can cross to a worker: the
 * extension host has decoded it to open the file (the sample, the kind, the format), so the index
 * worker starts from it instead of decoding it again (0.5 CPU-seconds, cold, on the 1 GB bench file):
 * its first batch of records is there as soon as the worker runs. Held here, apart from
 * parquetFile.ts, so the index's loader can hand it on without loading the Parquet reader.
 */

/** JSONL chunks of a file's first rows, and the file's identity (path, size, mtime) they were read from. */
export interface PackedStart {
  readonly key: string;
  readonly chunks: readonly { readonly bytes: Uint8Array; readonly rows: number }[];
}

let latest: PackedStart | undefined;
let handedOver: (() => void) | undefined;
let given: PackedStart | undefined;

/**
 * parquetFile.ts: the start it keeps (the same chunks, never copied here), and what to do once it is
 * handed to a worker (close the reader that would go on after it: the worker reads on itself).
 */
export function noteStart(start: PackedStart | undefined, onHanded?: () => void): void {
  latest = start;
  handedOver = onHanded;
}

/** The kept start when it is of `path`, for a worker to read on from (the receiver checks its key against the file it reads). */
export function startOf(path: string): PackedStart | undefined {
  if (!latest?.key.startsWith(`${path}\0`) || !latest.chunks.length) return undefined;
  handedOver?.();
  return { key: latest.key, chunks: [...latest.chunks] };
}

/** In a worker: the start handed over by the thread that opened the file. */
export function giveStart(start: PackedStart | undefined): void {
  given = start;
}

/** parquetFile.ts: the start handed over for this key, once. */
export function takeGivenStart(key: string): PackedStart | undefined {
  const start = given?.key === key ? given : undefined;
  if (start) given = undefined;
  return start;
}
