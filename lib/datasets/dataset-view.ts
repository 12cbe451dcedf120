import type { Dataset } from "@/lib/generated/prisma/client";
import type { DatasetView } from "@/lib/schemas/datasets";

export function toDatasetView(dataset: Dataset & { createdBy?: { email: string } | null }): DatasetView {
  return {
    id: dataset.id,
    name: dataset.name,
    task: dataset.task,
    sourceUri: dataset.sourceUri,
    trainLabelFile: dataset.trainLabelFile,
    testLabelFile: dataset.testLabelFile,
    createdBy: dataset.createdBy?.email ?? null,
    createdAt: dataset.createdAt.toISOString(),
  };
}
