import type { Dataset } from "@/lib/generated/prisma/client";
import { DATASET_STATUSES, type DatasetStatus, type DatasetView } from "@/lib/schemas/datasets";
import { isUploadedDataset } from "./dataset-source";

/** The browser-safe form of a dataset: whether credentials are stored, never what they are. */
export function toDatasetView(dataset: Dataset & { createdBy?: { email: string } | null }): DatasetView {
  return {
    id: dataset.id,
    name: dataset.name,
    task: dataset.task,
    sourceKind: isUploadedDataset(dataset) ? "upload" : "uri",
    sourceUri: dataset.sourceUri,
    trainLabelFile: dataset.trainLabelFile,
    testLabelFile: dataset.testLabelFile,
    dictionaryFile: dataset.dictionaryFile,
    useSpaceChar: dataset.useSpaceChar,
    hasCredentials: dataset.credentialsCiphertext !== null,
    description: dataset.description,
    status: (DATASET_STATUSES as readonly string[]).includes(dataset.status) ? (dataset.status as DatasetStatus) : "registered",
    createdBy: dataset.createdBy?.email ?? null,
    createdAt: dataset.createdAt.toISOString(),
  };
}
