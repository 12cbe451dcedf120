// One typed error for every domain failure a caller should see. The API wrapper turns it into a
// uniform JSON body and the server-action wrapper into an inline form error.

export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "too_many_requests"
  | "unavailable";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
};

export type FieldErrors = Record<string, string[]>;

export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Response headers the answer must carry, such as `Retry-After` on a 429 or 503. */
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, fieldErrors?: FieldErrors, headers?: Record<string, string>) {
    super(message);
    this.name = "ConsoleError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.headers = headers;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** Prisma's unique-constraint violation, turned into the conflict a user understands. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

const CODE_FOR_STATUS: Record<number, ErrorCode> = Object.fromEntries(Object.entries(STATUS).map(([code, status]) => [status, code as ErrorCode]));

/** The error for an HTTP status answered by a backend (a serving process, say), with its message. */
export function consoleErrorForStatus(status: number, message: string): ConsoleError {
  return new ConsoleError(CODE_FOR_STATUS[status] ?? "unavailable", message);
}
