import type { UploadSession } from "@/lib/schemas/models";
import { Sha256 } from "./sha256";

// The browser side of a version upload: announce the files, send each file part by part (hashing
// it as it goes, so it is read once), retry a failed part, and finish by giving each file's sha256
// for the console to check against what was stored. A failed upload keeps its session: resuming
// asks which parts are stored and sends only the others.

export interface ChosenFile {
  /** Path inside the version, '/'-separated (a folder's relative path, or the file name). */
  path: string;
  file: Blob;
}

export interface UploadTransport {
  create(input: { files: Array<{ path: string; size: number }>; version?: string; notes?: string | null }): Promise<UploadSession>;
  status(sessionId: string): Promise<UploadSession>;
  sendPart(sessionId: string, fileIndex: number, partNumber: number, bytes: Uint8Array, sha256: string | null, onProgress: (loaded: number) => void): Promise<void>;
  complete(sessionId: string, files: Array<{ path: string; sha256: string }>): Promise<{ version: string }>;
}

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  phase: "starting" | "uploading" | "checking" | "done";
  file: string | null;
}

export class UploadFailedError extends Error {
  constructor(
    message: string,
    readonly sessionId: string | null,
  ) {
    super(message);
    this.name = "UploadFailedError";
  }
}

export interface UploadOptions {
  transport: UploadTransport;
  files: ChosenFile[];
  version?: string;
  notes?: string | null;
  /** Resume this session instead of starting a new one. */
  sessionId?: string | null;
  onProgress?: (progress: UploadProgress) => void;
  /** A part's sha256 for the console to check on arrival (WebCrypto when available). */
  partDigest?: (bytes: Uint8Array) => Promise<string | null>;
  attempts?: number;
  retryDelayMs?: number;
  parallelFiles?: number;
}

export async function uploadVersion(options: UploadOptions): Promise<{ version: string; sessionId: string }> {
  const { transport, files } = options;
  const attempts = options.attempts ?? 3;
  const totalBytes = files.reduce((sum, f) => sum + f.file.size, 0);
  let session: UploadSession;
  try {
    options.onProgress?.({ sentBytes: 0, totalBytes, phase: "starting", file: null });
    session = options.sessionId
      ? await transport.status(options.sessionId)
      : await transport.create({ files: files.map((f) => ({ path: f.path, size: f.file.size })), version: options.version || undefined, notes: options.notes ?? null });
  } catch (error) {
    throw new UploadFailedError(messageOf(error), options.sessionId ?? null);
  }
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const announced of session.files) {
    const chosen = byPath.get(announced.path);
    if (!chosen || chosen.file.size !== announced.size) {
      throw new UploadFailedError(`Choose the same files to resume: ${announced.path} (${announced.size} bytes) is missing or changed.`, session.id);
    }
  }

  // Bytes already stored count as sent; in-flight parts add what the browser has sent so far.
  let confirmed = session.files.reduce((sum, f) => sum + f.uploadedParts.reduce((s, n) => s + partLength(f.size, session.partSize, n), 0), 0);
  const inFlight = new Map<string, number>();
  let currentFile: string | null = null;
  const report = (phase: UploadProgress["phase"]) =>
    options.onProgress?.({ sentBytes: confirmed + [...inFlight.values()].reduce((a, b) => a + b, 0), totalBytes, phase, file: currentFile });

  let failure: Error | null = null;
  const digests = new Map<string, string>();
  const queue = [...session.files];
  const worker = async () => {
    for (let announced = queue.shift(); announced && !failure; announced = queue.shift()) {
      const chosen = byPath.get(announced.path)!;
      const hasher = new Sha256();
      const stored = new Set(announced.uploadedParts);
      currentFile = announced.path;
      for (let part = 1; part <= announced.partCount && !failure; part += 1) {
        const start = (part - 1) * session.partSize;
        const bytes = new Uint8Array(await chosen.file.slice(start, start + session.partSize).arrayBuffer());
        hasher.update(bytes);
        if (stored.has(part)) continue;
        const sha256 = options.partDigest ? await options.partDigest(bytes) : null;
        const key = `${announced.index}:${part}`;
        for (let attempt = 1; ; attempt += 1) {
          try {
            await transport.sendPart(session.id, announced.index, part, bytes, sha256, (loaded) => {
              inFlight.set(key, loaded);
              report("uploading");
            });
            break;
          } catch (error) {
            inFlight.delete(key);
            if (attempt >= attempts) {
              failure = new UploadFailedError(`Part ${part} of ${announced.path} failed ${attempts} times: ${messageOf(error)}`, session.id);
              return;
            }
            await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 500) * attempt));
          }
        }
        inFlight.delete(key);
        confirmed += bytes.byteLength;
        report("uploading");
      }
      if (!failure) digests.set(announced.path, hasher.hex());
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallelFiles ?? 3, session.files.length) }, worker));
  if (failure) throw failure;

  currentFile = null;
  report("checking");
  try {
    const done = await transport.complete(session.id, session.files.map((f) => ({ path: f.path, sha256: digests.get(f.path)! })));
    report("done");
    return { version: done.version, sessionId: session.id };
  } catch (error) {
    throw new UploadFailedError(messageOf(error), session.id);
  }
}

function partLength(size: number, partSize: number, partNumber: number): number {
  return Math.max(0, Math.min(partSize, size - (partNumber - 1) * partSize));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
