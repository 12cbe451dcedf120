import { access } from "node:fs/promises";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { Dataset, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError } from "@/lib/errors/console-error";
import { getJob, latestJob, startJob, type JobContext } from "@/lib/jobs";
import { isActiveJob, type JobView } from "@/lib/schemas/jobs";
import { openDatasetCredentials } from "./dataset-credentials";
import { withDatasetLock } from "./dataset-lock";
import { datasetSourceDir } from "./dataset-paths";
import { isUploadedDataset, parseDatasetSource, sampleSetOnlyMessage } from "./dataset-source";
import { findDatasetOrThrow } from "./find-dataset";
import { buildManifest, writeManifest } from "./manifest";
import { materializeSource, publishMarker, type MaterializeOptions } from "./materialize-source";
import { recordDatasetVersion, settledStatus, type RecordedVersion } from "./record-dataset-version";
import { sourceS3Client } from "./remote/source-s3-client";
import { validateDatasetFiles } from "./validate-dataset-files";

export const VALIDATE_JOB_KIND = "dataset.validate";

/** Test seams: archive limits and the address policy for https:// sources. */
export type ValidationOptions = Pick<MaterializeOptions, "limits" | "addressPolicy">;

/**
 * Starts validating a dataset in the background and returns the job (or the one already running). The
 * job fetches the files, checks the labels, hashes every file into a manifest kept in the store, and
 * records the result as the next dataset version with its report.
 */
export async function startDatasetValidation(prisma: PrismaClient, actor: Actor, rawName: unknown, options: ValidationOptions = {}): Promise<JobView> {
  const dataset = await findDatasetOrThrow(prisma, actor, rawName);
  const source = parseDatasetSource(dataset.sourceUri);
  if (source.kind === "sample-set-only") throw new ConsoleError("unprocessable", sampleSetOnlyMessage(source.scheme));
  if (isUploadedDataset(dataset) && !(await hasUploadedFiles(dataset))) {
    throw new ConsoleError("conflict", `Dataset ${dataset.name} has no files yet: upload its .zip or .tar.gz archive first.`);
  }
  const running = await latestJob({ subjectType: "dataset", subjectId: dataset.id, kind: VALIDATE_JOB_KIND }, { prisma });
  if (running && isActiveJob(running)) return running;
  return launchValidation(prisma, actor, dataset, options);
}

/** Starts the job without the checks above (an upload that has just put the files in place). */
export async function launchValidation(prisma: PrismaClient, actor: Actor, dataset: Dataset, options: ValidationOptions = {}): Promise<JobView> {
  await prisma.dataset.update({ where: { id: dataset.id }, data: { status: "validating" } });
  await auditBy(prisma, actor, { action: "dataset.validate", objectType: "dataset", objectId: dataset.id, details: { name: dataset.name } });
  const { id } = await startJob(
    { teamId: dataset.teamId, kind: VALIDATE_JOB_KIND, subjectType: "dataset", subjectId: dataset.id, input: { name: dataset.name }, createdById: actor.userId },
    (context) => validateInBackground(prisma, dataset.id, actor.userId, context, options),
    { prisma },
  );
  return (await getJob(id, { prisma }))!;
}

async function validateInBackground(prisma: PrismaClient, datasetId: string, userId: string, context: JobContext, options: ValidationOptions): Promise<RecordedVersion> {
  const { signal, progress } = context;
  try {
    return await withDatasetLock(
      datasetId,
      async () => {
        const dataset = await prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
        await progress(0, "Fetching the files");
        const root = await materializeSource(
          { datasetId, sourceUri: dataset.sourceUri, credentials: openDatasetCredentials(dataset.credentialsCiphertext) },
          { ...options, prisma, signal, onProgress: (f, message) => void progress(0.3 * f, message) },
        );
        await progress(0.3, "Checking the label files");
        const report = await validateDatasetFiles(root, dataset, { signal, onProgress: (f, message) => void progress(0.3 + 0.4 * f, message) });
        await progress(0.7, "Hashing the files for the version's manifest");
        const manifest = await buildManifest(root, datasetId, {
          signal,
          onProgress: (done, total) => void progress(0.7 + 0.25 * (total ? done / total : 1), `Hashing the files for the version's manifest: ${Math.round((100 * done) / Math.max(1, total))}%`),
        });
        const manifestKey = await writeManifest(datasetId, manifest);
        await progress(0.97, "Recording the version");
        const recorded = await recordDatasetVersion(prisma, { datasetId, manifestKey, manifest, report, createdById: userId });
        await progress(
          1,
          recorded.unchanged
            ? `No file changed since version ${recorded.version}; its report stands`
            : `Version ${recorded.version}: ${recorded.valid ? "valid" : `${recorded.issues.toLocaleString("en")} issue(s) to fix`}`,
        );
        return recorded;
      },
      { signal, onWait: () => void progress(0, "Waiting for other work on this dataset to finish") },
    );
  } catch (error) {
    await prisma.dataset
      .update({ where: { id: datasetId }, data: { status: await settledStatus(prisma, datasetId) } })
      .catch(() => {});
    throw error;
  }
}

/** An uploaded dataset has files once its working copy exists here, or (after a data-dir loss) in the store. */
async function hasUploadedFiles(dataset: Dataset): Promise<boolean> {
  const here = await access(datasetSourceDir(dataset.id)).then(
    () => true,
    () => false,
  );
  if (here) return true;
  if (await access(publishMarker(dataset.id)).then(() => true, () => false)) return true;
  const source = parseDatasetSource(dataset.sourceUri);
  if (source.kind !== "object-store") return false;
  const page = await sourceS3Client(source.scheme, null)
    .client.send(new ListObjectsV2Command({ Bucket: source.bucket, Prefix: source.prefix, MaxKeys: 1 }))
    .catch(() => null);
  return Boolean(page?.KeyCount);
}
