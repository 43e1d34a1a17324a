/**
 * Which files get the editor's commands as soon as their first records are recognized, rather than
 * after the whole file is indexed (a 1 GB file, or a compressed or Parquet one read in one pass,
 * takes seconds to minutes): every record-per-entry kind whose name says so. A plain `.json` file
 * waits for its load, since `package.json` and `settings.json` open as JSON too.
 */
const RECOGNIZED_FROM_FIRST_RECORDS = /\.jsonl(\.gz|\.zst)?$|\.(parquet|eval)$/i;

export function recognizedFromFirstRecords(fileName: string): boolean {
  return RECOGNIZED_FROM_FIRST_RECORDS.test(fileName);
}
