import type { ApiOperation } from "./api-operation";

export const runOperations: ApiOperation[] = [];
