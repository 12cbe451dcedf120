import { AwsServiceError } from "./aws-error";
import type { FakeClock } from "./clock";
import type { AuthFailure, AwsCredentials } from "./sigv4";

export interface InjectedFault {
  /** The operation that fails (`DescribeTrainingJob`, `InvokeEndpoint`, `GetCallerIdentity`, `HeadBucket` …). */
  operation: string;
  /** The error's `__type`, e.g. ThrottlingException, ServiceUnavailable, InternalFailure. */
  type: string;
  message?: string;
  status?: number;
  /** How many calls in a row fail (default 1). */
  times?: number;
}

/**
 * The AWS account behind every fake service: the one access key it accepts, who that key is,
 * what the key may not do (IAM denials), whether its session token expired, injected faults and
 * per-operation rate limits. Shared so a denial or an expiry shows on every service at once.
 */
export interface FakeAccount {
  region: string;
  accountId: string;
  credentials: AwsCredentials;
  /** What STS GetCallerIdentity answers. */
  identity: { arn: string; userId: string };
  clock: FakeClock;
  deny(action: string): void;
  allow(action: string): void;
  isDenied(action: string): boolean;
  expireCredentials(): void;
  renewCredentials(): void;
  readonly expired: boolean;
  failNext(fault: InjectedFault): void;
  /** The fault to answer this call with, if one is pending; consumes it. */
  takeFault(operation: string): AwsServiceError | undefined;
  /**
   * Calls per second an operation accepts before ThrottlingException, as the services throttle
   * (token bucket with a burst of the same size).
   */
  limitRate(operation: string, perSecond: number): void;
  /** Throws ThrottlingException when the operation is over its rate. */
  checkRate(operation: string): void;
}

export function createFakeAccount(options: { region: string; accountId: string; credentials: AwsCredentials; clock: FakeClock; userName?: string }): FakeAccount {
  const denied = new Set<string>();
  const faults: Array<Required<Pick<InjectedFault, "times">> & InjectedFault> = [];
  const buckets = new Map<string, { perSecond: number; tokens: number; at: number }>();
  let expired = false;
  const userName = options.userName ?? "ocr-console";
  return {
    region: options.region,
    accountId: options.accountId,
    credentials: options.credentials,
    identity: { arn: `arn:aws:iam::${options.accountId}:user/${userName}`, userId: "AIDAJQABLZS4A3QDU576Q" },
    clock: options.clock,
    deny: (action) => void denied.add(action),
    allow: (action) => void denied.delete(action),
    isDenied: (action) => denied.has(action) || denied.has(`${action.split(":")[0]}:*`),
    expireCredentials: () => void (expired = true),
    renewCredentials: () => void (expired = false),
    get expired() {
      return expired;
    },
    failNext(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    takeFault(operation) {
      const fault = faults.find((candidate) => candidate.operation === operation);
      if (!fault) return undefined;
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
      return new AwsServiceError(fault.type, fault.message ?? defaultFaultMessage(fault.type), fault.status ?? defaultFaultStatus(fault.type));
    },
    limitRate(operation, perSecond) {
      buckets.set(operation, { perSecond, tokens: perSecond, at: options.clock.now() });
    },
    checkRate(operation) {
      const bucket = buckets.get(operation);
      if (!bucket) return;
      const now = options.clock.now();
      bucket.tokens = Math.min(bucket.perSecond, bucket.tokens + ((now - bucket.at) / 1000) * bucket.perSecond);
      bucket.at = now;
      if (bucket.tokens < 1) throw new AwsServiceError("ThrottlingException", "Rate exceeded");
      bucket.tokens -= 1;
    },
  };
}

function defaultFaultMessage(type: string): string {
  if (type === "ThrottlingException" || type === "Throttling") return "Rate exceeded";
  if (type === "ServiceUnavailable" || type === "ServiceUnavailableException") return "Service is unavailable. Please try again later.";
  return "We encountered an internal error. Please try again.";
}

function defaultFaultStatus(type: string): number {
  if (type.startsWith("Throttling")) return 400;
  if (type.startsWith("ServiceUnavailable")) return 503;
  if (type === "InternalFailure" || type === "InternalServerError" || type === "InternalServiceException") return 500;
  return 400;
}

/** The HTTP status each authentication failure travels with. */
export function authFailureStatus(failure: AuthFailure): number {
  return failure.type === "MissingAuthenticationTokenException" ? 403 : 400;
}

/** IAM's sentence for a denied action, as the JSON services pass it on. */
export function accessDenied(account: FakeAccount, action: string, resource: string): AwsServiceError {
  return new AwsServiceError(
    "AccessDeniedException",
    `User: ${account.identity.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
}

export const EXPIRED_TOKEN = new AwsServiceError("ExpiredTokenException", "The security token included in the request is expired");
