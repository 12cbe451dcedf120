/** Where a failed call was going, for the sentence describeAwsError writes. */
export interface AwsErrorContext {
  service: string;
  region: string;
  endpoint?: string;
}

/**
 * Service errors arrive as exceptions named after the service's error code (`name`, e.g.
 * UnrecognizedClientException) with `$fault` set; both name and message are shown so users can look
 * them up. Network trouble arrives as plain Node errors (ECONNREFUSED…) or the HTTP handler's
 * TimeoutError, which do not say where the request was going; this adds it.
 */
export function describeAwsError(error: unknown, context: AwsErrorContext): string {
  if (!(error instanceof Error)) return String(error);
  const where = context.endpoint ?? `${context.service} in ${context.region}`;
  const code = (error as NodeJS.ErrnoException).code;
  if ((error as Error & { $fault?: string }).$fault) return `${error.name}: ${error.message}`;
  if (error.name === "AbortError") return `The request to ${where} was cancelled.`;
  if (error.name === "TimeoutError") {
    return `${where} did not answer in time: ${error.message.replace(/^@smithy\/node-http-handler - \[ERROR\] /, "")}`;
  }
  if (code === "ECONNREFUSED") return `Cannot reach ${where}: connection refused.`;
  if (code === "ECONNRESET") return `Cannot reach ${where}: the connection was reset.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Cannot reach ${where}: the host name does not resolve.`;
  if (error.name === "CredentialsProviderError") {
    return `No AWS credentials: save an access key on this target, or give the console a role or profile (${error.message}).`;
  }
  return error.message;
}
