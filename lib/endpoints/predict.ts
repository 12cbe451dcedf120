import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { ocrOverridesSchema } from "@/lib/ocr/params";
import type { PredictionView } from "@/lib/schemas/endpoints";
import { endpointBackendFor } from "./endpoint-backend";
import { keepTestImage } from "./keep-test-image";
import { findEndpoint } from "./list-endpoints";

/**
 * Runs OCR on one image at an endpoint of any kind, and keeps the result, its latency and the image
 * so the endpoint's test history can show them.
 */
export async function predict(
  prisma: PrismaClient,
  actor: Actor,
  name: string,
  image: Uint8Array,
  rawParams?: unknown,
): Promise<PredictionView> {
  const params = rawParams === undefined ? undefined : parseInput(ocrOverridesSchema, rawParams);
  const endpoint = await findEndpoint(prisma, actor, name);
  const started = performance.now();
  const result = await endpointBackendFor(endpoint.target).invoke(endpoint.id, image, params);
  const latencyMs = Math.round(performance.now() - started);
  const prediction = await prisma.prediction.create({
    data: {
      endpointId: endpoint.id,
      createdById: actor.userId,
      latencyMs,
      imageBytes: image.byteLength,
      result: { lines: result.lines, timings: result.timings, width: result.width, height: result.height } as never,
    },
  });
  // The history keeps the image too; losing it must not lose the answer the caller is waiting for.
  try {
    const kept = await keepTestImage(endpoint.id, prediction.id, image);
    await prisma.prediction.update({ where: { id: prediction.id }, data: kept });
  } catch (error) {
    console.error(`[ocr-console] test image of ${endpoint.name} not kept: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { id: prediction.id, lines: result.lines, timings: result.timings, width: result.width, height: result.height, latencyMs };
}
