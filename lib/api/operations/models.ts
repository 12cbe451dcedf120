import { z } from "zod";
import type { ApiOperation } from "./api-operation";

export const modelOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/models",
    summary: "The team's registered model versions (registry mirror)",
    role: "viewer",
    status: 200,
    response: z.object({ items: z.array(z.object({ id: z.string(), modelName: z.string(), version: z.string(), format: z.string().nullable(), storageUri: z.string(), metrics: z.record(z.string(), z.unknown()), createdAt: z.string(), endpoints: z.array(z.string()) })) }),
  },
  {
    method: "post",
    path: "/api/v1/models:rescan",
    summary: "Mirror the registry bucket's <model>/<version>/ folders into the registry",
    role: "editor",
    status: 200,
    response: z.object({ bucket: z.string(), models: z.number(), versions: z.number(), added: z.number(), updated: z.number() }),
  },
];
