import { z } from "zod";
import { apiTokenSchema, createApiTokenSchema } from "@/lib/schemas/api-tokens";
import { auditEventSchema, auditQuerySchema } from "@/lib/schemas/audit";
import { pageSchema } from "@/lib/schemas/pagination";
import { createUserSchema, userSchema } from "@/lib/schemas/users";
import type { ApiOperation } from "./api-operation";

export const settingsOperations: ApiOperation[] = [
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
    path: "/api/v1/openapi.json",
    summary: "This API's description (OpenAPI 3.1), generated from the schemas the routes parse with; served to anyone",
    role: "viewer",
    public: true,
    status: 200,
    response: null,
  },
];
