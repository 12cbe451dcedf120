import { startFakeSagemaker } from "../test/support/aws/sagemaker-server";
import { DEFAULT_TOKEN, kubeconfigYaml, startKubeApiServer } from "../test/support/kube-apiserver";

// The backends the console talks to in e2e: a fake kube-apiserver and a fake SageMaker, both
// speaking the real protocols. Their addresses reach the tests through the environment.
export default async function globalSetup() {
  const kube = await startKubeApiServer({ version: "v1.29.3" });
  kube.addNamespace("kubeflow");
  const sagemaker = await startFakeSagemaker({ region: "us-east-1" });

  process.env.E2E_KUBECONFIG = kubeconfigYaml({ server: kube.url, token: DEFAULT_TOKEN, contextName: "paddlecloud" });
  process.env.E2E_KUBE_BAD_KUBECONFIG = kubeconfigYaml({ server: kube.url, token: "revoked-token", contextName: "paddlecloud" });
  process.env.E2E_SAGEMAKER_URL = sagemaker.url;
  process.env.E2E_SAGEMAKER_ACCESS_KEY_ID = sagemaker.credentials.accessKeyId;
  process.env.E2E_SAGEMAKER_SECRET_ACCESS_KEY = sagemaker.credentials.secretAccessKey;

  return async () => {
    await kube.close();
    await sagemaker.close();
  };
}
