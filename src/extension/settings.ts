/** Reads `rationaleLens.*` settings for one file into dataset options (workspaces may pin format and mapping). */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { SessionOptions } from '../core/session/session';
import { validateMapping } from '../core/formats/mapping';
import { compileUserPatterns } from '../core/record/verdict';
import { MARKS_SUFFIX } from '../core/verdicts/marks';

export const SECTION = 'rationaleLens';

const DEFAULT_MAX_RECORD_BYTES = 128 * 1024 * 1024;
/** The over-long-line guard cannot be lifted past this (the manifest's maximum too). */
const MAX_RECORD_BYTES_LIMIT = 2 * 1024 * 1024 * 1024;

function clampRecordBytes(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_RECORD_BYTES_LIMIT, Math.max(1024, Math.floor(n))) : DEFAULT_MAX_RECORD_BYTES;
}

/** A setting's user (or default) value: what a workspace sets for it is ignored. */
export function userOnly<T>(config: vscode.WorkspaceConfiguration, key: string, fallback: T): T {
  const inspected = config.inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

export interface ResolvedOptions {
  readonly options: SessionOptions;
  /** Problems with the settings themselves, shown to the user once. */
  readonly problems: string[];
}

export function datasetOptionsFor(uri: vscode.Uri): ResolvedOptions {
  const config = vscode.workspace.getConfiguration(SECTION, uri);
  const problems: string[] = [];
  const format = config.get<string>('format', 'auto');
  const mappingPath = config.get<string>('fieldMapping', '').trim();
  // In an untrusted workspace the repository's own values of what decides parsing do not count.
  const trusted = vscode.workspace.isTrusted;
  const setting = <T>(key: string, fallback: T): T => (trusted ? config.get<T>(key, fallback) : userOnly(config, key, fallback));
  const { patterns, errors } = compileUserPatterns(setting<string[]>('verdictPatterns', []));
  problems.push(...errors.map((e) => `rationaleLens.verdictPatterns: ${e}`));
  let mapping: SessionOptions['mapping'];
  // A mapping names files to read: only honoured from a trusted workspace.
  if (mappingPath && vscode.workspace.isTrusted) {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    const full = isAbsolute(mappingPath) || !folder ? mappingPath : join(folder, mappingPath);
    try {
      mapping = validateMapping(JSON.parse(readFileSync(full, 'utf8')) as unknown, full);
    } catch (err) {
      problems.push(`rationaleLens.fieldMapping (${full}): ${(err as Error).message}`);
    }
  }
  const marksStore = marksStoreFor(uri, config);
  return {
    options: {
      ...(marksStore ? { marksStore } : {}),
      ...(format && format !== 'auto' ? { format } : {}),
      ...(mapping ? { mapping } : {}),
      ...(patterns.length ? { extraPatterns: patterns } : {}),
      maxEntryBytes: clampRecordBytes(setting<number>('maxRecordBytes', DEFAULT_MAX_RECORD_BYTES)),
    },
    problems,
  };
}

/** Where human marks are kept: `besideData` (default; the CLI reads them) or the editor's `workspaceStorage`. */
export const MARKS_LOCATION_KEY = 'humanMarks.location';
export type MarksLocation = 'besideData' | 'workspaceStorage';

/** The Inspector's "unstable" threshold: flip rate above this (default 0.2, what `stats` counts). */
export function unstableFlipRate(): number {
  const v = vscode.workspace.getConfiguration(SECTION).get<number>('samples.unstableFlipRate', 0.2);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? v : 0.2;
}

let marksStorageRoot: string | undefined;

/** The folder for marks kept in workspace storage (the extension's storageUri, else its global storage); set once by activate. */
export function setMarksStorageRoot(folder: string | undefined): void {
  marksStorageRoot = folder;
}

/** The marks location the user chose (user settings only: a repository cannot move where people's marks go). */
export function marksLocation(config = vscode.workspace.getConfiguration(SECTION)): MarksLocation {
  return userOnly<string>(config, MARKS_LOCATION_KEY, 'besideData') === 'workspaceStorage' ? 'workspaceStorage' : 'besideData';
}

/**
 * The marks file in workspace storage for `uri` when marks are kept there, else undefined (beside the
 * data). Named by a hash of the dataset's path plus its name, so two files of one name never share it.
 */
function marksStoreFor(uri: vscode.Uri, config: vscode.WorkspaceConfiguration): string | undefined {
  if (marksLocation(config) !== 'workspaceStorage' || !marksStorageRoot) return undefined;
  const folder = join(marksStorageRoot, 'marks');
  mkdirSync(folder, { recursive: true });
  return join(folder, `${createHash('sha256').update(uri.fsPath).digest('hex').slice(0, 16)}-${basename(uri.fsPath)}${MARKS_SUFFIX}`);
}
