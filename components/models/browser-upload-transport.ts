import { abortUploadAction, completeUploadAction, createUploadAction } from "@/app/(console)/models/actions";
import type { UploadSession } from "@/lib/schemas/models";
import { getJson } from "./api";
import type { UploadTransport } from "./upload-client";

/**
 * The browser's way to the console for an upload: announce and finish through server actions,
 * read the session's state from the REST API, and send each part with XMLHttpRequest, whose
 * upload progress events drive the progress bar. Parts go to the console, never to the bucket.
 */
export function browserUploadTransport(modelName: string): UploadTransport & { abort(sessionId: string): Promise<void> } {
  const base = `/api/v1/models/${encodeURIComponent(modelName)}/uploads`;
  const unwrap = <T,>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
    if (!result.ok) throw new Error(result.error);
    return result.data;
  };
  return {
    async create(input) {
      return unwrap(await createUploadAction({ modelName, upload: input }));
    },
    status(sessionId) {
      return getJson<UploadSession>(`${base}/${encodeURIComponent(sessionId)}`);
    },
    sendPart(sessionId, fileIndex, partNumber, bytes, sha256, onProgress) {
      return new Promise<void>((resolve, reject) => {
        const request = new XMLHttpRequest();
        request.open("PUT", `${base}/${encodeURIComponent(sessionId)}/files/${fileIndex}/parts/${partNumber}`);
        request.setRequestHeader("Content-Type", "application/octet-stream");
        if (sha256) request.setRequestHeader("X-Part-Sha256", sha256);
        request.upload.onprogress = (event) => onProgress(event.loaded);
        request.onload = () => {
          if (request.status >= 200 && request.status < 300) return resolve();
          let message = `The console answered ${request.status}.`;
          try {
            message = (JSON.parse(request.responseText) as { error?: { message?: string } }).error?.message ?? message;
          } catch {
            // not JSON
          }
          reject(new Error(message));
        };
        request.onerror = () => reject(new Error("The connection to the console failed."));
        request.ontimeout = () => reject(new Error("The part timed out."));
        request.timeout = 5 * 60_000;
        request.send(bytes as Uint8Array<ArrayBuffer>);
      });
    },
    async complete(sessionId, files) {
      return unwrap(await completeUploadAction({ modelName, uploadId: sessionId, files }));
    },
    async abort(sessionId) {
      unwrap(await abortUploadAction({ modelName, uploadId: sessionId }));
    },
  };
}

/** A part's sha256 by WebCrypto, where the browser offers it (secure contexts only). */
export async function webCryptoDigest(bytes: Uint8Array): Promise<string | null> {
  if (typeof crypto === "undefined" || !crypto.subtle) return null;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
