/**
 * `Status` bodies exactly as kube-apiserver writes them (k8s.io/apimachinery/pkg/api/errors), so
 * clients that parse `reason`/`details` behave as they would against a real cluster.
 */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
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
