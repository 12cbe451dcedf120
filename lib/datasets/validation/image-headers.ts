import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export type ImageHeader =
  | { status: "ok"; w: number; h: number }
  | { status: "missing"; reason: "not_found" | "outside_root" | "not_a_file" }
  | { status: "unreadable"; message: string };

/**
 * The key two label lines share when they name the same file ("./a.png", "a.png", "x/../a.png"),
 * relative to the root. It starts with ".." (or is absolute, on another Windows drive) when the path leaves the root.
 */
export function imageKey(root: string, imagePath: string): string {
  return path.relative(path.resolve(root), path.resolve(root, imagePath));
}

export function isOutsideRoot(key: string): boolean {
  return key === ".." || key.startsWith(`..${path.sep}`) || path.isAbsolute(key);
}

/**
 * Reads each image's header once (width and height, after EXIF orientation, which OpenCV applies when PaddleOCR
 * decodes) with at most `concurrency` files open, so a large dataset neither exhausts file descriptors
 * nor re-reads an image listed twice.
 */
export function createImageHeaderReader(root: string, concurrency: number) {
  const cache = new Map<string, Promise<ImageHeader>>();
  const folders = new Map<string, Promise<Folder>>();
  let realRoot: Promise<string> | undefined;
  const decoders = createLimiter(concurrency);

  // One readdir per folder answers "does it exist, is it a file" for every image in it: a per-image stat
  // costs a thread-pool round trip each, seconds for 100k images. Names match byte for byte, as on Linux where PaddleOCR runs.
  function listFolder(rootDir: string, relative: string): Promise<Folder> {
    let folder = folders.get(relative);
    if (!folder) {
      folder = (async (): Promise<Folder> => {
        const real = await realpath(path.join(rootDir, relative)).catch(() => null);
        if (real === null) return { kind: "absent" };
        if (isOutsideRoot(path.relative(rootDir, real))) return { kind: "outside" };
        const entries = await readdir(real, { withFileTypes: true }).catch(() => null);
        if (entries === null) return { kind: "absent" };
        return { kind: "listed", real, entries: new Map(entries.map((e) => [e.name, e.isFile() ? "file" : e.isDirectory() ? "folder" : "other"])) };
      })();
      folders.set(relative, folder);
    }
    return folder;
  }

  async function locate(key: string): Promise<string | Exclude<ImageHeader, { status: "ok" }>> {
    if (isOutsideRoot(key)) return { status: "missing", reason: "outside_root" };
    if (key === "") return { status: "missing", reason: "not_a_file" };
    const rootDir = await (realRoot ??= realpath(root));
    const folder = await listFolder(rootDir, path.dirname(key));
    if (folder.kind === "outside") return { status: "missing", reason: "outside_root" };
    const entry = folder.kind === "listed" ? folder.entries.get(path.basename(key)) : undefined;
    if (folder.kind === "absent" || entry === undefined) return { status: "missing", reason: "not_found" };
    if (entry === "folder") return { status: "missing", reason: "not_a_file" };
    const file = path.join(folder.real, path.basename(key));
    if (entry === "file") return file;
    // A symlink inside the dataset must not become a way to read files elsewhere on the server.
    const target = await realpath(file).catch(() => null);
    if (target === null) return { status: "missing", reason: "not_found" };
    if (isOutsideRoot(path.relative(rootDir, target))) return { status: "missing", reason: "outside_root" };
    return (await stat(target)).isFile() ? target : { status: "missing", reason: "not_a_file" };
  }

  async function readHeader(key: string): Promise<ImageHeader> {
    const file = await locate(key);
    if (typeof file !== "string") return file;
    try {
      // From a path, libvips reads only the header, not the pixels.
      const meta = await decoders(() => sharp(file).metadata());
      return { status: "ok", w: meta.autoOrient.width, h: meta.autoOrient.height };
    } catch (error) {
      return { status: "unreadable", message: error instanceof Error ? error.message : String(error) };
    }
  }

  return {
    /** Never rejects: every failure is a status the report can describe. */
    read(key: string): Promise<ImageHeader> {
      let header = cache.get(key);
      if (!header) {
        header = readHeader(key).catch((error: unknown) => ({
          status: "unreadable" as const,
          message: error instanceof Error ? error.message : String(error),
        }));
        cache.set(key, header);
      }
      return header;
    },
  };
}

type Folder = { kind: "absent" } | { kind: "outside" } | { kind: "listed"; real: string; entries: Map<string, "file" | "folder" | "other"> };

function createLimiter(limit: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await work();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
