import type { ApiOperation } from "./operations/api-operation";
import { apiOperations } from "./operations";

/** `"POST /api/v1/runs/{id}:stop"`: an operation's method and path, as routes name it. */
export type OperationKey = `${"GET" | "POST" | "PUT" | "PATCH" | "DELETE"} /api/${string}`;

export function operationKey(operation: Pick<ApiOperation, "method" | "path">): OperationKey {
  return `${operation.method.toUpperCase()} ${operation.path}` as OperationKey;
}

const byKey = new Map(apiOperations.map((operation) => [operationKey(operation), operation]));

/** The operation a route serves; a route naming none fails when its module loads, not at a request. */
export function findOperation(key: OperationKey): ApiOperation {
  const operation = byKey.get(key);
  if (!operation) throw new Error(`No API operation ${key} in lib/api/operations: describe it there first.`);
  return operation;
}
