import { z } from "zod";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Give the token a name, e.g. the CI job that uses it").max(100),
});

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters, so people can tell tokens apart without the secret. */
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
export type ApiTokenView = z.infer<typeof apiTokenSchema>;
