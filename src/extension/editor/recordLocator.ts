/**
 * Maps between editor positions and records. A JSONL record is one whole line; a JSON-array
 * element may span many lines or share one with others, so for those byte offsets (what the
 * session's index stores) are converted through a per-version table of line start bytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';

interface ByteTable {
  readonly version: number;
  /** Byte offset in the file of each line's first character (BOM included in the count). */
  readonly lineStarts: Float64Array;
}

const tables = new WeakMap<vscode.TextDocument, ByteTable>();

function utf8Length(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function hasBom(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(3);
      return readSync(fd, buf, 0, 3, 0) === 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // unreadable: no mark to place; the session's own read reports why
  }
}

function byteTable(document: vscode.TextDocument): ByteTable {
  const cached = tables.get(document);
  if (cached && cached.version === document.version) return cached;
  const text = document.getText();
  const starts = new Float64Array(document.lineCount + 1);
  let bytes = hasBom(document.uri.fsPath) ? 3 : 0;
  let line = 0;
  starts[0] = bytes;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
      if (c === 0x0a) starts[++line] = bytes;
    } else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  for (let l = line + 1; l < starts.length; l++) starts[l] = bytes;
  const table = { version: document.version, lineStarts: starts };
  tables.set(document, table);
  return table;
}

/** File byte offset of a position (the document is assumed to match the file on disk). */
function byteAt(document: vscode.TextDocument, position: vscode.Position): number {
  const table = byteTable(document);
  const lineText = document.lineAt(position.line).text;
  return (table.lineStarts[position.line] ?? 0) + utf8Length(lineText, 0, Math.min(position.character, lineText.length));
}

/** Position of a file byte offset. */
function positionAt(document: vscode.TextDocument, byte: number): vscode.Position {
  const starts = byteTable(document).lineStarts;
  let lo = 0;
  let hi = document.lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= byte) lo = mid;
    else hi = mid - 1;
  }
  const text = document.lineAt(lo).text;
  let remaining = byte - (starts[lo] as number);
  let ch = 0;
  while (ch < text.length && remaining > 0) {
    const c = text.charCodeAt(ch);
    const pair = c >= 0xd800 && c < 0xdc00 && ch + 1 < text.length;
    remaining -= c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    ch += pair ? 2 : 1;
  }
  return new vscode.Position(lo, ch);
}

/** Index of the record shown at `position`, or -1 (blank or malformed line, outside the array's elements). */
export function recordAt(session: DatasetSession, document: vscode.TextDocument, position: vscode.Position): number {
  const line1 = position.line + 1;
  const last = session.indexOfLine(line1);
  if (last < 0) return -1;
  if (session.dataset.container === 'jsonl') return session.row(last).line === line1 ? last : -1;
  const byte = byteAt(document, position);
  let i = last;
  while (i >= 0 && (session.index.at(i)?.byteStart ?? 0) > byte) i--;
  if (i >= 0 && byte < (session.index.at(i)?.byteEnd ?? 0)) return i;
  // Indentation before an element on its first line, or the `,` after it on its last line.
  if (session.row(last).line === line1) return last;
  if (i >= 0 && positionAt(document, Math.max(0, (session.index.at(i)?.byteEnd ?? 1) - 1)).line === position.line) return i;
  return -1;
}

/** Range of a record's source text (a JSONL line; a JSON-array element from its first to its last character). */
export function recordRange(session: DatasetSession, document: vscode.TextDocument | undefined, index: number): vscode.Range {
  const line = Math.max(0, session.row(index).line - 1);
  if (!document || line >= document.lineCount) return new vscode.Range(line, 0, line, 0);
  if (session.dataset.container === 'jsonl') return document.lineAt(line).range;
  const loc = session.index.at(index);
  if (!loc) return document.lineAt(line).range;
  return new vscode.Range(positionAt(document, loc.byteStart), positionAt(document, loc.byteEnd));
}

/** Start of the record's source text (for the cursor and for columns counted within the record). */
export function recordStart(session: DatasetSession, document: vscode.TextDocument | undefined, index: number): vscode.Position {
  return recordRange(session, document, index).start;
}
