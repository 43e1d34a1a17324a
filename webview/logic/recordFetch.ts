/**
 * Asks the host for records, and reads ahead. Each answer is a round trip through VS Code (the
 * webview, the workbench, the extension host and back: 60–400 ms in code-server on a loaded machine,
 * while the host builds a record view in a few ms). Asking for one record at a time bounded
 * stepping with `j` held down by that round trip (3–13 records a second); so while stepping, the
 * records ahead in the list are asked for too, up to `maxAhead` at once, and their answers kept
 * until shown: the record the reader steps to is then most often here already.
 *
 * The record wanted now has its own request, one at a time (a newer choice waits for it, and only
 * the newest waits); its answer is shown even when the reader has stepped on meanwhile, unless a
 * newer record was shown since, so at least one record is painted every round trip. While the reader
 * steps faster than the answers come (`catchUp`), an answer read ahead for a row between the one
 * shown and the one wanted is shown as it comes: the pane follows the list a round trip behind
 * rather than waiting. The last choice is the one left shown. An answer to a request made before `clear()` (the records changed) is
 * ignored, and a request unanswered for `lostAfterMs` is given up, so a lost answer never blocks the
 * records after it. DOM-free, with an injected clock (the unit test runs it on virtual time).
 */
export interface RecordFetchOptions {
  /** Read-ahead requests on their way at once. */
  readonly maxAhead?: number;
  /** Answers kept for later (read ahead, not yet shown). */
  readonly maxKept?: number;
  /** A kept answer older than this is not shown (the record may have changed since). */
  readonly keepMs?: number;
  /** A request unanswered this long is given up (its slot freed; asked again when wanted). */
  readonly lostAfterMs?: number;
  readonly now?: () => number;
}

/** A record to read ahead, and its row's position in the list. */
export interface Ahead {
  readonly index: number;
  readonly position: number;
}

interface Pending {
  readonly index: number;
  readonly position: number;
  readonly at: number;
  /** Asked as the wanted record (not read ahead). */
  readonly wanted: boolean;
}

export class RecordFetch<R> {
  private readonly inFlight = new Map<number, Pending>();
  private readonly kept = new Map<number, { view: R; at: number }>();
  private want_: number | null = null;
  private wantPosition = -1;
  /** The list position of the record shown last. */
  private shownPosition = -1;
  /** Whether the wanted record was handed out (shown, or its error said). */
  private satisfied = true;
  private asked = false;
  private readonly maxAhead: number;
  private readonly maxKept: number;
  private readonly keepMs: number;
  private readonly lostAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ask: (requestId: number, index: number) => void,
    private readonly nextId: () => number,
    options: RecordFetchOptions = {},
  ) {
    this.maxAhead = options.maxAhead ?? 24;
    this.maxKept = options.maxKept ?? 48;
    this.keepMs = options.keepMs ?? 10_000;
    this.lostAfterMs = options.lostAfterMs ?? 15_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** Whether any record was ever asked for. */
  get everAsked(): boolean {
    return this.asked;
  }

  /** The record wanted now (null: none yet). */
  get wanted(): number | null {
    return this.want_;
  }

  /** Requests on their way. */
  get inFlightCount(): number {
    this.dropLost();
    return this.inFlight.size;
  }

  /**
   * Record `index` is to be shown: its view when read ahead already (show it now), else undefined
   * and it is asked for, first in line. `fresh`: a kept view or one on its way is not good enough
   * (the record changed, e.g. a run on it ended).
   */
  want(index: number, position: number, fresh = false): R | undefined {
    this.asked = true;
    this.want_ = index;
    this.wantPosition = position;
    this.satisfied = false;
    this.dropLost();
    if (fresh) {
      this.kept.delete(index);
      for (const [id, p] of this.inFlight) if (p.index === index) this.inFlight.delete(id);
    }
    const kept = this.takeKept(index);
    if (kept !== undefined) {
      this.satisfied = true;
      this.shownPosition = position;
      return kept;
    }
    this.askWanted();
    return undefined;
  }

  /** Reads ahead: asks for each of `indexes` (nearest first) not kept nor on its way, while fewer than `maxAhead` are. */
  readAhead(rows: readonly Ahead[]): void {
    this.dropLost();
    let ahead = 0;
    for (const p of this.inFlight.values()) if (!p.wanted) ahead++;
    for (const { index, position } of rows) {
      if (ahead >= this.maxAhead) return;
      if (index === this.want_ && !this.satisfied) continue; // askWanted's
      if (this.kept.has(index) || this.isOnItsWay(index)) continue;
      this.send(index, position, false);
      ahead++;
    }
  }

  /**
   * An answer came: true when it is to be shown: the wanted record, or one wanted before it while
   * nothing newer was shown. Otherwise it is kept for later (a read-ahead), or ignored (a request
   * made before `clear()`, or given up).
   */
  answer(requestId: number, view: R, catchUp = false): boolean {
    const p = this.inFlight.get(requestId);
    if (!p) return false;
    this.inFlight.delete(requestId);
    const wanted = p.index === this.want_ && !this.satisfied;
    if (wanted) this.satisfied = true;
    const between = (p.position - this.shownPosition) * (this.wantPosition - p.position) > 0;
    const show = wanted || (!this.satisfied && ((p.wanted && between) || (catchUp && between)));
    if (show) this.shownPosition = p.position;
    else this.keep(p.index, view);
    this.askWanted();
    return show;
  }

  /** An error answered `requestId`: true when it was the wanted record's request (say the error there). */
  fail(requestId: number): boolean {
    const p = this.inFlight.get(requestId);
    if (!p) return false;
    this.inFlight.delete(requestId);
    const wanted = p.index === this.want_ && !this.satisfied;
    if (wanted) this.satisfied = true;
    this.askWanted();
    return wanted;
  }

  /** The records may have changed: kept views are dropped and answers on their way will be ignored. */
  clear(): void {
    this.kept.clear();
    this.inFlight.clear();
  }

  /** Asks for the wanted record unless it is on its way, or the wanted request before it still is. */
  private askWanted(): void {
    const index = this.want_;
    if (index === null || this.satisfied || this.isOnItsWay(index)) return;
    for (const p of this.inFlight.values()) if (p.wanted) return;
    this.send(index, this.wantPosition, true);
  }

  private send(index: number, position: number, wanted: boolean): void {
    const requestId = this.nextId();
    this.inFlight.set(requestId, { index, position, at: this.now(), wanted });
    this.ask(requestId, index);
  }

  private isOnItsWay(index: number): boolean {
    for (const p of this.inFlight.values()) if (p.index === index) return true;
    return false;
  }

  private keep(index: number, view: R): void {
    this.kept.delete(index);
    this.kept.set(index, { view, at: this.now() });
    // Oldest first (insertion order): the ones stepped past long ago.
    while (this.kept.size > this.maxKept) this.kept.delete(this.kept.keys().next().value as number);
  }

  private takeKept(index: number): R | undefined {
    const k = this.kept.get(index);
    if (!k) return undefined;
    this.kept.delete(index);
    return this.now() - k.at <= this.keepMs ? k.view : undefined;
  }

  private dropLost(): void {
    const now = this.now();
    for (const [id, p] of this.inFlight) if (now - p.at > this.lostAfterMs) this.inFlight.delete(id);
  }
}
