import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedS3 } from "../../../scripts/embedded-s3.mjs";
import { E2E_TIMING } from "./clock";
import { startFakeAws } from "./fake-aws";

/** The bucket the e2e sagemaker target writes data, artifacts and test images to. */
export const E2E_SAGEMAKER_BUCKET = "ocr-artifacts";

/**
 * The AWS account e2e tests see: SageMaker, its runtime, CloudWatch Logs, Auto Scaling, STS and S3
 * behind one URL, with an S3 store of its own (AWS's S3 is not the console's object store). Jobs
 * and endpoints move slowly enough to watch; endpoints answer with the real local OCR runtime.
 */
export async function startE2eAws(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), "ocr-console-e2e-aws-s3-"));
  const store = await startEmbeddedS3({ directory, bucket: E2E_SAGEMAKER_BUCKET });
  const aws = await startFakeAws({ region: "us-east-1", timing: E2E_TIMING, objectStore: store, buckets: [E2E_SAGEMAKER_BUCKET] });
  return {
    env: {
      E2E_SAGEMAKER_URL: aws.url,
      E2E_SAGEMAKER_ACCESS_KEY_ID: aws.credentials.accessKeyId,
      E2E_SAGEMAKER_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
      E2E_SAGEMAKER_ROLE_ARN: `arn:aws:iam::${aws.accountId}:role/SageMakerExecution`,
      E2E_SAGEMAKER_S3_PREFIX: `s3://${E2E_SAGEMAKER_BUCKET}/console`,
    },
    async close() {
      await aws.close();
      await store.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
