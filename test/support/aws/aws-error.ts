/** An error a fake service answers with: HTTP status, the `__type` name, the message, and extra members. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
    /** Further members of the error body (ModelError's OriginalStatusCode, LogStreamArn …). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type;
  }
}
