import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** A request as the fakes see it, body read in full (S3 traffic is streamed instead, see s3-proxy). */
export interface FakeRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function sendAnswer(res: ServerResponse, answer: FakeAnswer): void {
  const body = typeof answer.body === "string" ? Buffer.from(answer.body, "utf8") : answer.body;
  res.writeHead(answer.status, { ...answer.headers, "Content-Length": String(body.length) });
  res.end(body);
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

/** The signing service named in a SigV4 Authorization header's credential scope, if any. */
export function signingServiceOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = header(headers, "authorization") ?? "";
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1];
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
