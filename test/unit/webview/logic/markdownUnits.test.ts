/**
 * The Markdown parse budget on the pathological corpus: the scan is linear (counted, not timed),
 * the units cover the text, the work let through to the parser is bounded by a constant times the
 * length, nesting stays under the limit, and the parser never throws on what it is given.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Nodes } from 'mdast';
import { MAX_CONTAINER_DEPTH, UNIT_HARD, WORK_FLOOR, WORK_PER_CHARACTER, markdownUnits, workBudget } from '../../../../webview/logic/markdownUnits';
import { parseMarkdown } from '../../../../webview/logic/markdownParse';
import { PATHOLOGICAL_FAMILIES, prose } from '../pathologicalMarkdown';

/** Admitted work per character can never pass this (see markdownUnits: min(len², budget) per unit). */
const WORK_PER_CHARACTER_BOUND = Math.sqrt(WORK_FLOOR) + WORK_PER_CHARACTER;

function treeDepth(root: Nodes): { depth: number; nodes: number } {
  let depth = 0;
  let nodes = 0;
  const stack: [Nodes, number][] = [[root, 1]];
  while (stack.length) {
    const [n, d] = stack.pop() as [Nodes, number];
    nodes++;
    depth = Math.max(depth, d);
    if ('children' in n) for (const c of n.children) stack.push([c, d + 1]);
  }
  return { depth, nodes };
}

test('every pathological family, at every size up to 200,000 characters: a linear scan, a cover, bounded work and depth', () => {
  for (const [family, make] of Object.entries(PATHOLOGICAL_FAMILIES)) {
    for (const n of [1_000, 10_000, 50_000, 200_000]) {
      const text = make(n);
      assert.equal(text.length, n, `${family} makes ${n} characters`);
      const { units, steps } = markdownUnits(text);
      assert.ok(steps <= 4 * n, `${family} at ${n}: the scan looked at ${steps} characters`);
      let at = 0;
      let admitted = 0;
      for (const u of units) {
        assert.equal(u.start, at, `${family} at ${n}: units are contiguous`);
        assert.ok(u.end > u.start);
        at = u.end;
        // A unit is a fenced block, at most UNIT_HARD characters, one line, or a table whose rows
        // past the limit cannot start another block.
        if (!u.fence && u.end - u.start > UNIT_HARD) {
          const body = text.slice(u.start, u.end).trimEnd();
          const past = text.slice(u.start + UNIT_HARD, u.end).trimEnd().split(/\r\n|\r|\n/).slice(1);
          assert.ok(!/[\r\n]./.test(body) || past.every((l) => /^ {0,3}[|\p{L}]/u.test(l)), `${family} at ${n}: a long unit is one line or a table`);
        }
        if (u.refused !== null) continue;
        assert.ok(u.depth <= MAX_CONTAINER_DEPTH, `${family}: admitted depth ${u.depth}`);
        assert.ok(u.work <= workBudget(u.end - u.start), `${family}: admitted work over the unit's budget`);
        admitted += u.work;
      }
      assert.equal(at, n, `${family} at ${n}: units cover the text`);
      assert.ok(admitted <= WORK_PER_CHARACTER_BOUND * n, `${family} at ${n}: ${admitted} admitted work for ${n} characters`);
    }
  }
});

test('the parser never throws on what the budget gives it, and its trees stay shallow and linear in size', () => {
  for (const [family, make] of Object.entries(PATHOLOGICAL_FAMILIES)) {
    for (const n of [2_000, 16_000]) {
      const parsed = parseMarkdown(make(n));
      assert.ok(parsed.units, `${family}: under the length cap`);
      for (const { unit, tree } of parsed.units) {
        if (!tree) continue;
        const { depth, nodes } = treeDepth(tree);
        assert.ok(nodes <= 2 * (unit.end - unit.start) + 2, `${family} at ${n}: ${nodes} nodes`);
        // Containers are capped; what nests inline is bounded by the unit's markup budget (the
        // renderer draws below its own depth cap as text).
        assert.ok(depth <= 2 * MAX_CONTAINER_DEPTH + Math.sqrt(workBudget(unit.end - unit.start)), `${family} at ${n}: depth ${depth}`);
      }
    }
  }
});

test('ordinary Markdown is rendered whole, and a long text is cut only at blank lines or line ends', () => {
  const answer = [
    '**Response A** is better.',
    '',
    '1. It applies the *quadratic formula* correctly: `x = (5 ± 1) / 2`.',
    '2. It checks both roots ([see above](#roots)).',
    '',
    '```python',
    'def roots(a, b, c):',
    '',
    '    return [(-b + d) / (2 * a) for d in (1, -1)]',
    '```',
    '',
    '| Response | Correct |',
    '| --- | --- |',
    '| A | yes |',
  ].join('\n');
  const units = markdownUnits(answer).units;
  assert.ok(units.every((u) => u.refused === null));
  assert.deepEqual(
    units.filter((u) => u.fence).map((u) => answer.slice(u.start, u.end).split('\n')[0]),
    ['```python'],
    'the fence is one unit, blank line and all',
  );
  const long = `${prose(5_000)}\n\n${answer}\n\n${prose(5_000)}`;
  for (const u of markdownUnits(long).units) {
    assert.equal(u.refused, null);
    assert.ok(u.start === 0 || /[\r\n]/.test(long[u.start - 1] as string), 'cut after a line end');
  }
});

test('one dense paragraph is shown as written, the rest of its text still rendered', () => {
  const text = `Fine **bold** text.\n\n${'*a'.repeat(3000)}\n\nMore *fine* text.`;
  const parsed = parseMarkdown(text);
  assert.ok(parsed.units);
  const refused = parsed.units.filter((u) => u.tree === null);
  assert.equal(refused.length, 1);
  assert.match(refused[0]?.unit.refused ?? '', /more Markdown markup/);
  const deep = parseMarkdown(`${'> '.repeat(40)}a`);
  assert.match(deep.units?.[0]?.unit.refused ?? '', /nests up to 40 quotes or list items, more than the 32/);
  assert.match(parseMarkdown('a'.repeat(200_001)).refused ?? '', /over 200,000 characters/);
});

test('a long table is one unit and one table; a table whose rows start other blocks is cut as usual', () => {
  const rows = Array.from({ length: 400 }, (_, i) => `| row ${i} | ${i} | fine |`);
  const table = ['| name | value | note |', '| --- | ---: | :-: |', ...rows].join('\n');
  const units = markdownUnits(table).units;
  assert.equal(units.length, 1, 'not cut');
  const tree = parseMarkdown(table).units?.[0]?.tree;
  assert.deepEqual(tree?.children.map((c) => c.type), ['table']);
  assert.equal(tree?.children[0]?.type === 'table' ? tree.children[0].children.length : 0, 401);
  const hostile = (PATHOLOGICAL_FAMILIES['table-then-blocks'] as (n: number) => string)(50_000);
  assert.ok(markdownUnits(hostile).units.length > 10, 'rows that start blocks end the table: cut as usual');
});
