import { z } from "zod";
import { apiOperations, type ApiOperation } from "./operations";
import { errorBodySchema } from "./error-body";

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" });
}

function operationObject(operation: ApiOperation) {
  const errorResponse = (description: string) => ({
    description,
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  });
  const queryProperties = operation.query ? Object.entries(jsonSchema(operation.query, "input").properties ?? {}) : [];
  return {
    summary: operation.summary,
    operationId: `${operation.method}${operation.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    "x-required-role": operation.role,
    parameters: [
      ...Object.entries(operation.pathParams ?? {}).map(([name, description]) => ({
        name,
        in: "path",
        required: true,
        description,
        schema: { type: "string" },
      })),
      ...queryProperties.map(([name, schema]) => ({ name, in: "query", required: false, schema })),
    ],
    ...(operation.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } }
      : {}),
    responses: {
      [operation.status]: operation.response
        ? { description: "Success", content: { "application/json": { schema: jsonSchema(operation.response, "output") } } }
        : { description: "Success, no content" },
      400: errorResponse("Invalid input; `fieldErrors` names each field's problem"),
      401: errorResponse("Missing or invalid API token"),
      403: errorResponse("The caller's role does not allow this"),
      ...(operation.method !== "get" ? { 409: errorResponse("Conflicts with existing state") } : {}),
    },
  };
}

export function openApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "ocr-console API",
      version: "1",
      description:
        "Automation API for ocr-console. Authenticate with `Authorization: Bearer <token>`; create tokens in Settings → API tokens.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
      schemas: { Error: jsonSchema(errorBodySchema, "output") },
    },
    paths,
  };
}
