import { createDatasetSchema, datasetSchema } from "@/lib/schemas/datasets";
import { listQuerySchema, pageSchema } from "@/lib/schemas/pagination";
import type { ApiOperation } from "./api-operation";

export const datasetOperations: ApiOperation[] = [
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
];
