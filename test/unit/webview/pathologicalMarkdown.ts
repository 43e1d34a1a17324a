/**
 * The corpus of texts that make a Markdown parser superlinear or exhaust its stack: what a GenRM
 * that degenerates into repeated tokens writes. Each family makes a text of any length, so tests
 * can check that the renderer's work grows linearly and the bench can time each at 200,000
 * characters. The "…-at-budget" families are the worst texts the budget still lets through:
 * markup as dense as it may be, in stretches as long as they may be.
 */

/** `unit` repeated to exactly `n` characters. */
function repeat(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** Lines from `line(i)` until `n` characters. */
function lines(n: number, line: (i: number) => string): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const l = line(i);
    out.push(l);
    length += l.length + 1;
  }
  return out.join('\n').slice(0, n);
}

/** Stretches of `unit` of `stretch` characters, separated by blank lines, to `n` characters. */
function stretches(unit: string, stretch: number, n: number): string {
  return repeat(`${repeat(unit, stretch)}\n\n`, n);
}

const PROSE = 'The response explains the answer clearly, and it gives the reasons the reference gives: the roots are 2 and 3, found with the quadratic formula. ';

export const PATHOLOGICAL_FAMILIES: Readonly<Record<string, (n: number) => string>> = {
  'star-a': (n) => repeat('*a', n),
  'a-star-space': (n) => repeat('a* ', n),
  'three-stars-a': (n) => repeat('***a', n),
  'underscore-a': (n) => repeat('_a', n),
  'tilde-a': (n) => repeat('~~a', n),
  'single-tilde': (n) => repeat('HEAD~1 ', n),
  'nested-brackets': (n) => `${'['.repeat(Math.floor(n / 2))}${']'.repeat(n - Math.floor(n / 2))}`,
  'link-openers': (n) => repeat('[a](', n),
  'image-openers': (n) => repeat('![a', n),
  'nested-images': (n) => `${'!['.repeat(Math.floor(n / 6))}a${'](b)'.repeat(Math.floor(n / 6))}`.padEnd(n, ' ').slice(0, n),
  'backtick-runs': (n) => {
    let s = '';
    for (let k = 1; s.length < n; k++) s += `${'`'.repeat(k)}a`;
    return s.slice(0, n);
  },
  'html-comment-openers': (n) => repeat('<!--a ', n),
  'tag-openers': (n) => repeat('<a b="', n),
  'emphasis-run-nesting': (n) => `${'*'.repeat(Math.floor((n - 1) / 2))}a${'*'.repeat(Math.ceil((n - 1) / 2))}`,
  'emphasis-openers-nesting': (n) => `${repeat('*a ', Math.floor(n / 2))}${repeat('a* ', Math.ceil(n / 2))}`,
  'nested-list-items': (n) => lines(n, (i) => `${'  '.repeat(i)}- a`),
  'nested-list-one-line': (n) => `${repeat('- ', n - 1)}a`,
  'nested-stars-one-line': (n) => `${repeat('* ', n - 1)}a`,
  'nested-quotes': (n) => `${'>'.repeat(n - 1)}a`,
  'nested-quotes-spaced': (n) => `${repeat('> ', n - 1)}a`,
  'nested-ordered': (n) => `${repeat('1. ', n - 1)}a`,
  'definitions-and-references': (n) => `${lines(Math.floor(n / 2), (i) => `[d${i}]: x`)}\n\n${repeat('[r]\n\n', Math.ceil(n / 2))}`.slice(0, n),
  'email-like': (n) => repeat('a.', n),
  'www-like': (n) => repeat('www.a', n),
  'entities': (n) => repeat('&amp;&#x202E;', n),
  'escapes': (n) => repeat('\\*', n),
  'wide-table': (n) => lines(n, (i) => (i === 1 ? `|${'-|'.repeat(500)}` : `|${'a|'.repeat(500)}`)),
  'pipes': (n) => repeat('a|', n),
  'table-then-blocks': (n) => `a|b\n-|-\n${repeat('a|b\n> a\n- a\n# a\n', n)}`.slice(0, n),
  'star-a-at-budget': (n) => stretches('*a', 160, n),
  'brackets-at-budget': (n) => stretches('[', 80, n).replace(/\[{40}(?=\n)/g, ']'.repeat(40)),
  'backticks-at-budget': (n) => stretches('`a', 160, n),
  'dense-star-a-in-prose': (n) => `${repeat('*a', 2800)}\n\n${repeat(PROSE, Math.max(0, n - 2802))}`.slice(0, n),
  'dense-brackets-in-prose': (n) => `${'['.repeat(1400)}${']'.repeat(1400)}\n\n${repeat(PROSE, Math.max(0, n - 2802))}`.slice(0, n),
  'nested-list-at-limit': (n) => repeat(`${lines(1200, (i) => `${'  '.repeat(i % 16)}- a`)}\n\n`, n),
  'nested-quotes-at-limit': (n) => repeat(`${'>'.repeat(32)} a\n`, n),
};

/** Ordinary prose of `n` characters: the baseline. */
export function prose(n: number): string {
  return repeat(PROSE, n);
}
