import { ConsoleError } from "@/lib/errors/console-error";
import { versionNameSchema } from "@/lib/schemas/models";
import { parseS3Uri, versionPrefix, type RegistryStore } from "./registry-store";

/**
 * The version folder an object source already lies in, when it lies in one of this model's
 * folders in the registry's own bucket: PaddleCloud's model hub Job uploads
 * `model-center/<model>/<N>/<model>.tar.gz` itself, and that object then *is* version N — it is
 * adopted where it is (model.json written beside it) rather than recorded by a new version whose
 * folder would hold only a model.json, which a rescan would then show beside `<model>/<N>/`.
 * Null for anything else (another bucket, another model's folder, an object not in a folder).
 */
export function adoptedVersionOf(store: RegistryStore, modelName: string, uri: string): { version: string; prefix: string } | null {
  const { bucket, key } = parseS3Uri(uri);
  if (bucket !== store.bucket || !key.startsWith(`${modelName}/`)) return null;
  const [folder, ...rest] = key.slice(modelName.length + 1).split("/");
  // `<model>/<N>` alone is an object beside the folders, not in one.
  if (!folder || rest.length === 0) return null;
  const version = versionNameSchema.safeParse(folder);
  return version.success && version.data === folder ? { version: folder, prefix: versionPrefix(modelName, folder) } : null;
}

/** A version asked for by the caller must be the folder the object is in. */
export function checkAdoptedVersion(adopted: { version: string }, requested: string | undefined, uri: string): void {
  if (requested === undefined || requested === adopted.version) return;
  throw new ConsoleError("bad_request", `${uri} is in the folder of version ${adopted.version}; it cannot be registered as version ${requested}.`, {
    version: [`The object is version ${adopted.version}'s`],
  });
}
