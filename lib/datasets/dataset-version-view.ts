import type { DatasetVersion, PrismaClient } from "@/lib/generated/prisma/client";
import type { DatasetVersionDetail, DatasetVersionView } from "@/lib/schemas/datasets";

type Report = DatasetVersionDetail["report"];

export function toDatasetVersionView(version: DatasetVersion, emails: ReadonlyMap<string, string> = new Map()): DatasetVersionView {
  const report = version.report as Partial<Report>;
  const counted = Object.values(report.issueCounts ?? {}).reduce((sum, n) => sum + n, 0);
  return {
    id: version.id,
    version: version.version,
    valid: version.valid,
    fileCount: version.fileCount,
    totalBytes: version.totalBytes,
    imageCount: version.imageCount,
    labelCount: version.labelCount,
    issueCount: counted || (report.issues?.length ?? 0) + (report.issuesTruncated ?? 0),
    manifestKey: version.manifestKey,
    createdBy: version.createdById ? (emails.get(version.createdById) ?? null) : null,
    createdAt: version.createdAt.toISOString(),
  };
}

export function toDatasetVersionDetail(version: DatasetVersion, emails: ReadonlyMap<string, string> = new Map()): DatasetVersionDetail {
  return {
    ...toDatasetVersionView(version, emails),
    report: version.report as Report,
    stats: version.stats as DatasetVersionDetail["stats"],
  };
}

/** Who made each version: versions keep the user's id only, so their emails are looked up in one query. */
export async function emailsOf(prisma: PrismaClient, versions: Array<{ createdById: string | null }>): Promise<Map<string, string>> {
  const ids = [...new Set(versions.map((v) => v.createdById).filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}
