/**
 * The record pane's supply of records while the reader steps through the list. Records come from
 * the host (logic/recordFetch.ts), read ahead in the direction of stepping; with `j` held down (a
 * step sooner than FAST_MS after the last, until the steps pause) each record is painted light (recordLight.ts: its title,
 * verdict and plain text, no Markdown, highlights or controls), and the full view follows once the
 * steps pause for SETTLE_MS. A single step paints the full view at once, as before.
 */
import type { RecordView } from '../../src/protocol/messages';
import type { Ahead } from '../logic/recordFetch';
import { RecordFetch } from '../logic/recordFetch';
import { nextRequestId, send } from '../vscodeApi/inspectorApi';
import type { ViewState } from './state';
import { measureSince, measureToFrame } from './recordTiming';

/** A step this soon after the previous one is part of a held key (key repeat is 30–40 a second). */
const FAST_MS = 150;
/**
 * The full view follows when no step came for this long. Longer than FAST_MS: on a loaded machine
 * the presses of a held key reach the webview unevenly, and a full view painted mid-hold slows it.
 */
const SETTLE_MS = 300;
/** Records read ahead after a single step, and while stepping fast. */
const AHEAD_SLOW = 2;
const AHEAD_FAST = 48;

export interface RecordFeedList {
  /** The records of the `n` rows after position `from` in `direction` whose rows are here. */
  ahead(from: number, direction: 1 | -1, n: number): Ahead[];
}

export interface RecordFeedHost {
  /** Shows `record` (painted light or full as `light` says). */
  show(record: RecordView): void;
  /** The wanted record is not here yet: the pane shows the last one dimmed. */
  waiting(): void;
  /** Paints the shown record in full after a run of light paints. */
  settle(): void;
}

export class RecordFeed {
  private readonly fetch: RecordFetch<RecordView>;
  private readonly askedAt = new Map<number, number>();
  private lastStep = -Infinity;
  private lastPosition = -1;
  private direction: 1 | -1 = 1;
  private settleTimer = 0;
  /** Stepping fast: records are painted light. */
  light = false;

  constructor(
    private readonly list: RecordFeedList,
    private readonly state: Pick<ViewState, 'position'>,
    private readonly host: RecordFeedHost,
  ) {
    this.fetch = new RecordFetch<RecordView>((requestId, indexes, wanted) => {
      this.askedAt.set(requestId, performance.now());
      if (wanted) send({ type: 'getRecord', requestId, index: indexes[0] ?? 0 });
      else send({ type: 'getRecords', requestId, indexes: [...indexes] });
    }, nextRequestId);
  }

  get everAsked(): boolean {
    return this.fetch.everAsked;
  }

  /** Record `index` was chosen; `fresh`: the records changed, nothing read ahead may be shown. */
  request(index: number, fresh: boolean, shownIndex: number | null): void {
    if (fresh) this.fetch.clear();
    const position = this.state.position;
    const stepped = !fresh && index !== shownIndex && this.lastPosition !== -1 && position !== this.lastPosition;
    if (stepped) this.step(position);
    this.lastPosition = position;
    const view = this.fetch.want(index, position, fresh);
    // Not here yet: while stepping fast, the pane follows with the next record read ahead.
    const behind = view ?? (this.light ? this.fetch.follow() : undefined);
    if (behind) this.host.show(behind);
    if (!view && !fresh && index !== shownIndex) this.host.waiting();
    if (stepped) this.readAhead();
  }

  /** The record at the selected position came with the page (firstRecord.ts): steps go on from it. */
  shownFromPage(): void {
    this.lastPosition = this.state.position;
  }

  /** The host's answer to a `getRecord`: shown when it is the wanted record, else kept. */
  answer(requestId: number, record: RecordView): void {
    this.waited(requestId);
    if (this.fetch.answer(requestId, record.index, record, this.light)) this.paint(record);
    if (this.light) this.readAhead();
  }

  /** The host's answer to a `getRecords` (read ahead): kept, or the one to show now shown. */
  answerMany(requestId: number, records: readonly RecordView[], last: boolean): void {
    if (last) this.waited(requestId);
    const shown = this.fetch.answerMany(requestId, records.map((view) => ({ index: view.index, view })), last, this.light);
    if (shown) this.paint(shown);
    if (this.light) this.readAhead();
  }

  /** An error answered `requestId`: true when it was the wanted record's (the pane says it). */
  fail(requestId: number): boolean {
    this.askedAt.delete(requestId);
    return this.fetch.fail(requestId);
  }

  private waited(requestId: number): void {
    const asked = this.askedAt.get(requestId);
    this.askedAt.delete(requestId);
    if (asked !== undefined) measureSince('wait', asked);
  }

  private paint(record: RecordView): void {
    const t = performance.now();
    this.host.show(record);
    measureSince(this.light ? 'light' : 'paint', t);
    measureToFrame('frame', t);
  }

  private step(position: number): void {
    const now = performance.now();
    this.direction = position > this.lastPosition ? 1 : -1;
    // Once stepping fast, light until the steps pause (the settle timer), not until one gap.
    this.light = this.light || now - this.lastStep < FAST_MS;
    this.lastStep = now;
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      if (!this.light) return;
      this.light = false;
      const t = performance.now();
      this.host.settle();
      measureSince('settle', t);
    }, SETTLE_MS);
  }

  private readAhead(): void {
    this.fetch.readAhead(this.list.ahead(this.state.position, this.direction, this.light ? AHEAD_FAST : AHEAD_SLOW));
  }
}
