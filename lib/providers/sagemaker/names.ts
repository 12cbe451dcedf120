import { createHash } from "node:crypto";

// SageMaker names (`[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`) derived from console records, always the
// same for the same record: a create that is repeated (a retry, a console restart) finds what the
// first one made instead of making a second.

const MAX = 63;

/** A short stable hash (8 hex digits) of some text. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/** Lowercase letters, digits and single dashes, trimmed to `max` without a trailing dash. */
export function sageMakerSafe(text: string, max = MAX): string {
  const cleaned = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+/, "");
  return cleaned.slice(0, max).replace(/-+$/, "") || "x";
}

/** The training job of a run's attempt: `<run name>-<attempt>`. Run names are at most 52 characters. */
export function trainingJobName(runName: string, attempt: number): string {
  const suffix = `-${attempt}`;
  return `${sageMakerSafe(runName, MAX - suffix.length)}${suffix}`;
}

/**
 * The SageMaker endpoint of a console endpoint: its name and a hash of its id, so two teams'
 * endpoints of the same name in one AWS account stay apart and the id alone finds it again.
 */
export function endpointBaseName(name: string, endpointId: string): string {
  return `${sageMakerSafe(name, 30)}-${endpointIdTag(endpointId)}`;
}

/** The part of every SageMaker name of an endpoint that comes from its console id. */
export function endpointIdTag(endpointId: string): string {
  return shortHash(endpointId);
}

/** A model or endpoint config of an endpoint: base name, a role, and a hash of its contents. */
export function contentName(base: string, role: string, content: unknown): string {
  const hash = shortHash(JSON.stringify(content));
  const head = `${base}-${sageMakerSafe(role, 12)}`;
  return `${head.slice(0, MAX - 9).replace(/-+$/, "")}-${hash}`;
}
