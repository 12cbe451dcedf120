import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { readConfig } from "@/lib/config/env";
import { CONSOLE_PREFIX } from "@/lib/storage/console-objects";
import { listObjects } from "@/lib/storage/list-objects";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { inferFormat } from "./infer-format";

export interface RescanReport {
  bucket: string;
  models: number;
  versions: number;
  added: number;
  updated: number;
}

/**
 * Walks the registry bucket's `<model_name>/<version>/` layout (PaddleCloud's model hub layout) and
 * mirrors every version into the database, so versions written by pipelines and other tools appear
 * and can be searched and sorted. `model.json`, when present, supplies format and metrics.
 */
export async function rescanBucket(
  prisma: PrismaClient,
  actor: Actor,
  { client = objectStoreClient(), bucket = readConfig().s3.bucket, pageSize = 1000 }: { client?: S3Client; bucket?: string; pageSize?: number } = {},
): Promise<RescanReport> {
  // One flat listing grouped here, rather than delimiter listings per level: it is one request per
  // 1,000 keys whatever the depth, and the embedded store's delimiter listing misses nested folders.
  const versions = new Map<string, { modelName: string; version: string; files: string[] }>();
  for await (const page of listObjects(client, bucket, "", { pageSize })) {
    for (const { key } of page.objects) {
      const [modelName, version, ...rest] = key.split("/");
      if (!modelName || !version || rest.length === 0 || isReserved(modelName, version)) continue;
      const id = `${modelName}/${version}`;
      const entry = versions.get(id) ?? { modelName, version, files: [] };
      entry.files.push(rest.join("/"));
      versions.set(id, entry);
    }
  }

  const report: RescanReport = { bucket, models: new Set([...versions.values()].map((v) => v.modelName)).size, versions: versions.size, added: 0, updated: 0 };
  for (const { modelName, version, files } of versions.values()) {
    const prefix = `${modelName}/${version}/`;
    const manifest = files.includes("model.json") ? await readManifest(client, bucket, `${prefix}model.json`) : null;
    const data = {
      storageUri: `s3://${bucket}/${prefix}`,
      format: (typeof manifest?.format === "string" && manifest.format) || inferFormat(modelName, files),
      metrics: (manifest?.metrics && typeof manifest.metrics === "object" ? manifest.metrics : {}) as Record<string, number>,
    };
    const existing = await prisma.modelVersion.findUnique({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version } } });
    if (existing) {
      await prisma.modelVersion.update({ where: { id: existing.id }, data });
      report.updated += 1;
    } else {
      await prisma.modelVersion.create({ data: { ...data, teamId: actor.teamId, modelName, version, createdById: actor.userId } });
      report.added += 1;
    }
  }
  await auditBy(prisma, actor, { action: "registry.rescan", objectType: "bucket", objectId: bucket, details: { ...report } });
  return report;
}

/** The console's own objects (`_console/`) and alias files (`<model>/_aliases/`) are not versions. */
function isReserved(modelName: string, version: string): boolean {
  return modelName.startsWith("_") || version.startsWith("_") || `${modelName}/` === CONSOLE_PREFIX;
}

/** A version's `model.json`; an unreadable one is treated as absent rather than failing the scan. */
async function readManifest(client: S3Client, bucket: string, key: string): Promise<Record<string, unknown> | null> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const parsed: unknown = JSON.parse((await object.Body?.transformToString()) ?? "");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
