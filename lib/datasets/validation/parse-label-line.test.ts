import { describe, expect, it } from "vitest";
import { cleanLabelLine, isBlankLine, parseLabelLine } from "./parse-label-line";

const at = (line: number) => ({ file: "train.txt", line });
const box = (transcription: string, points: unknown = [[0, 0], [10, 0], [10, 5], [0, 5]]) => ({ transcription, points });
const det = (boxes: unknown) => `imgs/a.png\t${JSON.stringify(boxes)}`;
const messages = (r: { issues: Array<{ message: string }> }) => r.issues.map((i) => i.message);

describe("parseLabelLine det", () => {
  it("parses boxes, polygons and ### regions", () => {
    const polygon = [[0, 0], [5, 0], [10, 0], [10, 5], [5, 5], [0, 5]];
    const r = parseLabelLine("det", det([box("Hello"), box("###"), box("多边形", polygon)]), at(1));
    expect(r.issues).toEqual([]);
    expect(r.imagePath).toBe("imgs/a.png");
    expect(r.sample).toEqual({
      task: "det",
      imagePath: "imgs/a.png",
      boxes: [
        { transcription: "Hello", points: [[0, 0], [10, 0], [10, 5], [0, 5]], ignored: false },
        { transcription: "###", points: [[0, 0], [10, 0], [10, 5], [0, 5]], ignored: true },
        { transcription: "多边形", points: polygon, ignored: false },
      ],
    });
  });

  it("reports JSON errors with the parser's reason", () => {
    const r = parseLabelLine("det", 'a.png\t[{"transcription": "x", "points": [[1,2]],]', at(4));
    expect(r.sample).toBeNull();
    expect(r.imagePath).toBe("a.png");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ kind: "bad_json", file: "train.txt", line: 4 });
    expect(r.issues[0]?.message).toMatch(/^line 4: not JSON after the tab: .*position/);
  });

  it("reports too few points but keeps the good boxes", () => {
    const r = parseLabelLine("det", det([box("ok"), box("bad", [[0, 0], [1, 0], [1, 1]])]), at(17));
    expect(messages(r)).toEqual(["line 17: box 2: points must be at least 4 [x, y] pairs, got 3"]);
    expect(r.issues[0]).toMatchObject({ kind: "too_few_points", detail: { box: 2, points: 3 } });
    expect(r.sample?.task === "det" && r.sample.boxes.map((b) => b.transcription)).toEqual(["ok"]);
  });

  it("explains structural mistakes", () => {
    expect(messages(parseLabelLine("det", 'a.png\t{"transcription": "x"}', at(1)))).toEqual(["line 1: expected a JSON array of boxes after the tab, got an object"]);
    expect(messages(parseLabelLine("det", det([{ points: [] }]), at(2)))).toEqual(['line 2: box 1 needs a "transcription" string, got nothing']);
    expect(messages(parseLabelLine("det", det([{ transcription: "x" }]), at(3)))).toEqual(['line 3: box 1 needs a "points" array of [x, y] pairs, got nothing']);
    expect(messages(parseLabelLine("det", det([box("x", [[0, 0], [1, "2"], [1, 1], [0, 1]])]), at(4)))).toEqual([
      'line 4: box 1 point 2 must be an [x, y] pair of numbers, got [1,"2"]',
    ]);
    expect(parseLabelLine("det", det(["x"]), at(5)).issues[0]?.kind).toBe("bad_json");
  });

  it("flags empty transcriptions but not ###", () => {
    const r = parseLabelLine("det", det([box(""), box("###")]), at(6));
    expect(r.issues.map((i) => [i.kind, i.detail?.box])).toEqual([["empty_transcription", 1]]);
    expect(r.issues[0]?.message).toContain('"###"');
    expect(r.sample?.task === "det" && r.sample.boxes).toHaveLength(2);
  });
});

describe("parseLabelLine rec and cls", () => {
  it("splits on the first tab and keeps spaces in the text", () => {
    expect(parseLabelLine("rec", "crops/1.jpg\tHello  world ", at(1))).toEqual({
      imagePath: "crops/1.jpg",
      sample: { task: "rec", imagePath: "crops/1.jpg", text: "Hello  world " },
      issues: [],
    });
  });

  it("reports a missing tab, an empty path, extra tabs and empty text", () => {
    expect(messages(parseLabelLine("rec", "crops/1.jpg Hello", at(9)))).toEqual(["line 9: no tab between image path and label"]);
    expect(parseLabelLine("rec", "\tHello", at(2)).issues[0]?.kind).toBe("malformed_line");
    const extra = parseLabelLine("rec", "a.jpg\tHello\tworld", at(3));
    expect(extra).toMatchObject({ imagePath: "a.jpg", sample: null, issues: [{ kind: "malformed_line" }] });
    const empty = parseLabelLine("rec", "a.jpg\t", at(4));
    expect(empty.issues.map((i) => i.kind)).toEqual(["empty_transcription"]);
    expect(empty.sample).toEqual({ task: "rec", imagePath: "a.jpg", text: "" });
  });

  it("accepts only 0 and 180 for cls", () => {
    expect(parseLabelLine("cls", "a.jpg\t180", at(1)).sample).toEqual({ task: "cls", imagePath: "a.jpg", label: "180" });
    expect(parseLabelLine("cls", "a.jpg\t0", at(1)).issues).toEqual([]);
    const bad = parseLabelLine("cls", "a.jpg\t90", at(3));
    expect(bad).toMatchObject({ imagePath: "a.jpg", sample: null });
    expect(bad.issues).toEqual([{ kind: "bad_label", file: "train.txt", line: 3, message: 'line 3: label must be 0 or 180, got "90"', detail: { imagePath: "a.jpg", label: "90" } }]);
  });

  it("tolerates a BOM and CRLF", () => {
    expect(cleanLabelLine("\uFEFFa.jpg\t0\r")).toBe("a.jpg\t0");
    expect(parseLabelLine("cls", "\uFEFFa.jpg\t0\r", at(1)).issues).toEqual([]);
    expect(isBlankLine("\r")).toBe(true);
    expect(isBlankLine("\uFEFF")).toBe(true);
  });
});
