import { accessSync, constants, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { readConfig } from "@/lib/config/env";
import type { KubernetesTargetConfig, KubernetesTargetSecrets } from "@/lib/schemas/targets";
import { confineKubeconfigPath, type KubeconfigFile } from "./kubeconfig-path";
import { KubeconfigRefusedError, kubeconfigProblems, type KubeconfigOrigin } from "./kubeconfig-rules";
import { parseKubeconfigYaml } from "./kubeconfig-yaml";

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
 * The kubeconfig rules (no plugins or file reads in a pasted kubeconfig, files only from the
 * kubeconfig directory) are applied here on every load, not only when a target is added, so rows
 * stored before the rules existed are refused too.
 */
export function loadKubeConfig(config: KubernetesTargetConfig, secrets: KubernetesTargetSecrets): KubeConfig {
  const kc = new KubeConfig();
  switch (config.connection) {
    case "in-cluster":
      loadInCluster(kc);
      return kc; // its single generated context is the only one there is
    case "kubeconfig-inline": {
      if (!secrets.kubeconfig) throw new Error("No kubeconfig was provided: paste the contents of a kubeconfig file.");
      loadPastedKubeconfig(kc, secrets.kubeconfig);
      break;
    }
    case "kubeconfig-file":
      loadFile(kc, kubeconfigFile(config));
      break;
  }
  selectContext(kc, config.context);
  return kc;
}

/** Loads pasted kubeconfig text into `kc`, refusing what would run a command or read a file here. */
export function loadPastedKubeconfig(kc: KubeConfig, text: string): void {
  loadDocument(kc, text, "pasted", "The pasted kubeconfig");
}

/**
 * The file a `kubeconfig-file` target reads: its path confined to the kubeconfig directory, or with
 * no path the operator's own default ($KUBECONFIG or ~/.kube/config), which no console user chooses.
 * Throws KubeconfigPathError for a path outside the directory.
 */
export function kubeconfigFile(config: Pick<KubernetesTargetConfig, "kubeconfigPath">): KubeconfigFile {
  if (config.kubeconfigPath === undefined) {
    const file = expandHome(defaultKubeconfigPath());
    return { shown: file, real: file };
  }
  return confineKubeconfigPath(config.kubeconfigPath, readConfig().kubeconfig.dir);
}

/**
 * Whether using this target would run a credential plugin: only an installed kubeconfig file can,
 * and only with CONSOLE_KUBECONFIG_ALLOW_EXEC on (otherwise loading refuses it). Loading runs nothing.
 */
export function kubeconfigRunsPlugin(config: KubernetesTargetConfig, secrets: KubernetesTargetSecrets): boolean {
  if (config.connection !== "kubeconfig-file" || !readConfig().kubeconfig.allowExec) return false;
  try {
    const user = loadKubeConfig(config, secrets).getCurrentUser();
    return Boolean(user?.exec || user?.authProvider);
  } catch {
    return false; // a kubeconfig that does not load runs nothing either
  }
}

function loadFile(kc: KubeConfig, file: KubeconfigFile): void {
  const what = `Kubeconfig file ${file.shown}`;
  let text: string;
  try {
    accessSync(file.real, constants.R_OK);
    text = readFileSync(file.real, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new Error(`${what} does not exist.`);
    if (code === "EACCES") throw new Error(`${what} cannot be read (permission denied).`);
    if (code === "EISDIR") throw new Error(`${what} is a directory, not a kubeconfig file.`);
    throw new Error(`${what} cannot be read: ${(error as Error).message}.`);
  }
  loadDocument(kc, text, "file", what);
  // As the client's loadFromFile does: relative certificate paths are relative to the file.
  kc.makePathsAbsolute(path.dirname(file.real));
}

/**
 * Parses, checks against the kubeconfig rules, then hands the client the checked object as JSON
 * (valid YAML with one reading), so it cannot see anything that was not checked.
 */
function loadDocument(kc: KubeConfig, text: string, origin: KubeconfigOrigin, what: string): void {
  const doc = parseKubeconfigYaml(text, what);
  const problems = kubeconfigProblems(doc, origin, readConfig().kubeconfig.allowExec);
  if (problems.length > 0) throw new KubeconfigRefusedError(what, problems);
  const json = JSON.stringify(doc);
  loadWith(() => kc.loadFromString(json), what);
}

/** Runs the client's loading, rewording its failures as "<what> is not …" / "<what> refers to …". */
function loadWith(load: () => void, what: string): void {
  try {
    load();
  } catch (error) {
    const { code, path: missing } = error as NodeJS.ErrnoException;
    // A `token-file` of an installed kubeconfig is read while loading; name that file, not the kubeconfig.
    if (code !== undefined && missing !== undefined) {
      throw new Error(`${what} refers to ${missing}, which cannot be read (${code}).`);
    }
    // The YAML parsed: what is left is the client's own complaint, such as "clusters[0].cluster.server is missing".
    throw new Error(`${what} is not a usable kubeconfig: ${error instanceof Error ? error.message : String(error)}.`);
  }
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
