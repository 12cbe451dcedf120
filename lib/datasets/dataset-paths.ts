import path from "node:path";
import { readConfig } from "@/lib/config/env";

// Where the console keeps a dataset's files on this machine, all under the data directory:
//   <dataDir>/datasets/<id>/source            the working copy validation reads (uploaded, or mirrored from the source)
//   <dataDir>/datasets/<id>/…                 its sync index, hashes, downloads
//   <dataDir>/cache/datasets/<id>/v<version>  the local target's cache of one version, which training reads

export function datasetWorkDir(datasetId: string, dataDir = readConfig().dataDir): string {
  return path.join(dataDir, "datasets", safeId(datasetId));
}

export function datasetSourceDir(datasetId: string, dataDir?: string): string {
  return path.join(datasetWorkDir(datasetId, dataDir), "source");
}

export function localCacheDir(datasetId: string, version: number, dataDir = readConfig().dataDir): string {
  return path.join(dataDir, "cache", "datasets", safeId(datasetId), `v${version}`);
}

export function uploadsDir(dataDir = readConfig().dataDir): string {
  return path.join(dataDir, "uploads");
}

/** Dataset ids are cuids; anything else must never become a path. */
function safeId(id: string): string {
  if (!/^[a-z0-9_-]{1,64}$/i.test(id)) throw new Error(`not a dataset id: ${id}`);
  return id;
}
