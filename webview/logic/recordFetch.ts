/**
 * Asks the host for records, and reads ahead. Each answer is a round trip through VS Code (the
 * webview, the workbench, the extension host and back: 60–400 ms in code-server on a loaded machine,
 * while the host builds a record view in a few ms), and the relay passes only so many messages a
 * second (about 25–40 under load, one after the other). Asking for one record at a time bounded
 * stepping with `j` held down by that round trip (3–13 records a second), and a request a record
 * read ahead by the relay's message rate; so while stepping, the records ahead in the list are
 * asked for in batches (one message asks for many, one answers them all), up to `maxAhead` on
 * their way, a new batch only once at least `minBatch` are missing (or one the reader reaches
 * within `minBatch` steps), and their answers kept until shown: the record the reader steps to is
 * then most often here already. The host answers a batch in one message or, past its byte budget,
 * in a few (`last` on the final one).
 *
 * The record wanted now has its own request, one at a time (a newer choice waits for it, and only
 * the newest waits); its answer is shown even when the reader has stepped on meanwhile, unless a
 * newer record was shown since, so at least one record is painted every round trip. While the reader
 * steps faster than the answers come (`catchUp`), an answer read ahead for a row between the one
 * shown and the one wanted is shown as it comes: the pane follows the list a round trip behind
 * rather than waiting. The last choice is the one left shown. An answer to a request made before
 * `clear()` (the records changed) is ignored, and a request unanswered for `lostAfterMs` is given
 * up, so a lost answer never blocks the records after it. DOM-free, with an injected clock (the
 * unit test runs it on virtual time).
 */
export interface RecordFetchOptions {
  /** Records read ahead on their way at once. */
  readonly maxAhead?: number;
  /** A new read-ahead batch waits until this many records are missing (unless none is on its way). */
  readonly minBatch?: number;
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

/** Sends a request: the wanted record (`wanted`, one index) or a batch read ahead (nearest first). */
export type Ask = (requestId: number, indexes: readonly number[], wanted: boolean) => void;

interface Pending {
  readonly requestId: number;
  readonly position: number;
  readonly at: number;
  /** Asked as the wanted record (not read ahead). */
  readonly wanted: boolean;
}

export class RecordFetch<R> {
  /** Records on their way, by index (a newer request for a record replaces the older one). */
  private readonly inFlight = new Map<number, Pending>();
  private readonly kept = new Map<number, { view: R; at: number; position: number }>();
  private want_: number | null = null;
  private wantPosition = -1;
  /** The list position of the record shown last. */
  private shownPosition = -1;
  /** Whether the wanted record was handed out (shown, or its error said). */
  private satisfied = true;
  private asked = false;
  private readonly maxAhead: number;
  private readonly minBatch: number;
  private readonly maxKept: number;
  private readonly keepMs: number;
  private readonly lostAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly ask: Ask,
    private readonly nextId: () => number,
    options: RecordFetchOptions = {},
  ) {
    this.maxAhead = options.maxAhead ?? 48;
    this.minBatch = options.minBatch ?? 12;
    this.maxKept = options.maxKept ?? 96;
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

  /** Records on their way. */
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
      this.inFlight.delete(index);
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

  /**
   * Reads ahead: asks in one batch for those of `rows` (nearest first) neither kept nor on their
   * way, while fewer than `maxAhead` are, once at least `minBatch` are missing or none is on its way.
   */
  readAhead(rows: readonly Ahead[]): void {
    this.dropLost();
    let ahead = 0;
    for (const p of this.inFlight.values()) if (!p.wanted) ahead++;
    const missing: Ahead[] = [];
    // A row missing this near (the reader reaches it within `minBatch` steps) is asked for now.
    let near = false;
    for (const [i, row] of rows.entries()) {
      if (ahead + missing.length >= this.maxAhead) break;
      if (row.index === this.want_ && !this.satisfied) continue; // askWanted's
      if (this.kept.has(row.index) || this.inFlight.has(row.index)) continue;
      missing.push(row);
      near ||= i < this.minBatch;
    }
    if (missing.length === 0 || (!near && missing.length < this.minBatch)) return;
    const requestId = this.nextId();
    const at = this.now();
    for (const { index, position } of missing) this.inFlight.set(index, { requestId, position, at, wanted: false });
    this.ask(requestId, missing.map((r) => r.index), false);
  }

  /**
   * Record `index` came in answer to `requestId`: true when it is to be shown: the wanted record, or
   * one wanted before it while nothing newer was shown. Otherwise it is kept for later (a
   * read-ahead), or ignored (a request made before `clear()`, given up, or asked again since).
   */
  answer(requestId: number, index: number, view: R, catchUp = false): boolean {
    const p = this.inFlight.get(index);
    if (p?.requestId !== requestId) return false;
    this.inFlight.delete(index);
    const wanted = index === this.want_ && !this.satisfied;
    if (wanted) this.satisfied = true;
    const between = (p.position - this.shownPosition) * (this.wantPosition - p.position) > 0;
    const show = wanted || (!this.satisfied && ((p.wanted && between) || (catchUp && between)));
    if (show) this.shownPosition = p.position;
    else this.keep(index, view, p.position);
    this.askWanted();
    return show;
  }

  /**
   * (Part of) a batch's answer (`views` in the order asked): each kept, or shown as `answer` says
   * (in catch-up, the first between the shown and the wanted row is shown and the others kept for
   * `follow`; the wanted record, when among them, is the one shown). After the `last` part, records the answer left out are no longer on their way.
   */
  answerMany(requestId: number, views: readonly { index: number; view: R }[], last: boolean, catchUp = false): R | undefined {
    let shown: R | undefined;
    for (const { index, view } of views) if (this.answer(requestId, index, view, catchUp && shown === undefined)) shown = view;
    if (last) this.answered(requestId);
    return shown;
  }

  /**
   * While the wanted record is not here (the reader outruns the answers): the kept record next
   * after the one shown towards the wanted row, to show now (the pane follows the list a step at a
   * time), or undefined.
   */
  follow(): R | undefined {
    if (this.satisfied || this.shownPosition < 0) return undefined;
    let next: { index: number; position: number } | undefined;
    for (const [index, k] of this.kept) {
      const between = (k.position - this.shownPosition) * (this.wantPosition - k.position) > 0;
      if (between && (!next || Math.abs(k.position - this.shownPosition) < Math.abs(next.position - this.shownPosition))) next = { index, position: k.position };
    }
    if (!next) return undefined;
    const view = this.takeKept(next.index);
    if (view !== undefined) this.shownPosition = next.position;
    return view;
  }

  /** The answer to `requestId` is complete: any record it left out is no longer on its way. */
  private answered(requestId: number): void {
    this.drop(requestId);
    this.askWanted();
  }

  /** An error answered `requestId`: true when it was the wanted record's request (say the error there). */
  fail(requestId: number): boolean {
    const wanted = this.drop(requestId);
    if (wanted) this.satisfied = true;
    this.askWanted();
    return wanted;
  }

  /** The records may have changed: kept views are dropped and answers on their way will be ignored. */
  clear(): void {
    this.kept.clear();
    this.inFlight.clear();
  }

  /** Forgets the records still on their way for `requestId`; true when the unsatisfied wanted record was one. */
  private drop(requestId: number): boolean {
    let wanted = false;
    for (const [index, p] of this.inFlight) {
      if (p.requestId !== requestId) continue;
      this.inFlight.delete(index);
      if (index === this.want_ && !this.satisfied) wanted = true;
    }
    return wanted;
  }

  /** Asks for the wanted record unless it is on its way, or the wanted request before it still is. */
  private askWanted(): void {
    const index = this.want_;
    if (index === null || this.satisfied || this.inFlight.has(index)) return;
    for (const p of this.inFlight.values()) if (p.wanted) return;
    const requestId = this.nextId();
    this.inFlight.set(index, { requestId, position: this.wantPosition, at: this.now(), wanted: true });
    this.ask(requestId, [index], true);
  }

  private keep(index: number, view: R, position: number): void {
    this.kept.delete(index);
    this.kept.set(index, { view, at: this.now(), position });
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
    for (const [index, p] of this.inFlight) if (now - p.at > this.lostAfterMs) this.inFlight.delete(index);
  }
}
