import { z } from "zod";
import { listQuerySchema } from "./pagination";

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditQuerySchema = listQuerySchema.extend({
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(100).optional(),
});

export type AuditEventView = z.infer<typeof auditEventSchema>;
