/** The one way to read a file's entries: its container's reader (JSONL lines or a JSON array's elements). */
import type { Container, EntryOrIssue, EntryReaderOptions } from './entryReader';
import { readJsonlEntries } from './entryReader';
import { readJsonArrayEntries } from './jsonArrayReader';

export function readEntries(path: string, container: Container, options?: EntryReaderOptions): AsyncGenerator<EntryOrIssue> {
  return container === 'jsonl' ? readJsonlEntries(path, options) : readJsonArrayEntries(path, options);
}
