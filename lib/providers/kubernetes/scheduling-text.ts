// The launch form's text boxes for pod scheduling, in kubectl's own notation: a node selector as
// `key=value` lines, tolerations as `key=value:Effect` (Equal), `key:Effect` or `key` (Exists).

export interface Toleration {
  key?: string;
  operator: "Equal" | "Exists";
  value?: string;
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

const EFFECTS = new Set(["NoSchedule", "PreferNoSchedule", "NoExecute"]);

function lines(text: string): Array<{ line: string; number: number }> {
  return text
    .split("\n")
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== "" && !line.startsWith("#"));
}

export function parseNodeSelector(text: string): { value: Record<string, string>; errors: string[] } {
  const value: Record<string, string> = {};
  const errors: string[] = [];
  for (const { line, number } of lines(text)) {
    const eq = line.indexOf("=");
    if (eq <= 0) {
      errors.push(`Line ${number}: write key=value, e.g. nvidia.com/gpu.present=true`);
      continue;
    }
    value[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { value, errors };
}

export function formatNodeSelector(value: unknown): string {
  if (!value || typeof value !== "object") return "";
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}=${String(v)}`)
    .join("\n");
}

export function parseTolerations(text: string): { value: Toleration[]; errors: string[] } {
  const value: Toleration[] = [];
  const errors: string[] = [];
  for (const { line, number } of lines(text)) {
    const colon = line.lastIndexOf(":");
    const head = colon >= 0 ? line.slice(0, colon) : line;
    const effect = colon >= 0 ? line.slice(colon + 1).trim() : undefined;
    if (effect !== undefined && !EFFECTS.has(effect)) {
      errors.push(`Line ${number}: the effect is NoSchedule, PreferNoSchedule or NoExecute`);
      continue;
    }
    const eq = head.indexOf("=");
    const key = (eq >= 0 ? head.slice(0, eq) : head).trim();
    if (!key) {
      errors.push(`Line ${number}: write key=value:Effect or key:Effect`);
      continue;
    }
    value.push({
      key,
      operator: eq >= 0 ? "Equal" : "Exists",
      ...(eq >= 0 ? { value: head.slice(eq + 1).trim() } : {}),
      ...(effect ? { effect: effect as Toleration["effect"] } : {}),
    });
  }
  return { value, errors };
}

export function formatTolerations(value: unknown): string {
  if (!Array.isArray(value)) return "";
  return value
    .map((t: Partial<Toleration>) => `${t.key ?? ""}${t.operator === "Exists" ? "" : `=${t.value ?? ""}`}${t.effect ? `:${t.effect}` : ""}`)
    .join("\n");
}
