import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { ManifestFile, VersionManifest } from "@/lib/schemas/models";
import type { ArtifactStore } from "./artifact-store";
import { inferFormat } from "./infer-format";
import { s3Uri, versionPrefix, type RegistryStore } from "./registry-store";
import type { Lineage } from "./resolve-lineage";
import { writeVersionManifest } from "./version-manifest";
import { versionRowFromManifest } from "./version-row";

export interface CompletedFiles {
  files: ManifestFile[];
  /** The OCR runtime's manifest fields when the files came with one (see serving-manifest.ts). */
  serving: Record<string, unknown> | null;
  /** Set when the files stay where they already were (an existing object or prefix). */
  storageUri: string | null;
  /** Set when the files are in a training target's own storage, read with its client (see artifact-store.ts). */
  artifactStore?: ArtifactStore | null;
}

/**
 * The last step of every registration, once the files are in place: `model.json` written beside
 * them, the reserved mirror row filled in (which ends its "uploading" state), and the audit event.
 */
export async function completeRegistration(
  prisma: PrismaClient,
  store: RegistryStore,
  reserved: { id: string; teamId: string; modelName: string; version: string },
  collected: CompletedFiles,
  details: {
    format?: string | null;
    metrics?: Record<string, number>;
    parameters?: Record<string, unknown>;
    notes?: string | null;
    lineage: Lineage | null;
    actor: { id: string | null; label: string };
    action: string;
    auditDetails?: Record<string, unknown>;
  },
) {
  const { modelName, version } = reserved;
  const prefix = versionPrefix(modelName, version);
  const manifest: VersionManifest = {
    manifestVersion: 1,
    name: modelName,
    version,
    format: details.format || inferFormat(modelName, collected.files.map((f) => f.path)),
    storageUri: collected.storageUri,
    files: collected.files,
    metrics: details.metrics ?? {},
    parameters: details.parameters ?? {},
    run: details.lineage?.run ?? null,
    dataset: details.lineage?.dataset ?? null,
    createdBy: { id: details.actor.id, label: details.actor.label },
    createdAt: new Date().toISOString(),
    notes: details.notes ?? null,
    serving: collected.serving,
    ...(collected.artifactStore ? { artifactStore: collected.artifactStore } : {}),
  };
  const etag = await writeVersionManifest(store, modelName, version, manifest);
  await prisma.modelVersion.update({
    where: { id: reserved.id },
    data: {
      ...versionRowFromManifest(manifest, s3Uri(store.bucket, prefix), etag),
      runId: details.lineage?.runId ?? null,
      datasetId: details.lineage?.datasetId ?? null,
      datasetVersionId: details.lineage?.datasetVersionId ?? null,
      lastSeenAt: new Date(),
    },
  });
  await recordAuditEvent(prisma, {
    actorId: details.actor.id,
    actorLabel: details.actor.label,
    teamId: reserved.teamId,
    action: details.action,
    objectType: "model_version",
    objectId: reserved.id,
    details: { model: modelName, version, files: manifest.files.length, ...(details.auditDetails ?? {}) } as never,
  });
  return { modelName, version, storageUri: manifest.storageUri ?? s3Uri(store.bucket, prefix), manifest };
}

export type RegisteredVersionWithManifest = Awaited<ReturnType<typeof completeRegistration>>;
