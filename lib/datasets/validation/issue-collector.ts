import type { ValidationIssue, ValidationIssueKind } from "./types";

/**
 * Keeps the first `max` issues in (label file, line) order with memory bounded by 2 × max, even though
 * image checks finish out of order and a broken dataset can produce an issue on every one of millions of lines.
 */
export class IssueCollector {
  private kept: ValidationIssue[] = [];
  private dropped = 0;
  /** Every issue by kind, also those dropped: the report's totals stay exact when the list is cut. */
  readonly counts: Partial<Record<ValidationIssueKind, number>> = {};

  constructor(
    private readonly max: number,
    private readonly fileOrder: ReadonlyMap<string, number>,
  ) {}

  add(issue: ValidationIssue): void {
    this.counts[issue.kind] = (this.counts[issue.kind] ?? 0) + 1;
    this.kept.push(issue);
    if (this.kept.length > Math.max(2 * this.max, 64)) this.trim();
  }

  get total(): number {
    return this.kept.length + this.dropped;
  }

  result(): { issues: ValidationIssue[]; truncated: number } {
    this.trim();
    return { issues: this.kept, truncated: this.dropped };
  }

  private trim(): void {
    // Array.prototype.sort is stable, so issues of one line keep the order they were found in.
    this.kept.sort((a, b) => (this.fileOrder.get(a.file) ?? 0) - (this.fileOrder.get(b.file) ?? 0) || a.line - b.line);
    if (this.kept.length > this.max) {
      this.dropped += this.kept.length - this.max;
      this.kept.length = this.max;
    }
  }
}
