import { z } from "zod";
import { ConsoleError, type FieldErrors } from "@/lib/errors/console-error";

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: FieldErrors };
}

/** Turns any thrown value into what a caller may see: domain errors verbatim, the rest generic. */
export function toErrorBody(error: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof ConsoleError) {
    return { status: error.status, body: { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } }, headers: error.headers };
  }
  // Unexpected failures are logged server-side by name and message only (never request bodies,
  // which may carry secrets) and reach the caller as a generic 500.
  console.error(`[ocr-console] unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on the server." } } };
}
