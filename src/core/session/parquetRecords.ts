/**
 * The index's read of an R-Align Parquet file without the rows' JSON text: each decoded row is read
 * as fastTally's readFast reads a JSONL line (the same members, the same checks, the same fallback),
 * on the values JSON.parse would give back from the row's text (io/containers/parquetJson.ts), and
 * gets the byte range its line has in the decoded JSONL (its text's length, measured without writing
 * it). A row the fast read does not take plainly is written as text and read by the full adapter, as
 * its JSONL line would be. So the records, figures and issues are those of reading the same rows as
 * JSONL (test/unit/core/session/parquetRecords.test.ts), for the CPU the text cost: turning each row
 * into JSON text, joining, encoding and scanning it again was half the index's work.
 */
import { waitWhileHeld } from '../io/backgroundHold';
import type { OpenedDataset } from '../dataset/dataset';
import { entryToRecord } from '../dataset/dataset';
import type { EvalRecord, Judgment } from '../record/record';
import type { VerdictPattern } from '../record/verdict';
import { parseVerdict } from '../record/verdict';
import { rAlignPred } from '../formats/adapter';
import { rAlignGold, rAlignSubset } from '../formats/ralign';
import { DEFAULT_MAX_ENTRY_BYTES, tooLongIssue } from '../io/entryReader';
import { OMITTED, asParsed, rowText, rowTextBytes } from '../io/containers/parquetJson';
import type { FastTallyOptions, RecordSink } from '../tally/fastTally';
import { crossCheckVerdict } from '../tally/fastTally';
import { fastJudgment, fastRecord, fileFidelity } from '../tally/fastRecord';

type Row = Readonly<Record<string, unknown>>;

/**
 * A judgment longer than this is cross-checked on its last VERDICT_CHARS: crossCheckVerdict reads at
 * most the last 512 bytes of the JSON string (else the whole text, which is then read here), and those
 * bytes are the same whether the string is cut or not.
 */
const VERDICT_CHARS = 640;

/** The fast read's cross-check on a judgment's text: crossCheckVerdict on the bytes its JSON string ends with. */
export function textVerdict(text: string, extraPatterns?: readonly VerdictPattern[]): Judgment['parsedVerdict'] {
  const cut = text.length > VERDICT_CHARS;
  const buf = Buffer.from(JSON.stringify(cut ? text.slice(-VERDICT_CHARS) : text));
  const found = crossCheckVerdict(buf, [0, buf.length], extraPatterns);
  // The cut text's tail is the whole text's; read whole, it is not.
  return cut && found.read === 'whole' ? parseVerdict(text, { extraPatterns: extraPatterns ?? [] }).verdict : found.verdict;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** plainConversation's test on the parsed turns: objects whose content is a string or a list. */
function plainConversation(turns: unknown): boolean {
  if (!Array.isArray(turns)) return false;
  for (const turn of turns) {
    if (!isPlainObject(turn)) return false;
    const content = turn.content;
    if (content === undefined || (typeof content !== 'string' && !Array.isArray(content))) return false;
  }
  return true;
}

/** A minimal record for the index, or null when the full adapter must read this row (readFast's rules, on parsed values). */
function readFastRow(row: Row, line: number, index: number, byteStart: number, byteEnd: number, check: boolean, extraPatterns?: readonly VerdictPattern[], keepText = false): EvalRecord | null {
  // A member as JSON.parse would read it back from the row's text; undefined when the text leaves it out.
  const member = (name: string): unknown => {
    const v = name in row ? asParsed(row[name], name) : OMITTED;
    return v === OMITTED ? undefined : v;
  };
  if (member('round_responses') !== undefined) return null;
  for (const name of ['response_A', 'response_B', 'gt_judgment']) {
    const v = member(name);
    if (v !== undefined && v !== null && typeof v !== 'string') return null;
  }
  const conversations = member('conversations');
  if (conversations !== undefined && !plainConversation(conversations)) return null;
  const gold = rAlignGold(member('gt_label'));
  if (gold === null) return null;
  const rawPred = member('model_pred');
  const hasPred = rawPred !== undefined;
  const pred = rAlignPred(rawPred);
  if (hasPred && rawPred !== null && pred === null) return null;
  const fidelity = fileFidelity(member('metarm_verdict'));
  if (fidelity === false) return null;
  const judgment = member('model_judgment');
  if (judgment !== undefined && judgment !== null && typeof judgment !== 'string') return null;
  const judgments: Judgment[] = [];
  if (judgment !== undefined || hasPred) {
    const parsedVerdict = check && typeof judgment === 'string' ? textVerdict(judgment, extraPatterns) : null;
    judgments.push(fastJudgment(keepText && typeof judgment === 'string' ? judgment : '', pred, parsedVerdict, check));
  }
  const source = member('source');
  const subset = member('subset');
  const goldText = member('gt_judgment');
  const goldRationale = typeof goldText === 'string' && goldText.length > 0;
  return fastRecord(index, line, byteStart, byteEnd, member('id'), gold, goldRationale, judgments, fidelity, rAlignSubset(isPlainObject(source) ? source : undefined, typeof subset === 'string' ? subset : undefined));
}

/**
 * fastRecordChunks for a Parquet file: each batch of rows' records and issues go to `sink`, then it
 * yields. Lines, offsets, ids and issues are those of the decoded JSONL.
 */
export async function* parquetRecordChunks(dataset: OpenedDataset, options: FastTallyOptions, sink: RecordSink): AsyncGenerator<void> {
  const check = options.verdictCheck !== false;
  const maxEntry = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  let index = 0;
  let line = 0;
  let at = 0;
  // A row comes decoded, or (the start, decoded by the thread that opened the file) as its JSONL line.
  const take = (row: Row | undefined, text: string | undefined): void => {
    line++;
    const byteStart = at;
    const bytes = text !== undefined ? Buffer.byteLength(text) : rowTextBytes(row as Row);
    // Nested deeper than the fast read goes: the text path reads it.
    if (bytes === undefined) text = rowText(row as Row);
    const byteEnd = at + (bytes ?? Buffer.byteLength(text as string));
    at = byteEnd + 1;
    if (byteEnd - byteStart > maxEntry) {
      sink.issue(tooLongIssue(dataset.path, line, maxEntry), true);
      return;
    }
    const value = row ?? (JSON.parse(text as string) as Row);
    const plain = bytes !== undefined && (row !== undefined || rowTextBytes(value) !== undefined);
    const fast = plain ? readFastRow(value, line, index, byteStart, byteEnd, check, options.extraPatterns, options.keepJudgmentText === true) : null;
    if (fast) {
      index++;
      sink.record(fast);
      return;
    }
    const out = entryToRecord(dataset, { text: text ?? rowText(row as Row), line, byteStart, byteEnd }, index, options.extraPatterns);
    for (const issue of out.issues) sink.issue(issue, out.record === null && issue.severity === 'error');
    if (out.record) {
      index++;
      sink.record(out.record);
    }
  };
  // Loaded only for a Parquet file (as byteSource.ts loads it): other files' workers start without the Parquet reader.
  const { parquetRowsForIndex } = await import('../io/containers/parquetFile');
  for await (const batch of parquetRowsForIndex(dataset.path)) {
    waitWhileHeld(options.hold);
    if ('lines' in batch) for (const text of batch.lines) take(undefined, text);
    else for (const row of batch.rows) take(row, undefined);
    yield;
  }
  sink.lines?.(line);
}
