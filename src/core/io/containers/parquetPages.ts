/**
 * One Parquet column chunk read page by page, a few rows at a time, with bounded memory: a leaf
 * column's values come out for exactly the rows asked for, as hyparquet would assemble them.
 *
 * A page of PLAIN byte arrays (the long texts of an evaluation file: one page per column chunk in
 * DuckDB's files, hundreds of MB once decompressed) is decompressed as its values are taken: zstd a
 * block at a time (zstdPieces), an uncompressed page straight from the file, other codecs whole;
 * its levels (small: run-length encoded) are decoded first, whole. Every other page (dictionaries,
 * dictionary indices, numbers: small) is decoded whole by hyparquet's own page reader. Values are
 * converted and assembled by hyparquet's functions, so the rows are the ones its full read gives
 * (test/unit/core/io/parquet-pages.test.ts compares them).
 */
import type { AsyncBuffer, ColumnMetaData, DecodedArray, PageHeader } from 'hyparquet';
import { assembleLists } from 'hyparquet/src/assemble.js';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { ColumnDecoder } from 'hyparquet/src/convert.js';
import { convert, convertWithDictionary } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel } from 'hyparquet/src/schema.js';
import { DatasetError } from '../datasetError';
import { zstdPieces } from './zstdStream';

/** A page that says it decompresses to more than this is refused before anything is allocated; no one value may be larger. */
export const MAX_PAGE_BYTES = 512 * 1024 * 1024;

/** Compressed bytes read from the file at a time: small first (a page's first values), then larger. */
const FIRST_READ_BYTES = 64 * 1024;
const READ_BYTES = 1024 * 1024;
/** A page header is read in a window this size, grown (×8) while the header does not fit. */
const HEADER_WINDOW_BYTES = 16 * 1024;

type Pull = () => Promise<Uint8Array | undefined>;

/** A file's bytes start…end, a piece at a time, read only when pulled. */
async function* fileRange(file: AsyncBuffer, start: number, end: number): AsyncGenerator<Uint8Array> {
  let at = start;
  let step = FIRST_READ_BYTES;
  while (at < end) {
    const to = Math.min(end, at + step);
    yield new Uint8Array(await file.slice(at, to));
    at = to;
    step = READ_BYTES;
  }
}

/** Bytes taken in order from decompressed pieces; a read past the page's end is an error. */
class PageBytes {
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private taken = 0;

  /** `size`: the page's decompressed size from its header; nothing past it is read (a damaged length is not followed). */
  constructor(
    private readonly pull: Pull,
    private readonly size: number,
    private readonly where: () => string,
  ) {}

  async take(n: number): Promise<Uint8Array> {
    this.taken += n;
    if (this.taken > this.size || n > MAX_PAGE_BYTES) throw new DatasetError(`${this.where()}: a value runs past the end of its ${this.size.toLocaleString('en-US')}-byte page (a damaged file?); re-download or re-write it`);
    if (this.buf.length - this.pos < n) {
      const parts = [this.buf.subarray(this.pos)];
      let have = parts[0]!.length;
      while (have < n) {
        const piece = await this.pull();
        if (!piece) throw new DatasetError(`${this.where()}: the page ends in the middle of a value (a damaged file?); re-download or re-write it`);
        parts.push(piece);
        have += piece.length;
      }
      this.buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
      this.pos = 0;
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  async uint32(): Promise<number> {
    const b = await this.take(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
}

/** One page's entries: levels (undefined: all at their maximum) and where its values come from. */
interface PageEntries {
  readonly count: number;
  readonly defs: ArrayLike<number> | undefined;
  readonly reps: ArrayLike<number> | undefined;
  /** The next n values, converted. */
  readonly values: (n: number) => Promise<unknown[]>;
  at: number;
}

const bitWidth = (value: number): number => 32 - Math.clz32(value);

/**
 * Levels and dictionary indices go into typed arrays: a page of DuckDB's holds a row group's values
 * (124,000 in the bench's file), and `new Array(n)` over 100,000 makes V8 keep a slow dictionary of
 * elements (hyparquet's own page reader spent 12 ms a column on that alone).
 */
function levels(bytes: Uint8Array, max: number, count: number): Int32Array {
  const out = new Int32Array(count);
  readRleBitPackedHybrid({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 }, bitWidth(max), out, bytes.length);
  return out;
}

/** A leaf column of one row group, read forward a number of rows at a time. */
export class LeafCursor {
  private offset: number;
  private readonly end: number;
  private readonly maxDef: number;
  private readonly maxRep: number;
  private dictionary: DecodedArray | undefined;
  private page: PageEntries | undefined;
  private done = false;

  constructor(
    private readonly path: string,
    private readonly file: AsyncBuffer,
    meta: ColumnMetaData,
    private readonly decoder: ColumnDecoder,
  ) {
    this.offset = Number(meta.dictionary_page_offset || meta.data_page_offset);
    this.end = this.offset + Number(meta.total_compressed_size);
    if (this.end > file.byteLength) throw new DatasetError(`${path}: column ${meta.path_in_schema.join('.')} ends at byte ${this.end.toLocaleString('en-US')}, past the end of the ${file.byteLength.toLocaleString('en-US')}-byte file (truncated?); re-download or re-write it`);
    this.maxDef = getMaxDefinitionLevel(decoder.schemaPath);
    this.maxRep = getMaxRepetitionLevel(decoder.schemaPath);
  }

  private where(): string {
    return `${this.path}: column ${this.decoder.pathInSchema.join('.')}`;
  }

  /** The next `rows` rows of this column (fewer at its end), assembled as hyparquet assembles them. */
  async take(rows: number): Promise<DecodedArray> {
    const defs: number[] = [];
    const reps: number[] = [];
    const values: unknown[] = [];
    let started = 0;
    for (;;) {
      if (!this.page || this.page.at >= this.page.count) {
        if (!(await this.nextPage())) break;
        continue;
      }
      const page = this.page;
      let end = page.at;
      let present = 0;
      for (; end < page.count; end++) {
        if (!page.reps || page.reps[end] === 0) {
          if (started === rows) break;
          started++;
        }
        if (!page.defs || page.defs[end] === this.maxDef) present++;
      }
      for (let i = page.at; i < end; i++) {
        defs.push(page.defs ? (page.defs[i] as number) : this.maxDef);
        reps.push(page.reps ? (page.reps[i] as number) : 0);
      }
      for (const v of await page.values(present)) values.push(v);
      page.at = end;
      if (end < page.count) break; // the next row starts inside this page
    }
    if (!this.maxDef && !this.maxRep) return values;
    return assembleLists([], this.maxDef ? defs : [], this.maxRep ? reps : [], values, this.decoder.schemaPath);
  }

  /** Reads the next page's header and sets it up (a dictionary page is kept); false at the chunk's end. */
  private async nextPage(): Promise<boolean> {
    this.page = undefined;
    while (!this.done) {
      if (this.offset >= this.end - 1) {
        this.done = true;
        break;
      }
      const { header, length } = await this.header();
      const start = this.offset + length;
      const stop = start + header.compressed_page_size;
      if (header.compressed_page_size < 0 || stop > this.end) throw new DatasetError(`${this.where()}: a page runs past its column chunk (a damaged file?); re-download or re-write it`);
      this.offset = stop;
      if (header.type === 'DICTIONARY_PAGE') {
        this.dictionary = convert(this.whole(header, new Uint8Array(await this.file.slice(start, stop))).data, this.decoder);
        continue;
      }
      if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2') continue; // an index page: nothing to read
      this.page = this.streams(header) ? await this.streamed(header, start, stop) : this.decoded(header, new Uint8Array(await this.file.slice(start, stop)));
      return true;
    }
    return false;
  }

  private async header(): Promise<{ header: PageHeader; length: number }> {
    for (let window = HEADER_WINDOW_BYTES; ; window *= 8) {
      const to = Math.min(this.end, this.offset + window);
      const bytes = await this.file.slice(this.offset, to);
      const reader = { view: new DataView(bytes), offset: 0 };
      try {
        const header = parquetHeader(reader);
        if (reader.offset <= bytes.byteLength) return { header, length: reader.offset };
      } catch (err) {
        if (to >= this.end) throw err;
        continue;
      }
      if (to >= this.end) throw new DatasetError(`${this.where()}: a page header runs past its column chunk (a damaged file?); re-download or re-write it`);
    }
  }

  /** A dictionary page decoded whole (hyparquet's page reader: its values, unconverted). */
  private whole(header: PageHeader, compressed: Uint8Array): { data: DecodedArray } {
    const diph = header.dictionary_page_header;
    if (!diph) throw new DatasetError(`${this.where()}: a dictionary page without its header (a damaged file?); re-download or re-write it`);
    const page = decompressPage(compressed, Number(header.uncompressed_page_size), this.decoder.codec, this.decoder.compressors);
    const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    return { data: plainValues(reader, this.decoder, diph.num_values) };
  }

  /** Whether a data page's values are taken as they are read: PLAIN byte arrays. */
  private streams(header: PageHeader): boolean {
    const encoding = header.data_page_header?.encoding ?? header.data_page_header_v2?.encoding;
    return encoding === 'PLAIN' && this.decoder.type === 'BYTE_ARRAY';
  }

  /** A data page decoded whole by hyparquet, its values converted (and looked up in the dictionary). */
  private decoded(header: PageHeader, compressed: Uint8Array): PageEntries {
    const v1 = header.data_page_header;
    if (v1 && this.dictionary && v1.encoding.endsWith('_DICTIONARY') && this.decoder.type !== 'BOOLEAN') return this.indexed(header, compressed, this.dictionary);
    const page = v1 ? readDataPage(decompressPage(compressed, Number(header.uncompressed_page_size), this.decoder.codec, this.decoder.compressors), v1, this.decoder) : readDataPageV2(compressed, header, this.decoder);
    const encoding = (v1 ?? header.data_page_header_v2)!.encoding;
    const values = convertWithDictionary(page.dataPage, this.dictionary, encoding, this.decoder);
    const count = Number((v1 ?? header.data_page_header_v2)!.num_values);
    let taken = 0;
    return {
      count,
      defs: page.definitionLevels?.length ? page.definitionLevels : undefined,
      reps: page.repetitionLevels.length ? page.repetitionLevels : undefined,
      at: 0,
      values: (n) => {
        const out = Array.from(values.slice(taken, taken + n) as ArrayLike<unknown>);
        taken += n;
        return Promise.resolve(out);
      },
    };
  }

  /**
   * A v1 dictionary-encoded page: its levels and indices decoded whole (as hyparquet's readDataPage
   * reads them), each value looked up only when taken (as its convertWithDictionary does).
   */
  private indexed(header: PageHeader, compressed: Uint8Array, dictionary: DecodedArray): PageEntries {
    const v1 = header.data_page_header!;
    const count = Number(v1.num_values);
    const page = decompressPage(compressed, Number(header.uncompressed_page_size), this.decoder.codec, this.decoder.compressors);
    const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
    let reps: Int32Array | undefined;
    let defs: Int32Array | undefined;
    if (this.maxRep) readRleBitPackedHybrid(reader, bitWidth(this.maxRep), (reps = new Int32Array(count)));
    let present = count;
    if (this.maxDef) {
      readRleBitPackedHybrid(reader, bitWidth(this.maxDef), (defs = new Int32Array(count)));
      for (let i = 0; i < count; i++) if (defs[i] !== this.maxDef) present--;
    }
    const indices = new Int32Array(present);
    const width = present ? reader.view.getUint8(reader.offset++) : 0;
    if (width) readRleBitPackedHybrid(reader, width, indices, page.byteLength - reader.offset);
    let taken = 0;
    return {
      count,
      defs,
      reps,
      at: 0,
      values: (n) => {
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = dictionary[indices[taken + i] as number];
        taken += n;
        return Promise.resolve(out);
      },
    };
  }

  /** A PLAIN byte-array page whose values are decompressed and converted as they are taken. */
  private async streamed(header: PageHeader, start: number, stop: number): Promise<PageEntries> {
    const v2 = header.data_page_header_v2;
    const count = Number((header.data_page_header ?? v2)!.num_values);
    let defs: Int32Array | undefined;
    let reps: Int32Array | undefined;
    let bytes: PageBytes;
    if (v2) {
      const repLength = Number(v2.repetition_levels_byte_length);
      const defLength = Number(v2.definition_levels_byte_length);
      const levelBytes = new Uint8Array(await this.file.slice(start, start + repLength + defLength));
      if (this.maxRep) reps = levels(levelBytes.subarray(0, repLength), this.maxRep, count);
      if (this.maxDef) defs = levels(levelBytes.subarray(repLength), this.maxDef, count);
      const valueBytes = Number(header.uncompressed_page_size) - repLength - defLength;
      bytes = this.pageBytes(start + repLength + defLength, stop, valueBytes, v2.is_compressed !== false && valueBytes > 0);
    } else {
      bytes = this.pageBytes(start, stop, Number(header.uncompressed_page_size), true);
      if (this.maxRep) reps = levels(await bytes.take(await bytes.uint32()), this.maxRep, count);
      if (this.maxDef) defs = levels(await bytes.take(await bytes.uint32()), this.maxDef, count);
    }
    return {
      count,
      defs,
      reps,
      at: 0,
      values: async (n) => {
        const raw = new Array<Uint8Array>(n);
        for (let i = 0; i < n; i++) raw[i] = await bytes.take(await bytes.uint32());
        return Array.from(convert(raw, this.decoder) as ArrayLike<unknown>);
      },
    };
  }

  /** The page's decompressed bytes, pulled as they are read: zstd and uncompressed streamed, other codecs whole. */
  private pageBytes(start: number, stop: number, size: number, compressed: boolean): PageBytes {
    const codec = this.decoder.codec;
    let pieces: AsyncIterator<Uint8Array>;
    if (!compressed || codec === 'UNCOMPRESSED') pieces = fileRange(this.file, start, stop);
    else if (codec === 'ZSTD') pieces = zstdPieces(this.path, fileRange(this.file, start, stop));
    else {
      pieces = (async function* (file: AsyncBuffer, decoder: ColumnDecoder): AsyncGenerator<Uint8Array> {
        yield decompressPage(new Uint8Array(await file.slice(start, stop)), size, codec, decoder.compressors);
      })(this.file, this.decoder);
    }
    return new PageBytes(async () => {
      const next = await pieces.next();
      return next.done ? undefined : next.value;
    }, size, () => this.where());
  }
}

/** A dictionary page's PLAIN values, as hyparquet's page reader reads them. */
function plainValues(reader: { view: DataView; offset: number }, decoder: ColumnDecoder, count: number): DecodedArray {
  return readPlain(reader, decoder.type, count, decoder.element.type_length);
}
