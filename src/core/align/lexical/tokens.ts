/**
 * One tokenizer for every stage (features, polarity, word diff), so offsets agree everywhere.
 *
 * Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) come out as one token per
 * run; similarity later cuts those runs into character bigrams, because a run is a phrase, not a word.
 */

type TokenKind = 'word' | 'number' | 'run' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** UTF-16 offsets into the string that was tokenized (plus the caller's base offset). */
  readonly start: number;
  readonly end: number;
}

const NO_SPACE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\u30fc';

// Order matters: a no-space run, then a number (decimals and thousands kept whole: "3.14", "1,000"),
// then a word (letters, marks, digits, underscore, inner apostrophes and hyphens: "doesn't",
// "well-known", "snake_case"), then any single other visible character.
const TOKEN = new RegExp(
  `([${NO_SPACE}]+)` +
    `|(\\d+(?:[.,]\\d+)*%?)` +
    `|((?:(?![${NO_SPACE}])[\\p{L}\\p{M}\\p{N}_])+(?:['\u2019-](?:(?![${NO_SPACE}])[\\p{L}\\p{M}\\p{N}_])+)*)` +
    `|([^\\s])`,
  'gu',
);

/** Tokenizes text[start, end); whitespace is dropped, every token keeps its exact offsets. */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const out: Token[] = [];
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m !== null; m = TOKEN.exec(slice)) {
    const kind: TokenKind = m[1] !== undefined ? 'run' : m[2] !== undefined ? 'number' : m[3] !== undefined ? 'word' : 'punct';
    out.push({ kind, text: m[0], start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}
