import { describe, expect, it } from "vitest";
import { issuePage, toIssueRow } from "./report-issues";

describe("the issues table", () => {
  it("shows where, the reason and the fix in their own columns", () => {
    expect(toIssueRow({ file: "train.txt", line: 6, kind: "box_outside_image", message: "line 6: box 2 point (250, 10) lies outside the 200×100 image; fix the coordinates or the image" })).toEqual({
      file: "train.txt",
      line: 6,
      kind: "box_outside_image",
      reason: "box 2 point (250, 10) lies outside the 200×100 image",
      fix: "fix the coordinates or the image",
    });
    // A message without its own fix gets the kind's; a whole-file issue has no line.
    expect(toIssueRow({ file: "a.txt", line: 2, kind: "malformed_line", message: "line 2: no tab between image path and label" }).fix).toMatch(/a tab/);
    expect(toIssueRow({ file: "train.txt", line: 0, kind: "missing_label_file", message: "train.txt: the label file is not in the dataset (its top level holds x/); add it or register the dataset with the right file name" })).toMatchObject({
      reason: "the label file is not in the dataset (its top level holds x/)",
      fix: "add it or register the dataset with the right file name",
    });
    // A semicolon inside a quoted character does not split the message.
    expect(toIssueRow({ file: "r.txt", line: 1, kind: "unknown_characters", message: 'line 1: not in the dictionary: ";" (U+003B); add it to the dictionary or correct the text' }).reason).toBe('not in the dictionary: ";" (U+003B)');
  });

  it("pages through issues, optionally of one kind", () => {
    const issues = Array.from({ length: 120 }, (_, i) => ({ file: "t.txt", line: i + 1, kind: i % 2 ? "missing_image" : "bad_json", message: `line ${i + 1}: x; y` }));
    expect(issuePage(issues, 3)).toMatchObject({ page: 3, pages: 3, total: 120 });
    expect(issuePage(issues, 3).rows.map((r) => r.line)).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    const missing = issuePage(issues, 9, "missing_image");
    expect(missing).toMatchObject({ page: 2, pages: 2, total: 60 });
    expect(missing.rows.every((r) => r.kind === "missing_image")).toBe(true);
  });
});
