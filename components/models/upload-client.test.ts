import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { UploadSession } from "@/lib/schemas/models";
import { UploadFailedError, uploadVersion, type UploadProgress, type UploadTransport } from "./upload-client";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

/** A console that stores parts in memory and fails the parts it is told to. */
function fakeConsole(partSize: number, failures: Set<string>) {
  const stored = new Map<string, Uint8Array>();
  let session: UploadSession | null = null;
  const sent: string[] = [];
  const transport: UploadTransport = {
    async create({ files }) {
      session = {
        id: "up-1",
        modelName: "m",
        version: "4",
        partSize,
        files: files.map((f, index) => ({ index, path: f.path, size: f.size, partCount: Math.ceil(f.size / partSize), uploadedParts: [] })),
      };
      return session;
    },
    async status() {
      return { ...session!, files: session!.files.map((f) => ({ ...f, uploadedParts: [...stored.keys()].filter((k) => k.startsWith(`${f.index}:`)).map((k) => Number(k.split(":")[1])).sort() })) };
    },
    async sendPart(_id, fileIndex, partNumber, bytes, partSha, onProgress) {
      const key = `${fileIndex}:${partNumber}`;
      sent.push(key);
      onProgress(bytes.byteLength / 2);
      if (failures.has(key)) throw new Error("connection reset");
      expect(partSha).toBe(sha256(bytes));
      stored.set(key, bytes);
    },
    async complete(_id, files) {
      for (const file of files) {
        const announced = session!.files.find((f) => f.path === file.path)!;
        const parts = Array.from({ length: announced.partCount }, (_, i) => stored.get(`${announced.index}:${i + 1}`)!);
        expect(file.sha256).toBe(sha256(Buffer.concat(parts)));
      }
      return { version: "4" };
    },
  };
  return { transport, sent };
}

describe("browser upload", () => {
  const big = randomBytes(2500);
  const small = randomBytes(300);
  const files = [
    { path: "inference/inference.pdiparams", file: new Blob([big]) },
    { path: "config.yml", file: new Blob([small]) },
  ];
  const partDigest = async (bytes: Uint8Array) => sha256(bytes);

  it("sends every part, reports real progress, and gives each file's sha256 at the end", async () => {
    const { transport, sent } = fakeConsole(1000, new Set());
    const progress: UploadProgress[] = [];
    const done = await uploadVersion({ transport, files, partDigest, onProgress: (p) => progress.push(p) });
    expect(done).toEqual({ version: "4", sessionId: "up-1" });
    expect(sent.sort()).toEqual(["0:1", "0:2", "0:3", "1:1"]);
    const sentBytes = progress.map((p) => p.sentBytes);
    expect(sentBytes.every((n, i) => i === 0 || n >= sentBytes[i - 1]! || progress[i]!.phase !== progress[i - 1]!.phase)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "done", sentBytes: 2800, totalBytes: 2800 });
  });

  it("retries a failed part, and after repeated failures resumes the session sending only the missing parts", async () => {
    const failures = new Set(["0:2"]);
    const { transport, sent } = fakeConsole(1000, failures);
    const failed = await uploadVersion({ transport, files, partDigest, attempts: 2, retryDelayMs: 1 }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(UploadFailedError);
    expect((failed as UploadFailedError).sessionId).toBe("up-1");
    expect(sent.filter((k) => k === "0:2")).toHaveLength(2);

    failures.clear();
    sent.length = 0;
    const done = await uploadVersion({ transport, files, partDigest, sessionId: "up-1" });
    expect(done.version).toBe("4");
    expect(sent.sort()).toEqual(["0:2", "0:3"]);
  });

  it("refuses to resume with different files", async () => {
    const { transport } = fakeConsole(1000, new Set(["1:1"]));
    await uploadVersion({ transport, files, attempts: 1, retryDelayMs: 1 }).catch(() => undefined);
    await expect(uploadVersion({ transport, files: [files[0]!, { path: "config.yml", file: new Blob([randomBytes(10)]) }], sessionId: "up-1" })).rejects.toThrow(/Choose the same files/);
  });
});
