/**
 * Streams a zstd file's decompressed bytes with fzstd (pure JS; Node 20 has no zstd of its own).
 * The compressed bytes are first cut into frame headers and whole blocks by reading the block
 * headers, so memory stays bounded whatever the file claims: a frame whose window is over
 * MAX_WINDOW_BYTES is refused before fzstd allocates it, and each push to fzstd is one block (at
 * most 128 KB out), so a highly compressible file is decompressed a few MB at a time.
 */
import { createReadStream } from 'node:fs';
import { Decompress } from 'fzstd';
import { DatasetError } from '../datasetError';

/** zstd's own default limit (--long=27): larger windows need an explicit opt-in there too. */
const MAX_WINDOW_BYTES = 128 * 1024 * 1024;
/** Decompressed bytes gathered before they are handed on. */
const OUTPUT_BATCH_BYTES = 4 * 1024 * 1024;
const FRAME_MAGIC = 0xfd2fb528;

type Unit = { readonly bytes: Buffer; readonly endsFrame: boolean };

/** Cuts a zstd stream into frame headers, blocks and checksums (or skippable frames), checking each frame header. */
class FrameCutter {
  private buf: Buffer = Buffer.alloc(0);
  /** Offset in the file of buf[0]. */
  private base = 0;
  private state: 'frame' | 'block' | 'checksum' = 'frame';
  private checksum = false;

  constructor(private readonly path: string) {}

  push(chunk: Buffer): Unit[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const units: Unit[] = [];
    let pos = 0;
    for (;;) {
      const need = this.unitLength(pos);
      if (need === null || pos + need > this.buf.length) break;
      const endsFrame = this.advance(pos);
      units.push({ bytes: this.buf.subarray(pos, pos + need), endsFrame });
      pos += need;
    }
    // What is left is less than one unit: copied so the chunk it sits in can go.
    this.base += pos;
    this.buf = Buffer.from(this.buf.subarray(pos));
    return units;
  }

  /** At the end of the file: nothing may be left half-read. */
  finish(): void {
    if (this.buf.length > 0 || this.state !== 'frame') {
      throw new DatasetError(`${this.path}: the zstd stream ends in the middle of a ${this.state === 'frame' ? 'frame header' : this.state} at byte ${(this.base + this.buf.length).toLocaleString('en-US')} (truncated file?); re-download or re-compress it`);
    }
  }

  /** The length of the unit at pos, or null when more bytes are needed to tell. */
  private unitLength(pos: number): number | null {
    const b = this.buf;
    const left = b.length - pos;
    if (this.state === 'checksum') return 4;
    if (this.state === 'block') {
      if (left < 3) return null;
      const header = (b[pos] as number) | ((b[pos + 1] as number) << 8) | ((b[pos + 2] as number) << 16);
      const type = (header >> 1) & 3;
      const size = header >>> 3;
      if (type === 3) throw this.corrupt(pos, 'a block of the reserved type');
      return 3 + (type === 1 ? 1 : size);
    }
    if (left < 5) return null;
    const magic = b.readUInt32LE(pos);
    if ((magic & 0xfffffff0) === 0x184d2a50) return left < 8 ? null : 8 + b.readUInt32LE(pos + 4); // skippable frame
    if (magic !== FRAME_MAGIC) throw this.corrupt(pos, 'bytes that are not a zstd frame');
    const descriptor = b[pos + 4] as number;
    const singleSegment = (descriptor >> 5) & 1;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
    const sizeFlag = descriptor >> 6;
    const contentSizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
    return 5 + (singleSegment ? 0 : 1) + dictionaryBytes + contentSizeBytes;
  }

  /** Checks the unit at pos and moves the state past it; true when it ends a frame. */
  private advance(pos: number): boolean {
    const b = this.buf;
    if (this.state === 'checksum') {
      this.state = 'frame';
      return true;
    }
    if (this.state === 'block') {
      const last = (b[pos] as number) & 1;
      if (!last) return false;
      this.state = this.checksum ? 'checksum' : 'frame';
      return !this.checksum;
    }
    if ((b.readUInt32LE(pos) & 0xfffffff0) === 0x184d2a50) return true;
    const descriptor = b[pos + 4] as number;
    const singleSegment = (descriptor >> 5) & 1;
    if (descriptor & 8) throw this.corrupt(pos, 'a frame header with its reserved bit set');
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
    let at = pos + 5;
    let window = 0;
    if (!singleSegment) {
      const wd = b[at++] as number;
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    }
    let dictionary = 0;
    for (let i = 0; i < dictionaryBytes; i++) dictionary += (b[at++] as number) * 2 ** (8 * i);
    if (dictionary !== 0) throw new DatasetError(`${this.path}: this zstd stream needs dictionary ${dictionary} to be decompressed; decompress it with that dictionary (zstd -d -D <dictionary>) and open the result`);
    if (singleSegment) {
      const sizeFlag = descriptor >> 6;
      const n = sizeFlag === 0 ? 1 : 1 << sizeFlag;
      let size = 0;
      for (let i = 0; i < n; i++) size += (b[at + i] as number) * 2 ** (8 * i);
      window = n === 2 ? size + 256 : size;
    }
    if (window > MAX_WINDOW_BYTES) {
      throw new DatasetError(`${this.path}: a zstd frame at byte ${(this.base + pos).toLocaleString('en-US')} needs a ${Math.ceil(window / 2 ** 20).toLocaleString('en-US')} MB window, over the ${MAX_WINDOW_BYTES / 2 ** 20} MB this reader allows (as zstd itself without --long); decompress it with zstd -d --long=31 and open the result`);
    }
    this.checksum = Boolean(descriptor & 4);
    this.state = 'block';
    return false;
  }

  private corrupt(pos: number, what: string): DatasetError {
    return new DatasetError(`${this.path}: the zstd stream has ${what} at byte ${(this.base + pos).toLocaleString('en-US')} (a damaged file?); re-download or re-compress it`);
  }
}

/**
 * Decompresses zstd bytes as they are pulled, a block (at most 128 KB out) at a time: a reader that
 * stops early (a Parquet page's first values) costs only the blocks it took. Frames follow one
 * another, each with a fresh decoder (fzstd ends its stream at a frame's last block).
 */
export async function* zstdPieces(path: string, compressed: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const cutter = new FrameCutter(path);
  let out: Uint8Array[] = [];
  const ondata = (data: Uint8Array): void => {
    if (data.length) out.push(data);
  };
  let decoder = new Decompress(ondata);
  for await (const chunk of compressed) {
    for (const unit of cutter.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
      try {
        decoder.push(unit.bytes, unit.endsFrame);
      } catch (err) {
        throw new DatasetError(`${path}: the zstd stream cannot be decompressed (${(err as Error).message}; a damaged file?); re-download or re-compress it`);
      }
      if (unit.endsFrame) decoder = new Decompress(ondata);
      if (out.length) {
        const ready = out;
        out = [];
        yield* ready;
      }
    }
  }
  cutter.finish();
}

/** The decompressed bytes of a zstd file, a few MB at a time. */
export async function* zstdChunks(path: string): AsyncGenerator<Buffer> {
  let out: Buffer[] = [];
  let outBytes = 0;
  const input = createReadStream(path, { highWaterMark: 1024 * 1024 });
  try {
    for await (const data of zstdPieces(path, input as AsyncIterable<Buffer>)) {
      out.push(Buffer.from(data.buffer, data.byteOffset, data.length));
      outBytes += data.length;
      if (outBytes >= OUTPUT_BATCH_BYTES) {
        yield Buffer.concat(out, outBytes);
        out = [];
        outBytes = 0;
      }
    }
    if (outBytes) yield Buffer.concat(out, outBytes);
  } finally {
    input.destroy();
  }
}
