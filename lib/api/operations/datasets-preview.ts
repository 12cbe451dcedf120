import { datasetStatsViewSchema, sampleImageQuerySchema, samplePageSchema, sampleQuerySchema } from "@/lib/datasets/preview/preview-schemas";
import { synthesisCapabilitiesSchema, synthesisStartedSchema, synthesizeDatasetSchema } from "@/lib/schemas/synthesize";
import type { ApiOperation } from "./api-operation";

/** Looking inside a dataset (samples, images, statistics) and generating synthetic ones. */
export const datasetPreviewOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/datasets/{name}/samples",
    summary: "A page of a dataset's samples from its train or test label file (image path and size, det boxes, text); `q` finds text",
    role: "viewer",
    status: 200,
    pathParams: { name: "Dataset name" },
    query: sampleQuerySchema,
    response: samplePageSchema,
  },
  {
    method: "get",
    path: "/api/v1/datasets/{name}/samples/image",
    summary: "One image of the dataset by its label-file path, full size or `size=thumb`; paths leaving the dataset are refused",
    role: "viewer",
    status: 200,
    pathParams: { name: "Dataset name" },
    query: sampleImageQuerySchema,
    response: null,
  },
  {
    method: "get",
    path: "/api/v1/datasets/{name}/samples/stats",
    summary: "Boxes per image, text lengths, character frequency and image sizes: from the newest validated version, else computed from the files",
    role: "viewer",
    status: 200,
    pathParams: { name: "Dataset name" },
    response: datasetStatsViewSchema,
  },
  {
    method: "get",
    path: "/api/v1/datasets:synthesize",
    summary: "What the synthetic generator can use here: installed fonts, whether CJK text can be drawn, default settings",
    role: "viewer",
    status: 200,
    response: synthesisCapabilitiesSchema,
  },
  {
    method: "post",
    path: "/api/v1/datasets:synthesize",
    summary: "Generate a synthetic rec or det dataset in the background and register it; follow GET /api/v1/jobs/{jobId}, cancel with POST /api/v1/jobs/{jobId}:cancel",
    role: "editor",
    status: 202,
    body: synthesizeDatasetSchema,
    response: synthesisStartedSchema,
  },
];
