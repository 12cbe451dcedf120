import { parseDocument } from "yaml";

// A small YAML highlighter for the training config (PaddleOCR's config.yml) on the version page:
// line by line, it only colours — the tokens of a line always join back into the line.

export type YamlTokenKind = "plain" | "key" | "punctuation" | "string" | "number" | "keyword" | "comment" | "anchor";
export interface YamlToken {
  kind: YamlTokenKind;
  text: string;
}

const KEY = /^(\s*)(- +)?((?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"][^:#]*?))(\s*:)(?=\s|$)/;
const LIST_ITEM = /^(\s*)(- +|-$)/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;
const KEYWORD = /^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~|yes|no|Yes|No|on|off)$/;

export function highlightYaml(text: string): YamlToken[][] {
  return text.split("\n").map(highlightLine);
}

/** Whether the text parses as YAML; the parser's first complaint otherwise. */
export function yamlProblem(text: string): string | null {
  const document = parseDocument(text, { prettyErrors: false });
  return document.errors[0]?.message.split("\n")[0] ?? null;
}

function highlightLine(line: string): YamlToken[] {
  const tokens: YamlToken[] = [];
  const push = (kind: YamlTokenKind, value: string) => {
    if (value) tokens.push({ kind, text: value });
  };
  let rest = line;
  if (/^\s*#/.test(rest)) return [{ kind: "comment", text: line }];
  const key = KEY.exec(rest);
  if (key) {
    push("plain", key[1]!);
    push("punctuation", key[2] ?? "");
    push("key", key[3]!);
    push("punctuation", key[4]!);
    rest = rest.slice(key[0].length);
  } else {
    const item = LIST_ITEM.exec(rest);
    if (item) {
      push("plain", item[1]!);
      push("punctuation", item[2]!);
      rest = rest.slice(item[0].length);
    }
  }
  const { value, comment } = splitComment(rest);
  const leading = /^\s*/.exec(value)![0];
  const trailing = /\s*$/.exec(value.slice(leading.length))![0];
  const core = value.slice(leading.length, value.length - trailing.length);
  push("plain", leading);
  push(kindOf(core), core);
  push("plain", trailing);
  push("comment", comment);
  return tokens.length > 0 ? tokens : [{ kind: "plain", text: "" }];
}

function kindOf(value: string): YamlTokenKind {
  if (!value) return "plain";
  if (/^["']/.test(value)) return "string";
  if (/^[&*][^\s]+$/.test(value)) return "anchor";
  if (NUMBER.test(value)) return "number";
  if (KEYWORD.test(value)) return "keyword";
  if (/^[[{|>]/.test(value)) return "plain";
  return "string";
}

/** Splits a trailing ` # comment` off a value, ignoring '#' inside quotes. */
function splitComment(text: string): { value: string; comment: string } {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      return { value: text.slice(0, i), comment: text.slice(i) };
    }
  }
  return { value: text, comment: "" };
}
