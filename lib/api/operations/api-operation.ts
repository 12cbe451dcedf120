import type { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The public REST API, described once: the OpenAPI document is generated from this list, and each
 * entry names the same zod schemas its route handler and server action parse with.
 */
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  role: Role;
  /** Served to anyone, signed in or not (the API description itself). */
  public?: true;
  status: number;
  query?: z.ZodObject;
  pathParams?: Record<string, string>;
  body?: z.ZodType;
  response: z.ZodType | null;
}
