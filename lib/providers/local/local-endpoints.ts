import { consoleErrorForStatus, ConsoleError } from "@/lib/errors/console-error";
import type { OcrResult } from "@/lib/ocr";
import type { EndpointBackend, EndpointRuntime } from "../types";
import { OcrServingProcess } from "./ocr-serving-process";

// One serving process per local endpoint, kept on globalThis because Next.js may load this module
// once per server bundle while the processes belong to the whole console process.
const globalForServing = globalThis as typeof globalThis & { __ocrConsoleServing?: Map<string, OcrServingProcess> };
const processes = (globalForServing.__ocrConsoleServing ??= new Map());

export const localEndpoints: EndpointBackend = {
  async deploy({ id, name, modelSource, params }) {
    await processes.get(id)?.stop();
    const serving = new OcrServingProcess(name, { model: modelSource, params });
    processes.set(id, serving);
    serving.start();
  },

  async undeploy(id) {
    await processes.get(id)?.stop();
    processes.delete(id);
  },

  async status(id): Promise<EndpointRuntime> {
    const serving = processes.get(id);
    if (!serving) return { state: "stopped", reason: "not deployed on this console process", restarts: 0 };
    const { state, reason, restarts } = serving.status;
    return { state, reason, restarts };
  },

  async invoke(id, image, params): Promise<OcrResult> {
    const serving = processes.get(id);
    if (!serving) throw new ConsoleError("unavailable", "The endpoint is not deployed.");
    const { url } = await serving.whenReady(30_000).catch((error: Error) => {
      throw new ConsoleError("unavailable", `The endpoint is not ready: ${error.message}`);
    });
    // Multipart rather than JSON: the image goes as bytes, not a third larger as base64.
    const form = new FormData();
    form.set("image", new Blob([new Uint8Array(image)]));
    if (params) form.set("params", JSON.stringify(params));
    const response = await fetch(`${url}/predict`, { method: "POST", body: form });
    const body = (await response.json()) as OcrResult | { error: { message: string } };
    if (!response.ok) throw consoleErrorForStatus(response.status, "error" in body ? body.error.message : `serving answered ${response.status}`);
    return body as OcrResult;
  },
};

/** Stops every local serving process (console shutdown, tests). */
export async function stopAllLocalEndpoints(): Promise<void> {
  await Promise.all([...processes.values()].map((serving) => serving.stop()));
  processes.clear();
}
