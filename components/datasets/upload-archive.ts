"use client";

import type { UploadResult } from "@/lib/schemas/datasets";

/**
 * PUTs an archive to `/api/v1/datasets/{name}/archive` as the raw body. XMLHttpRequest, not fetch:
 * only it reports upload progress, which a multi-gigabyte dataset needs. Rejects with the API's message.
 */
export function uploadArchive(datasetName: string, file: File, onProgress: (loaded: number, total: number) => void, signal?: AbortSignal): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/v1/datasets/${encodeURIComponent(datasetName)}/archive`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status === 202 && body) return resolve(body as UploadResult);
      const message = (body as { error?: { message?: string } } | null)?.error?.message;
      reject(new Error(message ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted: check the connection and upload again."));
    xhr.onabort = () => reject(new Error("The upload was cancelled."));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

export const ARCHIVE_ACCEPT = ".zip,.tar,.tar.gz,.tgz,application/zip,application/gzip,application/x-tar";
