/**
 * The fidelity verdicts beside a dataset: the LLM judge's (the run journal) and people's (the marks
 * file). One place decides which verdict is in force (a human mark, else the LLM judge's latest,
 * else the file's) for the CLI's `stats` and the editor alike, and drops a judge's verdict whose
 * rationale is no longer the one in the file (a verdict judges one rationale).
 */
import { stat } from 'node:fs/promises';
import type { HumanMark } from './marks';
import { marksFilesFor, readMarksReport } from './marks';
import type { EvalRecord, Fidelity } from '../record/record';
import { rationaleFingerprint } from '../record/rationaleFingerprint';
import { MAX_SIDE_LINE_BYTES } from '../io/jsonl';
import { journalPathFor, readJournal } from '../llm/journal';
import { parseFidelityOutput } from '../llm/parse';

interface LlmVerdict {
  readonly fidelity: Fidelity;
  readonly recordId: string;
  /** Absent in journals written before fingerprints were kept. */
  readonly rationaleSha: string | undefined;
}

export class VerdictOverlay {
  /** LLM verdicts dropped because the record's rationale (or id) changed since it was judged. */
  stale = 0;
  /** Journal or marks files, or lines of them, that could not be read (skipped), with their line numbers. */
  problems: string[] = [];

  private constructor(
    private readonly llm: Map<number, LlmVerdict>,
    readonly marks: Map<number, HumanMark>,
  ) {}

  static empty(): VerdictOverlay {
    return new VerdictOverlay(new Map(), new Map());
  }

  /** Reads `<dataset>.rlens-journal.jsonl` and `<dataset>.rlens-marks.jsonl`, then `marksStore` if given (missing files are empty). */
  static async load(datasetPath: string, recordCount = Number.MAX_SAFE_INTEGER, marksStore?: string): Promise<VerdictOverlay> {
    const llm = new Map<number, LlmVerdict>();
    const problems: string[] = [];
    const lines = (ns: readonly number[]) => `line${ns.length === 1 ? '' : 's'} ${ns.slice(0, 10).join(', ')}${ns.length > 10 ? ', …' : ''}`;
    try {
      const { entries, report } = await readJournal(journalPathFor(datasetPath));
      const bad = [...report.corruptLines, ...(report.torn ? [report.torn.line] : [])];
      const tooLong = report.tooLongLines.length ? `; ${lines(report.tooLongLines)} over ${MAX_SIDE_LINE_BYTES / 1048576} MB, not read` : '';
      if (bad.length) problems.push(`${journalPathFor(datasetPath)}: ${lines(bad)} ${bad.length === 1 ? 'is not a valid journal entry' : 'are not valid journal entries'} (skipped, left in place${tooLong})`);
      for (const e of entries) {
        // A sample's verdict (re-query ×k) judges that sample's rationale, not the record's: its sample set reads it.
        if (e.kind !== 'fidelity' || e.verdict === undefined || e.sample !== undefined || e.recordIndex >= recordCount) continue;
        const parsed = e.raw ? parseFidelityOutput(e.raw) : null;
        const keyPoints = parsed && parsed.verdict !== 'ParseFail' ? parsed.keyPoints : null;
        const fidelity: Fidelity = { verdict: e.verdict, origin: 'llm', model: e.model, ...(e.analysis ? { analysis: e.analysis } : {}), ...(keyPoints ? { keyPoints } : {}), ...(e.error ? { error: e.error } : {}) };
        llm.set(e.recordIndex, { fidelity, recordId: e.recordId, rationaleSha: e.rationaleSha });
      }
    } catch (err) {
      problems.push(`the journal ${journalPathFor(datasetPath)} could not be read (${(err as Error).message}); the file's own verdicts are used`);
    }
    const marks = new Map<number, HumanMark>();
    for (const path of marksFilesFor(datasetPath, marksStore)) {
      try {
        const read = await readMarksReport(path);
        for (const [index, mark] of read.marks) marks.set(index, mark);
        // A clear in the later file undoes a mark of the earlier one.
        for (const index of read.cleared) marks.delete(index);
        if (read.badLines.length) problems.push(`${path}: ${lines(read.badLines)} ${read.badLines.length === 1 ? 'is not a valid mark' : 'are not valid marks'} (skipped, left in place)`);
      } catch (err) {
        problems.push(`the marks file ${path} could not be read (${(err as Error).message}); its marks are not used`);
      }
    }
    const overlay = new VerdictOverlay(llm, marks);
    overlay.problems = problems;
    return overlay;
  }

  get size(): number {
    return this.llm.size + this.marks.size;
  }

  /** Record indexes whose LLM verdict carries a fingerprint to check against the file. */
  fingerprinted(): number[] {
    return [...this.llm.entries()].filter(([, v]) => v.rationaleSha !== undefined).map(([i]) => i);
  }

  /**
   * Keeps the LLM verdict on record `index` only if it was given on this rationale (and this id,
   * when known); otherwise drops it and counts it as stale.
   */
  check(index: number, fingerprint: string, recordId?: string): void {
    const v = this.llm.get(index);
    if (!v) return;
    const idChanged = recordId !== undefined && v.recordId !== '' && v.recordId !== recordId && !/^line \d+$/.test(v.recordId);
    if ((v.rationaleSha !== undefined && v.rationaleSha !== fingerprint) || idChanged) {
      this.llm.delete(index);
      this.stale++;
    }
  }

  /** A mark made here, folded in without re-reading the marks file (later marks win; null clears). */
  applyMark(mark: HumanMark): void {
    if (mark.verdict === null) this.marks.delete(mark.recordIndex);
    else this.marks.set(mark.recordIndex, mark);
  }

  /** The LLM judge's verdict on a record, if any. */
  llmVerdict(index: number): Fidelity | undefined {
    return this.llm.get(index)?.fidelity;
  }

  humanVerdict(index: number): Fidelity | undefined {
    const mark = this.marks.get(index);
    return mark?.verdict ? { verdict: mark.verdict, origin: 'human', ...(mark.note ? { note: mark.note } : {}) } : undefined;
  }

  /** Human mark, else the LLM judge's latest verdict, else the file's. */
  resolve(index: number, file: Fidelity | null): Fidelity | null {
    return this.humanVerdict(index) ?? this.llmVerdict(index) ?? file;
  }

  /** A resolver for full records (the CLI): checks each record's fingerprint as it is read. */
  resolver(): (record: EvalRecord) => Fidelity | null {
    return (record) => {
      this.check(record.index, rationaleFingerprint(record), record.id);
      return this.resolve(record.index, record.fidelity);
    };
  }
}

/** Size and mtime of the journal and the marks files ('' parts when missing): what changed on disk. */
export async function verdictFilesStamp(datasetPath: string, marksStore: string | undefined): Promise<string> {
  const one = (p: string) => stat(p).then((s) => `${s.size}:${s.mtimeMs}`, () => '');
  return (await Promise.all([journalPathFor(datasetPath), ...marksFilesFor(datasetPath, marksStore)].map(one))).join('|');
}
