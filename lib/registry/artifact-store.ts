import type { S3Client } from "@aws-sdk/client-s3";
import type { ModelVersion, PrismaClient, Target } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import type { RegistryStore } from "./registry-store";

// Most versions' files are in the registry's object store. A SageMaker run's model artifact is not:
// it stays in the AWS account's own S3 (ModelArtifacts.S3ModelArtifacts), which the console's store
// client cannot read. Such a version says so in its model.json (`artifactStore`, kept in the
// mirror's manifest column too), and its files are read with the client of the training target
// that produced it: version → its run → the run's target → the target's training backend.

export interface ArtifactStore {
  kind: "training-target";
  /** The run whose target can read the files; the target is kept too in case the run is deleted. */
  runId: string;
  targetId: string;
  /** The target's name, for messages. */
  target: string;
}

/** The `artifactStore` a version's manifest names, or null when its files are in the registry's store. */
export function artifactStoreOf(manifest: unknown): ArtifactStore | null {
  const found = (manifest as { artifactStore?: Partial<ArtifactStore> } | null)?.artifactStore;
  if (!found || found.kind !== "training-target" || typeof found.runId !== "string" || typeof found.targetId !== "string") return null;
  return { kind: "training-target", runId: found.runId, targetId: found.targetId, target: typeof found.target === "string" ? found.target : found.targetId };
}

/**
 * For a registration whose source is read with another client than the registry's: the run whose
 * target reads it back later. Without one the files could be recorded but never read again.
 */
export async function trainingTargetStore(prisma: PrismaClient, teamId: string, runId: string | null, uri: string): Promise<ArtifactStore> {
  const run = runId ? await prisma.trainingRun.findFirst({ where: { id: runId, teamId }, select: { id: true, target: { select: { id: true, name: true } } } }) : null;
  if (!run) {
    throw new ConsoleError("bad_request", `${uri} is outside the registry's object store; register it with the run (runId) whose target can read it.`, {
      runId: ["Name the run that produced the model"],
    });
  }
  return { kind: "training-target", runId: run.id, targetId: run.target.id, target: run.target.name };
}

/**
 * Where to read a version's files: the registry's store, or for a version whose files are in a
 * training target's storage, that target's own client (its account, region, endpoint and keys).
 */
export async function filesStoreFor(
  prisma: PrismaClient,
  store: RegistryStore,
  row: Pick<ModelVersion, "teamId" | "modelName" | "version" | "runId" | "manifest" | "storageUri">,
): Promise<RegistryStore> {
  const marker = artifactStoreOf(row.manifest);
  if (!marker) return store;
  const what = `${row.modelName}:${row.version} is stored at ${row.storageUri}, in the storage of target ${marker.target}`;
  const runId = row.runId ?? marker.runId;
  const run = await prisma.trainingRun.findFirst({ where: { id: runId, teamId: row.teamId }, include: { target: true } });
  const target: Target | null = run?.target ?? (await prisma.target.findFirst({ where: { id: marker.targetId, teamId: row.teamId } }));
  if (!target) throw new ConsoleError("unavailable", `${what}, which was deleted: its files cannot be read any more.`);
  const client = await targetArtifactClient(target).catch((error: Error) => {
    throw new ConsoleError("unavailable", `${what}, whose settings cannot be used: ${error.message}`);
  });
  if (!client) throw new ConsoleError("unavailable", `${what}, which (a ${target.kind} target) cannot read stored model files.`);
  return { client, bucket: store.bucket };
}

/**
 * The client that reads a target's own outputs (`TrainingBackend.artifactClient`), or undefined
 * when its outputs are in the registry's object store (Kubernetes' model hub, local runs).
 */
export async function targetArtifactClient(target: Target): Promise<S3Client | undefined> {
  // Imported when needed: the providers import the registry (they register their runs' models).
  const [{ providerFor }, { resolveTarget }] = await Promise.all([import("@/lib/providers"), import("@/lib/targets/resolve-target")]);
  return providerFor(resolveTarget(target)).training?.artifactClient?.();
}
