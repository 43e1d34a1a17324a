/**
 * A Parquet row group's rows, a batch at a time: one LeafCursor a leaf column (parquetPages.ts),
 * each batch's leaves assembled into top-level columns by hyparquet's own functions (lists, structs
 * and maps as it assembles them for a whole group), then into row objects keyed in schema order, as
 * `parquetReadObjects` gives them. Memory holds one batch of rows and each column's open page, not
 * the group.
 */
import type { AsyncBuffer, Compressors, DecodedArray, FileMetaData, SchemaTree } from 'hyparquet';
import { parquetSchema } from 'hyparquet';
import { assembleNested } from 'hyparquet/src/assemble.js';
import type { ColumnDecoder } from 'hyparquet/src/convert.js';
import { DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { getTreePath } from 'hyparquet/src/schema.js';
import { DatasetError } from '../datasetError';
import { LeafCursor } from './parquetPages';

interface Leaf {
  readonly pathInSchema: readonly string[];
  readonly cursor: LeafCursor;
}

export type Row = Record<string, unknown>;

/** Reads a row group forward: each call gives its next `rows` rows (fewer at its end, none past it). */
export function rowGroupReader(path: string, file: AsyncBuffer, metadata: FileMetaData, group: number, compressors: Compressors): (rows: number) => Promise<Row[]> {
  const tree = parquetSchema(metadata);
  const rowGroup = metadata.row_groups[group];
  if (!rowGroup) throw new Error(`rowGroupReader: no row group ${group}`);
  const leaves: Leaf[] = rowGroup.columns.map((chunk) => {
    const meta = chunk.meta_data;
    if (chunk.file_path) throw new DatasetError(`${path}: a column of this Parquet file is kept in another file (${chunk.file_path}), which this reader does not follow; re-write it as one file`);
    if (!meta) throw new DatasetError(`${path}: a Parquet column without its metadata (a damaged file?); re-download or re-write it`);
    const schemaPath = getTreePath(tree, meta.path_in_schema);
    const leaf = schemaPath[schemaPath.length - 1] as SchemaTree;
    // As hyparquet's row-group reader builds it: the chunk's metadata (type, codec), the default parsers.
    const decoder: ColumnDecoder = { ...meta, pathInSchema: meta.path_in_schema, element: leaf.element, schemaPath, compressors, parsers: DEFAULT_PARSERS };
    return { pathInSchema: meta.path_in_schema, cursor: new LeafCursor(path, file, meta, decoder) };
  });
  return async (rows) => {
    const data = await Promise.all(leaves.map((leaf) => leaf.cursor.take(rows)));
    const columns: { name: string; values: DecodedArray }[] = [];
    for (const child of tree.children) {
      const name = child.element.name;
      if (child.children.length) {
        const parts = leaves.map((leaf, i) => ({ leaf, values: data[i] as DecodedArray })).filter((p) => p.leaf.pathInSchema[0] === name);
        if (!parts.length) continue;
        const subcolumns = new Map<string, DecodedArray>(parts.map((p) => [p.leaf.pathInSchema.join('.'), p.values]));
        assembleNested(subcolumns, child, DEFAULT_PARSERS);
        const values = subcolumns.get(name);
        if (!values) throw new DatasetError(`${path}: Parquet column ${name} could not be assembled from its parts (a damaged file?); re-write it`);
        columns.push({ name, values });
      } else {
        const i = leaves.findIndex((leaf) => leaf.pathInSchema[0] === name);
        if (i >= 0) columns.push({ name, values: data[i] as DecodedArray });
      }
    }
    const count = columns.length ? (columns[0] as { values: DecodedArray }).values.length : 0;
    const uneven = columns.find((c) => c.values.length !== count);
    if (uneven) throw new DatasetError(`${path}: in row group ${group + 1}, column ${uneven.name} has ${uneven.values.length} rows where ${columns[0]!.name} has ${count} (a damaged file?); re-download or re-write it`);
    const out = new Array<Row>(count);
    for (let r = 0; r < count; r++) {
      const row: Row = {};
      for (const c of columns) row[c.name] = c.values[r];
      out[r] = row;
    }
    return out;
  };
}
