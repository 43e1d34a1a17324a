/** Shared CLI option handling: dataset options from flags, and errors that exit with one line. */
import { readFileSync } from 'node:fs';
import type { DatasetOptions } from '../core/dataset/dataset';
import type { FieldMapping } from '../core/formats/mapping';
import { MappingError, validateMapping } from '../core/formats/mapping';
import { compileUserPatterns } from '../core/record/verdict';

/** A failure the user can fix: printed as one line, exit code 2. */
export class UsageError extends Error {}

export interface IO {
  out(text: string): void;
  err(text: string): void;
  readonly isTTY: boolean;
  /** Asks a yes/no question on the terminal; absent when there is none to ask on (then `--yes` is needed). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

function loadMapping(path: string): FieldMapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the field mapping ${path}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the field mapping ${path} is not valid JSON: ${(err as Error).message}`);
  }
  try {
    return validateMapping(value, path);
  } catch (err) {
    if (err instanceof MappingError) throw new UsageError(err.message);
    throw err;
  }
}

export function datasetOptions(values: { format?: string | undefined; mapping?: string | undefined; 'verdict-pattern'?: string[] | undefined; 'max-record-bytes'?: string | undefined }): DatasetOptions {
  const { patterns, errors } = compileUserPatterns(values['verdict-pattern'] ?? []);
  if (errors.length) throw new UsageError(errors[0]);
  let maxEntryBytes: number | undefined;
  if (values['max-record-bytes'] !== undefined) {
    maxEntryBytes = Number(values['max-record-bytes']);
    if (!Number.isFinite(maxEntryBytes) || maxEntryBytes <= 0) throw new UsageError('--max-record-bytes needs a positive number of bytes');
  }
  return {
    ...(values.format ? { format: values.format } : {}),
    ...(values.mapping ? { mapping: loadMapping(values.mapping) } : {}),
    ...(patterns.length ? { extraPatterns: patterns } : {}),
    ...(maxEntryBytes ? { maxEntryBytes } : {}),
  };
}
