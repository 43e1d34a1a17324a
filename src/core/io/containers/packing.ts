/**
 * What an evaluation file is packed in, told by its first bytes (never by its name): plain text,
 * a gzip or zstd stream, a Parquet file, or a zip (an Inspect AI `.eval` log). The entry readers read every packing as the bytes of
 * JSONL or a JSON array (byteSource.ts).
 */
import { looksColumnar } from './columnJson';

export type Packing = 'plain' | 'gzip' | 'zstd' | 'parquet' | 'zip' | 'columns';

/** Names for messages and `stats` output. */
export const PACKING_NAMES: Readonly<Record<Packing, string>> = { plain: 'plain text', gzip: 'gzip', zstd: 'zstd', parquet: 'Parquet', zip: 'an Inspect AI log (zip)', columns: 'column-oriented JSON' };

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];
const PARQUET = [0x50, 0x41, 0x52, 0x31]; // PAR1
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // a zip's first local header: read as an Inspect AI log (inspectLog.ts)

/** Enough of the start to see magic bytes, or a first line that is `{` alone after blank lines. */
export const HEAD_BYTES = 4096;

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

export function packingOf(head: Uint8Array): Packing {
  if (startsWith(head, GZIP)) return 'gzip';
  if (startsWith(head, ZSTD)) return 'zstd';
  if (startsWith(head, PARQUET)) return 'parquet';
  if (startsWith(head, ZIP)) return 'zip';
  // One object over several lines (its first line `{` alone): lists per field, read as rows (columnJson.ts).
  if (looksColumnar(head)) return 'columns';
  return 'plain';
}

