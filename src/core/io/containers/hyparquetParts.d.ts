/**
 * Types for the parts of hyparquet that the page-level Parquet reader (parquetPages.ts) calls
 * directly: the package exports them as `hyparquet/src/*.js`, with types that this project's module
 * resolution cannot find on its own. Signatures as in hyparquet's own types/*.d.ts (1.33).
 */
declare module 'hyparquet/src/column.js' {
  import type { DataReader, DecodedArray, PageHeader } from 'hyparquet';
  import type { ColumnDecoder } from 'hyparquet/src/convert.js';
  export function parquetHeader(reader: DataReader): PageHeader;
  export function readPage(reader: DataReader, header: PageHeader, columnDecoder: ColumnDecoder, dictionary: DecodedArray | undefined, previousChunk: DecodedArray | undefined, pageStart: number): { skipped: number; data?: DecodedArray };
}

declare module 'hyparquet/src/datapage.js' {
  import type { CompressionCodec, Compressors, DataPageHeader, DecodedArray, PageHeader } from 'hyparquet';
  import type { ColumnDecoder } from 'hyparquet/src/convert.js';
  export function decompressPage(compressedBytes: Uint8Array, uncompressedPageSize: number, codec: CompressionCodec, compressors: Compressors | undefined): Uint8Array;
  export interface DataPage {
    definitionLevels: number[] | undefined;
    repetitionLevels: number[];
    dataPage: DecodedArray;
  }
  export function readDataPage(bytes: Uint8Array, daph: DataPageHeader, columnDecoder: ColumnDecoder): DataPage;
  export function readDataPageV2(compressedBytes: Uint8Array, ph: PageHeader, columnDecoder: ColumnDecoder): DataPage;
}

declare module 'hyparquet/src/convert.js' {
  import type { CompressionCodec, Compressors, DecodedArray, Encoding, ParquetParsers, ParquetType, SchemaElement, SchemaTree } from 'hyparquet';
  export interface ColumnDecoder {
    pathInSchema: string[];
    type: ParquetType;
    element: SchemaElement;
    schemaPath: SchemaTree[];
    codec: CompressionCodec;
    parsers: ParquetParsers;
    compressors?: Compressors;
    utf8?: boolean;
  }
  export const DEFAULT_PARSERS: ParquetParsers;
  export function convert(data: DecodedArray, columnDecoder: ColumnDecoder): DecodedArray;
  export function convertWithDictionary(data: DecodedArray, dictionary: DecodedArray | undefined, encoding: Encoding, columnDecoder: ColumnDecoder): DecodedArray;
}

declare module 'hyparquet/src/assemble.js' {
  import type { DecodedArray, ParquetParsers, SchemaTree } from 'hyparquet';
  export function assembleLists(output: unknown[], definitionLevels: number[] | undefined, repetitionLevels: number[], values: DecodedArray, schemaPath: SchemaTree[]): DecodedArray;
  export function assembleNested(subcolumnData: Map<string, DecodedArray>, schema: SchemaTree, parsers: ParquetParsers, depth?: number): void;
}

declare module 'hyparquet/src/schema.js' {
  import type { SchemaTree } from 'hyparquet';
  export function getTreePath(tree: SchemaTree, name: string[]): SchemaTree[];
  export function getMaxRepetitionLevel(schemaPath: SchemaTree[]): number;
  export function getMaxDefinitionLevel(schemaPath: SchemaTree[]): number;
}

declare module 'hyparquet/src/encoding.js' {
  import type { DataReader, DecodedArray } from 'hyparquet';
  export function readRleBitPackedHybrid(reader: DataReader, width: number, output: DecodedArray, length?: number): void;
}

declare module 'hyparquet/src/plain.js' {
  import type { DataReader, DecodedArray, ParquetType } from 'hyparquet';
  export function readPlain(reader: DataReader, type: ParquetType, count: number, fixedLength: number | undefined): DecodedArray;
}
