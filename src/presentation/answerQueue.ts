/**
 * The order in which the Inspector's host builds record views for the webview
 * (extension/inspector/recordAnswers.ts): one view at a time (built all at once, 25 read-ahead
 * views' file reads interleaved and every answer came when the last was done, 0.7–0.9 s each on a
 * loaded machine); a view wanted now (`one`) before the rest of any batch read ahead (a batch of
 * 40 takes 0.2–0.6 s to build on a loaded machine), so it never waits for a whole batch; batches in
 * the order asked, each answered in parts of up to `partBytes` (at least one view a part, `last`
 * on the final one), each part handed on as soon as it is built: VS Code's relay passes only so
 * many messages a second, so a part carries ten or so records, and a few huge ones never make a
 * giant message. Pure; the views and their sizes are given.
 */
interface Batch<V> {
  readonly indexes: readonly number[];
  readonly build: (index: number) => Promise<V>;
  readonly post: (views: V[], last: boolean) => void;
  readonly done: () => void;
  readonly failed: (err: unknown) => void;
}

export class AnswerQueue<V> {
  /** Views wanted now, in the order asked: each goes before the rest of the batches. */
  private readonly wanted: (() => Promise<void>)[] = [];
  private readonly batches: Batch<V>[] = [];
  private running = false;

  constructor(
    /** A view's size in bytes (its JSON). */
    private readonly size: (view: V) => number,
    private readonly partBytes: number,
  ) {}

  /** A view wanted now: built after the views wanted before it, before the rest of any batch. */
  one(build: () => Promise<V>): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.wanted.push(() => build().then(resolve, reject));
      this.run();
    });
  }

  /**
   * The views of `indexes`, in order, handed to `post` in parts (see above), built after the
   * batches asked before, and between them any view wanted meanwhile. Rejects at the first failure
   * (the views built before it are posted first).
   */
  many(indexes: readonly number[], build: (index: number) => Promise<V>, post: (views: V[], last: boolean) => void): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.batches.push({ indexes, build, post, done, failed });
      this.run();
    });
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  /** Never rejects (each request's failure is its own); stops, in the same turn as it finds both queues empty. */
  private async loop(): Promise<void> {
    for (;;) {
      await this.wantedFirst();
      const batch = this.batches.shift();
      if (batch) await this.answer(batch);
      else if (this.wanted.length === 0) {
        this.running = false;
        return;
      }
    }
  }

  private async wantedFirst(): Promise<void> {
    for (let one = this.wanted.shift(); one; one = this.wanted.shift()) await one();
  }

  private async answer(batch: Batch<V>): Promise<void> {
    let part: V[] = [];
    try {
      let bytes = 0;
      for (const [i, index] of batch.indexes.entries()) {
        await this.wantedFirst();
        const view = await batch.build(index);
        const size = this.size(view);
        if (part.length > 0 && bytes + size > this.partBytes) {
          batch.post(part, false);
          part = [];
          bytes = 0;
        }
        part.push(view);
        bytes += size;
        if (i === batch.indexes.length - 1) batch.post(part, true);
      }
      batch.done();
    } catch (err) {
      if (part.length > 0) batch.post(part, false); // the views built: the failure's answer follows
      batch.failed(err);
    }
  }
}
