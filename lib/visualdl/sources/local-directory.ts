import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { VisualDlSource } from "@/lib/providers/training";

/** A run's log directory on this machine. A directory not created yet is a run that has not logged: no files. */
export function localDirectorySource(dir: string): VisualDlSource {
  return {
    async list() {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      const files: Array<{ name: string; size: number }> = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        try {
          files.push({ name: entry.name, size: (await stat(path.join(dir, entry.name))).size });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
      return files;
    },
    async read(name, offset, length) {
      // Names come from list(); refuse anything that would leave the directory all the same.
      if (name !== path.basename(name)) throw new Error(`Not a file of the log directory: ${name}`);
      const handle = await open(path.join(dir, name), "r");
      try {
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}
