import type { KubeObject } from "./object-store";

/** A parse failure of a selector: the server answers 400 BadRequest. */
export class SelectorError extends Error {}

type Requirement =
  | { key: string; op: "=" | "!="; values: [string] }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists"; values: [] };

/** `app=x,tier!=db,env in (a,b),release notin (c),gpu,!spot` — the label selector grammar. */
export function parseLabelSelector(text: string | null): (labels: Record<string, string> | undefined) => boolean {
  if (!text) return () => true;
  const requirements: Requirement[] = [];
  for (const part of splitOutsideParens(text)) {
    const term = part.trim();
    if (!term) continue;
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      requirements.push({ key: match[1]!, op: match[2] as "in" | "notin", values: match[3]!.split(",").map((v) => v.trim()).filter(Boolean) });
    } else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term))) {
      requirements.push({ key: match[1]!, op: match[2] === "!=" ? "!=" : "=", values: [match[3]!] });
    } else if ((match = /^!([\w./-]+)$/.exec(term))) {
      requirements.push({ key: match[1]!, op: "!exists", values: [] });
    } else if ((match = /^([\w./-]+)$/.exec(term))) {
      requirements.push({ key: match[1]!, op: "exists", values: [] });
    } else {
      throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
    }
  }
  return (labels = {}) =>
    requirements.every((r) => {
      const value = labels[r.key];
      switch (r.op) {
        case "=":
          return value === r.values[0];
        case "!=":
          return value !== r.values[0];
        case "in":
          return value !== undefined && r.values.includes(value);
        case "notin":
          return value === undefined || !r.values.includes(value);
        case "exists":
          return value !== undefined;
        case "!exists":
          return value === undefined;
      }
    });
}

/** `metadata.name=x,status.phase!=Running,involvedObject.uid=…` — equality on dotted paths. */
export function parseFieldSelector(text: string | null): (object: KubeObject) => boolean {
  if (!text) return () => true;
  const terms = text.split(",").filter(Boolean).map((term) => {
    const match = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term.trim());
    if (!match) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    return { path: match[1]!.split("."), negate: match[2] === "!=", value: match[3]! };
  });
  return (object) =>
    terms.every(({ path, negate, value }) => {
      let node: unknown = object;
      for (const key of path) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
      const actual = node === undefined || node === null ? "" : String(node);
      return negate ? actual !== value : actual === value;
    });
}

function splitOutsideParens(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts;
}
