import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export interface LocalFile {
  /** Relative to the folder, with `/` separators. */
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every regular file under a folder, sorted by path. Links are not followed: nothing the console wrote
 * is a link, and one that appears must not lead outside the folder.
 */
export async function listLocalFiles(root: string, signal?: AbortSignal): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    signal?.throwIfAborted();
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) {
        const info = await stat(path.join(root, rel));
        files.push({ path: rel, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
  };
  await walk("");
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Runs `work` over items with at most `limit` at once, in order of start. After a failure no new item
 * starts, and the call settles only when the items in flight have: nothing keeps writing after it returns.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < items.length && !failure) {
      if (signal?.aborted) {
        failure ??= { error: signal.reason };
        return;
      }
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
