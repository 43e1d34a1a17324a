/**
 * What the closing summary of `judge` / `generate` (live or `--batch-import`) says beside its
 * counts: the journal's lines that could not be read, and answers whose token usage was odd; and
 * the same summary as one JSON object for `--json`.
 */
import { MAX_SIDE_LINE_BYTES } from '../core/io/jsonl';
import { groupFailures } from '../core/llm/failures';
import type { JournalReport } from '../core/llm/journal';
import type { LlmResult, RunSummary } from '../core/llm/runner';
import type { Prices } from '../core/llm/usage';
import { costOf, formatUsageNotes } from '../core/llm/usage';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const listed = (lines: readonly number[]): string => `${lines.slice(0, 10).join(', ')}${lines.length > 10 ? ` and ${lines.length - 10} more` : ''}`;

/** The journal's repairs and unreadable lines, one sentence each (nothing when it was whole). */
function journalNotes(j: JournalReport | null): string[] {
  if (!j) return [];
  const out: string[] = [];
  if (j.torn) out.push(`journal: a torn last line (an interrupted write) was removed from ${j.path}`);
  const tooLong = new Set(j.tooLongLines);
  const unreadable = j.corruptLines.filter((l) => !tooLong.has(l));
  if (unreadable.length) out.push(`journal: ${plural(unreadable.length, 'unreadable line')} in ${j.path} skipped and left in place (line ${listed(unreadable)}): their requests count as not answered`);
  if (j.tooLongLines.length) {
    out.push(`journal: ${plural(j.tooLongLines.length, 'line')} in ${j.path} over ${MAX_SIDE_LINE_BYTES / 1048576} MB not read (line ${listed(j.tooLongLines)}): their requests count as not answered`);
  }
  return out;
}

/** Every note of a finished run: the journal's, then the usage's. */
export function runNotes(summary: RunSummary<LlmResult>): string[] {
  return [...journalNotes(summary.journal), ...formatUsageNotes(summary.usageNotes)];
}

/** The run's summary as data (`--json`): counts, tokens, cost, usage notes, failure reasons, journal. */
export function runJson(summary: RunSummary<LlmResult>, prices: Prices | null): Record<string, unknown> {
  const p = summary.progress;
  const j = summary.journal;
  return {
    cancelled: summary.cancelled,
    records: p.total ?? p.done,
    done: p.done,
    failed: p.failed,
    cached: p.cached,
    skipped: p.skipped,
    tokens: p.tokens,
    cost: costOf(p.tokens, prices),
    usageNotes: { dropped: summary.usageNotes.dropped, implausible: summary.usageNotes.implausible, first: summary.usageNotes.first.map((f) => ({ record: f.record, kind: f.note.kind, text: f.note.text })) },
    failures: groupFailures(summary.results.filter((r) => !r.unanswered)).map((g) => ({ reason: g.reason, count: g.count, hint: g.hint })),
    journal: j ? { path: j.path, entries: j.entries, torn: j.torn, corruptLines: j.corruptLines, tooLongLines: j.tooLongLines } : null,
  };
}
