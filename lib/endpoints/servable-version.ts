import type { ModelVersion } from "@/lib/generated/prisma/client";
import { ConsoleError } from "@/lib/errors/console-error";
import { BUILTIN_STORAGE_URI } from "./builtin-model";

/**
 * The built-in PP-OCRv4 models ship inside the console and are served by its local target only;
 * a container target reads model versions from the object store. Said before anything is recorded.
 */
export function assertServable(version: Pick<ModelVersion, "modelName" | "version" | "storageUri">, targetKind: string): void {
  if (targetKind !== "local" && version.storageUri === BUILTIN_STORAGE_URI) {
    throw new ConsoleError(
      "unprocessable",
      `${version.modelName}:${version.version} is the built-in PP-OCRv4 model, served by the local target only; deploy a registered model version (in the object store) to a ${targetKind} target.`,
      { model: ["Served by the local target only"] },
    );
  }
}
