/** Shared checks for the alignment tests. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Alignment } from '../../../../src/core/align';

/**
 * The repository root: the nearest ancestor of this file holding package.json (works from the
 * TypeScript sources and from the compiled out/ tree alike), else the working directory.
 */
function repoRoot(): string {
  for (let dir = __dirname; ; ) {
    if (existsSync(path.join(dir, 'package.json'))) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
        if (pkg.name === 'rationale-lens') return dir;
      } catch {
        // Not ours; keep climbing.
      }
    }
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** `shared/fixtures` beside the repository (also how CI lays it out). */
export function fixturesDir(): string {
  return path.resolve(repoRoot(), '..', 'shared', 'fixtures');
}

/** Every offset of an alignment must slice the original texts exactly and stay in bounds. */
export function assertOffsets(gold: string, rationale: string, a: Alignment): void {
  for (const [text, claims] of [
    [gold, a.gold],
    [rationale, a.rationale],
  ] as const) {
    let prevEnd = -1;
    for (const c of claims) {
      assert.equal(text.slice(c.start, c.end), c.text, 'claim offsets must slice the original text');
      assert.ok(c.start < c.end, 'claims are non-empty');
      assert.ok(c.start >= prevEnd, 'claims are ordered and disjoint');
      assert.equal(c.text, c.text.trim(), 'claims are trimmed');
      prevEnd = c.end;
      for (const m of c.mentions) assert.ok(m.start >= c.start && m.end <= c.end && m.start <= m.end, 'mentions lie inside their claim');
    }
  }
  for (const s of a.skipped.gold) assert.ok(s.start >= 0 && s.end <= gold.length && s.start < s.end);
  for (const s of a.skipped.rationale) assert.ok(s.start >= 0 && s.end <= rationale.length && s.start < s.end);
  for (const p of a.pairs) {
    const g = a.gold[p.gold];
    const r = a.rationale[p.rationale];
    assert.ok(g && r, 'pairs point at existing claims');
    for (const d of p.diff) {
      if (d.kind !== 'added') {
        assert.ok(d.goldStart !== undefined && d.goldEnd !== undefined);
        assert.ok(d.goldStart >= g.start && d.goldEnd <= g.end && d.goldStart < d.goldEnd, 'gold diff span inside the gold claim');
      }
      if (d.kind !== 'removed') {
        assert.ok(d.rationaleStart !== undefined && d.rationaleEnd !== undefined);
        assert.ok(d.rationaleStart >= r.start && d.rationaleEnd <= r.end && d.rationaleStart < d.rationaleEnd, 'rationale diff span inside the rationale claim');
      }
    }
  }
  if (a.coverage !== null) assert.ok(a.coverage >= 0 && a.coverage <= 1);
}

/** Compact view of a claim's mentions, e.g. "A-,B+" (0 = neutral, * = implicit). */
export function mentionSummary(c: Alignment['gold'][number]): string {
  return c.mentions.map((m) => m.response + ({ positive: '+', negative: '-', neutral: '0' } as const)[m.polarity] + (m.implicit ? '*' : '')).join(',');
}
