import type { CheckItem, ConnectionCheck } from "./types";

/**
 * Runs the probes of a connection check and times them. A probe that throws becomes a failed item
 * carrying the backend's own message, so users read the real answer instead of a stack trace.
 */
export async function runConnectionCheck(
  probes: Array<{ name: string; run: () => Promise<string> }>,
  summarize: (items: CheckItem[]) => string,
): Promise<ConnectionCheck> {
  const started = Date.now();
  const items: CheckItem[] = [];
  for (const probe of probes) {
    try {
      items.push({ name: probe.name, ok: true, message: await probe.run() });
    } catch (error) {
      items.push({ name: probe.name, ok: false, message: describeError(error) });
      break; // later probes depend on earlier ones (reachability before permissions)
    }
  }
  return {
    ok: items.length === probes.length && items.every((item) => item.ok),
    summary: summarize(items),
    items,
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const causeMessage = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${causeMessage}`;
  }
  return String(error);
}
