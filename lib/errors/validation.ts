import { z } from "zod";
import { ConsoleError, type FieldErrors } from "./console-error";

/** Parses input with a zod schema; failures become a bad_request naming each field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  refuseNulCharacters(input);
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

/**
 * A NUL in text is never meant: PostgreSQL refuses it in text columns (a 500 instead of an answer),
 * and in names it cuts paths and keys short. Every input parsed here is checked, wherever it nests.
 */
function refuseNulCharacters(input: unknown, path: string[] = []): void {
  if (typeof input === "string") {
    if (input.includes("\u0000")) {
      const field = path.join(".") || "_";
      throw new ConsoleError("bad_request", `Invalid input — ${field === "_" ? "" : `${field}: `}contains a NUL character`, { [field]: ["Contains a NUL character"] });
    }
    return;
  }
  if (input === null || typeof input !== "object" || path.length > 32) return;
  for (const [key, value] of Object.entries(input)) refuseNulCharacters(value, [...path, key]);
}
