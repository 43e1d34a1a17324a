/**
 * The latest GenRM re-query of each record, read from the run journal beside the file
 * (`<file>.rlens-journal.jsonl`, entries of kind 'genrm'), and its view: the new rationale, its
 * thinking apart, its verdict, and its alignment against the gold judgment (or, without gold, the
 * original-order rationale). Only byte ranges are kept in memory; a journal that only grew is read
 * from where the last scan stopped. Pure: no `vscode`, so unit tests drive it.
 */
import { stat } from 'node:fs/promises';
import { alignRationale } from '../core/align';
import type { JournalEntry } from '../core/llm/journal';
import { journalPathFor } from '../core/llm/journal';
import { readLines, readSideFileRange } from '../core/io/jsonl';
import type { EvalRecord } from '../core/record/record';
import { splitThinking } from '../core/record/thinking';
import type { RequeryView } from '../protocol/messages';
import { toAlignmentView } from './alignment';
import { cut, goldText } from './snapshotViews';

interface Where {
  readonly start: number;
  readonly length: number;
  /** An answer came back (raw text); failures never hide an earlier answer. */
  readonly answered: boolean;
}

/** The fields of a GenRM journal line the view needs; undefined for anything else. */
function genrmEntry(v: unknown): (Pick<JournalEntry, 'recordIndex' | 'recordId' | 'model' | 'raw' | 'reasoning' | 'error' | 'finishedAt'> & { pred: 'A' | 'B' | null }) | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (o['kind'] !== 'genrm' || typeof o['recordIndex'] !== 'number' || !Number.isInteger(o['recordIndex'])) return undefined;
  // Numbered samples (re-query ×k) belong to the record's sample strip, not to its single latest re-query.
  if (o['sample'] !== undefined) return undefined;
  const s = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  return {
    recordIndex: o['recordIndex'],
    recordId: s(o['recordId']) ?? String(o['recordIndex']),
    model: s(o['model']) ?? '',
    raw: s(o['raw']),
    reasoning: s(o['reasoning']),
    error: s(o['error']),
    finishedAt: s(o['finishedAt']) ?? '',
    pred: o['pred'] === 'A' || o['pred'] === 'B' ? o['pred'] : null,
  };
}

export type RequeryEntry = NonNullable<ReturnType<typeof genrmEntry>>;

/** Latest GenRM entry per record index, from a journal file that is only ever appended to. */
export class RequeryIndex {
  private index = new Map<number, Where>();
  private scanned = 0;
  private ino = -1;
  private scanning: Promise<void> | null = null;

  constructor(readonly journalPath: string) {}

  static forDataset(datasetPath: string): RequeryIndex {
    return new RequeryIndex(journalPathFor(datasetPath));
  }

  /** The latest re-query of record `index` (checked against its id), or null. */
  async latest(index: number, recordId: string): Promise<RequeryEntry | null> {
    await this.refresh();
    const w = this.index.get(index);
    if (!w) return null;
    const text = await this.read(w.start, w.length);
    let entry: RequeryEntry | undefined;
    try {
      entry = genrmEntry(JSON.parse(text));
    } catch {
      entry = undefined; // not JSON: a damaged line, skipped as the journal's reader skips it
    }
    // The file may have been rewritten under us, or its records reordered since the run.
    if (!entry || entry.recordIndex !== index || entry.recordId !== recordId) return null;
    return entry;
  }

  /** Brings the index up to date with the file (one scan at a time). */
  refresh(): Promise<void> {
    this.scanning ??= this.scan().finally(() => (this.scanning = null));
    return this.scanning;
  }

  private async scan(): Promise<void> {
    let st;
    try {
      st = await stat(this.journalPath);
    } catch {
      // No journal (yet, or any more): no re-queries.
      this.index = new Map();
      this.scanned = 0;
      this.ino = -1;
      return;
    }
    if (st.ino !== this.ino || st.size < this.scanned) {
      this.index = new Map();
      this.scanned = 0;
      this.ino = st.ino;
    }
    if (st.size === this.scanned) return;
    for await (const line of readLines(this.journalPath, this.scanned)) {
      // An unterminated last line is being written (or torn): read it again next time.
      if (!line.terminated) break;
      this.visit(line.text, line.start, line.end - line.start);
      this.scanned = line.end + 1;
    }
  }

  private visit(line: string, start: number, length: number): void {
    // Cheap filter before parsing: fidelity lines (most of a re-scoring journal) are skipped unparsed.
    if (!line.includes('"genrm"')) return;
    let entry: RequeryEntry | undefined;
    try {
      entry = genrmEntry(JSON.parse(line));
    } catch {
      entry = undefined; // not JSON: a damaged line, skipped as the journal's reader skips it
    }
    if (!entry) return;
    const w: Where = { start, length, answered: entry.raw !== null };
    const prev = this.index.get(entry.recordIndex);
    if (!prev || w.answered || !prev.answered) this.index.set(entry.recordIndex, w);
  }

  private read(start: number, length: number): Promise<string> {
    return readSideFileRange(this.journalPath, start, length);
  }
}

/** The view of a journaled re-query of `record`, aligned like the record's own rationale. */
export function requeryView(record: EvalRecord, entry: RequeryEntry, truncated: string[], deadlineMs = 250): RequeryView {
  const split = splitThinking(entry.raw ?? '', entry.reasoning);
  const rationale = cut(split.answer, 're-queried rationale', truncated);
  const thinking = split.thinking === null ? null : cut(split.thinking, 're-queried thinking', truncated);
  let alignment: RequeryView['alignment'] = null;
  const gold = goldText(record);
  const originalIndex = record.judgments.findIndex((j) => j.order === 'original');
  const original = record.judgments[originalIndex];
  if (rationale) {
    if (gold !== null) {
      const a = alignRationale({ gold, rationale, goldOrder: 'original', rationaleOrder: 'original', goldLabel: record.goldLabel }, { deadlineMs });
      alignment = toAlignmentView({ judgment: Math.max(0, originalIndex), against: 'gold', alignment: a });
    } else if (original) {
      const a = alignRationale({ gold: original.rationale, rationale, goldOrder: 'original', rationaleOrder: 'original', goldLabel: record.goldLabel }, { deadlineMs });
      alignment = toAlignmentView({ judgment: originalIndex, against: 'original', alignment: a });
    }
  }
  return { model: entry.model, pred: entry.pred, rationale, thinking, error: entry.error, finishedAt: entry.finishedAt, alignment };
}
