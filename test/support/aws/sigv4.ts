import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** Path and query as received, e.g. "/" or "/endpoints/x/invocations?a=b". */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The errors AWS answers for authentication problems, in the JSON protocols' names. */
export interface AuthFailure {
  type: "MissingAuthenticationTokenException" | "UnrecognizedClientException" | "InvalidSignatureException" | "IncompleteSignatureException";
  message: string;
}

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Verifies a SigV4 `Authorization` header as AWS does: known access key (and session token), a
 * credential scope for this region and service, and a signature recomputed from the request. A
 * wrong secret key is therefore caught too, not only a wrong key id.
 */
export function verifySigV4(
  request: SignedRequest,
  expected: { credentials: AwsCredentials; region: string; service: string },
): AuthFailure | undefined {
  const authorization = request.headers.authorization;
  if (!authorization) return { type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
  const match = /^AWS4-HMAC-SHA256 Credential=([^,]+), ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(authorization);
  if (!match) return { type: "IncompleteSignatureException", message: `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.` };
  const [, credential = "", signedHeaders = "", signature = ""] = match;
  const [accessKeyId, date = "", region = "", service = "", terminator = ""] = credential.split("/");

  const { credentials } = expected;
  if (accessKeyId !== credentials.accessKeyId || header(request, "x-amz-security-token") !== credentials.sessionToken) {
    return { type: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  }
  if (terminator !== "aws4_request" || service !== expected.service) {
    return { type: "InvalidSignatureException", message: `Credential should be scoped to correct service: '${expected.service}'. ` };
  }
  if (region !== expected.region) {
    return { type: "InvalidSignatureException", message: `Credential should be scoped to a valid region. ` };
  }
  const amzDate = header(request, "x-amz-date") ?? "";
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonicalRequest(request, signedHeaders, service))].join("\n");
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, date);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  const computed = createHmac("sha256", key).update(stringToSign).digest();
  const given = Buffer.from(signature, "hex");
  if (given.length !== computed.length || !timingSafeEqual(given, computed)) {
    return { type: "InvalidSignatureException", message: SIGNATURE_MISMATCH };
  }
  return undefined;
}

function canonicalRequest(request: SignedRequest, signedHeaders: string, service: string): string {
  const url = new URL(request.url, "http://placeholder");
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const names = signedHeaders.split(";");
  const canonicalHeaders = names.map((name) => `${name}:${(header(request, name) ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
  const payloadHash = header(request, "x-amz-content-sha256") ?? sha256(request.body);
  // Every service but S3 signs the path URI-encoded once more than it travels.
  const path = service === "s3" ? url.pathname : url.pathname.split("/").map(encode).join("/");
  return [request.method, path, query, canonicalHeaders, signedHeaders, payloadHash].join("\n");
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}
