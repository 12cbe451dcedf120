import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** A pass-through stream that hashes (sha256) and counts what flows through it. */
export class DigestStream extends Transform {
  private readonly hash: Hash = createHash("sha256");
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
    callback(null, chunk);
  }

  /** The hex digest; call once the stream has ended. */
  sha256(): string {
    return this.hash.digest("hex");
  }
}

/** sha256 and size of a stream, read to its end without keeping it. */
export async function digestOf(stream: Readable): Promise<{ sha256: string; size: number }> {
  const digest = new DigestStream();
  await pipeline(stream, digest, async function* (source) {
    for await (const chunk of source) void chunk;
  });
  return { sha256: digest.sha256(), size: digest.bytes };
}

export function digestOfFile(path: string): Promise<{ sha256: string; size: number }> {
  return digestOf(createReadStream(path));
}
