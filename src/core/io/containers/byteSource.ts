/**
 * The bytes of an evaluation file as the entry readers see them: a plain file's own bytes, or the
 * decompressed bytes of a gzip or zstd file, or a Parquet file's rows as JSONL (parquetFile.ts).
 * Offsets are offsets in those bytes. A packed source reads forward; a read before the last one
 * starts the stream again (correct, but the whole prefix is decompressed again), unless the editor
 * has a private decompressed copy of a gzip or zstd file (decompressedCopy.ts): then reads go there.
 * The session's whole-file pass writes that copy as it reads (a CopyWriter fed every decoded chunk).
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { DatasetError } from '../datasetError';
import type { CopyWriter } from './decompressedCopy';
import { decompressedCopy, takeCopyWriter } from './decompressedCopy';
import type { Packing } from './packing';
import { HEAD_BYTES, packingOf } from './packing';
import { columnJsonlChunks } from './columnJson';
import { inspectLogJsonlChunks } from './inspectLog';
import { zstdChunks } from './zstdStream';

export interface ByteSource {
  readonly packing: Packing;
  /** Reads up to `length` bytes at `position`; 0 bytes read means the end. */
  read(buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** How many bytes there are now, when known without decoding (a file's size); null for a stream. Readers size their buffers by it. */
  size(): Promise<number | null>;
  close(): Promise<void>;
}

export async function openByteSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(HEAD_BYTES);
  let packing: Packing;
  try {
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    packing = packingOf(head.subarray(0, bytesRead));
  } catch (err) {
    await handle.close();
    throw err;
  }
  if (packing === 'plain') return fileSource(packing, handle);
  await handle.close();
  const copy = await decompressedCopy(path, packing);
  if (copy) return fileSource(packing, await open(copy, 'r'));
  return new SequentialSource(packing, () => decodedChunks(path, packing), await takeCopyWriter(path, packing));
}

function fileSource(packing: Packing, handle: FileHandle): ByteSource {
  return { packing, read: (buf, offset, length, position) => handle.read(buf, offset, length, position), size: async () => (await handle.stat()).size, close: () => handle.close() };
}

/** The decoded bytes of a packed file, in order. */
function decodedChunks(path: string, packing: Packing): AsyncGenerator<Buffer> {
  if (packing === 'gzip') return gunzipChunks(path);
  if (packing === 'zstd') return zstdChunks(path);
  if (packing === 'parquet') return parquetChunks(path);
  if (packing === 'zip') return inspectLogJsonlChunks(path);
  if (packing === 'columns') return columnJsonlChunks(path);
  throw new Error(`decodedChunks: ${packing} files are read directly`);
}

/** Parquet's reader (and its wasm snappy) is loaded only when a Parquet file is read: the CLI starts as fast as before. */
async function* parquetChunks(path: string): AsyncGenerator<Buffer> {
  const { parquetJsonlChunks } = await import('./parquetFile');
  yield* parquetJsonlChunks(path);
}

async function* gunzipChunks(path: string): AsyncGenerator<Buffer> {
  // Backpressure bounds memory: zlib inflates one chunk ahead of what the reader has taken, so a
  // "gzip bomb" costs time, never more than a few MB.
  // The callback's error also ends the stream read below, which throws it to the reader: not dropped.
  const gunzip = pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), createGunzip({ chunkSize: 256 * 1024 }), () => undefined);
  let decoded = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      decoded += chunk.length;
      yield chunk;
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(e.message)) {
      throw new DatasetError(`${path}: the gzip stream ends early, after ${decoded.toLocaleString('en-US')} decompressed bytes (truncated file?); re-download or re-compress it`);
    }
    if (e.code?.startsWith('Z_')) throw new DatasetError(`${path}: the gzip stream cannot be decompressed (${e.message}; a damaged file?); re-download or re-compress it`);
    throw err;
  } finally {
    gunzip.destroy();
  }
}

/** Reads forward through decoded chunks; a read behind the current position starts over. */
class SequentialSource implements ByteSource {
  private chunks: AsyncGenerator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  /** Decoded offset of pending[0]. */
  private pos = 0;
  private ended = false;

  constructor(
    readonly packing: Packing,
    private readonly start: () => AsyncGenerator<Buffer>,
    /** Writes every decoded chunk to the file's copy while this reads from the top to the end without going back. */
    private copy?: CopyWriter,
  ) {
    this.chunks = start();
  }

  size(): Promise<number | null> {
    return Promise.resolve(null);
  }

  async read(buf: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }> {
    if (position < this.pos) await this.restart();
    let bytesRead = 0;
    while (bytesRead < length) {
      const at = position + bytesRead;
      if (at >= this.pos + this.pending.length) {
        if (this.ended) break;
        this.pos += this.pending.length;
        const next = await this.chunks.next().catch((err: unknown) => {
          this.dropCopy();
          throw err;
        });
        if (next.done) {
          this.ended = true;
          this.pending = Buffer.alloc(0);
          this.copy?.finish();
          this.copy = undefined;
          break;
        }
        this.pending = next.value;
        const written = this.copy?.write(next.value);
        if (written) await written;
        continue;
      }
      const from = at - this.pos;
      const n = Math.min(length - bytesRead, this.pending.length - from);
      this.pending.copy(buf, offset + bytesRead, from, from + n);
      bytesRead += n;
    }
    return { bytesRead };
  }

  /** A read that goes back, stops early or fails leaves no copy. */
  private dropCopy(): void {
    this.copy?.abandon();
    this.copy = undefined;
  }

  private async restart(): Promise<void> {
    this.dropCopy();
    await this.chunks.return(undefined);
    this.chunks = this.start();
    this.pending = Buffer.alloc(0);
    this.pos = 0;
    this.ended = false;
  }

  async close(): Promise<void> {
    this.dropCopy();
    await this.chunks.return(undefined);
  }
}
