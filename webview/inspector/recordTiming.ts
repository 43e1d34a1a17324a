/**
 * What the record pane spends, as User Timing measures named `rlens:*` (bench/stepping.mjs reads
 * them while `j` is held): `rlens:key` handling a key, `rlens:wait` from asking the host for a
 * record to its answer, `rlens:paint` building and inserting its view, `rlens:frame` from the answer
 * to the frame that shows it (style, layout, paint). Kept bounded: the oldest are cleared.
 */
const MAX_ENTRIES = 4000;
let entries = 0;

export function measureSince(name: 'key' | 'wait' | 'paint' | 'light' | 'frame' | 'settle', start: number): void {
  if (++entries > MAX_ENTRIES) {
    performance.clearMeasures();
    entries = 1;
  }
  performance.measure(`rlens:${name}`, { start, end: performance.now() });
}

/** Measures `name` from `start` to just after the next frame was drawn. */
export function measureToFrame(name: 'frame', start: number): void {
  requestAnimationFrame(() => setTimeout(() => measureSince(name, start), 0));
}

/** After the frame that shows the first record: `rlens:first-record` (bench/inspector.bench.mjs), then `then`. */
export function markFirstRecordFrame(then?: () => void): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('rlens:first-record');
      then?.();
    }, 0),
  );
}
