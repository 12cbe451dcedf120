import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SagemakerTargetConfig } from "@/lib/schemas/targets";
import { startFakeAws, type FakeAws } from "@/test/support/aws";
import type { DatasetCacheBackend, DatasetCacheSpec, DatasetCacheStatus } from "../dataset-cache";
import { createAwsClients, type AwsClients } from "./aws-clients";
import { sagemakerProvider } from "./sagemaker-provider";

const BUCKET = "sagemaker-datasets-test";

describe("dataset sync to the target's S3 prefix", () => {
  let aws: FakeAws;
  let config: SagemakerTargetConfig;
  let cache: DatasetCacheBackend;
  let clients: AwsClients;
  let root: string;
  const big = randomBytes(9 * 1024 * 1024 + 123);

  beforeAll(async () => {
    aws = await startFakeAws({ region: "eu-west-1", objectStore: inject("objectStore"), buckets: [BUCKET] });
    config = { region: "eu-west-1", roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution", s3OutputPrefix: `s3://${BUCKET}/console/`, endpointOverride: aws.url };
    root = mkdtempSync(path.join(os.tmpdir(), "sagemaker-dataset-"));
    mkdirSync(path.join(root, "imgs"));
    writeFileSync(path.join(root, "train.txt"), 'imgs/1.jpg\t[{"transcription": "A", "points": [[0,0],[1,0],[1,1],[0,1]]}]\n');
    writeFileSync(path.join(root, "test.txt"), 'imgs/2.jpg\t[{"transcription": "B", "points": [[0,0],[1,0],[1,1],[0,1]]}]\n');
    writeFileSync(path.join(root, "imgs", "1.jpg"), randomBytes(2048));
    writeFileSync(path.join(root, "imgs", "2.jpg"), randomBytes(4096));
    writeFileSync(path.join(root, "imgs", "scan.tif"), big);
    cache = sagemakerProvider(
      { name: "aws", kind: "sagemaker", config, secrets: { ...aws.credentials } },
      { datasets: { localRoot: async (spec) => (spec.datasetId === "ds-receipts" ? root : Promise.reject(new Error("unknown dataset"))) } },
    ).datasets!;
    clients = createAwsClients(config, aws.credentials);
  });
  afterAll(async () => {
    clients.destroy();
    await aws.close();
  });

  const spec: DatasetCacheSpec = { datasetId: "ds-receipts", name: "receipts", version: 2, sourceUri: "https://example.com/receipts.zip", credentials: null, files: null };
  const size = (file: string) => statSync(path.join(root, file)).size;
  const uploads = () => aws.calls.filter((call) => ["PutObject", "CreateMultipartUpload", "UploadPart"].includes(call.operation) && JSON.stringify(call.input).includes("datasets/receipts/v2/"));

  it("uploads every file (the large one in multipart parts) and becomes a Ready channel location", async () => {
    const progress: DatasetCacheStatus[] = [];
    const status = await cache.cacheDataset(spec, { onProgress: (s) => progress.push(s) });
    expect(status).toMatchObject({
      state: "Ready",
      progress: 1,
      bytesTotal: big.length + 2048 + 4096 + size("train.txt") + size("test.txt"),
      location: `s3://${BUCKET}/console/datasets/receipts/v2/`,
      details: { uploaded: 5, skipped: 0, files: 5 },
    });
    expect(uploads().filter((call) => call.operation === "UploadPart")).toHaveLength(2);
    expect(progress.some((s) => s.phase === "Uploading" && s.bytesDone > 0 && s.bytesDone < s.bytesTotal)).toBe(true);
    const copy = await clients.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "console/datasets/receipts/v2/imgs/scan.tif" }));
    expect(Buffer.from(await copy.Body!.transformToByteArray()).equals(big)).toBe(true);
    expect(await cache.cacheStatus(spec)).toMatchObject({ state: "Ready", location: `s3://${BUCKET}/console/datasets/receipts/v2/` });
  });

  it("skips unchanged objects by size and ETag and uploads only what changed", async () => {
    writeFileSync(path.join(root, "imgs", "2.jpg"), randomBytes(4096));
    const before = uploads().length;
    const status = await cache.cacheDataset(spec, {});
    expect(status.details).toEqual({ uploaded: 1, skipped: 4, files: 5 });
    expect(uploads().slice(before).map((call) => (call.input as { Key: string }).Key)).toEqual(["console/datasets/receipts/v2/imgs/2.jpg"]);
  });

  it("syncs only the manifest's files when the version has one", async () => {
    const status = await cache.cacheDataset({ ...spec, version: 3, files: [{ path: "train.txt", size: size("train.txt") }, { path: "imgs/1.jpg", size: 2048 }] }, {});
    expect(status).toMatchObject({ state: "Ready", location: `s3://${BUCKET}/console/datasets/receipts/v3/`, details: { uploaded: 2, skipped: 0, files: 2 } });
  });

  it("reports a version never synced as Pending, evicts a copy, and fails with the reason", async () => {
    expect(await cache.cacheStatus({ ...spec, version: 7 })).toMatchObject({ state: "Pending", location: null });
    await cache.evictDataset!({ ...spec, version: 3 });
    expect(await cache.cacheStatus({ ...spec, version: 3 })).toMatchObject({ state: "Pending" });
    aws.account.deny("s3:PutObject");
    try {
      const failed = await cache.cacheDataset({ ...spec, version: 4 }, {});
      expect(failed).toMatchObject({ state: "Failed" });
      expect(failed.message).toMatch(/^Missing permission: these credentials may not call s3:PutObject on bucket sagemaker-datasets-test/);
    } finally {
      aws.account.allow("s3:PutObject");
    }
  });
});
