/** Highlights as source-offset pieces, and their mapping onto rendered Markdown's text leaves. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { AlignmentView } from '../../../../src/protocol/messages';
import { annotationPieces, chunks, pieceAt, sourceRuns } from '../../../../webview/logic/annotate';
import { markdownOptions } from '../../../../webview/logic/markdownParse';

function alignment(over: Partial<AlignmentView>): AlignmentView {
  return { judgment: 0, against: 'gold', tier: 'lexical heuristic', coverage: 1, arithmetic: '', disclaimer: '', truncated: false, gold: [], rationale: [], skippedGold: [], skippedRationale: [], pairs: [], ...over } as AlignmentView;
}

test('pieces cover the text in order, a claim split around its changed words, a skipped segment marked', () => {
  const text = 'Verdict: A. Response A is right because it adds the numbers. Filler.';
  const claim = { start: text.indexOf('Response'), end: text.indexOf('Filler') - 1 };
  const adds = { start: text.indexOf('adds'), end: text.indexOf('adds') + 4 };
  const a = alignment({
    rationale: [{ ...claim, cls: 'shared' } as AlignmentView['rationale'][number]],
    skippedRationale: [{ start: 0, end: 11 }],
    pairs: [{ gold: 0, rationale: 0, primary: true, diff: [{ ...adds, kind: 'added' }] } as unknown as AlignmentView['pairs'][number]],
  });
  const pieces = annotationPieces(text, a, 'rationale');
  assert.equal(pieces.map((p) => text.slice(p.start, p.end)).join(''), text, 'contiguous cover');
  for (let i = 1; i < pieces.length; i++) assert.equal(pieces[i]?.start, pieces[i - 1]?.end);
  assert.equal(pieces[0]?.outer?.cls, 'skipped');
  const claimPieces = pieces.filter((p) => p.outer?.claim === 0);
  assert.deepEqual(claimPieces.map((p) => text.slice(p.start, p.end)), ['Response A is right because it ', 'adds', ' the numbers.']);
  assert.equal(claimPieces[1]?.inner?.cls, 'diff diff-added');
  assert.equal(pieceAt(pieces, 0), 0);
  assert.equal(pieces[pieceAt(pieces, adds.start + 1)]?.inner?.cls, 'diff diff-added');
  assert.equal(pieces[pieceAt(pieces, text.length - 1)]?.outer, null);
  assert.deepEqual(annotationPieces('abc', null, 'gold'), [{ start: 0, end: 3, outer: null, inner: null }]);
  assert.deepEqual(annotationPieces('', null, 'gold'), []);
});

/** Every text leaf of the tree, with its source runs. */
function leaves(source: string): { value: string; runs: ReturnType<typeof sourceRuns> }[] {
  const out: { value: string; runs: ReturnType<typeof sourceRuns> }[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'text' && n.position) out.push({ value: n.value, runs: sourceRuns(n.value, source, n.position.start.offset ?? 0, n.position.end.offset ?? 0) });
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(fromMarkdown(source, markdownOptions()));
  return out;
}

test('a rendered leaf maps each character back to the same character of the source (escapes, entities, quotes, lists, tables)', () => {
  const source = [
    '**Response A** is \\*right\\* &amp; complete.',
    '',
    '> quoted line one',
    '> quoted line two with `code`',
    '',
    '- item one',
    '  continued',
    '- item &lt;two&gt;',
    '',
    '| a | b |',
    '| - | - |',
    '| x \\| y | z |',
    '',
    '<b>raw html</b> and a [link](https://example.com).',
  ].join('\n');
  const found = leaves(source);
  assert.ok(found.length > 8);
  for (const leaf of found) {
    assert.equal(leaf.runs.map((r) => r.text).join(''), leaf.value, 'runs rebuild the value');
    // Each run is the source's own characters, or one decoded character reference standing at its '&'.
    for (const r of leaf.runs) {
      if (source[r.at] === '&' && r.text.length === 1 && r.text !== '&') continue;
      assert.equal(source.slice(r.at, r.at + r.text.length), r.text, `run ${JSON.stringify(r.text)} at ${r.at}`);
    }
    for (let i = 1; i < leaf.runs.length; i++) assert.ok((leaf.runs[i]?.at ?? 0) > (leaf.runs[i - 1]?.at ?? 0), 'offsets increase');
  }
  const joined = found.map((l) => l.value).join('|');
  assert.ok(joined.includes('quoted line one\nquoted line two with '), joined);
  assert.ok(joined.includes('*right*'), 'escapes decoded');
  const item = found.find((l) => l.value === 'item <two>');
  assert.ok(item, joined);
  assert.deepEqual(item.runs.map((r) => source.slice(r.at, r.at + 1)), ['i', '&', 't', '&']);
});

test('chunks split runs at piece boundaries, so a claim that starts inside bold text lights the same characters', () => {
  const source = '**Response A** applies the formula. Then more.';
  const start = source.indexOf('A**');
  const end = source.indexOf('.') + 1;
  const a = alignment({ rationale: [{ start, end, cls: 'shared' } as AlignmentView['rationale'][number]] });
  const pieces = annotationPieces(source, a, 'rationale');
  const lit: string[] = [];
  for (const leaf of leaves(source)) for (const c of chunks(leaf.runs, pieces)) if (pieces[c.piece]?.outer?.claim === 0) lit.push(c.text);
  assert.deepEqual(lit, ['A', ' applies the formula.']);
});

test('a long run of characters Markdown dropped stays linear and monotone', () => {
  const source = `${'\\'.repeat(5000)}x`;
  const runs = sourceRuns('y'.repeat(10), source, 0, source.length);
  assert.equal(runs.map((r) => r.text).join(''), 'y'.repeat(10));
});

test('a reference to an invisible character maps to the reference, shown as written, even with the character itself nearby', () => {
  const source = 'A &#x202E;right, B \u202eeno &amp; C';
  const value = 'A \u202eright, B \u202eeno & C';
  const runs = sourceRuns(value, source, 0, source.length);
  const reference = runs.find((r) => r.text === '&#x202E;');
  assert.equal(reference?.at, 2, 'the reference stands where it is written');
  const literal = runs.find((r) => r.text.includes('\u202e'));
  assert.equal((literal?.at ?? 0) + (literal?.text.indexOf('\u202e') ?? 0), source.indexOf('\u202e'), 'the literal character maps to itself');
  assert.equal(runs.map((r) => r.text).join(''), 'A &#x202E;right, B \u202eeno & C');
});
