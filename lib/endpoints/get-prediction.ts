import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PredictionView } from "@/lib/schemas/endpoints";
import { findEndpoint } from "./list-endpoints";

/** One kept test of an endpoint: its result as it was answered. */
export async function getPrediction(prisma: PrismaClient, actor: Actor, endpointName: string, id: string): Promise<PredictionView & { hasImage: boolean; at: string }> {
  const endpoint = await findEndpoint(prisma, actor, endpointName);
  const row = await prisma.prediction.findFirst({ where: { id, endpointId: endpoint.id } });
  if (!row) throw new ConsoleError("not_found", `No test ${id} on endpoint "${endpointName}".`);
  const result = row.result as Pick<PredictionView, "lines" | "timings" | "width" | "height">;
  return { id: row.id, ...result, latencyMs: row.latencyMs, hasImage: Boolean(row.imageKey), at: row.createdAt.toISOString() };
}
