/**
 * The Inspector's real renderer (webview/markdown/highlight.ts, bundled) under a fake document: rendered
 * Markdown shows exactly the record's characters where no markup was meant, never obeys an
 * invisible control (written as a reference or as itself), and draws every pathological text
 * without throwing, to a bounded depth.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadRenderer } from './fakeDom';
import type { FakeElement } from './fakeDom';
import { PATHOLOGICAL_FAMILIES } from '../pathologicalMarkdown';

const BIDI_OR_INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function tags(el: FakeElement): string[] {
  return el.all().map((e) => e.tagName);
}

test('rendered text equals the source wherever no markup was meant: single tildes, bare addresses, pipes, footnote-like brackets', () => {
  const { renderText } = loadRenderer();
  const texts = [
    'To undo it, run git reset --soft HEAD~1 and then, if you must, git reset --hard HEAD~1 to drop the change.',
    'Approximately ~5 to ~10 items; the path ~/work/file and the range 3~4 stay as written.',
    'See www.example.com/docs and https://example.com/a_b?c=d or write to judge@example.org for details.',
    'The score is 3 | 5 and the options are a|b|c.',
    'As shown in [^1] and [1], the claim holds [citation needed].',
    'The product 2*3*4 = 24, the power 2**10**2 and a*b*c and snake_case_names stay.',
    'Literal <b>tags</b> stay as they are written.',
  ];
  for (const text of texts) {
    const root = renderText(text, true);
    assert.equal(root.dataset.view, 'rendered', text);
    assert.equal(root.textContent, text, 'the rendered text is the source');
    assert.ok(!tags(root).some((t) => ['DEL', 'EM', 'STRONG'].includes(t)), `no strikethrough or emphasis in ${text}`);
    assert.ok(!root.all().some((e) => e.className.includes('md-url')), `no address added to ${text}`);
  }
  // Markup that was meant still renders: two tildes strike through, emphasis between words.
  const struck = renderText('This is ~~wrong~~ *right*, **really** (*see* x*y).', true);
  assert.deepEqual(tags(struck).filter((t) => ['DEL', 'EM', 'STRONG'].includes(t)), ['DEL', 'EM', 'STRONG', 'EM']);
  assert.equal(struck.textContent, 'This is wrong right, really (see x*y).');
});

test('a character reference to a bidi override or another invisible character is shown as written, never obeyed', () => {
  const { renderText } = loadRenderer();
  for (const ref of ['&#x202E;', '&#8238;', '&#x2066;', '&#x200B;', '&zwj;', '&lrm;', '&#xE0041;']) {
    const text = `Response A is ${ref}better than B.`;
    const root = renderText(text, true);
    assert.equal(root.dataset.view, 'rendered');
    assert.equal(root.textContent, text, `${ref} shown as written`);
  }
  // Written as themselves, they are shown as their code points, raw and rendered alike.
  const literal = 'Response A is \u202ebetter\u202c than B.';
  for (const rendered of [true, false]) {
    const root = renderText(literal, rendered);
    assert.ok(!BIDI_OR_INVISIBLE.test(root.textContent), `no live control (${rendered ? 'rendered' : 'raw'})`);
    assert.ok(root.textContent.includes('<U+202E>better<U+202C>'));
    assert.equal(root.all().filter((e) => e.className === 'invisible-char').length, 2);
  }
  // Both in one text: the reference as written, the character as its code point.
  const both = renderText('Response A is &#x202E;right and B is \u202eeno gnorw.', true);
  assert.equal(both.textContent, 'Response A is &#x202E;right and B is <U+202E>eno gnorw.');
  // A link's address shows them too.
  const link = renderText('[here](https://example.com/&#x202E;gpj.exe)', true);
  assert.ok(!BIDI_OR_INVISIBLE.test(link.textContent), link.textContent);
});

test('every pathological text is drawn, rendered or shown as written with a note, without throwing and to a bounded depth', () => {
  const { renderText } = loadRenderer();
  for (const [family, make] of Object.entries(PATHOLOGICAL_FAMILIES)) {
    for (const n of [20_000]) {
      const text = make(n);
      const root = renderText(text, true);
      assert.ok(root.depth() <= 160, `${family}: DOM depth ${root.depth()}`);
      const notes = root.all().filter((e) => e.className === 'md-as-written-note');
      for (const note of notes) assert.match(note.textContent, /^Shown as written: /);
    }
  }
  // The stack-exhausting families at the full length: shown as written, said on screen.
  for (const family of ['nested-quotes', 'nested-list-one-line', 'nested-stars-one-line', 'emphasis-run-nesting', 'nested-brackets', 'star-a']) {
    const text = (PATHOLOGICAL_FAMILIES[family] as (n: number) => string)(200_000);
    const root = renderText(text, true);
    const note = root.all().find((e) => e.className === 'md-as-written-note');
    assert.ok(note, `${family}: a note says why`);
    assert.ok(root.textContent.endsWith(text.slice(-1000)), `${family}: the text is there as written`);
  }
});

test('a text over the length cap is shown raw with a note on screen', () => {
  const { renderText } = loadRenderer();
  const root = renderText('word '.repeat(50_000), true);
  assert.equal(root.dataset.view, 'raw');
  assert.match(root.all().find((e) => e.className === 'md-as-written-note')?.textContent ?? '', /over 200,000 characters/);
});
