/**
 * The hostile checklist material shared by the anchoring tests: seeded text over a small,
 * repetitive vocabulary, and quotes that are scrambled words, elided runs and overlapping slices.
 */
const VOCAB = ['answer', 'error', 'response', 'unit', 'kilogram', 'loop', 'bound', 'list', 'empty', 'table', 'format', 'study', 'the', 'a'];

export function text(seed: number, chars: number): string {
  let x = seed;
  let s = '';
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += `${VOCAB[x % VOCAB.length] as string}${x % 10 === 0 ? '. ' : ' '}`;
  }
  return s;
}

/** The i-th quote against `t`: scrambled words, the same elided, or a slice overlapping its neighbours. */
export function hostileQuote(t: string, i: number, quoteChars: number): string {
  return i % 3 === 0 ? text(i + 7, quoteChars) : i % 3 === 1 ? text(i + 7, quoteChars).replace(/ /g, '...') : t.slice(i * 5, i * 5 + quoteChars);
}
