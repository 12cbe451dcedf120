/** An S3 location: bucket and key (or key prefix, without a leading slash). */
export interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
  if (!match) throw new Error(`Not an s3:// URI: ${uri}`);
  return { bucket: match[1]!, key: match[2]! };
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** Joins a prefix and path segments with single slashes: `s3://b/a/` + `x` → `s3://b/a/x`. */
export function joinS3(base: string, ...parts: string[]): string {
  let out = base.replace(/\/+$/, "");
  for (const part of parts) out += `/${part.replace(/^\/+|\/+$/g, "")}`;
  return out;
}

/** The same location as a folder (ending in `/`), as S3Prefix channels and listings want. */
export function asFolder(uri: string): string {
  return uri.endsWith("/") ? uri : `${uri}/`;
}
