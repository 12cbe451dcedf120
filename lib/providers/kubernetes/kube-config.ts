import { accessSync, constants } from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import type { KubernetesTargetConfig, KubernetesTargetSecrets } from "@/lib/schemas/targets";

const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/**
 * $KUBECONFIG or ~/.kube/config. Of a $KUBECONFIG list only the first file is read: merging as
 * kubectl does would need its first-wins rule for duplicate names, which the client does not have.
 */
export function defaultKubeconfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const first = env.KUBECONFIG?.split(path.delimiter).find((entry) => entry.trim() !== "");
  return first ?? path.join(os.homedir(), ".kube", "config");
}

/**
 * Builds the client configuration for a target. Every failure is thrown as one sentence a user can
 * act on; the raw fs / YAML errors of @kubernetes/client-node name neither the file nor the fix.
 */
export function loadKubeConfig(config: KubernetesTargetConfig, secrets: KubernetesTargetSecrets): KubeConfig {
  const kc = new KubeConfig();
  switch (config.connection) {
    case "in-cluster":
      loadInCluster(kc);
      return kc; // its single generated context is the only one there is
    case "kubeconfig-inline": {
      if (!secrets.kubeconfig) throw new Error("No kubeconfig was provided: paste the contents of a kubeconfig file.");
      const text = secrets.kubeconfig;
      loadWith(() => kc.loadFromString(text), "The pasted kubeconfig");
      break;
    }
    case "kubeconfig-file": {
      const file = expandHome(config.kubeconfigPath ?? defaultKubeconfigPath());
      loadFile(kc, file);
      break;
    }
  }
  selectContext(kc, config.context);
  return kc;
}

function loadFile(kc: KubeConfig, file: string): void {
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`Kubeconfig file ${file} does not exist.`);
    if (code === "EACCES") throw new Error(`Kubeconfig file ${file} cannot be read (permission denied).`);
    throw new Error(`Kubeconfig file ${file} cannot be read: ${(error as Error).message}.`);
  }
  loadWith(() => kc.loadFromFile(file), `Kubeconfig file ${file}`);
}

/** Runs one of the client's load functions, rewording its failures as "<what> is not …". */
function loadWith(load: () => void, what: string): void {
  try {
    load();
  } catch (error) {
    const { code, path: missing } = error as NodeJS.ErrnoException;
    if (code === "EISDIR") throw new Error(`${what} is a directory, not a kubeconfig file.`);
    // A user's `token-file` is read while loading; name that file, not the kubeconfig.
    if (code !== undefined && missing !== undefined) {
      throw new Error(`${what} refers to ${missing}, which cannot be read (${code}).`);
    }
    throw new Error(`${what} ${describeParseError(error)}`);
  }
}

/** Completes "Kubeconfig file X …" / "The pasted kubeconfig …" for loadFromString's failures. */
function describeParseError(error: unknown): string {
  if (error instanceof Error && error.name === "YAMLException") {
    const reason = (error as Error & { reason?: string }).reason ?? error.message;
    const line = (error as Error & { mark?: { line?: number } }).mark?.line;
    return `is not valid YAML: ${reason}${line !== undefined ? ` (line ${line + 1})` : ""}.`;
  }
  // loadFromString reads `obj.clusters` off whatever the YAML was, so an empty document is a TypeError.
  if (error instanceof TypeError) return "is empty or is not a kubeconfig (no clusters, users or contexts).";
  return `is not a usable kubeconfig: ${error instanceof Error ? error.message : String(error)}.`;
}

function selectContext(kc: KubeConfig, wanted: string | undefined): void {
  const names = kc.getContexts().map((context) => context.name);
  if (names.length === 0) throw new Error("The kubeconfig defines no contexts.");
  const known = `Known contexts: ${names.join(", ")}.`;
  if (wanted !== undefined) {
    if (!names.includes(wanted)) throw new Error(`Context "${wanted}" is not in the kubeconfig. ${known}`);
    kc.setCurrentContext(wanted);
  } else if (!kc.getCurrentContext()) {
    throw new Error(`The kubeconfig has no current-context; choose a context. ${known}`);
  } else if (!names.includes(kc.getCurrentContext())) {
    throw new Error(`The kubeconfig's current-context "${kc.getCurrentContext()}" is not defined in it. ${known}`);
  }
  const context = kc.getContextObject(kc.getCurrentContext());
  if (context && !kc.getCluster(context.cluster)) {
    throw new Error(`Context "${context.name}" refers to cluster "${context.cluster}", which the kubeconfig does not define.`);
  }
}

function loadInCluster(kc: KubeConfig): void {
  if (!process.env.KUBERNETES_SERVICE_HOST || !process.env.KUBERNETES_SERVICE_PORT) {
    throw new Error(
      "In-cluster connection needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which are only set inside a Kubernetes pod.",
    );
  }
  try {
    accessSync(SERVICE_ACCOUNT_TOKEN, constants.R_OK);
  } catch {
    throw new Error(`In-cluster connection needs the service account token at ${SERVICE_ACCOUNT_TOKEN}, which cannot be read.`);
  }
  kc.loadFromCluster();
}

function expandHome(file: string): string {
  return file === "~" || file.startsWith("~/") ? path.join(os.homedir(), file.slice(1)) : file;
}
