import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { getConsoleObject } from "@/lib/storage/console-objects";
import { findEndpoint } from "./list-endpoints";

/** A tested image (or its thumbnail) from the endpoint's history, streamed from the object store. */
export async function getTestImage(prisma: PrismaClient, actor: Actor, endpointName: string, predictionId: string, size: "full" | "thumb") {
  const endpoint = await findEndpoint(prisma, actor, endpointName);
  const prediction = await prisma.prediction.findFirst({ where: { id: predictionId, endpointId: endpoint.id } });
  const key = size === "thumb" ? prediction?.thumbKey : prediction?.imageKey;
  if (!prediction || !key) throw new ConsoleError("not_found", "No image kept for this test.");
  return getConsoleObject(key);
}
