/**
 * Reading an evaluation file: container detection (JSONL or JSON array), format detection or
 * override, entry parsing with precise error locations, and a compact index of record offsets.
 */
import { open, stat } from 'node:fs/promises';
import type { EvalRecord, ReadIssue } from '../record/record';
import type { EntryContext, FormatAdapter } from '../formats/adapter';
import { isObject } from '../formats/adapter';
import { ADAPTERS, FORMAT_NAMES, adapterByName, detectFormat } from '../formats';
import type { FieldMapping } from '../formats/mapping';
import { GoldFileError, GoldLabelTable } from '../formats/goldLabels';
import { mappingAdapter, unrecognizedValues } from '../formats/mappingAdapter';
import type { Container, EntryReaderOptions, RawEntry } from '../io/entryReader';
import { DEFAULT_MAX_ENTRY_BYTES, decodeUtf8, formatBytes, isOverCapIssue } from '../io/entryReader';
import { readEntries } from '../io/entries';
import { detectContainer, looksBinary, readSample } from '../io/fileKind';
import type { VerdictPattern } from '../record/verdict';
import { DatasetError } from '../io/datasetError';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../io/strictJson';
import { openByteSource } from '../io/containers/byteSource';
import type { Packing } from '../io/containers/packing';
import { PACKING_NAMES, packingOf } from '../io/containers/packing';
import { inspectSampleText } from '../io/containers/inspectLog';
import { columnRowText } from '../io/containers/columnJson';

export interface DatasetOptions extends EntryReaderOptions {
  /** A format name from FORMAT_NAMES; auto-detected when absent. */
  readonly format?: string;
  readonly mapping?: FieldMapping;
  readonly extraPatterns?: readonly VerdictPattern[];
}

export { DatasetError };

export interface OpenedDataset {
  readonly path: string;
  readonly container: Container;
  /** What the entries are packed in (a compressed stream, Parquet rows) or 'plain'. */
  readonly packing: Packing;
  readonly adapter: FormatAdapter;
  readonly sizeBytes: number;
}

export type DatasetEvent = { readonly kind: 'record'; readonly record: EvalRecord } | { readonly kind: 'issue'; readonly issue: ReadIssue; readonly skipped: boolean };

const DETECT_SAMPLE = 20;
/** Entries read past while none is a JSON object, before giving up on detection. */
const DETECT_LOOK_PAST = 100_000;

function openFailure(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied (check the file\'s permissions, or run as a user who may read it)';
  return err.message;
}

const MAGIC: readonly (readonly [number[], string])[] = [
  [[0x1f, 0x8b], 'gzip-compressed: decompress it first (gunzip -k <file>), then open the .jsonl'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed: decompress it first (zstd -d <file>)'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed: decompress it first (bunzip2 -k <file>)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed: decompress it first (unxz -k <file>)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a zip archive: extract the evaluation file from it first'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file: convert it to JSONL first (for example with pandas: pd.read_parquet(f).to_json(out, orient="records", lines=True))'],
];

/** What a file that cannot be JSON is (compressed, an archive, a Git LFS pointer, binary), or null. */
function sniffNonJson(head: Buffer): string | null {
  for (const [magic, what] of MAGIC) if (head.length >= magic.length && magic.every((b, i) => head[i] === b)) return what;
  if (head.toString('latin1', 0, 40).startsWith('version https://git-lfs.github.com/spec/')) {
    return 'a Git LFS pointer, not the data: fetch the content with `git lfs pull` (in the repository that holds it)';
  }
  // Decided over the sample's lines: one line of NULs (a crash) is a malformed line, not a binary file.
  if (looksBinary(head)) return 'binary data, not JSONL or a JSON array: check that this is the evaluation file';
  return null;
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Resolves container and format, or throws a DatasetError that says what to do. */
export async function openDataset(path: string, options: DatasetOptions = {}): Promise<OpenedDataset> {
  let size: number;
  let head: Buffer;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new DatasetError(`${path} is not a file`);
    size = info.size;
    head = await readHead(path);
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    throw new DatasetError(`cannot read ${path}: ${openFailure(err as NodeJS.ErrnoException)}`);
  }
  const packing = packingOf(head);
  // The plain-text checks look at a sample of lines of the bytes the readers see (decoded when packed).
  const kind = sniffNonJson(await readSample(path));
  if (kind) throw new DatasetError(`${path} is ${packing === 'plain' ? '' : `${PACKING_NAMES[packing]} holding `}${kind}`);
  const container = await detectContainer(path);
  if (options.mapping) {
    await checkMapping(path, container, options);
    return { path, container, packing, adapter: mappingAdapter(options.mapping), sizeBytes: size };
  }
  if (options.format) {
    const adapter = adapterByName(options.format);
    if (!adapter) throw new DatasetError(`unknown format "${options.format}"; known formats: ${FORMAT_NAMES.join(', ')} (or a field mapping)`);
    return { path, container, packing, adapter, sizeBytes: size };
  }
  const seenKeys = new Set<string>();
  let sampled = 0;
  let entries = 0;
  let overCap = 0;
  for await (const event of readEntries(path, container, options)) {
    if (event.kind !== 'entry') {
      if (isOverCapIssue(event.issue)) overCap++;
      if (entries + overCap > DETECT_LOOK_PAST && sampled === 0) break;
      continue;
    }
    // Bad lines before the first object are looked past (they are counted and skipped on reading).
    if (++entries + overCap > DETECT_LOOK_PAST && sampled === 0) break;
    const value = tryParse(event.entry.text);
    if (!isObject(value)) continue;
    const adapter = detectFormat(value);
    if (adapter) return { path, container, packing, adapter, sizeBytes: size };
    Object.keys(value).forEach((k) => seenKeys.add(k));
    if (++sampled >= DETECT_SAMPLE) break;
  }
  if (sampled === 0 && overCap > 0) {
    const cap = formatBytes(options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES);
    throw new DatasetError(
      `no record of ${path} could be read to recognize its format: ${overCap.toLocaleString('en-US')} ${overCap === 1 ? 'entry is' : 'entries are'} longer than the record size cap (${cap})${entries ? ` and the other ${entries.toLocaleString('en-US')} are not JSON objects` : ''}; raise the cap with --max-record-bytes <bytes> (in the editor, the rationaleLens.maxRecordBytes setting)`,
    );
  }
  if (sampled === 0 && entries > 0) {
    throw new DatasetError(`no JSON object could be read from the first ${entries.toLocaleString('en-US')} lines of ${path}: it is not a JSONL or JSON-array evaluation file (or its lines are all malformed)`);
  }
  if (sampled === 0) {
    // An empty (or blank) file still opens: it simply has no records.
    return { path, container, packing, adapter: ADAPTERS.find((a) => a.name === 'r-align') as FormatAdapter, sizeBytes: size };
  }
  throw new DatasetError(
    `cannot recognize the format of ${path} (fields seen: ${[...seenKeys].slice(0, 12).join(', ')}); pass --format <${FORMAT_NAMES.join('|')}> or a field mapping (--mapping <file.json>)`,
  );
}

const MAPPING_SAMPLE = 500;

/** A mapping whose gold file cannot be read, or whose verdict values are never recognized, is refused up front. */
async function checkMapping(path: string, container: Container, options: DatasetOptions): Promise<void> {
  const mapping = options.mapping as FieldMapping;
  if (mapping.goldLabelFile) {
    try {
      GoldLabelTable.load(mapping.goldLabelFile, path);
    } catch (err) {
      if (err instanceof GoldFileError) throw new DatasetError(err.message);
      throw err;
    }
  }
  const samples: unknown[] = [];
  for await (const event of readEntries(path, container, options)) {
    if (event.kind !== 'entry') continue;
    const value = tryParse(event.entry.text);
    if (isObject(value)) samples.push(value);
    if (samples.length >= MAPPING_SAMPLE) break;
  }
  const problem = unrecognizedValues(mapping, samples);
  if (problem) throw new DatasetError(`${path}: ${problem}`);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Streams records and issues; malformed entries are reported with line and column and skipped. */
export async function* readDataset(dataset: OpenedDataset, options: DatasetOptions = {}): AsyncGenerator<DatasetEvent> {
  let index = 0;
  for await (const event of readEntries(dataset.path, dataset.container, options)) {
    if (event.kind === 'issue') {
      yield { kind: 'issue', issue: event.issue, skipped: event.issue.severity === 'error' };
      continue;
    }
    const out = entryToRecord(dataset, event.entry, index, options.extraPatterns);
    for (const issue of out.issues) yield { kind: 'issue', issue, skipped: out.record === null && issue.severity === 'error' };
    if (out.record) {
      index++;
      yield { kind: 'record', record: out.record };
    }
  }
}

export interface EntryOutcome {
  readonly record: EvalRecord | null;
  readonly issues: readonly ReadIssue[];
}

export function entryToRecord(dataset: OpenedDataset, entry: RawEntry, index: number, extraPatterns?: readonly VerdictPattern[]): EntryOutcome {
  // Raw NULs are never JSON: a run of them is what an interrupted write leaves on some file systems.
  const nul = entry.text.indexOf('\u0000');
  if (nul !== -1) {
    return { record: null, issues: [{ file: dataset.path, ...placeInFile(entry, nul), severity: 'error', message: 'NUL bytes (what an interrupted write leaves on some file systems): not a record; skipped' }] };
  }
  // Deeper values overflow recursive consumers (JSON.stringify for --by, structuredClone): refused here.
  if (nestedDeeperThan(entry.text)) {
    return { record: null, issues: [{ file: dataset.path, line: entry.line, column: entry.column ?? 1, severity: 'error', message: `the record is nested deeper than ${MAX_JSON_DEPTH.toLocaleString('en-US')} levels; record skipped` }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(entry.text);
  } catch (err) {
    return { record: null, issues: [jsonIssue(dataset.path, entry, err as Error)] };
  }
  const ctx: EntryContext = { file: dataset.path, line: entry.line, index, byteStart: entry.byteStart, byteEnd: entry.byteEnd, ...(extraPatterns ? { extraPatterns } : {}) };
  const { record, problems } = dataset.adapter.toRecord(value, ctx);
  const issues: ReadIssue[] = problems.map((p) => ({
    file: dataset.path,
    line: entry.line,
    field: p.field,
    ...placeOfField(entry, p.field),
    severity: p.skip ? 'error' : 'warning',
    message: p.skip ? `${p.message}; record skipped` : p.message,
  }));
  return { record, issues };
}

/**
 * Line and column in the file of an offset into an entry's text: an array element may start mid-line
 * (a one-line JSON array) or span lines (a pretty-printed one).
 */
function placeInFile(entry: RawEntry, offset: number): { line: number; column: number } {
  const before = entry.text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  if (nl === -1) return { line: entry.line, column: (entry.column ?? 1) + offset };
  let lines = 0;
  for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) lines++;
  return { line: entry.line + lines, column: offset - nl };
}

/** Where a top-level key (first path segment) sits in the file, for messages and editor diagnostics. */
function placeOfField(entry: RawEntry, field: string): { line?: number; column?: number } {
  const key = /^[^.[]+/.exec(field)?.[0];
  if (!key || key.startsWith('(')) return { column: entry.column ?? 1 };
  const at = entry.text.indexOf(`"${key}"`);
  return at === -1 ? {} : placeInFile(entry, at);
}

function jsonIssue(file: string, entry: RawEntry, err: Error): ReadIssue {
  const pos = /position (\d+)/.exec(err.message);
  const truncated = /Unexpected end of JSON input|Unterminated string/.test(err.message);
  const { line, column } = placeInFile(entry, pos ? Number(pos[1]) : truncated ? entry.text.length : 0);
  const reason = truncated ? 'the line ends before the JSON value does (truncated line?)' : err.message.replace(/^JSON\.parse: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/, '');
  return { file, line, column, severity: 'error', message: `invalid JSON: ${reason}; record skipped` };
}

/** Re-reads one record from its byte range (the extension keeps only the index in memory). */
export async function readRecordAt(dataset: OpenedDataset, location: RecordLocation, index: number, extraPatterns?: readonly VerdictPattern[]): Promise<EntryOutcome> {
  if (dataset.packing === 'parquet' || dataset.packing === 'zip' || dataset.packing === 'columns') {
    // A Parquet row is re-read from its row group, an Inspect sample from its zip member, a column file's row from its lists' checkpoints (its line is its 1-based row or sample number).
    const row = location.line - 1;
    const text = dataset.packing === 'parquet' ? await (await import('../io/containers/parquetFile')).parquetRowText(dataset.path, row) : dataset.packing === 'columns' ? await columnRowText(dataset.path, row) : await inspectSampleText(dataset.path, row);
    if (text === undefined) return { record: null, issues: [{ file: dataset.path, line: location.line, severity: 'error', message: `${dataset.packing === 'zip' ? 'sample' : 'row'} ${location.line} is no longer in the file` }] };
    return entryToRecord(dataset, { text, line: location.line, byteStart: location.byteStart, byteEnd: location.byteEnd }, index, extraPatterns);
  }
  const handle = await openByteSource(dataset.path);
  try {
    const length = location.byteEnd - location.byteStart;
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, location.byteStart);
    const text = decodeUtf8(buf, 0, length);
    if (text === null) return { record: null, issues: [{ file: dataset.path, line: location.line, severity: 'error', message: 'invalid UTF-8 bytes' }] };
    return entryToRecord(dataset, { text, line: location.line, byteStart: location.byteStart, byteEnd: location.byteEnd }, index, extraPatterns);
  } finally {
    await handle.close();
  }
}

export interface RecordLocation {
  readonly byteStart: number;
  readonly byteEnd: number;
  readonly line: number;
}

/** Record offsets in three growable typed arrays: 20 bytes a record, whatever the record size. */
type GrowableArray = Float64Array | Uint32Array | Uint8Array;

/** A copy of a typed array with twice the room (the compact indexes grow by doubling). */
export function doubled<T extends GrowableArray>(a: T): T {
  const b = new (a.constructor as new (length: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

export class RecordIndex {
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private lines = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(location: RecordLocation): void {
    if (this.count === this.starts.length) {
      this.starts = doubled(this.starts);
      this.ends = doubled(this.ends);
      this.lines = doubled(this.lines);
    }
    this.starts[this.count] = location.byteStart;
    this.ends[this.count] = location.byteEnd;
    this.lines[this.count] = location.line;
    this.count++;
  }

  at(i: number): RecordLocation | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return { byteStart: this.starts[i] as number, byteEnd: this.ends[i] as number, line: this.lines[i] as number };
  }

  /** The record whose source starts on or before `line` (binary search; lines are increasing). */
  indexOfLine(line: number): number {
    let lo = 0;
    let hi = this.count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.lines[mid] as number) <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

