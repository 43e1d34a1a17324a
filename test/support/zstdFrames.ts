/**
 * Hand-built zstd frames (RFC 8878) from raw and RLE blocks: content of an exact shape (frame and
 * block boundaries where a test wants them, a bomb of RLE blocks) that a compressor would not give.
 */
const MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const BLOCK_MAX = 128 * 1024;

function blockHeader(last: boolean, type: 0 | 1, size: number): Buffer {
  const v = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Buffer.from([v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff]);
}

/** Frame header without a content size, with a window of 2^(10 + windowLog10) bytes (default 1 MB). */
function frameHeader(windowExponent = 10): Buffer {
  return Buffer.concat([MAGIC, Buffer.from([0x00, windowExponent << 3])]);
}

/** One frame holding `bytes` as raw blocks of at most `blockBytes`. */
export function rawFrame(bytes: Buffer, blockBytes = BLOCK_MAX): Buffer {
  const parts = [frameHeader()];
  if (bytes.length === 0) parts.push(blockHeader(true, 0, 0));
  for (let at = 0; at < bytes.length; at += blockBytes) {
    const piece = bytes.subarray(at, at + blockBytes);
    parts.push(blockHeader(at + blockBytes >= bytes.length, 0, piece.length), piece);
  }
  return Buffer.concat(parts);
}

/** One frame of `blocks` RLE blocks of 128 KB each of `byte`: 4 bytes a block, 32768 times smaller than its content. */
export function rleBombFrame(blocks: number, byte: number): Buffer {
  const parts = [frameHeader(7)];
  for (let i = 0; i < blocks; i++) parts.push(blockHeader(i === blocks - 1, 1, BLOCK_MAX), Buffer.from([byte]));
  return Buffer.concat(parts);
}

/** A frame header asking for a window of 2^(10 + exponent) bytes, then one empty last block. */
export function frameWithWindow(exponent: number): Buffer {
  return Buffer.concat([frameHeader(exponent), blockHeader(true, 0, 0)]);
}
