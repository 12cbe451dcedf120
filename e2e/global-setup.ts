import { startE2eAws } from "../test/support/aws/e2e-aws";
import { startE2eCluster } from "../test/support/kube-apiserver/e2e-cluster";

// The backends the console talks to in e2e: a fake kube-apiserver and fake AWS services, all
// speaking the real protocols. Their addresses reach the tests through the environment.
export default async function globalSetup() {
  const backends = [await startE2eCluster(), await startE2eAws()];
  for (const backend of backends) Object.assign(process.env, backend.env);
  return async () => {
    for (const backend of backends) await backend.close();
  };
}
