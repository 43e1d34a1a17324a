/**
 * Streamed model text reaches the webview through StreamScrubber: an API key never gets through,
 * even when the stream splits it across pieces, and the text is otherwise passed on unchanged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeltaScrubber, StreamScrubber } from '../../../src/presentation/streamScrubber';

const KEY = 'sk-test-9f8e7d6c5b4a';

function stream(pieces: readonly string[], secrets: readonly string[]): { out: string; parts: string[] } {
  const s = new StreamScrubber(secrets);
  const parts = pieces.map((p) => s.push(p));
  parts.push(s.end());
  return { out: parts.join(''), parts };
}

test('text without secrets passes unchanged, whatever the pieces', () => {
  const text = 'The rationale names the decisive error: 17 × 4 is 68, not 58.';
  for (const size of [1, 3, 7, 100]) {
    const pieces = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
    assert.equal(stream(pieces, [KEY]).out, text);
  }
  // No key (or a placeholder key): nothing is held back at all.
  assert.deepEqual(stream(['ab', 'cd'], []).parts, ['ab', 'cd', '']);
  assert.deepEqual(stream(['ab', 'cd'], ['EMPTY']).parts, ['ab', 'cd', '']);
});

test('a key split anywhere across pieces never gets through', () => {
  const text = `before ${KEY} middle ${JSON.stringify(KEY).slice(1, -1)} and ${encodeURIComponent(KEY)} after`;
  for (let cut1 = 0; cut1 < text.length; cut1 += 3) {
    for (const cut2 of [cut1 + 1, cut1 + 5, cut1 + 11]) {
      const pieces = [text.slice(0, cut1), text.slice(cut1, cut2), text.slice(cut2)];
      const { out, parts } = stream(pieces, [KEY]);
      for (const p of parts) assert.ok(!p.includes(KEY), `piece leaks the key: ${p}`);
      assert.ok(!out.includes(KEY));
      assert.equal(out, 'before *** middle *** and *** after');
    }
  }
});

test('one character at a time: the key is replaced, everything else kept in order', () => {
  const text = `a${KEY}b${KEY}`;
  const { out, parts } = stream([...text], [KEY]);
  assert.equal(out, 'a***b***');
  // Nothing a piece passes on is ever taken back.
  assert.ok(parts.every((p) => !p.includes('sk-test')));
});

test('reset forgets what was held back (a retry starts over)', () => {
  const s = new StreamScrubber([KEY]);
  const first = s.push('partial answer sk-te');
  s.reset();
  const rest = s.push('new answer') + s.end();
  assert.ok(!(first + rest).includes('sk-te'), first + rest);
  assert.ok(rest.endsWith('new answer'));
});

test('an answer and its reasoning are scrubbed apart; the reasoning held back goes once the answer starts; a reset starts both over', () => {
  const s = new DeltaScrubber([KEY]);
  const think = s.push({ content: '', reasoning: `thinking ${KEY.slice(0, 6)}` });
  const more = s.push({ content: '', reasoning: `${KEY.slice(6)} done` });
  assert.equal(think.content + more.content, '');
  const answer = s.push({ content: 'The answer', reasoning: '' });
  const reasoning = think.reasoning + more.reasoning + answer.reasoning;
  assert.equal(reasoning, 'thinking *** done', 'all the reasoning is out once the answer starts');
  const restart = s.push({ content: 'Again ', reasoning: '', reset: true });
  assert.equal(restart.reset, true);
  const end = s.end();
  assert.equal(restart.content + end.content, 'Again ', 'the answer before the reset is dropped with what it held back');
  assert.equal(end.reasoning, '');
  assert.equal(answer.reset, false);
});
