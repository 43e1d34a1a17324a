/**
 * Asks the host for one record at a time. While one is on its way only the newest choice waits, and
 * it is asked for as soon as the answer arrives: with `j` held down, a record is painted every round
 * trip. (Asking at every key press and dropping all but the newest answer painted nothing until the
 * key was released, and queued a record view per press in the host.)
 */
export class RecordFetch {
  private inFlight = -1;
  private queued: number | null = null;
  private asked = false;

  constructor(
    private readonly ask: (requestId: number, index: number) => void,
    private readonly nextId: () => number,
  ) {}

  /** Whether any record was ever asked for. */
  get everAsked(): boolean {
    return this.asked;
  }

  /** The request whose answer is awaited (-1: none). */
  get awaited(): number {
    return this.inFlight;
  }

  request(index: number): void {
    this.asked = true;
    if (this.inFlight !== -1) {
      this.queued = index;
      return;
    }
    this.inFlight = this.nextId();
    this.ask(this.inFlight, index);
  }

  /** An answer (record or error) to `requestId` came: true when it is the awaited one; the queued choice is then asked for. */
  settle(requestId: number): boolean {
    if (requestId !== this.inFlight) return false;
    this.inFlight = -1;
    const next = this.queued;
    this.queued = null;
    if (next !== null) this.request(next);
    return true;
  }
}
