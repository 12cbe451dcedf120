import { compareCurvesQuerySchema, compareCurvesSchema, curveImageQuerySchema, curvesQuerySchema, curvesSchema, curveTagQuerySchema } from "@/lib/schemas/curves";
import type { ApiOperation } from "./api-operation";

const run = { id: "The run's id" };

export const curveOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/runs/{id}/curves",
    summary: "The run's VisualDL records: scalars (reduced for drawing, smoothed), images, texts, histograms",
    role: "viewer",
    status: 200,
    pathParams: run,
    query: curvesQuerySchema,
    response: curvesSchema,
  },
  {
    method: "get",
    path: "/api/v1/runs/{id}/curves/csv",
    summary: "One scalar tag's full series as CSV (wall_time, step, value)",
    role: "viewer",
    status: 200,
    pathParams: run,
    query: curveTagQuerySchema,
    response: null,
  },
  {
    method: "get",
    path: "/api/v1/runs/{id}/curves/image",
    summary: "An image the run logged at a step",
    role: "viewer",
    status: 200,
    pathParams: run,
    query: curveImageQuerySchema,
    response: null,
  },
  {
    method: "get",
    path: "/api/v1/curves",
    summary: "Several runs' scalar curves, for overlaid charts (runs=a,b,c)",
    role: "viewer",
    status: 200,
    query: compareCurvesQuerySchema,
    response: compareCurvesSchema,
  },
  {
    method: "get",
    path: "/api/v1/runs/{id}/visualdl/{path}",
    summary: "The run's own VisualDL UI through the console's authenticated proxy",
    role: "viewer",
    status: 200,
    pathParams: { ...run, path: "Path inside VisualDL" },
    response: null,
  },
  {
    method: "post",
    path: "/api/v1/runs/{id}/visualdl/{path}",
    summary: "VisualDL's own API calls that use POST, proxied like the UI",
    role: "viewer",
    status: 200,
    pathParams: { id: "Run id or name", path: "Path inside VisualDL" },
    response: null,
  },
];
