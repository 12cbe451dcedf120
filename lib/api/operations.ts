import { curveOperations } from "./operations/curves";
import { datasetOperations } from "./operations/datasets";
import { datasetPreviewOperations } from "./operations/datasets-preview";
import { endpointOperations } from "./operations/endpoints";
import { modelOperations } from "./operations/models";
import { runOperations } from "./operations/runs";
import { settingsOperations } from "./operations/settings";
import { targetOperations } from "./operations/targets";

export type { ApiOperation } from "./operations/api-operation";

/** The public REST API, one file per domain under `operations/`; the OpenAPI document is built from it. */
export const apiOperations = [
  ...datasetOperations,
  ...datasetPreviewOperations,
  ...runOperations,
  ...curveOperations,
  ...modelOperations,
  ...endpointOperations,
  ...targetOperations,
  ...settingsOperations,
];
