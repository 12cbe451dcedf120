import { startFakeSagemaker } from "./sagemaker-server";

/** The AWS services e2e tests see: fake SageMaker (and friends), addresses and keys in the env. */
export async function startE2eAws(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const sagemaker = await startFakeSagemaker({ region: "us-east-1" });
  return {
    env: {
      E2E_SAGEMAKER_URL: sagemaker.url,
      E2E_SAGEMAKER_ACCESS_KEY_ID: sagemaker.credentials.accessKeyId,
      E2E_SAGEMAKER_SECRET_ACCESS_KEY: sagemaker.credentials.secretAccessKey,
    },
    close: () => sagemaker.close(),
  };
}
