/**
 * A record's Problems entry names the record and sits where its id is: a click in the Problems
 * panel lands on the id (in view), not at column 1,287 of a long line with the id scrolled away.
 * The exact spot (the field, the verdict) is the entry's related location, one click further.
 */
import * as vscode from 'vscode';
import type { DatasetSession } from '../../core/session/session';
import { recordStart } from './recordLocator';

/** How far into a record its id is looked for, and how far right it may sit and still be in view. */
const ID_SEARCH_CHARS = 4000;
const ID_MAX_COLUMN = 160;

/** "Record 14 (ra-014)": the record's place in the file (as the Inspector counts) and its id. */
function recordName(session: DatasetSession, index: number): string {
  const id = session.row(index).id;
  return `Record ${(index + 1).toLocaleString('en-US')} (${id === null ? 'no id' : JSON.stringify(id).slice(1, -1)})`;
}

/** The record an issue of line `line` belongs to, or -1 (a malformed line is no record). */
export function recordOfLine(session: DatasetSession, line: number): number {
  const index = session.indexOfLine(line);
  return index >= 0 && session.row(index).line === line ? index : -1;
}

/** Where a record's entry sits: on its id when the id is near the start of its line, else at the record's first character. */
function recordAnchor(session: DatasetSession, document: vscode.TextDocument | undefined, index: number): vscode.Range {
  const start = recordStart(session, document, index);
  const first = new vscode.Range(start, start.translate(0, 1));
  const id = session.row(index).id;
  if (!document || id === null) return first;
  const text = document.getText(new vscode.Range(start, document.positionAt(document.offsetAt(start) + ID_SEARCH_CHARS)));
  const at = text.indexOf(JSON.stringify(id));
  if (at < 0) return first;
  const from = document.positionAt(document.offsetAt(start) + at);
  if (from.character > ID_MAX_COLUMN) return first;
  return new vscode.Range(from, document.positionAt(document.offsetAt(from) + JSON.stringify(id).length));
}

/** `d` moved onto its record's id, named after the record; where it was becomes its related location. */
export function anchorAtRecord(d: vscode.Diagnostic, session: DatasetSession, document: vscode.TextDocument | undefined, uri: vscode.Uri, index: number, what: string): vscode.Diagnostic {
  const anchor = recordAnchor(session, document, index);
  const moved = !anchor.isEqual(d.range);
  const out = new vscode.Diagnostic(anchor, `${recordName(session, index)}: ${d.message}${moved ? ` (${what} at line ${d.range.start.line + 1}, column ${(d.range.start.character + 1).toLocaleString('en-US')})` : ''}`, d.severity);
  out.source = d.source;
  out.code = d.code;
  if (moved) out.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, d.range), what)];
  return out;
}
