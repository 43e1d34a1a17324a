/** Reads `rationaleLens.*` settings for one file into dataset options (workspaces may pin format and mapping). */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import type { SessionOptions } from '../core/session';
import { validateMapping } from '../core/formats/mapping';
import { compileUserPatterns } from '../core/verdict';

export const SECTION = 'rationaleLens';

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
  const { patterns, errors } = compileUserPatterns(config.get<string[]>('verdictPatterns', []));
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
  return {
    options: {
      ...(format && format !== 'auto' ? { format } : {}),
      ...(mapping ? { mapping } : {}),
      ...(patterns.length ? { extraPatterns: patterns } : {}),
      maxEntryBytes: config.get<number>('maxRecordBytes', 128 * 1024 * 1024),
    },
    problems,
  };
}
