import type { Server } from "node:http";
import { builtinModelVersion, createOcrEngine, type OcrEngine } from "@/lib/ocr";
import { createOcrHttpServer, type OcrHttpServerOptions } from "@/lib/serving/ocr-http-server";
import { closeServer, listenOnLoopback } from "./loopback-server";

export interface LocalOcrServer {
  engine: OcrEngine;
  server: Server;
  base: string;
  close(): Promise<void>;
}

/** A local OCR endpoint on the real PP-OCRv4 models, in this process: start it once per test file. */
export async function startLocalOcrServer(options: Omit<OcrHttpServerOptions, "engine"> = {}): Promise<LocalOcrServer> {
  const engine = await createOcrEngine(builtinModelVersion());
  const server = createOcrHttpServer({ engine, ...options });
  const base = await listenOnLoopback(server);
  return {
    engine,
    server,
    base,
    async close() {
      await closeServer(server);
      await engine.close();
    },
  };
}
