// A tiny highlighter for the "View request" panel: Kubernetes manifests (YAML), AWS requests (JSON)
// and local command lines (shell). It only colours; the text is always shown exactly as sent, so
// the tokens of a text always join back into that text.

export type TokenKind = "plain" | "key" | "string" | "number" | "keyword" | "comment" | "flag";
export interface Token {
  kind: TokenKind;
  text: string;
}
export type RequestLanguage = "yaml" | "json" | "shell";

interface Rule {
  kind: TokenKind;
  pattern: RegExp;
}

// Order matters: the first rule that matches at a position wins.
const RULES: Record<RequestLanguage, Rule[]> = {
  json: [
    { kind: "key", pattern: /"(?:[^"\\\n]|\\.)*"(?=\s*:)/y },
    { kind: "string", pattern: /"(?:[^"\\\n]|\\.)*"/y },
    { kind: "number", pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y },
    { kind: "keyword", pattern: /\b(?:true|false|null)\b/y },
  ],
  yaml: [
    { kind: "comment", pattern: /#[^\n]*/y },
    { kind: "key", pattern: /(?<=^|\n)[ \t]*(?:- )?[\w./-]+(?=:(?:\s|$))/y },
    { kind: "string", pattern: /"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'/y },
    { kind: "keyword", pattern: /\b(?:true|false|null|True|False)\b(?=\s*$|\s*\n)/y },
    { kind: "number", pattern: /(?<=:\s|-\s)-?\d+(?:\.\d+)?(?=\s*$|\s*\n)/y },
  ],
  shell: [
    { kind: "comment", pattern: /(?<=^|\s)#[^\n]*/y },
    { kind: "string", pattern: /"(?:[^"\\]|\\.)*"|'[^']*'/y },
    { kind: "flag", pattern: /(?<=^|\s)--?[A-Za-z][\w-]*/y },
    { kind: "key", pattern: /(?<=^|\s)[A-Za-z_]\w*(?:\.\w+)+(?==)/y },
    { kind: "number", pattern: /(?<==)-?\d+(?:\.\d+)?(?=\s|$)/y },
  ],
};

export function highlight(text: string, language: RequestLanguage): Token[] {
  const rules = RULES[language];
  const tokens: Token[] = [];
  let plain = "";
  let at = 0;
  outer: while (at < text.length) {
    for (const rule of rules) {
      rule.pattern.lastIndex = at;
      const match = rule.pattern.exec(text);
      if (match && match[0].length > 0) {
        if (plain) tokens.push({ kind: "plain", text: plain });
        plain = "";
        tokens.push({ kind: rule.kind, text: match[0] });
        at += match[0].length;
        continue outer;
      }
    }
    // Skip a whole word at once so a rule never starts in the middle of one.
    const word = /[\w.]+|[^\w.]/y;
    word.lastIndex = at;
    const chunk = word.exec(text)?.[0] ?? text[at]!;
    plain += chunk;
    at += chunk.length;
  }
  if (plain) tokens.push({ kind: "plain", text: plain });
  return tokens;
}

export const TOKEN_CLASSES: Record<TokenKind, string> = {
  plain: "",
  key: "text-indigo-700 dark:text-indigo-300",
  string: "text-emerald-700 dark:text-emerald-400",
  number: "text-amber-700 dark:text-amber-400",
  keyword: "text-fuchsia-700 dark:text-fuchsia-400",
  comment: "text-zinc-500 italic",
  flag: "text-sky-700 dark:text-sky-400",
};
