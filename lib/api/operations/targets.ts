import { z } from "zod";
import { connectionCheckSchema, createTargetSchema, targetSchema } from "@/lib/schemas/targets";
import type { ApiOperation } from "./api-operation";

export const targetOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/targets",
    summary: "List the places work can run (secrets are never returned)",
    role: "viewer",
    status: 200,
    response: z.object({ items: z.array(targetSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/targets",
    summary: "Add a kubernetes or sagemaker target; `secrets` are write-only",
    role: "admin",
    status: 201,
    body: createTargetSchema,
    response: targetSchema,
  },
  {
    method: "post",
    path: "/api/v1/targets/{name}:check",
    summary: "Test a target's connection against its real backend",
    role: "viewer",
    status: 200,
    pathParams: { name: "Target name" },
    response: connectionCheckSchema,
  },
  {
    method: "delete",
    path: "/api/v1/targets/{name}",
    summary: "Remove a target that has no runs or endpoints",
    role: "admin",
    status: 204,
    pathParams: { name: "Target name" },
    response: null,
  },
];
