/**
 * Inspect AI `.eval` logs: a zip with `header.json`, one `samples/<id>_epoch_<n>.json` per sample
 * (a re-logged sample is a later member of the same name: the last one wins) and `_journal/…` while
 * the run is going. Read with the central directory and node:zlib's inflateRaw, a member at a time,
 * each bounded by the size its directory entry declares (and by the record limit): a zip bomb is
 * refused, never inflated into memory. Each sample is one record, its JSON as one JSONL line, so a
 * field mapping addresses the sample (input, target, output, scores and their explanations).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetError } from '../datasetError';

const inflate = promisify(inflateRaw);
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** A sample larger than this is refused (its directory entry says so before anything is inflated). */
const MAX_SAMPLE_BYTES = 128 * 1024 * 1024;
const SAMPLE_NAME = /^samples\/.+\.json$/;

interface Member {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function centralDirectory(path: string, handle: FileHandle): Promise<Member[]> {
  const { size } = await handle.stat();
  const tailLength = Math.min(size, 22 + 65535);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
  if (at < 0) throw new DatasetError(`${path}: the zip archive has no central directory (truncated file, or a log still being written?); re-download it, or wait for the run to finish`);
  const entries = tail.readUInt16LE(at + 10);
  const dirSize = tail.readUInt32LE(at + 12);
  const dirOffset = tail.readUInt32LE(at + 16);
  if (entries === 0xffff || dirOffset === 0xffffffff) throw new DatasetError(`${path}: a ZIP64 archive (over 4 GB or 65,535 members), which this reader does not read; extract the samples (unzip) and open them`);
  if (dirOffset + dirSize > size) throw new DatasetError(`${path}: the zip's central directory points past the end of the file (truncated?); re-download it`);
  const dir = await readAt(handle, dirOffset, dirSize);
  const members: Member[] = [];
  let p = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new DatasetError(`${path}: the zip's central directory is damaged at entry ${k + 1}; re-download the file`);
    const flags = dir.readUInt16LE(p + 8);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    members.push({
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method: dir.readUInt16LE(p + 10),
      encrypted: (flags & 1) === 1,
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

async function memberText(path: string, handle: FileHandle, member: Member, maxBytes: number): Promise<string> {
  if (member.encrypted) throw new DatasetError(`${path}: ${member.name} is encrypted, which this reader cannot decrypt; extract the log with its password (unzip) and open the samples`);
  if (member.method !== 0 && member.method !== 8) throw new DatasetError(`${path}: ${member.name} is compressed with zip method ${member.method} (only stored and deflate are read); re-write the log with Inspect AI`);
  if (member.size > maxBytes) throw new DatasetError(`${path}: ${member.name} says it holds ${member.size.toLocaleString('en-US')} bytes, over the ${Math.floor(maxBytes / 2 ** 20)} MB allowed for one sample (raise --max-record-bytes to read it)`);
  const local = await readAt(handle, member.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new DatasetError(`${path}: the zip member ${member.name} is damaged (no local header where the directory says); re-download the file`);
  const dataStart = member.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(handle, dataStart, member.compressedSize);
  if (data.length < member.compressedSize) throw new DatasetError(`${path}: ${member.name} ends early (truncated file?); re-download it`);
  let bytes: Buffer;
  if (member.method === 0) bytes = data;
  else {
    try {
      // Never more than the directory declares: a member that inflates further is a bomb or damage.
      bytes = await inflate(data, { maxOutputLength: Math.max(1, member.size) });
    } catch (err) {
      throw new DatasetError(`${path}: ${member.name} cannot be inflated to the ${member.size.toLocaleString('en-US')} bytes its entry declares (${(err as Error).message}; a damaged or hostile file?)`);
    }
  }
  if (bytes.length !== member.size) throw new DatasetError(`${path}: ${member.name} inflates to ${bytes.length.toLocaleString('en-US')} bytes, not the ${member.size.toLocaleString('en-US')} its entry declares (a damaged file?)`);
  return bytes.toString('utf8');
}

/** The log's samples in order (the last member of each name), or an error when the zip is not an Inspect log. */
function samplesOf(path: string, members: readonly Member[]): Member[] {
  if (!members.some((m) => m.name === 'header.json' || SAMPLE_NAME.test(m.name) || m.name.startsWith('_journal/'))) {
    throw new DatasetError(`${path} is a zip archive but not an Inspect AI log (no header.json, samples/ or _journal/); extract the evaluation file from it first`);
  }
  const last = new Map<string, Member>();
  for (const m of members) if (SAMPLE_NAME.test(m.name)) last.set(m.name, m);
  // Order of first appearance, content of the last (a re-logged sample keeps its place).
  return [...last.values()];
}

function oneLine(path: string, name: string, text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (err) {
    throw new DatasetError(`${path}: ${name} is not valid JSON (${(err as Error).message}); the log is damaged`);
  }
}

/** The log's samples as JSONL bytes, a sample at a time. */
export async function* inspectLogJsonlChunks(path: string, maxBytes = MAX_SAMPLE_BYTES): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    for (const member of samplesOf(path, await centralDirectory(path, handle))) {
      yield Buffer.from(`${oneLine(path, member.name, await memberText(path, handle, member, maxBytes))}\n`);
    }
  } finally {
    await handle.close();
  }
}

/** One sample (0-based, in the order read) as one line of JSON; undefined past the end. */
export async function inspectSampleText(path: string, ordinal: number, maxBytes = MAX_SAMPLE_BYTES): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const member = samplesOf(path, await centralDirectory(path, handle))[ordinal];
    return member && oneLine(path, member.name, await memberText(path, handle, member, maxBytes));
  } finally {
    await handle.close();
  }
}
