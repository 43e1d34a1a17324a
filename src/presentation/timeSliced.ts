/**
 * A scan over chosen records that keeps the host responsive: an event-loop turn every ~30 ms,
 * progress every ~200 ms and once at the end; stops (without the final report) when `signal` aborts.
 */
export async function forEachTimeSliced(
  indexes: ArrayLike<number>,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
  step: (index: number) => Promise<void>,
): Promise<void> {
  const total = indexes.length;
  let sliceStart = Date.now();
  let lastReport = 0;
  for (let k = 0; k < total; k++) {
    if (signal.aborted) return;
    await step(indexes[k] as number);
    const now = Date.now();
    if (now - sliceStart > 30) {
      await new Promise<void>((r) => setImmediate(r));
      sliceStart = Date.now();
    }
    if (now - lastReport > 200) {
      lastReport = now;
      onProgress(k, total);
    }
  }
  onProgress(total, total);
}
