import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { findEndpoint } from "./list-endpoints";

export interface PredictionSummary {
  id: string;
  at: string;
  by: string | null;
  latencyMs: number;
  imageBytes: number;
  lineCount: number;
  preview: string;
  hasImage: boolean;
}

/** The endpoint's recent tests, newest first. */
export async function listPredictions(prisma: PrismaClient, actor: Actor, endpointName: string, limit = 20): Promise<PredictionSummary[]> {
  const endpoint = await findEndpoint(prisma, actor, endpointName);
  const rows = await prisma.prediction.findMany({ where: { endpointId: endpoint.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  const users = await prisma.user.findMany({ where: { id: { in: rows.map((r) => r.createdById).filter((id): id is string => Boolean(id)) } } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((row) => {
    const lines = ((row.result as { lines?: Array<{ text: string }> } | null)?.lines ?? []);
    return {
      id: row.id,
      at: row.createdAt.toISOString(),
      by: row.createdById ? (email.get(row.createdById) ?? null) : null,
      latencyMs: row.latencyMs,
      imageBytes: row.imageBytes,
      lineCount: lines.length,
      preview: lines.slice(0, 3).map((l) => l.text).join(" · "),
      hasImage: Boolean(row.thumbKey),
    };
  });
}
