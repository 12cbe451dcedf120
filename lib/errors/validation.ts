import { z } from "zod";
import { ConsoleError, type FieldErrors } from "./console-error";

/** Parses input with a zod schema; failures become a bad_request naming each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => (field === "_" ? messages.join("; ") : `${field}: ${messages.join("; ")}`))
    .join("; ");
  throw new ConsoleError("bad_request", `Invalid input — ${summary}`, fieldErrors);
}
