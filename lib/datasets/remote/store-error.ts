import { ConsoleError } from "@/lib/errors/console-error";

// S3 error codes the console repeats. A store named by a dataset is anyone's server, and everything it
// answers (message, body, even the code) is its own choice: only codes from this list and the HTTP
// status reach the user, so a server on the console's network cannot have its answers read back.
const KNOWN_CODES = new Set([
  "AccessDenied",
  "AccountProblem",
  "AllAccessDisabled",
  "AuthorizationHeaderMalformed",
  "ExpiredToken",
  "InternalError",
  "InvalidAccessKeyId",
  "InvalidBucketName",
  "InvalidObjectState",
  "InvalidRequest",
  "InvalidToken",
  "NoSuchBucket",
  "NoSuchKey",
  "NotImplemented",
  "PermanentRedirect",
  "RequestTimeTooSkewed",
  "ServiceUnavailable",
  "SignatureDoesNotMatch",
  "SlowDown",
  "TokenRefreshRequired",
]);
const CREDENTIAL_CODES = new Set(["AccessDenied", "AllAccessDisabled", "ExpiredToken", "InvalidAccessKeyId", "InvalidToken", "SignatureDoesNotMatch", "TokenRefreshRequired"]);

/**
 * The store's refusal in the console's own words: which store and which bucket, the HTTP status and a
 * known S3 error code at most. Errors the console raised itself (an address the policy refused) pass
 * through as they are; a failed connection is named by its local socket code.
 */
export function storeError(store: string, what: string, error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const e = error as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const code = [e.Code, e.name].find((c): c is string => typeof c === "string" && KNOWN_CODES.has(c));
  if (code === "NoSuchBucket") return new ConsoleError("unprocessable", `The bucket of ${what} does not exist at ${store}.`);
  if (status === undefined) {
    const socket = typeof e.code === "string" && /^E[A-Z_]+$/.test(e.code) ? e.code : "no answer";
    return new ConsoleError("unavailable", `Cannot reach ${store} to read ${what} (${socket}).`);
  }
  if (status < 300) return new ConsoleError("unprocessable", `${capitalize(store)} did not answer as an S3 store (HTTP ${status}) for ${what}; check the endpoint.`);
  const answer = `${capitalize(store)} answered ${status}${code ? ` ${code}` : ""} for ${what}`;
  if (status === 403 || (code && CREDENTIAL_CODES.has(code))) return new ConsoleError("unprocessable", `${answer}; check the dataset's credentials.`);
  if (status >= 400 && status < 500) return new ConsoleError("unprocessable", `${answer}; check the source URI and the credentials.`);
  return new ConsoleError("unavailable", `${answer}; try again later.`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
