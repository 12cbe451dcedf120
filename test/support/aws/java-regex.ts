/**
 * AWS models carry Java regular expressions (the services validate with java.util.regex, matching
 * the whole value). JavaScript lacks Java's POSIX classes (\p{Alnum}, \p{Print}…) and \A \z \Z, so
 * those are rewritten; everything else the models use means the same in both.
 */
const posixClasses: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "A-Za-z",
  Digit: "0-9",
  Alnum: "A-Za-z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

function translate(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      const posix = /^p\{(\w+)\}/.exec(pattern.slice(i + 1));
      const range = posix?.[1] !== undefined ? posixClasses[posix[1]] : undefined;
      if (posix && range !== undefined) {
        out += inClass ? range : `[${range}]`;
        i += posix[0].length;
      } else if (next === "A" && !inClass) {
        out += "^";
        i += 1;
      } else if (next === "z" && !inClass) {
        out += "$";
        i += 1;
      } else if (next === "Z" && !inClass) {
        out += "(?=\\n?$)";
        i += 1;
      } else {
        out += char + next;
        i += 1;
      }
      continue;
    }
    if (char === "[" && !inClass) inClass = true;
    else if (char === "]" && inClass) inClass = false;
    out += char;
  }
  return out;
}

const compiled = new Map<string, RegExp | null>();

/** A whole-value matcher for a model pattern, or null if JavaScript cannot express it. */
export function javaPattern(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    const source = `^(?:${translate(pattern)})$`;
    let regex: RegExp | null = null;
    // "u" for \p{L}-style Unicode categories; some models escape characters the u flag rejects.
    for (const flags of ["u", ""]) {
      try {
        regex = new RegExp(source, flags);
        break;
      } catch {
        // try the next flags
      }
    }
    compiled.set(pattern, regex);
  }
  return compiled.get(pattern) ?? null;
}
