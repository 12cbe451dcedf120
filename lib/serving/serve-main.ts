// The local OCR serving process: one engine, one HTTP server on loopback. Started by the local
// provider's supervisor as `node --import tsx lib/serving/serve-main.ts`, so OCR load never blocks
// the console's own event loop. Configuration arrives in the environment; readiness over IPC.
import type { AddressInfo } from "node:net";
import { builtinModelVersion, createOcrEngine } from "@/lib/ocr";
import { createOcrHttpServer } from "./ocr-http-server";

export interface ServingReadyMessage {
  type: "ready";
  port: number;
  model: string;
}

async function main() {
  const model = process.env.OCR_MODEL || "builtin";
  const engine = await createOcrEngine(model === "builtin" ? builtinModelVersion() : model, {
    params: process.env.OCR_PARAMS ? (JSON.parse(process.env.OCR_PARAMS) as Record<string, unknown>) : undefined,
    intraOpNumThreads: Number(process.env.OCR_THREADS || 2),
  });
  const server = createOcrHttpServer({ engine, maxWaiting: Number(process.env.OCR_MAX_WAITING || 16) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(Number(process.env.OCR_PORT || 0), process.env.OCR_HOST || "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  console.log(`[ocr-serving] ${engine.modelName} ready on http://127.0.0.1:${port}`);
  process.send?.({ type: "ready", port, model: engine.modelName } satisfies ServingReadyMessage);

  const shutdown = () => {
    server.close(() => void engine.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // Orphaned when the console dies: a serving process never outlives its supervisor.
  process.on("disconnect", shutdown);
}

main().catch((error: unknown) => {
  console.error(`[ocr-serving] failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
