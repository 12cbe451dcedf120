import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { DEFAULT_TOKEN, kubeconfigYaml, startKubeApiServer, type KubeApiServer } from "@/test/support/kube-apiserver";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { checkTarget } from "./check-target";
import { createTarget } from "./create-target";
import { sealSecrets } from "./target-secrets";

// A pasted kubeconfig is text from a browser; nothing in it may run a command or read a file on the
// console's machine. Each test's plugin would `touch` a marker file, so "never ran" is observable.

let db: Database;
let admin: Actor;
let api: KubeApiServer;
let work: string;
let kubeconfigDir: string;
let marker: string;
const saved = { dir: process.env.CONSOLE_KUBECONFIG_DIR, allow: process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC };

function execKubeconfig(): string {
  return kubeconfigYaml({ server: api.url, exec: { command: "/bin/sh", args: ["-c", `touch ${marker}`] } });
}

async function refusal(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsoleError);
  return error as ConsoleError;
}

const kubernetes = (name: string, config: Record<string, unknown>, secrets: Record<string, string> = {}) => ({
  name,
  kind: "kubernetes",
  config: { namespace: "kubeflow", ...config },
  secrets,
});

beforeAll(async () => {
  db = await openTestDatabase("pglite");
  admin = await seedActor(db.prisma, "admin");
  api = await startKubeApiServer({ tokens: { [DEFAULT_TOKEN]: "system:serviceaccount:kubeflow:ocr-console" } });
  api.addNamespace("kubeflow");
});
afterAll(async () => {
  await api?.close();
  await db?.close();
});

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "ocr-kubeconfig-safety-"));
  kubeconfigDir = path.join(work, "kubeconfigs");
  await mkdir(kubeconfigDir);
  marker = path.join(work, "MARKER");
  process.env.CONSOLE_KUBECONFIG_DIR = kubeconfigDir;
  delete process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC;
});
afterEach(async () => {
  for (const [key, value] of [["CONSOLE_KUBECONFIG_DIR", saved.dir], ["CONSOLE_KUBECONFIG_ALLOW_EXEC", saved.allow]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(work, { recursive: true, force: true });
});

describe("a pasted kubeconfig", () => {
  it("with an exec plugin is refused with 422 naming the field, stored nowhere, and its command never runs", async () => {
    const error = await refusal(createTarget(db.prisma, admin, kubernetes("pasted-exec", { connection: "kubeconfig-inline" }, { kubeconfig: execKubeconfig() })));

    expect(error.status).toBe(422);
    expect(error.fieldErrors?.["secrets.kubeconfig"]?.join(" ")).toContain("users[0].user.exec");
    expect(await db.prisma.target.count({ where: { name: "pasted-exec" } })).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it("stored before this rule is refused again when it is loaded: Test connection fails and runs nothing", async () => {
    const { ciphertext, names } = sealSecrets({ kubeconfig: execKubeconfig() });
    await db.prisma.target.create({
      data: {
        teamId: admin.teamId,
        name: "stored-exec",
        kind: "kubernetes",
        config: { connection: "kubeconfig-inline", namespace: "kubeflow", secretNames: names },
        secretCiphertext: ciphertext,
      },
    });

    const requestsBefore = api.requests.length;
    const check = await checkTarget(db.prisma, admin, "stored-exec");

    expect(existsSync(marker)).toBe(false);
    expect(check.ok).toBe(false);
    expect(check.summary).toContain("users[0].user.exec");
    expect(api.requests).toHaveLength(requestsBefore);
  });

  it.each([
    ["auth-provider", "users[0].user.auth-provider", (yaml: string) => yaml.replace("    {}", "    auth-provider:\n      name: gcp\n      config:\n        cmd-path: /bin/sh")],
    ["token-file", "users[0].user.token-file", (yaml: string) => yaml.replace("    {}", "    token-file: /etc/passwd")],
    ["tokenFile", "users[0].user.tokenFile", (yaml: string) => yaml.replace("    {}", "    tokenFile: /etc/passwd")],
    ["client-key", "users[0].user.client-key", (yaml: string) => yaml.replace("    {}", "    client-certificate-data: Zm9v\n    client-key: /etc/shadow")],
    ["client-certificate", "users[0].user.client-certificate", (yaml: string) => yaml.replace("    {}", "    client-certificate: /etc/passwd\n    client-key-data: Zm9v")],
    ["certificate-authority", "clusters[0].cluster.certificate-authority", (yaml: string) => yaml.replace("    insecure-skip-tls-verify: true", "    certificate-authority: /etc/passwd")],
  ])("with %s (a server file or a command) is refused with 422 naming %s", async (key, field, edit) => {
    const kubeconfig = edit(kubeconfigYaml({ server: api.url }));
    const name = `pasted-${key.toLowerCase()}`;
    const error = await refusal(createTarget(db.prisma, admin, kubernetes(name, { connection: "kubeconfig-inline" }, { kubeconfig })));

    expect(error.status).toBe(422);
    expect(error.fieldErrors?.["secrets.kubeconfig"]?.join(" ")).toContain(field);
    expect(await db.prisma.target.count({ where: { name } })).toBe(0);
  });

  it("that is not YAML is refused when the target is added, with the line of the mistake and no echo of the text", async () => {
    const kubeconfig = "apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: https://x, token: s3cr3t-t0ken\n";
    const error = await refusal(createTarget(db.prisma, admin, kubernetes("pasted-broken", { connection: "kubeconfig-inline" }, { kubeconfig })));

    expect(error.status).toBe(422);
    const message = error.fieldErrors?.["secrets.kubeconfig"]?.join(" ") ?? "";
    expect(message).toMatch(/is not valid YAML: .+ \(line \d+\)/);
    expect(message).not.toContain("s3cr3t-t0ken");
    expect(await db.prisma.target.count({ where: { name: "pasted-broken" } })).toBe(0);
  });

  it("with only inline credentials is accepted and reaches the cluster", async () => {
    const kubeconfig = kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN });
    await createTarget(db.prisma, admin, kubernetes("pasted-ok", { connection: "kubeconfig-inline" }, { kubeconfig }));

    const check = await checkTarget(db.prisma, admin, "pasted-ok");
    expect(check.items.slice(0, 3).map((item) => item.ok)).toEqual([true, true, true]);
  });
});

describe("a kubeconfig file path", () => {
  it.each([
    ["absolute", "an absolute path elsewhere", () => "/etc/passwd"],
    ["dotdot", "a path climbing out with ..", () => `${kubeconfigDir}/../elsewhere/config`],
    ["relative", "a relative path climbing out with ..", () => "../elsewhere/config"],
  ])("outside the kubeconfig directory (%s: %s) is refused with 422 naming the field", async (key, _, file) => {
    const name = `file-outside-${key}`;
    const error = await refusal(createTarget(db.prisma, admin, kubernetes(name, { connection: "kubeconfig-file", kubeconfigPath: file() })));

    expect(error.status).toBe(422);
    expect(error.fieldErrors?.["config.kubeconfigPath"]?.join(" ")).toContain(kubeconfigDir);
    expect(await db.prisma.target.count({ where: { name } })).toBe(0);
  });

  it("that is a symlink inside the directory pointing out of it is refused, on create and on load", async () => {
    const outside = path.join(work, "outside.yaml");
    await writeFile(outside, kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN }));
    await symlink(outside, path.join(kubeconfigDir, "sneaky.yaml"));

    const error = await refusal(createTarget(db.prisma, admin, kubernetes("file-symlink", { connection: "kubeconfig-file", kubeconfigPath: "sneaky.yaml" })));
    expect(error.status).toBe(422);
    expect(error.fieldErrors?.["config.kubeconfigPath"]).toBeDefined();

    // A row stored with the path anyway (before the rule, or the link made afterwards) is refused at load.
    await db.prisma.target.create({
      data: { teamId: admin.teamId, name: "file-symlink", kind: "kubernetes", config: { connection: "kubeconfig-file", kubeconfigPath: path.join(kubeconfigDir, "sneaky.yaml"), namespace: "kubeflow" } },
    });
    const requestsBefore = api.requests.length;
    const check = await checkTarget(db.prisma, admin, "file-symlink");
    expect(check.ok).toBe(false);
    expect(check.summary).toContain(kubeconfigDir);
    expect(api.requests).toHaveLength(requestsBefore);
  });

  it("inside the directory is accepted, by name or by absolute path, and may refer to files beside it", async () => {
    await writeFile(path.join(kubeconfigDir, "token"), DEFAULT_TOKEN);
    await writeFile(path.join(kubeconfigDir, "prod.yaml"), kubeconfigYaml({ server: api.url }).replace("    {}", `    token-file: ${path.join(kubeconfigDir, "token")}`));

    await createTarget(db.prisma, admin, kubernetes("file-by-name", { connection: "kubeconfig-file", kubeconfigPath: "prod.yaml" }));
    await createTarget(db.prisma, admin, kubernetes("file-by-path", { connection: "kubeconfig-file", kubeconfigPath: path.join(kubeconfigDir, "prod.yaml") }));

    for (const name of ["file-by-name", "file-by-path"]) {
      const check = await checkTarget(db.prisma, admin, name);
      expect(check.items.slice(0, 3).map((item) => item.ok)).toEqual([true, true, true]);
    }
  });
});

describe("an installed kubeconfig file with an exec plugin", () => {
  beforeEach(async () => {
    await writeFile(path.join(kubeconfigDir, "eks.yaml"), execKubeconfig());
  });

  it("is refused at load unless CONSOLE_KUBECONFIG_ALLOW_EXEC is on, and its command does not run", async () => {
    await createTarget(db.prisma, admin, kubernetes("eks-refused", { connection: "kubeconfig-file", kubeconfigPath: "eks.yaml" }));

    const check = await checkTarget(db.prisma, admin, "eks-refused");
    expect(existsSync(marker)).toBe(false);
    expect(check.ok).toBe(false);
    expect(check.summary).toContain("users[0].user.exec");
    expect(check.summary).toContain("CONSOLE_KUBECONFIG_ALLOW_EXEC");
  });

  it("runs its plugin when the operator turned CONSOLE_KUBECONFIG_ALLOW_EXEC on", async () => {
    process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC = "true";
    await createTarget(db.prisma, admin, kubernetes("eks-allowed", { connection: "kubeconfig-file", kubeconfigPath: "eks.yaml" }));

    await checkTarget(db.prisma, admin, "eks-allowed");
    expect(existsSync(marker)).toBe(true);
  });

  it("does not let the switch allow a pasted kubeconfig's plugin", async () => {
    process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC = "true";
    const error = await refusal(createTarget(db.prisma, admin, kubernetes("pasted-exec-allowed", { connection: "kubeconfig-inline" }, { kubeconfig: execKubeconfig() })));

    expect(error.status).toBe(422);
    expect(existsSync(marker)).toBe(false);
  });
});
