/**
 * The fast path of `stats` for R-Align JSONL files: reads only the fields the figures depend on
 * (gt_label, model_pred, metarm_verdict, subset, and the tail of model_judgment for the parser
 * cross-check) straight from the bytes. Any record that is not plainly well-formed goes through the
 * full adapter instead, so its messages and counts are exactly those of the full path
 * (test/unit/core/tally/fastTally.test.ts checks the two agree).
 */
import { waitWhileHeld } from '../io/backgroundHold';
import { isUtf8 } from 'node:buffer';
import type { OpenedDataset } from '../dataset/dataset';
import { entryToRecord } from '../dataset/dataset';
import { rAlignPred } from '../formats/adapter';
import { rAlignGold, rAlignSubset } from '../formats/ralign';
import type { ByteRange, EntryReaderOptions } from '../io/entryReader';
import { lineEntry, readJsonlBatches } from '../io/entryReader';
import { MemberNames, decodeStringTail, isSpace, objectMemberSlots, parseMember, parseMemberAt, skipValue } from '../io/jsonScan';
import { SLOTS_READ, strictMemberSlots } from '../io/strictJson';
import type { EvalRecord, Judgment, ReadIssue, Verdict } from '../record/record';
import type { VerdictPattern } from '../record/verdict';
import { parseVerdict } from '../record/verdict';
import { tailVerdict } from '../record/verdictTail';
import { fastJudgment, fastRecord, fileFidelity } from './fastRecord';

/**
 * Verdicts sit at the end and their patterns are short: read the last TAIL_BYTES, and fall back to
 * the whole text when the match found starts within PATTERN_REACH of the cut (it might be longer).
 */
const TAIL_BYTES = 512;
const PATTERN_REACH = 150;

export interface RecordSink {
  record(record: EvalRecord): void;
  issue(issue: ReadIssue, skipped: boolean): void;
  /** Called once at the end with the number of newlines read. */
  lines?(newlines: number): void;
}

export function canFastTally(dataset: OpenedDataset): boolean {
  return dataset.container === 'jsonl' && dataset.adapter.name === 'r-align';
}

/** Every member readFast looks at; other keys are skipped without being decoded. */
const READ_MEMBERS = new MemberNames(['id', 'source', 'subset', 'conversations', 'response_A', 'response_B', 'gt_label', 'gt_judgment', 'model_judgment', 'model_pred', 'metarm_verdict', 'round_responses']);
/** Slot numbers: READ_MEMBERS' positions (a member's value is buf[slots[2k], slots[2k + 1]), -1 when absent). */
const ID = 0;
const SOURCE = 1;
const SUBSET_SLOT = 2;
const CONVERSATIONS = 3;
const RESPONSE_A = 4;
const RESPONSE_B = 5;
const GT_LABEL = 6;
const GT_JUDGMENT = 7;
const MODEL_JUDGMENT = 8;
const MODEL_PRED = 9;
const METARM_VERDICT = 10;
const ROUND_RESPONSES = 11;
/** Members that must be a string or null for the fast read. */
const STRING_OR_NULL = [RESPONSE_A, RESPONSE_B, GT_JUDGMENT] as const;
/** One record's member slots, refilled per line (readFast is synchronous): no Map and no tuple per member. */
const slots = new Int32Array(2 * READ_MEMBERS.names.length);

const FIRST_BYTE_STRING = 0x22;
/** A non-empty string value (the full path keeps `gt_judgment` when it is a non-empty string). */
function hasGoldRationale(buf: Buffer, start: number, end: number): boolean {
  return start !== -1 && buf[start] === FIRST_BYTE_STRING && end - start > 2;
}
const FIRST_BYTE_NULL = 0x6e;

export interface FastTallyOptions extends EntryReaderOptions {
  readonly extraPatterns?: readonly VerdictPattern[];
  /** Parse each rationale's own verdict to count disagreements with `model_pred` (default true). */
  readonly verdictCheck?: boolean;
  /** Decode each judgment's whole text into the record (the rationale-vs-verdict check reads it). */
  readonly keepJudgmentText?: boolean;
  /** BackgroundHold.flag: in a worker thread, wait between batches while someone holds it. */
  readonly hold?: Int32Array;
}

export async function fastTallyRAlign(dataset: OpenedDataset, options: FastTallyOptions, sink: RecordSink, range?: ByteRange): Promise<void> {
  for await (const _ of fastRecordChunks(dataset, options, sink, range));
}

/**
 * The fast read as steps: each read chunk's records and issues go to `sink`, then it yields, so a
 * caller can pass on what the chunk gave before the next is read (the session's index batches).
 */
export async function* fastRecordChunks(dataset: OpenedDataset, options: FastTallyOptions, sink: RecordSink, range?: ByteRange): AsyncGenerator<void> {
  const check = options.verdictCheck !== false;
  let index = 0;
  let nextLine = 1;
  for await (const batch of readJsonlBatches(dataset.path, options, range)) {
    waitWhileHeld(options.hold);
    nextLine = batch.nextLine;
    const buf = batch.buf;
    // Over-long lines are reported in line order among the others, as the full path does.
    let k = 0;
    for (let i = 0; i < batch.starts.length; i++) {
      const start = batch.starts[i] as number;
      const end = batch.ends[i] as number;
      const line = batch.lines[i] as number;
      for (; k < batch.issues.length && (batch.issues[k] as ReadIssue).line < line; k++) sink.issue(batch.issues[k] as ReadIssue, true);
      const fast = readFast(buf, start, end, line, index, batch.bufStart, check, options.extraPatterns, options.keepJudgmentText === true);
      if (fast) {
        index++;
        sink.record(fast);
        continue;
      }
      const decoded = lineEntry(dataset.path, batch, i);
      if (decoded.kind === 'issue') {
        sink.issue(decoded.issue, true);
        continue;
      }
      const out = entryToRecord(dataset, decoded.entry, index, options.extraPatterns);
      for (const issue of out.issues) sink.issue(issue, out.record === null && issue.severity === 'error');
      if (out.record) {
        index++;
        sink.record(out.record);
      }
    }
    for (; k < batch.issues.length; k++) sink.issue(batch.issues[k] as ReadIssue, true);
    yield;
  }
  sink.lines?.(nextLine - 1);
}

const CONTENT = new MemberNames(['content']);
const contentSlots = new Int32Array(2);

/**
 * Turns the full adapter reads without a warning: objects whose content is a string or a list of parts.
 * Walked in place (the line is valid JSON), no array of turns and no Map a turn: these were a tenth
 * of the tally's CPU on files of short records, most of it collecting them.
 */
function plainConversation(buf: Buffer, start: number, end: number): boolean {
  if (buf[start] !== 0x5b) return false;
  let pos = start + 1;
  for (;;) {
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] === 0x5d) return true;
    const turnEnd = skipValue(buf, pos, end);
    if (turnEnd === -1 || buf[pos] !== 0x7b || !objectMemberSlots(buf, pos, turnEnd, CONTENT, contentSlots)) return false;
    const content = contentSlots[0] as number;
    if (content === -1 || (buf[content] !== FIRST_BYTE_STRING && buf[content] !== 0x5b)) return false;
    pos = turnEnd;
    while (pos < end && isSpace(buf[pos])) pos++;
    if (buf[pos] === 0x2c) pos++;
    else if (buf[pos] !== 0x5d) return false;
  }
}

const SUBSET = new MemberNames(['subset']);
const subsetSlots = new Int32Array(2);

/** The `source` object as far as `rAlignSubset` reads it: its `subset` member found on the bytes (the line is valid JSON), else JSON.parse's object. */
function sourceOf(buf: Buffer, start: number, end: number): unknown {
  // A key with an escape, or `subset` twice: JSON.parse decides
  if (!objectMemberSlots(buf, start, end, SUBSET, subsetSlots)) return parseMemberAt(buf, start, end);
  return { subset: parseMemberAt(buf, subsetSlots[0] as number, subsetSlots[1] as number) };
}

/**
 * The verdict `parseVerdict` reads in a judgment (the JSON string at `range`), and how much of it
 * was read: the ending straight from the bytes (record/verdictTail.ts, proven equal to parseVerdict
 * on the decoded tail), else the last TAIL_BYTES decoded and parsed, else the whole text.
 */
export function crossCheckVerdict(buf: Buffer, range: [number, number], extraPatterns?: readonly VerdictPattern[]): { verdict: Verdict; read: 'ending' | 'tail' | 'whole' } {
  const fast = tailVerdict(buf, range[0], range[1], TAIL_BYTES, extraPatterns, PATTERN_REACH);
  if (fast && (fast.complete || fast.start >= PATTERN_REACH)) return { verdict: fast.verdict, read: 'ending' };
  const tail = decodeStringTail(buf, range, TAIL_BYTES);
  const parsed = parseVerdict(tail.text, { extraPatterns: extraPatterns ?? [] });
  if (tail.complete || (parsed.pattern !== null && parsed.start >= PATTERN_REACH && parsed.pattern !== 'output-ab-mention')) return { verdict: parsed.verdict, read: 'tail' };
  return { verdict: parseVerdict(parseMember(buf, range) as string, { extraPatterns: extraPatterns ?? [] }).verdict, read: 'whole' };
}

/** A minimal record for the tally, or null when the full adapter must look at this line. */
function readFast(buf: Buffer, start: number, end: number, line: number, index: number, bufStart: number, check: boolean, extraPatterns?: readonly VerdictPattern[], keepText = false): EvalRecord | null {
  // Invalid UTF-8 must be reported by the full path; the native check costs little.
  if (!isUtf8(buf.subarray(start, end))) return null;
  // Only what JSON.parse accepts (no raw control byte in a string, bare words, NaN, bad escapes, deep nesting):
  // the figures of a file never depend on which path read it.
  if (strictMemberSlots(buf, start, end, READ_MEMBERS, slots) !== SLOTS_READ) return null;
  const s = slots;
  // A synthesis over trajectories (formats/trajectories.ts): its judgment and samples are the full adapter's to read.
  if (s[2 * ROUND_RESPONSES] !== -1) return null;
  try {
    for (const slot of STRING_OR_NULL) {
      const first = s[2 * slot] as number;
      if (first !== -1 && buf[first] !== FIRST_BYTE_STRING && buf[first] !== FIRST_BYTE_NULL) return null;
    }
    if (s[2 * CONVERSATIONS] !== -1 && !plainConversation(buf, s[2 * CONVERSATIONS] as number, s[2 * CONVERSATIONS + 1] as number)) return null;
    const gold = rAlignGold(parseMemberAt(buf, s[2 * GT_LABEL] as number, s[2 * GT_LABEL + 1] as number));
    if (gold === null) return null; // missing or odd labels get the full path's warning
    const hasPred = s[2 * MODEL_PRED] !== -1;
    const rawPred = parseMemberAt(buf, s[2 * MODEL_PRED] as number, s[2 * MODEL_PRED + 1] as number);
    const pred = rAlignPred(rawPred);
    if (hasPred && rawPred !== null && pred === null) return null;
    const fidelity = fileFidelity(parseMemberAt(buf, s[2 * METARM_VERDICT] as number, s[2 * METARM_VERDICT + 1] as number));
    if (fidelity === false) return null;
    const judgmentRange: [number, number] | undefined = s[2 * MODEL_JUDGMENT] === -1 ? undefined : [s[2 * MODEL_JUDGMENT] as number, s[2 * MODEL_JUDGMENT + 1] as number];
    if (judgmentRange && buf[judgmentRange[0]] !== FIRST_BYTE_STRING && buf[judgmentRange[0]] !== FIRST_BYTE_NULL) return null;
    const judgments: Judgment[] = [];
    if (judgmentRange || hasPred) {
      let parsedVerdict: Judgment['parsedVerdict'] = null;
      if (check && judgmentRange && buf[judgmentRange[0]] === FIRST_BYTE_STRING) {
        parsedVerdict = crossCheckVerdict(buf, judgmentRange, extraPatterns).verdict;
      }
      const raw = keepText && judgmentRange && buf[judgmentRange[0]] === FIRST_BYTE_STRING ? (parseMember(buf, judgmentRange) as string) : '';
      judgments.push(fastJudgment(raw, pred, parsedVerdict, check));
    }
    const source = s[2 * SOURCE] as number;
    const subsetStart = s[2 * SUBSET_SLOT] as number;
    const subset = rAlignSubset(
      source !== -1 && buf[source] === 0x7b ? sourceOf(buf, source, s[2 * SOURCE + 1] as number) : undefined,
      subsetStart !== -1 && buf[subsetStart] === FIRST_BYTE_STRING ? parseMemberAt(buf, subsetStart, s[2 * SUBSET_SLOT + 1] as number) : undefined,
    );
    const id = parseMemberAt(buf, s[2 * ID] as number, s[2 * ID + 1] as number);
    const goldRationale = hasGoldRationale(buf, s[2 * GT_JUDGMENT] as number, s[2 * GT_JUDGMENT + 1] as number);
    return fastRecord(index, line, bufStart + start, bufStart + end, id, gold, goldRationale, judgments, fidelity, subset);
  } catch {
    return null; // a member that is not valid JSON: the full path reports it precisely
  }
}
