import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Manifest } from "./manifest";
import type { ValidationReport } from "./validation/types";

export interface RecordedVersion {
  version: number;
  valid: boolean;
  issues: number;
  /** The files were exactly those of the newest version, which stands; no new version was made. */
  unchanged: boolean;
}

/**
 * Stores a validated state as the next immutable version (manifest summary, report, stats, valid) and
 * sets the dataset's status from it. Files identical to the newest version's (same manifest) add no
 * version: that version already describes them.
 */
export async function recordDatasetVersion(
  prisma: PrismaClient,
  input: { datasetId: string; manifestKey: string; manifest: Manifest; report: ValidationReport; createdById: string | null },
): Promise<RecordedVersion> {
  const { stats, ...report } = input.report;
  const issues = Object.values(report.issueCounts).reduce((sum, n) => sum + (n ?? 0), 0);
  return prisma.$transaction(async (tx) => {
    const newest = await tx.datasetVersion.findFirst({ where: { datasetId: input.datasetId }, orderBy: { version: "desc" } });
    if (newest && newest.manifestKey === input.manifestKey) {
      await tx.dataset.update({ where: { id: input.datasetId }, data: { status: newest.valid ? "valid" : "invalid" } });
      return { version: newest.version, valid: newest.valid, issues, unchanged: true };
    }
    const created = await tx.datasetVersion.create({
      data: {
        datasetId: input.datasetId,
        version: (newest?.version ?? 0) + 1,
        manifestKey: input.manifestKey,
        fileCount: input.manifest.files.length,
        totalBytes: input.manifest.files.reduce((sum, f) => sum + f.size, 0),
        imageCount: report.images.found,
        labelCount: report.labelFiles.reduce((sum, f) => sum + f.samples, 0),
        report: report as unknown as Prisma.InputJsonValue,
        stats: stats as unknown as Prisma.InputJsonValue,
        valid: report.ok,
        createdById: input.createdById,
      },
    });
    await tx.dataset.update({ where: { id: input.datasetId }, data: { status: report.ok ? "valid" : "invalid" } });
    return { version: created.version, valid: created.valid, issues, unchanged: false };
  });
}

/** The status a dataset falls back to when a validation did not finish: that of its newest version. */
export async function settledStatus(prisma: PrismaClient, datasetId: string): Promise<"registered" | "valid" | "invalid"> {
  const newest = await prisma.datasetVersion.findFirst({ where: { datasetId }, orderBy: { version: "desc" }, select: { valid: true } });
  return newest ? (newest.valid ? "valid" : "invalid") : "registered";
}
