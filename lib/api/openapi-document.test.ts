import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi-document";
import { apiOperations } from "./operations";

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");

  it("has an operation for every API operation, with its role and success status", () => {
    for (const operation of apiOperations) {
      const described = doc.paths[operation.path]?.[operation.method] as Record<string, unknown> & { responses: Record<string, unknown> };
      expect(described, `${operation.method} ${operation.path}`).toBeDefined();
      expect(described["x-required-role"]).toBe(operation.role);
      expect(described.responses[operation.status]).toBeDefined();
    }
  });

  it("gives operation ids that are unique", () => {
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => (op as { operationId: string }).operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes target creation as a choice between kinds, with write-only secrets in the request only", () => {
    const request = (doc.paths["/api/v1/targets"]!.post as { requestBody: { content: Record<string, { schema: { oneOf?: unknown[]; anyOf?: unknown[] } }> } })
      .requestBody.content["application/json"]!.schema;
    const variants = (request.oneOf ?? request.anyOf) as Array<{ properties: Record<string, unknown> }>;
    expect(variants).toHaveLength(2);
    for (const variant of variants) expect(Object.keys(variant.properties)).toContain("secrets");
    const response = JSON.stringify((doc.paths["/api/v1/targets"]!.get as { responses: Record<string, unknown> }).responses[200]);
    expect(response).toContain("secretsSet");
    expect(response).not.toContain("secretAccessKey");
  });
});
