import { ConsoleError } from "@/lib/errors/console-error";
import { KubeApiError } from "./kube-request";

/** What the console was doing when the API server said no, to word the refusal. */
export interface KubeAction {
  verb: string;
  /** `paddlejobs.batch.paddlepaddle.org`, `pods/log`, `persistentvolumeclaims` … */
  resource: string;
  namespace: string;
  name?: string;
}

export function isStatus(error: unknown, code: number, reason?: string): error is KubeApiError {
  return error instanceof KubeApiError && error.statusCode === code && (reason === undefined || error.reason === reason);
}

/**
 * A failed cluster call as the error a user sees: 403 names the verb and resource the account
 * lacks (the fix is an RBAC rule), 422 lists the fields the server refused, 404/409 keep their
 * meaning. Anything else stays as it was (already one sentence, see kube-request.ts).
 */
export function explainKubeError(error: unknown, action: KubeAction): Error {
  if (!(error instanceof KubeApiError)) return error instanceof Error ? error : new Error(String(error));
  const what = `${action.resource}${action.name ? ` "${action.name}"` : ""}`;
  const where = `in namespace ${action.namespace}`;
  switch (error.statusCode) {
    case 401:
      return new ConsoleError("unavailable", `The cluster did not accept the target's credentials (401) when trying to ${action.verb} ${what}.`);
    case 403:
      return new ConsoleError(
        "forbidden",
        `Permission denied: the target's Kubernetes account may not ${action.verb} ${action.resource} ${where}. Grant it with an RBAC Role (verbs: ${action.verb}; resources: ${action.resource}). The server said: ${error.serverMessage}`,
      );
    case 404:
      // A path no API serves: the CRD is not installed (the connection check lists what is missing).
      if (/could not find the requested resource/.test(error.serverMessage)) {
        return new ConsoleError("unavailable", `The cluster does not serve ${action.resource}: is its CustomResourceDefinition installed? Test the target's connection to see what is missing.`);
      }
      if (/^namespaces? "/.test(error.serverMessage)) return new ConsoleError("not_found", `Namespace ${action.namespace} does not exist on the cluster.`);
      return new ConsoleError("not_found", `${capitalize(what)} does not exist ${where}.`);
    case 409:
      return new ConsoleError("conflict", `Could not ${action.verb} ${what} ${where}: ${error.serverMessage}`);
    case 422:
      return new ConsoleError("unprocessable", `The cluster refused ${what}: ${error.serverMessage}`);
    default:
      return new ConsoleError("unavailable", `Could not ${action.verb} ${what} ${where}: ${error.message}`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
