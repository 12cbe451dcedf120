import type { ValidationIssueKind } from "./validation/types";

export interface IssueRow {
  file: string;
  /** 0 for an issue about the whole file. */
  line: number;
  kind: string;
  reason: string;
  fix: string;
}

export const ISSUES_PER_PAGE = 50;

/** What to do when a message does not say it itself. */
const FIX_BY_KIND: Partial<Record<ValidationIssueKind, string>> = {
  malformed_line: "write the line as image path, a tab, then the label",
  bad_json: "write the boxes as a JSON list of {\"transcription\", \"points\"}",
  too_few_points: "give each box at least 4 [x, y] points",
  empty_transcription: 'give the box its text, or "###" to ignore it',
  bad_label: "use 0 or 180",
};

/** Words for each kind of issue, for filters and counts. */
export const ISSUE_KIND_LABELS: Record<ValidationIssueKind, string> = {
  malformed_line: "Malformed line",
  bad_json: "Bad JSON",
  missing_image: "Missing image",
  duplicate_image: "Duplicate image",
  box_outside_image: "Box outside image",
  too_few_points: "Box with < 4 points",
  empty_transcription: "Empty transcription",
  unknown_characters: "Not in dictionary",
  bad_label: "Bad label",
  unreadable_image: "Unreadable image",
  not_utf8: "Not UTF-8",
  missing_label_file: "Missing file",
};

/**
 * Splits a report message ("line 4: <what is wrong>; <what to do>") into the reason and the fix the
 * issues table shows in their own columns.
 */
export function toIssueRow(issue: { file: string; line: number; kind: string; message: string }): IssueRow {
  const body = issue.message.replace(/^line \d+: /, "").replace(new RegExp(`^${escape(issue.file)}: `), "");
  const cut = body.lastIndexOf("; ");
  const reason = cut >= 0 ? body.slice(0, cut) : body;
  const fix = cut >= 0 ? body.slice(cut + 2) : (FIX_BY_KIND[issue.kind as ValidationIssueKind] ?? "");
  return { file: issue.file, line: issue.line, kind: issue.kind, reason, fix };
}

/** One page of a report's issues, optionally of one kind. */
export function issuePage(issues: Array<{ file: string; line: number; kind: string; message: string }>, page: number, kind?: string) {
  const matching = kind ? issues.filter((i) => i.kind === kind) : issues;
  const pages = Math.max(1, Math.ceil(matching.length / ISSUES_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  return {
    rows: matching.slice((current - 1) * ISSUES_PER_PAGE, current * ISSUES_PER_PAGE).map(toIssueRow),
    page: current,
    pages,
    total: matching.length,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
