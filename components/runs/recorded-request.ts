import { renderedRequestSchema } from "@/lib/schemas/runs";
import type { RenderedRequestView } from "./request-view";

/**
 * The request recorded on a run (TrainingRun.request) as the Request tab shows it: the rendered
 * form when the run kept one (language + text + body), otherwise the raw record as JSON.
 */
export function recordedRequest(value: unknown): RenderedRequestView | null {
  if (value === null || value === undefined) return null;
  const rendered = renderedRequestSchema.safeParse(value);
  if (rendered.success) return rendered.data;
  return { language: "json", text: JSON.stringify(value, null, 2), body: value };
}
