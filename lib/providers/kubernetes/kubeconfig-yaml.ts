import { LineCounter, parseDocument } from "yaml";

/**
 * Parses kubeconfig text into the plain object the client will be given. The console parses it
 * itself (rather than letting @kubernetes/client-node do it) so that what is checked is exactly what
 * is loaded, and so that a mistake is reported by line without quoting the text, which may hold a
 * token. Failures complete a sentence: "<what> is not valid YAML: … (line N)."
 */
export function parseKubeconfigYaml(text: string, what: string): Record<string, unknown> {
  const lineCounter = new LineCounter();
  // Merge keys (`<<: *defaults`) as the client's own parser resolves them.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const [first] = [...document.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  if (first) {
    const reason = first.code === "MULTIPLE_DOCS" ? "it holds more than one YAML document" : first.message;
    throw new Error(`${what} is not valid YAML: ${reason} (line ${Math.max(1, lineCounter.linePos(first.pos[0]).line)}).`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolvable or exponentially many aliases; the message names the problem, not the text.
    throw new Error(`${what} is not valid YAML: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${what} is empty or is not a kubeconfig (no clusters, users or contexts).`);
  }
  return value as Record<string, unknown>;
}
