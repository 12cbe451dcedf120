import { inject } from "vitest";

/** Points this test file's code at the run's S3-protocol server, as `npm start` does with its own. */
export function useTestObjectStore(): void {
  const store = inject("objectStore");
  process.env.S3_ENDPOINT = store.endpoint;
  process.env.S3_ACCESS_KEY_ID = store.accessKeyId;
  process.env.S3_SECRET_ACCESS_KEY = store.secretAccessKey;
  process.env.S3_BUCKET = store.bucket;
}
