/**
 * Repeated issues grouped: the same warning on every record of a file is one line with a count
 * (and its first lines), not 350 lines. Counts cover every issue, not only the ones kept.
 */
import type { ReadIssue } from '../record/record';

export interface IssueGroup {
  readonly first: ReadIssue;
  readonly count: number;
  /** The first few lines where it occurs. */
  readonly lines: readonly number[];
}

const MAX_GROUPS = 500;
const LINES_KEPT = 5;

/** Issues alike when their severity, field and message are. */
export function groupKey(issue: ReadIssue): string {
  return `${issue.severity}\u0000${issue.field ?? ''}\u0000${issue.message}`;
}

export class IssueGrouper {
  private readonly byKey = new Map<string, { first: ReadIssue; count: number; lines: number[] }>();
  /** Issues that fit no kept group (more than MAX_GROUPS distinct messages). */
  ungrouped = 0;

  /** Counts an issue; returns its group's key, or null when it fits no kept group. */
  add(issue: ReadIssue, times = 1): string | null {
    const key = groupKey(issue);
    const g = this.byKey.get(key);
    if (g) {
      g.count += times;
      if (g.lines.length < LINES_KEPT) g.lines.push(issue.line);
    } else if (this.byKey.size < MAX_GROUPS) this.byKey.set(key, { first: issue, count: times, lines: [issue.line] });
    else {
      this.ungrouped += times;
      return null;
    }
    return key;
  }

  list(): IssueGroup[] {
    return [...this.byKey.values()].map((g) => ({ first: g.first, count: g.count, lines: [...g.lines] }));
  }

  /** Copies of the named groups (what a batch sends on). */
  groups(keys: readonly string[]): IssueGroup[] {
    return keys.flatMap((k) => {
      const g = this.byKey.get(k);
      return g ? [{ first: g.first, count: g.count, lines: [...g.lines] }] : [];
    });
  }
}
