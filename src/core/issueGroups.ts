/**
 * Repeated issues grouped: the same warning on every record of a file is one line with a count
 * (and its first lines), not 350 lines. Counts cover every issue, not only the ones kept.
 */
import type { ReadIssue } from './record';

export interface IssueGroup {
  readonly first: ReadIssue;
  readonly count: number;
  /** The first few lines where it occurs. */
  readonly lines: readonly number[];
}

const MAX_GROUPS = 500;
const LINES_KEPT = 5;

export class IssueGrouper {
  private readonly groups = new Map<string, { first: ReadIssue; count: number; lines: number[] }>();
  /** Issues that fit no kept group (more than MAX_GROUPS distinct messages). */
  ungrouped = 0;

  add(issue: ReadIssue, times = 1): void {
    const key = `${issue.severity}\u0000${issue.field ?? ''}\u0000${issue.message}`;
    const g = this.groups.get(key);
    if (g) {
      g.count += times;
      if (g.lines.length < LINES_KEPT) g.lines.push(issue.line);
    } else if (this.groups.size < MAX_GROUPS) this.groups.set(key, { first: issue, count: times, lines: [issue.line] });
    else this.ungrouped += times;
  }

  list(): IssueGroup[] {
    return [...this.groups.values()];
  }
}

/** Groups a list of issues in order of first appearance. */
export function groupIssues(issues: readonly ReadIssue[]): IssueGroup[] {
  const g = new IssueGrouper();
  for (const i of issues) g.add(i);
  return g.list();
}
