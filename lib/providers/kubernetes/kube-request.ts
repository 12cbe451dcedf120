import {
  Observable,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseContext,
} from "@kubernetes/client-node";

/** A non-2xx answer from the API server, carrying its `Status` (reason and message) verbatim. */
export class KubeApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string | undefined,
    readonly serverMessage: string,
  ) {
    super(describeStatus(statusCode, reason, serverMessage));
    this.name = "KubeApiError";
  }
}

export interface KubeCallContext {
  /** The cluster's server URL, named in every failure message. */
  server: string;
  /** Aborts the request: the caller's signal combined with the deadline. */
  signal: AbortSignal;
  /** The check's own deadline, told apart from the caller's signal to word the failure. */
  deadline: { signal: AbortSignal; ms: number };
}

/**
 * Runs one client call with the caller's signal and turns every way it can fail into one clear
 * sentence. The generated client would otherwise throw `ApiException`s whose message is a dump
 * of code, body and headers, and for a 401 it even drops the server's body.
 */
export async function kubeCall<T>(context: KubeCallContext, call: (options: ConfigurationOptions) => Promise<T>): Promise<T> {
  try {
    return await call(kubeRequestOptions(context.signal));
  } catch (error) {
    throw explainFailure(error, context);
  }
}

/** Call-time options: the abort signal, and a post step that raises `KubeApiError` for non-2xx answers. */
export function kubeRequestOptions(signal: AbortSignal): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (request: RequestContext) => {
      request.setSignal(signal);
      return new Observable(Promise.resolve(request));
    },
    post: (response: ResponseContext) => new Observable(raiseForStatus(response)),
  };
  // "append" keeps the client's own middleware (it sets the User-Agent).
  return { middleware: [middleware], middlewareMergeStrategy: "append" };
}

async function raiseForStatus(response: ResponseContext): Promise<ResponseContext> {
  const code = response.httpStatusCode;
  if (code >= 200 && code < 300) return response;
  const text = await response.body.text().catch(() => "");
  let reason: string | undefined;
  let message = text.trim();
  try {
    const status = JSON.parse(text) as { reason?: unknown; message?: unknown };
    if (typeof status.reason === "string") reason = status.reason;
    if (typeof status.message === "string") message = status.message;
  } catch {
    // Not a Status (a proxy in front of the cluster, say): keep the raw text.
  }
  throw new KubeApiError(code, reason, message);
}

function describeStatus(code: number, reason: string | undefined, message: string): string {
  const said = message ? ` The server said: ${message}` : "";
  if (code === 401) return `Unauthorized (401): the API server did not accept these credentials.${said}`;
  if (code === 403) return `Forbidden (403): the account is not authorized for this.${said}`;
  return `The API server answered ${code}${reason ? ` ${reason}` : ""}.${said}`;
}

function explainFailure(error: unknown, { server, signal, deadline }: KubeCallContext): Error {
  if (error instanceof KubeApiError) return error;
  if (deadline.signal.aborted) {
    return new Error(`The Kubernetes API server at ${server} did not answer within ${Math.round(deadline.ms / 1000)} s.`);
  }
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof Error && reason.name === "TimeoutError"
      ? new Error(`The Kubernetes API server at ${server} did not answer in time.`)
      : new Error(`The request to the Kubernetes API server at ${server} was cancelled.`);
  }
  if (!(error instanceof Error)) return new Error(String(error));
  // Certificate and key files named in the kubeconfig are only read when a request is prepared.
  const { code: fileError, path: file } = error as NodeJS.ErrnoException;
  if (fileError !== undefined && file !== undefined) {
    return new Error(`A file the kubeconfig refers to cannot be read: ${file} (${fileError}).`);
  }
  if (error.message.startsWith("HTTP protocol is not allowed")) {
    return new Error(
      `The cluster's server ${server} is plain http://, which the Kubernetes client only allows when the kubeconfig sets insecure-skip-tls-verify: true.`,
    );
  }
  // node-fetch reports network trouble as a FetchError carrying the socket error's code.
  const code = (error as NodeJS.ErrnoException).code;
  if (error.name === "FetchError" && code) {
    const why =
      code === "ECONNREFUSED"
        ? "connection refused (is the cluster running, and is the address right?)"
        : code === "ENOTFOUND" || code === "EAI_AGAIN"
          ? `the host name ${hostOf(server)} does not resolve`
          : code === "ETIMEDOUT"
            ? "the connection timed out"
            : error.message;
    return new Error(`Cannot reach the Kubernetes API server at ${server}: ${why}.`);
  }
  return error;
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}
