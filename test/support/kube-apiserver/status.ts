import type { StatusCause } from "./schema-validation";

/**
 * `Status` bodies exactly as kube-apiserver writes them (k8s.io/apimachinery/pkg/api/errors), so
 * clients that parse `reason`/`details` behave as they would against a real cluster.
 */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface KubeStatus {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure";
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export interface GroupResource {
  group: string;
  resource: string;
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): KubeStatus {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, ...(details ? { details } : {}), code };
}

/** `namespaces` for the core group, `paddlejobs.batch.paddlepaddle.org` otherwise, as the server prints it. */
export function qualifiedResource({ group, resource }: GroupResource): string {
  return group === "" ? resource : `${resource}.${group}`;
}

function detailsFor(gr: GroupResource, name?: string): StatusDetails {
  return { ...(name !== undefined ? { name } : {}), ...(gr.group !== "" ? { group: gr.group } : {}), kind: gr.resource };
}

export function notFound(gr: GroupResource, name: string): KubeStatus {
  return failure(404, "NotFound", `${qualifiedResource(gr)} "${name}" not found`, detailsFor(gr, name));
}

/** What the server answers for a path no installed API serves. */
export function pathNotFound(): KubeStatus {
  return failure(404, "NotFound", "the server could not find the requested resource", {});
}

export function unauthorized(): KubeStatus {
  return failure(401, "Unauthorized", "Unauthorized");
}

export function forbidden(
  gr: GroupResource,
  name: string | undefined,
  user: string,
  verb: string,
  namespace: string | undefined,
): KubeStatus {
  const subject = name !== undefined ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  const scope = namespace !== undefined ? `in the namespace "${namespace}"` : "at the cluster scope";
  const message = `${subject} is forbidden: User "${user}" cannot ${verb} resource "${gr.resource}" in API group "${gr.group}" ${scope}`;
  return failure(403, "Forbidden", message, detailsFor(gr, name));
}

export function methodNotAllowed(): KubeStatus {
  return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", {});
}

export function alreadyExists(gr: GroupResource, name: string): KubeStatus {
  return failure(409, "AlreadyExists", `${qualifiedResource(gr)} "${name}" already exists`, detailsFor(gr, name));
}

/** An update carried a stale resourceVersion (optimistic concurrency). */
export function conflict(gr: GroupResource, name: string, message: string): KubeStatus {
  return failure(409, "Conflict", message, detailsFor(gr, name));
}

/** 422: the object failed validation; `kind` is the object's Kind, as in `PaddleJob.batch.paddlepaddle.org "x" is invalid`. */
export function invalid(kind: string, group: string, name: string, causes: StatusCause[]): KubeStatus {
  const qualifiedKind = group === "" ? kind : `${kind}.${group}`;
  const list = causes.map((cause) => `${cause.field}: ${cause.message}`);
  const message = `${qualifiedKind} "${name}" is invalid: ${list.length === 1 ? list[0] : `[${list.join(", ")}]`}`;
  return failure(422, "Invalid", message, { name, ...(group !== "" ? { group } : {}), kind, causes });
}

/** A watch asked for a resourceVersion older than the server keeps (sent inside the watch stream). */
export function expired(message: string): KubeStatus {
  return failure(410, "Expired", message);
}

export function badRequest(message: string): KubeStatus {
  return failure(400, "BadRequest", message);
}

export function unsupportedMediaType(contentType: string): KubeStatus {
  return failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (got ${contentType})`);
}

export function serviceUnavailable(message: string): KubeStatus {
  return failure(503, "ServiceUnavailable", message);
}

export function internalError(message: string): KubeStatus {
  return failure(500, "InternalError", `Internal error occurred: ${message}`);
}

/** Any status a test wants the server to answer once (fault injection). */
export function statusOf(code: number, reason: string, message: string, details?: StatusDetails): KubeStatus {
  return failure(code, reason, message, details);
}
