import type { ModelVersionView } from "@/lib/schemas/models";

/** A version row as list queries select it (see list-versions.ts and get-version.ts). */
export interface VersionRow {
  id: string;
  modelName: string;
  version: string;
  format: string | null;
  storageUri: string;
  metrics: unknown;
  sizeBytes: number;
  fileCount: number;
  hasManifest: boolean;
  createdAt: Date;
  updatedAt: Date;
  pending: boolean;
  runId: string | null;
  runName: string | null;
  createdBy: string | null;
}

export function numericMetrics(metrics: unknown): Record<string, number> {
  if (!metrics || typeof metrics !== "object") return {};
  return Object.fromEntries(Object.entries(metrics).filter((entry): entry is [string, number] => typeof entry[1] === "number" && Number.isFinite(entry[1])));
}

export function toVersionView(row: VersionRow, aliases: string[], endpoints: string[]): ModelVersionView {
  return {
    id: row.id,
    modelName: row.modelName,
    version: row.version,
    status: row.pending ? "uploading" : "ready",
    format: row.format,
    storageUri: row.storageUri,
    metrics: numericMetrics(row.metrics),
    sizeBytes: Number(row.sizeBytes),
    fileCount: Number(row.fileCount),
    hasManifest: row.hasManifest,
    aliases,
    run: row.runId && row.runName ? { id: row.runId, name: row.runName } : null,
    createdBy: row.createdBy,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    endpoints,
  };
}

/** The columns every version query selects, aliased to VersionRow. */
export const VERSION_COLUMNS = `v."id", v."modelName", v."version", v."format", v."storageUri", v."metrics", v."sizeBytes", v."fileCount", v."hasManifest",
  v."createdAt", v."updatedAt", (v."manifest" ? 'pending') AS "pending", r."id" AS "runId",
  coalesce(r."name", v."manifest" -> 'run' ->> 'name') AS "runName",
  coalesce(v."manifest" -> 'createdBy' ->> 'label', u."email") AS "createdBy"`;

export const VERSION_JOINS = `FROM "ModelVersion" v
  LEFT JOIN "TrainingRun" r ON r."id" = v."runId"
  LEFT JOIN "User" u ON u."id" = v."createdById"`;
