import { gzipSync } from "node:zlib";
import tar from "tar-stream";

// Fixtures for the registry's tests and benchmark (not used by the console itself).

/** A gzipped tarball holding the given files, in order. */
export async function tarGz(files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, size: Buffer.byteLength(content) }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}
