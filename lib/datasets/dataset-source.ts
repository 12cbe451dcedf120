import { readConfig } from "@/lib/config/env";
import { ConsoleError } from "@/lib/errors/console-error";

/** What a dataset's source URI means to the console: where to read it from, and how. */
export type DatasetSource =
  | { kind: "object-store"; scheme: "s3" | "minio"; bucket: string; prefix: string }
  | { kind: "https"; url: URL }
  /** bos:// and hdfs:// are read by PaddleCloud's SampleSet on a cluster, never by the console itself. */
  | { kind: "sample-set-only"; scheme: "bos" | "hdfs" };

export function parseDatasetSource(uri: string): DatasetSource {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(uri.trim());
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? "";
  switch (scheme) {
    case "s3":
    case "minio": {
      const [bucket = "", ...keyParts] = rest.split("/");
      const key = keyParts.filter(Boolean).join("/");
      return { kind: "object-store", scheme, bucket, prefix: key ? `${key}/` : "" };
    }
    case "https":
      return { kind: "https", url: new URL(uri) };
    case "bos":
    case "hdfs":
      return { kind: "sample-set-only", scheme };
    default:
      throw new ConsoleError("bad_request", `Unsupported dataset source: ${uri}`);
  }
}

/** The plain sentence for sources the console cannot read itself. */
export function sampleSetOnlyMessage(scheme: "bos" | "hdfs"): string {
  return `${scheme}:// sources can be cached only by a Kubernetes target's SampleSet (PaddleCloud reads them on the cluster); the console cannot read them to validate, preview or cache them locally. Cache the dataset on a Kubernetes target, or copy it to s3:// or minio://.`;
}

/**
 * The console store's URI for a key, as other targets will read it: minio:// for MinIO or the embedded
 * store (S3_ENDPOINT set), s3:// for AWS S3.
 */
export function consoleStoreUri(key: string, s3 = readConfig().s3): string {
  return `${s3.endpoint ? "minio" : "s3"}://${s3.bucket}/${key.replace(/^\/+/, "")}`;
}

/** Uploaded datasets live in the console's store under a prefix of their own. */
export function uploadPrefix(datasetId: string): string {
  return `_console/datasets/${datasetId}/source/`;
}

export function isUploadedDataset(dataset: { id: string; sourceUri: string }): boolean {
  const source = safeParse(dataset.sourceUri);
  return source?.kind === "object-store" && source.prefix === uploadPrefix(dataset.id);
}

function safeParse(uri: string): DatasetSource | null {
  try {
    return parseDatasetSource(uri);
  } catch {
    return null;
  }
}
