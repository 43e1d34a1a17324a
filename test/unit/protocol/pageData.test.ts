/** The page's data block: hostile record text cannot end the block or open a comment, and comes back exactly. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inlineable, pageDataBlock } from '../../../src/protocol/pageData';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!-- <script> -->',
  '<!--<script>',
  'line\u2028separator\u2029paragraph',
  '&lt; &amp; & < > " \' \\ \\u003c',
  '\u0000\u001f\ud83d\ude00 é 漢字',
  '`${x}` <img src=x onerror=alert(1)>',
];

/** What an HTML tokenizer does with a script element: its text runs to the first `</script` (any case). */
function scriptText(html: string): string {
  const open = html.indexOf('>') + 1;
  const close = html.toLowerCase().indexOf('</script', open);
  return html.slice(open, close);
}

test('hostile text round-trips exactly through the data block', () => {
  const value = { record: { id: 'r-1', rationale: HOSTILE.join('\n'), parts: HOSTILE, nested: { '</script>': HOSTILE[2] } } };
  const block = pageDataBlock('rlens-first-record', value);
  assert.ok(block.startsWith('<script type="application/json" id="rlens-first-record">'));
  assert.ok(block.endsWith('</script>'));
  const text = scriptText(block);
  // The tokenizer's script data state ends or escapes only at '<': none is left inside.
  assert.equal(/[<>&\u2028\u2029]/.test(text), false);
  assert.equal(text.length, block.length - '<script type="application/json" id="rlens-first-record">'.length - '</script>'.length);
  assert.deepEqual(JSON.parse(text), value);
  for (const s of HOSTILE) assert.equal(JSON.parse(scriptText(pageDataBlock('one', s))), s);
});

test('an id that is not a plain name is refused', () => {
  assert.throws(() => pageDataBlock('x" onload="y', {}), /letters, digits and dashes/);
});

test('an inline script or stylesheet that could end its element or open a comment is refused', () => {
  assert.equal(inlineable('(()=>{document.title="a<b"})();', 'script'), true);
  assert.equal(inlineable('#a{color:red}', 'style'), true);
  for (const bad of ['x="</script>"', 'x="</SCRIPT "', 'x="<!--"']) assert.equal(inlineable(bad, 'script'), false, bad);
  for (const bad of ['a{content:"</style>"}', 'a{content:"</STYLE"}', '<!-- a{}']) assert.equal(inlineable(bad, 'style'), false, bad);
  // Each tag only checks its own end.
  assert.equal(inlineable('a{content:"</script>"}', 'style'), true);
});
