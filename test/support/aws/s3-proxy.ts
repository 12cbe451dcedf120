import { randomUUID } from "node:crypto";
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { FakeAccount } from "./account";
import { header } from "./http";
import type { RecordedCall } from "./json-protocol-server";
import type { ObjectStoreAddress } from "./s3-backend";
import { verifySigV4 } from "./sigv4";

/**
 * S3 for the fake account: authenticates the caller the way S3 does (the account's key, region of
 * the bucket, IAM denials, expired tokens), then passes the request through to the S3-protocol
 * store holding the buckets, signed with the store's own key. Bodies stream in both directions.
 */
export function s3Proxy(options: {
  account: FakeAccount;
  store: ObjectStoreAddress;
  calls: RecordedCall[];
  /** Buckets that live in another region than the account's default. */
  bucketRegions: Map<string, string>;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { account, store } = options;
  const backend = new URL(store.endpoint);
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://placeholder");
    const [bucket = "", ...keyParts] = url.pathname.slice(1).split("/");
    const key = decodeURIComponent(keyParts.join("/"));
    const operation = s3Operation(req.method ?? "GET", bucket, key, url.searchParams);
    options.calls.push({ service: "S3", operation, input: { Bucket: decodeURIComponent(bucket), ...(key ? { Key: key } : {}) } });
    const fail = (status: number, code: string, message: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) => {
      const body =
        req.method === "HEAD"
          ? ""
          : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${Object.entries(extra)
              .map(([k, v]) => `<${k}>${v}</${k}>`)
              .join("")}<RequestId>${randomUUID()}</RequestId></Error>`;
      res.writeHead(status, { "Content-Type": "application/xml", "Content-Length": String(Buffer.byteLength(body)), "x-amz-request-id": randomUUID(), ...headers });
      res.end(body);
      req.resume();
    };

    const bucketRegion = options.bucketRegions.get(decodeURIComponent(bucket)) ?? account.region;
    const scopeRegion = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(header(req.headers, "authorization") ?? "")?.[1];
    if (bucket && scopeRegion && scopeRegion !== bucketRegion) {
      if (operation === "HeadBucket") return fail(301, "PermanentRedirect", "", {}, { "x-amz-bucket-region": bucketRegion });
      return fail(400, "AuthorizationHeaderMalformed", `The authorization header is malformed; the region '${scopeRegion}' is wrong; expecting '${bucketRegion}'`, {
        Region: bucketRegion,
      });
    }
    const failure = verifySigV4(
      { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body: Buffer.alloc(0) },
      { credentials: account.credentials, region: bucketRegion, service: "s3" },
    );
    if (failure?.type === "UnrecognizedClientException") return fail(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    if (failure?.type === "MissingAuthenticationTokenException") return fail(403, "AccessDenied", "Access Denied");
    if (failure) return fail(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    if (account.expired) return fail(400, "ExpiredToken", "The provided token has expired.");
    if (account.isDenied(s3Action(operation))) return fail(403, "AccessDenied", "Access Denied");
    const fault = account.takeFault(operation);
    if (fault) return fail(fault.statusCode, fault.type, fault.message);

    const headers = { ...req.headers, host: backend.host };
    delete headers.expect;
    if (typeof headers.authorization === "string") {
      headers.authorization = headers.authorization.replace(/Credential=[^/]+\//, `Credential=${store.accessKeyId}/`);
    }
    const forward = httpRequest(
      { hostname: backend.hostname, port: backend.port, method: req.method, path: req.url, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => {
      if (!res.headersSent) fail(503, "ServiceUnavailable", `The object store behind the fake S3 failed: ${error.message}`);
      else res.destroy(error);
    });
    req.pipe(forward);
  };
}

/** The S3 operation a request is, by method, path and sub-resource. */
export function s3Operation(method: string, bucket: string, key: string, query: URLSearchParams): string {
  if (!bucket) return "ListBuckets";
  if (!key) {
    if (method === "HEAD") return "HeadBucket";
    if (method === "PUT") return "CreateBucket";
    if (method === "DELETE") return "DeleteBucket";
    if (method === "POST" && query.has("delete")) return "DeleteObjects";
    if (query.has("location")) return "GetBucketLocation";
    if (query.has("uploads")) return "ListMultipartUploads";
    return query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
  }
  if (method === "HEAD") return "HeadObject";
  if (method === "GET") return query.has("uploadId") ? "ListParts" : "GetObject";
  if (method === "DELETE") return query.has("uploadId") ? "AbortMultipartUpload" : "DeleteObject";
  if (method === "POST" && query.has("uploads")) return "CreateMultipartUpload";
  if (method === "POST" && query.has("uploadId")) return "CompleteMultipartUpload";
  if (method === "PUT" && query.has("partNumber")) return "UploadPart";
  return "PutObject";
}

/** The IAM action S3 checks for an operation. */
function s3Action(operation: string): string {
  switch (operation) {
    case "HeadBucket":
    case "ListObjects":
    case "ListObjectsV2":
      return "s3:ListBucket";
    case "HeadObject":
    case "GetObject":
      return "s3:GetObject";
    case "DeleteObject":
    case "DeleteObjects":
      return "s3:DeleteObject";
    case "CreateBucket":
      return "s3:CreateBucket";
    case "ListMultipartUploads":
      return "s3:ListBucketMultipartUploads";
    case "AbortMultipartUpload":
      return "s3:AbortMultipartUpload";
    case "ListParts":
      return "s3:ListMultipartUploadParts";
    default:
      return "s3:PutObject";
  }
}
