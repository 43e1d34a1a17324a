/**
 * What the record view shows from the files beside a dataset, besides the record itself: its latest
 * GenRM re-query (the run journal) and the model alignments journaled for it
 * (`<file>.rlens-alignments.jsonl`). A failed read is logged and shown as none; the alignments
 * file's unreadable lines are logged once per Inspector, not once per record shown.
 */
import type * as vscode from 'vscode';
import { readAlignments } from '../../core/align/models/alignmentJournal';
import { MAX_SIDE_LINE_BYTES } from '../../core/io/jsonl';
import type { EvalRecord } from '../../core/record/record';
import { journaledAlignmentViews } from '../../presentation/modelAlignment';
import type { RequeryEntry } from '../../presentation/requeries';
import { RequeryIndex } from '../../presentation/requeries';
import type { AlignmentView } from '../../protocol/messages';
import { journalPathFor } from '../../core/llm/journal';
import type { JournaledSample } from '../../core/llm/sampleJournal';
import { readSampleJournal, samplesOfRecord } from '../../core/llm/sampleJournal';

export class RecordExtras {
  private requeries: RequeryIndex | undefined;
  private alignmentProblemsLogged = false;

  constructor(
    private readonly datasetPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Follows the session's file: its run journal holds the re-queries. */
  attach(sessionPath: string): void {
    const next = RequeryIndex.forDataset(sessionPath);
    if (this.requeries?.journalPath !== next.journalPath) this.requeries = next;
  }

  async requery(record: EvalRecord): Promise<RequeryEntry | null> {
    if (!this.requeries) return null;
    return this.requeries.latest(record.index, record.id).catch((err: unknown) => {
      this.log.warn(`Inspector: cannot read re-queries from the journal of ${this.datasetPath}: ${String(err)}`);
      return null;
    });
  }

  /** The samples re-query ×k journaled for this record (none when the journal cannot be read: logged). */
  async samples(record: EvalRecord): Promise<readonly JournaledSample[]> {
    const journal = await readSampleJournal(journalPathFor(this.datasetPath)).catch((err: unknown) => {
      this.log.warn(`Inspector: cannot read re-queried samples from the journal of ${this.datasetPath}: ${String(err)}`);
      return null;
    });
    return journal ? samplesOfRecord(journal, record) : [];
  }

  /** The samples re-query ×k journaled for each of `records` (the rows of a sample set): the journal read once. */
  async samplesOfRows(records: readonly EvalRecord[]): Promise<(readonly JournaledSample[])[]> {
    const journal = await readSampleJournal(journalPathFor(this.datasetPath)).catch((err: unknown) => {
      this.log.warn(`Inspector: cannot read re-queried samples from the journal of ${this.datasetPath}: ${String(err)}`);
      return null;
    });
    return records.map((r) => (journal ? samplesOfRecord(journal, r) : []));
  }

  async alignments(record: EvalRecord): Promise<AlignmentView[]> {
    const journaled = await readAlignments(this.datasetPath).catch((err: unknown) => {
      this.log.warn(`Inspector: cannot read the model alignments beside ${this.datasetPath}: ${String(err)}`);
      return null;
    });
    if (!journaled) return [];
    if (journaled.corruptLines.length && !this.alignmentProblemsLogged) {
      this.alignmentProblemsLogged = true;
      const tooLong = journaled.tooLongLines.length ? ` (${journaled.tooLongLines.length} over the ${MAX_SIDE_LINE_BYTES / 1048576} MB a line may have)` : '';
      this.log.warn(`Inspector: ${journaled.corruptLines.length} unreadable lines in the model alignments beside ${this.datasetPath}${tooLong}, skipped (line ${journaled.corruptLines.slice(0, 10).join(', ')})`);
    }
    return journaledAlignmentViews(record, journaled);
  }
}
