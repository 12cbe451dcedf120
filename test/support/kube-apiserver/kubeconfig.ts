import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export interface KubeconfigOptions {
  server: string;
  token?: string;
  /** Name of the context (and of its cluster and user entries). */
  contextName?: string;
  namespace?: string;
  /** Further contexts pointing at the same cluster and user, to test context selection. */
  extraContexts?: string[];
  /** A credential plugin for the user entry: the command a client runs to get its token. */
  exec?: { command: string; args: string[] };
}

/**
 * A kubeconfig for the fake server. The fake speaks plain HTTP, and @kubernetes/client-node
 * refuses `http://` servers unless `insecure-skip-tls-verify` is true, so it is always set.
 * JSON-quoted scalars keep the YAML valid whatever the values contain.
 */
export function kubeconfigYaml(options: KubeconfigOptions): string {
  const context = options.contextName ?? "fake-cluster";
  const q = (value: string) => JSON.stringify(value);
  const contextEntry = (name: string) =>
    [
      `- name: ${q(name)}`,
      `  context:`,
      `    cluster: ${q(context)}`,
      `    user: ${q(context)}`,
      ...(options.namespace !== undefined ? [`    namespace: ${q(options.namespace)}`] : []),
    ].join("\n");
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    `- name: ${q(context)}`,
    "  cluster:",
    `    server: ${q(options.server)}`,
    "    insecure-skip-tls-verify: true",
    "users:",
    `- name: ${q(context)}`,
    "  user:",
    ...userLines(options),
    "contexts:",
    contextEntry(context),
    ...(options.extraContexts ?? []).map(contextEntry),
    `current-context: ${q(context)}`,
    "",
  ].join("\n");
}

function userLines(options: KubeconfigOptions): string[] {
  const q = (value: string) => JSON.stringify(value);
  const lines = options.token !== undefined ? [`    token: ${q(options.token)}`] : [];
  if (options.exec) {
    lines.push(
      "    exec:",
      "      apiVersion: client.authentication.k8s.io/v1beta1",
      `      command: ${q(options.exec.command)}`,
      `      args: ${JSON.stringify(options.exec.args)}`,
    );
  }
  return lines.length > 0 ? lines : ["    {}"];
}

/** Writes the kubeconfig into a fresh temporary directory and returns the file's path. */
export async function writeKubeconfig(options: KubeconfigOptions): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ocr-kubeconfig-"));
  const file = path.join(dir, "config");
  await writeFile(file, kubeconfigYaml(options), { mode: 0o600 });
  return file;
}
