import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { VisualDlSource } from "@/lib/providers/training";
import { listObjects } from "@/lib/storage/list-objects";

/** A run's log directory uploaded to S3 / MinIO (`s3://bucket/prefix/`), read with ranged GETs. */
export function s3PrefixSource(client: S3Client, bucket: string, prefix: string): VisualDlSource {
  const folder = prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
  return {
    async list() {
      const files: Array<{ name: string; size: number }> = [];
      for await (const page of listObjects(client, bucket, folder)) {
        for (const object of page.objects) {
          const name = object.key.slice(folder.length);
          // Deeper keys belong to other runs' directories, as sub-directories do locally.
          if (name && !name.includes("/")) files.push({ name, size: object.size });
        }
      }
      return files;
    },
    async read(name, offset, length) {
      if (length <= 0) return new Uint8Array(0);
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: folder + name, Range: `bytes=${offset}-${offset + length - 1}` }));
      return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array(0);
    },
  };
}

/** `s3://bucket/some/prefix` → its parts; null for any other scheme. */
export function parseS3Uri(uri: string): { bucket: string; prefix: string } | null {
  const match = /^(?:s3|minio):\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, prefix: match[2]! } : null;
}
