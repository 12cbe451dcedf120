import { describe, expect, it } from "vitest";
import { parsePythonLiteral, pythonStringRepr, toPythonLiteral } from "./python-literal";

describe("Python literals of the PaddleServing OCR answer", () => {
  it("quotes strings the way Python's repr does", () => {
    expect(pythonStringRepr("hello")).toBe("'hello'");
    expect(pythonStringRepr("it's")).toBe(`"it's"`);
    expect(pythonStringRepr(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(pythonStringRepr("a\\b\n")).toBe("'a\\\\b\\n'");
    expect(pythonStringRepr("你好，世界")).toBe("'你好，世界'");
    expect(pythonStringRepr("\u0007")).toBe("'\\x07'");
  });

  it("writes a line as ((text, score), quad) like PaddleOCR's web service", () => {
    const line = [{ tuple: ["ICDAR 2015", { float: 0.9876 }] }, [[10, 20], [110, 20], [110, 44], [10, 44]]];
    expect(toPythonLiteral([line])).toBe("[[('ICDAR 2015', 0.9876), [[10, 20], [110, 20], [110, 44], [10, 44]]]]");
    expect(toPythonLiteral([{ float: 1 }, { float: 1e-7 }, { tuple: ["x"] }])).toBe("[1.0, 1e-07, ('x',)]");
  });

  it("reads back what it writes, and what real servers write", () => {
    const written = "[[('营业执照', 0.99871826), [[1, 2], [3, 4], [5, 6], [7, 8]]], [(\"it's\", 1.0), [[0, 0], [1, 0], [1, 1], [0, 1]]]]";
    expect(parsePythonLiteral(written)).toEqual([
      [["营业执照", 0.99871826], [[1, 2], [3, 4], [5, 6], [7, 8]]],
      [["it's", 1], [[0, 0], [1, 0], [1, 1], [0, 1]]],
    ]);
    // Older PaddleServing answers give only the text, not a (text, score) tuple.
    expect(parsePythonLiteral("[['abc', [[0, 0], [1, 0], [1, 1], [0, 1]]]]")).toEqual([["abc", [[0, 0], [1, 0], [1, 1], [0, 1]]]]);
    expect(parsePythonLiteral("['\\u4e2d\\x41\\n', True, None, -1.5e-3, (1,)]")).toEqual(["中A\n", true, null, -0.0015, [1]]);
  });

  it("refuses anything that is not a literal, without evaluating it", () => {
    expect(() => parsePythonLiteral("__import__('os').system('x')")).toThrow(/unexpected input/);
    expect(() => parsePythonLiteral("[1, 2")).toThrow();
    expect(() => parsePythonLiteral("'open")).toThrow(/unterminated/);
    expect(() => parsePythonLiteral("[1] extra")).toThrow(/trailing/);
  });
});
