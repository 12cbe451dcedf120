import type { S3Client } from "@aws-sdk/client-s3";
import { readConfig } from "@/lib/config/env";
import { ConsoleError } from "@/lib/errors/console-error";
import { objectStoreClient } from "@/lib/storage/s3-client";

// Where the registry lives: one bucket (`S3_BUCKET`, PaddleCloud's `model-center` by default) laid
// out as `<model_name>/<version>/…`, with aliases at `<model_name>/_aliases/<alias>.json`.

export interface RegistryStore {
  client: S3Client;
  bucket: string;
}

/** The configured registry bucket with the process's shared client. */
export function registryStore(): RegistryStore {
  const { s3 } = readConfig();
  return { client: objectStoreClient(s3), bucket: s3.bucket };
}

export const ALIASES_FOLDER = "_aliases";
export const MANIFEST_FILE = "model.json";

export function versionPrefix(modelName: string, version: string): string {
  return `${modelName}/${version}/`;
}

export function manifestKey(modelName: string, version: string): string {
  return `${versionPrefix(modelName, version)}${MANIFEST_FILE}`;
}

export function aliasKey(modelName: string, alias: string): string {
  return `${modelName}/${ALIASES_FOLDER}/${alias}.json`;
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** `s3://bucket/key` (or `minio://`, as PaddleCloud writes it) split into bucket and key. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^(?:s3|minio):\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new ConsoleError("bad_request", `"${uri}" is not an s3://bucket/key URI.`);
  return { bucket: match[1]!, key: match[2]! };
}

export function isTarballName(path: string): boolean {
  return /\.(tar|tar\.gz|tgz)$/i.test(path);
}
