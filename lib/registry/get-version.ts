import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { BUILTIN_STORAGE_URI } from "@/lib/endpoints/builtin-model";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { modelNameSchema, versionManifestSchema, versionNameSchema, type VersionDetail } from "@/lib/schemas/models";
import { toAliasView } from "./alias-view";
import { filesStoreFor } from "./artifact-store";
import { isTarballName, registryStore, type RegistryStore } from "./registry-store";
import { readVersionConfig, versionFiles } from "./version-files";
import { VERSION_COLUMNS, VERSION_JOINS, toVersionView, type VersionRow } from "./version-view";

/** The version row of a model, or a not-found error that names it. */
export async function findVersionOrThrow(prisma: PrismaClient, actor: Actor, rawModelName: string, rawVersion: string) {
  const modelName = parseInput(modelNameSchema, rawModelName);
  const version = parseInput(versionNameSchema, rawVersion);
  const row = await prisma.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version } } });
  if (!row) throw new ConsoleError("not_found", `No version ${version} of ${modelName}.`);
  return row;
}

/**
 * Everything the version page shows: files with size and sha256 (and a tarball's entries when
 * known), metrics, parameters, lineage (run → dataset version → source), the training config,
 * notes, aliases with who set them and when, and the endpoints serving it.
 */
export async function getVersion(
  prisma: PrismaClient,
  actor: Actor,
  rawModelName: string,
  rawVersion: string,
  store: RegistryStore = registryStore(),
  options: { withConfig?: boolean } = {},
): Promise<VersionDetail> {
  const row = await findVersionOrThrow(prisma, actor, rawModelName, rawVersion);
  // Files left in a training target's storage are read with its client; none → listed, not readable.
  const filesStore = await filesStoreFor(prisma, store, row).catch(() => null);
  const [[viewRow], aliases, deployments, run, dataset, datasetVersion, files] = await Promise.all([
    prisma.$queryRawUnsafe<VersionRow[]>(`SELECT ${VERSION_COLUMNS} ${VERSION_JOINS} WHERE v."id" = $1`, row.id),
    prisma.modelAlias.findMany({ where: { teamId: actor.teamId, modelName: row.modelName, version: row.version }, orderBy: { alias: "asc" } }),
    prisma.deployment.findMany({ where: { modelVersionId: row.id, retiredAt: null }, include: { endpoint: { select: { name: true } } } }),
    row.runId ? prisma.trainingRun.findUnique({ where: { id: row.runId }, select: { id: true, name: true } }) : null,
    row.datasetId ? prisma.dataset.findUnique({ where: { id: row.datasetId }, select: { id: true, name: true, sourceUri: true } }) : null,
    row.datasetVersionId ? prisma.datasetVersion.findUnique({ where: { id: row.datasetVersionId }, select: { id: true, version: true } }) : null,
    versionFiles(filesStore ?? store, row),
  ]);
  const manifest = row.hasManifest ? versionManifestSchema.parse(row.manifest) : null;
  const config = options.withConfig === false || !filesStore ? null : await readVersionConfig(filesStore, row, files).catch(() => null);
  const downloadable = row.storageUri === BUILTIN_STORAGE_URI || (filesStore !== null && /^(s3|minio):\/\//.test(row.storageUri));
  const endpoints = [...new Set(deployments.map((d) => d.endpoint.name))];
  const fromManifest = manifest?.dataset ?? null;
  return {
    ...toVersionView(viewRow!, aliases.map((a) => a.alias), endpoints),
    notes: row.notes,
    files: files.map((file) => ({
      path: file.path,
      size: file.size,
      sha256: file.sha256 ?? null,
      tarball: isTarballName(file.path),
      contents: file.contents ?? null,
      contentsTruncated: file.contentsTruncated ?? false,
      downloadable,
    })),
    parameters: manifest?.parameters ?? {},
    aliasDetails: aliases.map(toAliasView),
    lineage: {
      run: run ?? (manifest?.run?.name ? { id: manifest.run.id, name: manifest.run.name } : null),
      dataset: dataset ?? (fromManifest ? { id: fromManifest.id, name: fromManifest.name, sourceUri: fromManifest.sourceUri } : null),
      datasetVersion: datasetVersion ?? (fromManifest?.versionId ? { id: fromManifest.versionId, version: fromManifest.version } : null),
    },
    config,
    deployments: deployments.map((d) => ({ endpoint: d.endpoint.name, role: d.role, trafficPercent: d.trafficPercent })),
  };
}
