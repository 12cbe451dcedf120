import { stat } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { findDatasetOrThrow } from "@/lib/datasets/find-dataset";
import { validateDataset } from "@/lib/datasets/validation/validate-dataset";
import { ConsoleError } from "@/lib/errors/console-error";
import { datasetRootResolver, type PreviewDependencies } from "./dataset-root";
import { labelStatsSchema, type DatasetStatsView, type LabelStatsView } from "./preview-schemas";

/** Stats computed on demand, per dataset, kept while its label files are unchanged. */
const computed = new Map<string, { key: string; stats: LabelStatsView }>();
const MAX_CACHED = 32;

/**
 * The dataset's distributions (boxes per image, text lengths, characters, image sizes): those stored
 * with its newest version when it has been validated, else read from its files now (and remembered
 * until the label files change).
 */
export async function getDatasetStats(
  prisma: PrismaClient,
  actor: Actor,
  name: string,
  dependencies: PreviewDependencies & { signal?: AbortSignal } = {},
): Promise<DatasetStatsView> {
  const dataset = await findDatasetOrThrow(prisma, actor, name);
  const version = await prisma.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: { version: "desc" }, select: { version: true, stats: true } });
  const stored = version ? labelStatsSchema.safeParse(version.stats) : null;
  if (version && stored?.success) return { source: "version", version: version.version, task: dataset.task, stats: stored.data };

  const root = await datasetRootResolver(prisma, dependencies)(dataset.id);
  const files = await Promise.all(
    [dataset.trainLabelFile, dataset.testLabelFile].map(async (file) => ({ file, stat: await stat(path.resolve(root, file)).catch(() => null) })),
  );
  const present = files.filter((f) => f.stat?.isFile());
  if (present.length === 0) throw new ConsoleError("not_found", `Neither label file (${dataset.trainLabelFile}, ${dataset.testLabelFile}) is in the dataset.`);
  const key = `${dataset.task}|${present.map((f) => `${f.file}:${f.stat!.size}:${f.stat!.mtimeMs}`).join("|")}`;
  const cached = computed.get(dataset.id);
  if (cached?.key === key) return { source: "computed", version: null, task: dataset.task, stats: cached.stats };

  // Validation's reader gives the same numbers a validated version would store; its issues are not wanted here.
  const report = await validateDataset({ task: dataset.task, root, labelFiles: present.map((f) => f.file), maxIssues: 0, signal: dependencies.signal });
  computed.delete(dataset.id);
  computed.set(dataset.id, { key, stats: report.stats });
  if (computed.size > MAX_CACHED) computed.delete(computed.keys().next().value!);
  return { source: "computed", version: null, task: dataset.task, stats: report.stats };
}
