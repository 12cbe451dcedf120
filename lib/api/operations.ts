import { z } from "zod";
import type { Role } from "@/lib/generated/prisma/enums";
import { apiTokenSchema, createApiTokenSchema } from "@/lib/schemas/api-tokens";
import { auditEventSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { createDatasetSchema, datasetSchema } from "@/lib/schemas/datasets";
import { createEndpointSchema, endpointSchema, predictBodySchema, predictionSchema, rerunSchema } from "@/lib/schemas/endpoints";
import { listQuerySchema, pageSchema } from "@/lib/schemas/pagination";
import { createUserSchema, userSchema } from "@/lib/schemas/users";
import { connectionCheckSchema, createTargetSchema, targetSchema } from "@/lib/schemas/targets";

/**
 * The public REST API, described once: the OpenAPI document is generated from this list, and each
 * entry names the same zod schemas its route handler and server action parse with.
 */
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  role: Role;
  status: number;
  query?: z.ZodObject;
  pathParams?: Record<string, string>;
  body?: z.ZodType;
  response: z.ZodType | null;
}

export const apiOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/datasets",
    summary: "List the team's datasets, newest first",
    role: "viewer",
    status: 200,
    query: listQuerySchema,
    response: pageSchema(datasetSchema),
  },
  {
    method: "post",
    path: "/api/v1/datasets",
    summary: "Register a dataset",
    role: "editor",
    status: 201,
    body: createDatasetSchema,
    response: datasetSchema,
  },
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
  {
    method: "get",
    path: "/api/v1/api-tokens",
    summary: "List your API tokens (secrets are shown only at creation)",
    role: "viewer",
    status: 200,
    response: z.object({ items: z.array(apiTokenSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/api-tokens",
    summary: "Create an API token; the answer holds its secret, shown this once",
    role: "viewer",
    status: 201,
    body: createApiTokenSchema,
    response: z.object({ token: apiTokenSchema, secret: z.string() }),
  },
  {
    method: "get",
    path: "/api/v1/users",
    summary: "List the members of your team",
    role: "admin",
    status: 200,
    response: z.object({ items: z.array(userSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/users",
    summary: "Add a member with a role and a first password",
    role: "admin",
    status: 201,
    body: createUserSchema,
    response: userSchema,
  },
  {
    method: "get",
    path: "/api/v1/audit-events",
    summary: "The team's audit trail, newest first",
    role: "admin",
    status: 200,
    query: auditQuerySchema,
    response: pageSchema(auditEventSchema),
  },
  {
    method: "get",
    path: "/api/v1/endpoints",
    summary: "List endpoints with their live state (starting, ready, failed, stopped)",
    role: "viewer",
    status: 200,
    response: z.object({ items: z.array(endpointSchema) }),
  },
  {
    method: "post",
    path: "/api/v1/endpoints",
    summary: "Deploy a model version as an endpoint on a target",
    role: "editor",
    status: 201,
    body: createEndpointSchema,
    response: endpointSchema,
  },
  {
    method: "get",
    path: "/api/v1/endpoints/{name}",
    summary: "One endpoint and its live state",
    role: "viewer",
    status: 200,
    pathParams: { name: "Endpoint name" },
    response: endpointSchema,
  },
  {
    method: "delete",
    path: "/api/v1/endpoints/{name}",
    summary: "Stop serving and remove an endpoint",
    role: "editor",
    status: 204,
    pathParams: { name: "Endpoint name" },
    response: null,
  },
  {
    method: "post",
    path: "/api/v1/endpoints/{name}/predict",
    summary: "OCR one image: multipart field `image` (and optional `params` JSON), or JSON `{image: base64, params?}`",
    role: "viewer",
    status: 200,
    pathParams: { name: "Endpoint name" },
    body: predictBodySchema,
    response: predictionSchema,
  },
  {
    method: "get",
    path: "/api/v1/endpoints/{name}/predictions/{id}",
    summary: "One kept test of an endpoint and its result",
    role: "viewer",
    status: 200,
    pathParams: { name: "Endpoint name", id: "Test id" },
    response: predictionSchema.extend({ hasImage: z.boolean(), at: z.iso.datetime() }),
  },
  {
    method: "post",
    path: "/api/v1/endpoints/{name}/predictions/{id}/rerun",
    summary: "Send a kept test image to another endpoint, to compare answers",
    role: "viewer",
    status: 200,
    pathParams: { name: "Endpoint name", id: "Test id" },
    body: rerunSchema,
    response: predictionSchema,
  },
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
