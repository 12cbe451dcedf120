// PaddleServing's OCR pipeline answers with `str()` of a Python list, e.g.
// [[('text', 0.98), [[x1, y1], [x2, y2], [x3, y3], [x4, y4]]], …]. Local endpoints must write it the
// way Python does, and the console's client must read it safely — never with eval.

/** Numbers are written as Python ints unless wrapped as `{ float }`, like the scores of the answer. */
export type PythonValue = string | number | boolean | null | PythonValue[] | { tuple: PythonValue[] } | { float: number };

/** Python 3's repr() of a str: single quotes unless the text has ' and no ", printable Unicode kept. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === quote) out += `\\${quote}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && !/[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]/u.test(char)) {
      out += code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : code <= 0xffff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\U${code.toString(16).padStart(8, "0")}`;
    } else out += char;
  }
  return out + quote;
}

/** repr() of a float the way Python prints it: shortest round-trip digits, always with a point. */
function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const text = String(value);
  return /[.e]/.test(text) ? text.replace(/e([+-])(\d)$/, "e$10$2") : `${text}.0`;
}

export function toPythonLiteral(value: PythonValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return pythonStringRepr(value);
  if (typeof value === "number") return String(Math.trunc(value));
  if (Array.isArray(value)) return `[${value.map(toPythonLiteral).join(", ")}]`;
  if ("float" in value) return pythonFloatRepr(value.float);
  const items = value.tuple.map(toPythonLiteral);
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

export class PythonLiteralError extends Error {}

/** Reads a Python literal of lists, tuples (as arrays), strings, numbers, True/False/None. */
export function parsePythonLiteral(text: string): unknown {
  let at = 0;
  const fail = (what: string): never => {
    throw new PythonLiteralError(`${what} at character ${at} of the serving answer`);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at += 1;
  };

  function value(): unknown {
    skipSpace();
    const char = text[at];
    if (char === "[" || char === "(") return sequence(char === "[" ? "]" : ")");
    if (char === "'" || char === '"') return string(char);
    if (text.startsWith("True", at)) return (at += 4), true;
    if (text.startsWith("False", at)) return (at += 5), false;
    if (text.startsWith("None", at)) return (at += 4), null;
    const number = /^[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf|nan)/.exec(text.slice(at, at + 64));
    if (!number) return fail("unexpected input");
    at += number[0].length;
    return Number(number[0].replace("inf", "Infinity").replace("nan", "NaN"));
  }

  function sequence(close: string): unknown[] {
    at += 1;
    const items: unknown[] = [];
    for (;;) {
      skipSpace();
      if (text[at] === close) return (at += 1), items;
      items.push(value());
      skipSpace();
      if (text[at] === ",") at += 1;
      else if (text[at] !== close) fail(`expected , or ${close}`);
    }
  }

  function string(quote: string): string {
    at += 1;
    let out = "";
    while (at < text.length && text[at] !== quote) {
      const char = text[at]!;
      if (char !== "\\") {
        out += char;
        at += 1;
        continue;
      }
      const next = text[at + 1];
      const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
      if (next !== undefined && next in simple) {
        out += simple[next];
        at += 2;
      } else if (next === "x" || next === "u" || next === "U") {
        const width = next === "x" ? 2 : next === "u" ? 4 : 8;
        const hex = text.slice(at + 2, at + 2 + width);
        if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail("bad escape");
        out += String.fromCodePoint(parseInt(hex, 16));
        at += 2 + width;
      } else {
        out += char; // Python keeps unknown escapes as written
        at += 1;
      }
    }
    if (text[at] !== quote) fail("unterminated string");
    at += 1;
    return out;
  }

  const result = value();
  skipSpace();
  if (at !== text.length) fail("trailing input");
  return result;
}
