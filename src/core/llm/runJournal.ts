/**
 * A run's journal, held for the length of the run: the caller's open Journal (left open), or one
 * this run opens at a path (or beside the dataset) under the run lock, closed and unlocked by `close`.
 */
import { acquireRunLock } from '../io/runLock';
import { Journal, journalPathFor } from './journal';
import type { RunOptions } from './runTypes';

export class RunJournal {
  private constructor(
    /** Null when the run keeps no journal. */
    readonly journal: Journal | null,
    private readonly release: (() => Promise<void>) | null,
  ) {}

  /**
   * `opts.journal` (a Journal, a path, or false), else `<dataset>.rlens-journal.jsonl` when a dataset
   * is given, else none. A path is locked first: one writing process per journal (a second run on the
   * same file is refused, saying who holds it); the lock is let go if the journal cannot be opened.
   */
  static async open(opts: Pick<RunOptions, 'journal' | 'datasetPath'>, secrets: readonly string[]): Promise<RunJournal> {
    const at = opts.journal ?? (opts.datasetPath ? journalPathFor(opts.datasetPath) : false);
    if (at instanceof Journal) return new RunJournal(at, null);
    if (at === false) return new RunJournal(null, null);
    const releaseLock = await acquireRunLock(at);
    try {
      return new RunJournal(await Journal.open(at, { secrets }), releaseLock);
    } catch (err) {
      await releaseLock();
      throw err;
    }
  }

  /**
   * Closes a journal this run opened, then lets go of its lock, even when the close fails (its error
   * is rethrown): a lock left behind would refuse the next run until its holder's death is noticed.
   * A caller's journal stays open.
   */
  async close(): Promise<void> {
    if (!this.release) return;
    try {
      await this.journal?.close();
    } finally {
      await this.release();
    }
  }
}
