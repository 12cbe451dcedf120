import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/errors/validation";
import { rerunSchema, type PredictionView } from "@/lib/schemas/endpoints";
import { getTestImage } from "./get-test-image";
import { predict } from "./predict";

/** Sends a kept test image to another endpoint (or the same one), to compare their answers. */
export async function rerunPrediction(
  prisma: PrismaClient,
  actor: Actor,
  endpointName: string,
  predictionId: string,
  rawInput: unknown,
): Promise<PredictionView> {
  const { endpoint: other } = parseInput(rerunSchema, rawInput);
  const image = await getTestImage(prisma, actor, endpointName, predictionId, "full");
  const bytes = new Uint8Array(await new Response(image.body).arrayBuffer());
  return predict(prisma, actor, other, bytes);
}
