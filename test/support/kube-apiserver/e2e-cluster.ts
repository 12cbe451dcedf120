import os from "node:os";
import path from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startEmbeddedS3 } from "../../../scripts/embedded-s3.mjs";
import { PADDLECLOUD_APIS } from "./crds";
import { DEFAULT_TOKEN, startKubeApiServer } from "./server";
import { kubeconfigYaml } from "./kubeconfig";
import { startSimulatedOperator } from "./simulated-operator";

/**
 * The console's data directory in e2e, as playwright.config.ts sets CONSOLE_DATA_DIR. The console
 * starts before this global setup, so its embedded store's address is unknown here; its files are
 * not, and the model hub writes there the way MinIO would hold the upload on a real cluster (where
 * the console's S3_ENDPOINT is that MinIO).
 */
function consoleObjectStoreDir(): string {
  const port = Number(process.env.E2E_PORT || 3210);
  const dataDir = process.env.E2E_DATA_DIR || path.join(os.tmpdir(), `ocr-console-e2e-${port}`);
  return path.join(dataDir, "s3");
}

/** `mc cp` into the console's store: a short-lived S3 server on the same directory takes the PUT. */
async function uploadIntoConsoleStore({ bucket, key, bytes }: { bucket: string; key: string; bytes: Uint8Array }): Promise<void> {
  const store = await startEmbeddedS3({ directory: consoleObjectStoreDir(), bucket });
  const client = new S3Client({
    endpoint: store.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey },
  });
  try {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
  } finally {
    client.destroy();
    await store.stop();
  }
}

/**
 * The Kubernetes cluster e2e tests see: the fake kube-apiserver with PaddleCloud's CRDs and Knative
 * installed, the simulated operators moving what the console creates (at a pace a browser can
 * watch), reached through kubeconfigs in the env.
 */
export async function startE2eCluster(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const kube = await startKubeApiServer({ version: "v1.29.3", apis: PADDLECLOUD_APIS });
  kube.addNamespace("kubeflow");
  const operator = await startSimulatedOperator(kube, { stepMs: 400, epochs: 2, stepsPerEpoch: 3, onModelUpload: uploadIntoConsoleStore });
  return {
    env: {
      E2E_KUBECONFIG: kubeconfigYaml({ server: kube.url, token: DEFAULT_TOKEN, contextName: "paddlecloud" }),
      E2E_KUBE_BAD_KUBECONFIG: kubeconfigYaml({ server: kube.url, token: "revoked-token", contextName: "paddlecloud" }),
      E2E_KUBE_URL: kube.url,
    },
    close: async () => {
      operator.stop();
      await kube.close();
    },
  };
}
