import { access, constants, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readConfig } from "@/lib/config/env";
import { runConnectionCheck } from "../connection-check";
import type { Provider } from "../types";
import { localDatasetCache } from "./local-dataset-cache";
import { localEndpoints } from "./local-endpoints";
import { localTraining } from "./local-training";

/** This machine: dataset cache on disk, training as child processes, local OCR serving. */
export function localProvider(): Provider {
  return {
    kind: "local",
    endpoints: localEndpoints,
    datasets: localDatasetCache,
    training: localTraining,
    check() {
      const { dataDir } = readConfig();
      return runConnectionCheck(
        [
          {
            name: "Data directory",
            run: async () => {
              await mkdir(dataDir, { recursive: true });
              await access(dataDir, constants.W_OK);
              return `${dataDir} is writable`;
            },
          },
          {
            name: "Compute",
            run: async () => `${os.cpus().length} CPU cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB memory`,
          },
          {
            name: "Cache directory",
            run: async () => {
              const cacheDir = path.join(dataDir, "cache");
              await mkdir(cacheDir, { recursive: true });
              return `${cacheDir}`;
            },
          },
        ],
        (items) => items.find((i) => !i.ok)?.message ?? `This machine: ${items[1]?.message}`,
      );
    },
  };
}
