import { ConsoleError } from "@/lib/errors/console-error";

/** Where a failed call was going, for the sentence describeAwsError writes. */
export interface AwsErrorContext {
  service: string;
  region: string;
  endpoint?: string;
  /** The IAM action the call needs, for errors that do not name it (S3's bare 403 on HEAD). */
  action?: string;
  /** What the call was about, e.g. `bucket ocr-artifacts`. */
  subject?: string;
}

type ServiceError = Error & {
  $fault?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
  Code?: string;
  Region?: string;
};

/**
 * One sentence a user can act on for a failed AWS call. Service errors arrive as exceptions named
 * after the service's error code with `$fault` set: their name and message are kept so they can be
 * looked up, with an explanation in front for the cases people hit (expired session, missing
 * permission, wrong region). Network trouble arrives as plain Node errors or the HTTP handler's
 * TimeoutError, which do not say where the request was going; this adds it. Never includes
 * credentials: AWS messages name the caller's ARN, not its keys.
 */
export function describeAwsError(error: unknown, context: AwsErrorContext): string {
  if (!(error instanceof Error)) return String(error);
  const where = context.endpoint ?? `${context.service} in ${context.region}`;
  const code = (error as NodeJS.ErrnoException).code;
  const failure = error as ServiceError;
  if (failure.$fault) return explainServiceError(failure, context);
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

function explainServiceError(error: ServiceError, context: AwsErrorContext): string {
  const status = error.$metadata?.httpStatusCode;
  const raw = error.message && error.message !== "UnknownError" ? `${error.name}: ${error.message}` : `${error.name} (HTTP ${status ?? "?"})`;
  const name = error.name;

  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired|TokenRefreshRequired)$/.test(name)) {
    return `The AWS session has expired: renew the credentials (aws sso login, or a new session token on this target). ${raw}`;
  }
  const regionProblem = wrongRegion(error, context);
  if (regionProblem) return `${regionProblem} ${raw}`;
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation|Forbidden)$/.test(name) || status === 403) {
    const action = /not authorized to perform: ([\w-]+:[\w*]+)/.exec(error.message)?.[1] ?? context.action;
    if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidAccessKeyId)$/.test(name)) return raw;
    if (action) {
      const on = context.subject ? ` on ${context.subject}` : "";
      return `Missing permission: these credentials may not call ${action}${on}; allow it in their IAM policy. (${raw})`;
    }
  }
  if ((name === "NotFound" || name === "NoSuchBucket") && context.subject?.startsWith("bucket")) {
    return `The ${context.subject} does not exist, or these credentials cannot see it.`;
  }
  return raw;
}

/** The request went to a region other than the resource's: say which one to use. */
function wrongRegion(error: ServiceError, context: AwsErrorContext): string | undefined {
  const status = error.$metadata?.httpStatusCode;
  const headerRegion = error.$response?.headers?.["x-amz-bucket-region"];
  if (status === 301 || error.name === "PermanentRedirect") {
    return `Wrong region: the ${context.subject ?? "bucket"} is in ${headerRegion ?? "another region"}, the target says ${context.region}.`;
  }
  const expected = /expecting '([a-z0-9-]+)'/.exec(error.message)?.[1] ?? error.Region;
  if (error.name === "AuthorizationHeaderMalformed" && expected) {
    return `Wrong region: the ${context.subject ?? "bucket"} is in ${expected}, the target says ${context.region}.`;
  }
  if (/Credential should be scoped to a valid region/.test(error.message)) {
    return `Wrong region: ${context.endpoint ?? context.service} does not serve ${context.region}; fix the target's region or endpoint.`;
  }
  return undefined;
}

/**
 * A failed AWS call as the ConsoleError a page or API client gets: the service's refusal of the
 * request as bad_request, missing permissions as forbidden, quotas as conflict, throttling that
 * outlasted the retries as too_many_requests, the rest as unavailable.
 */
export function awsConsoleError(error: unknown, context: AwsErrorContext, what: string): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const message = `${what}: ${describeAwsError(error, context)}`;
  const name = error instanceof Error ? error.name : "";
  if (/^(ValidationException|ValidationError|ResourceInUse|InvalidParameterException|ModelError)$/.test(name)) return new ConsoleError("bad_request", message);
  if (/^(AccessDenied|AccessDeniedException|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken|ExpiredTokenException)$/.test(name)) {
    return new ConsoleError("forbidden", message);
  }
  if (/^(ResourceNotFound|ResourceNotFoundException|NoSuchKey|NotFound)$/.test(name)) return new ConsoleError("not_found", message);
  if (/^(ResourceLimitExceeded|LimitExceededException|ConflictException)$/.test(name)) return new ConsoleError("conflict", message);
  if (/^(ThrottlingException|Throttling|TooManyRequestsException|ModelNotReadyException)$/.test(name)) return new ConsoleError("too_many_requests", message);
  return new ConsoleError("unavailable", message);
}
