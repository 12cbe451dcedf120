import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { sealSecrets } from "@/lib/targets/target-secrets";
import { DEFAULT_TOKEN, kubeconfigYaml, PADDLECLOUD_APIS, startKubeApiServer, type KubeApiServer } from "@/test/support/kube-apiserver";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { getHealth } from "./get-health";

// /api/health answers anyone (load balancers, the sign-in page); it must tell them nothing about the
// installation, and no request to it may make the console reach out to a target.

let db: Database;
let viewer: Actor;
let other: Actor;
let api: KubeApiServer;
let work: string;
let marker: string;
const saved = { dir: process.env.CONSOLE_KUBECONFIG_DIR, allow: process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC };
const open = () => Promise.resolve(db);

async function storeTarget(actor: Actor, name: string, config: Record<string, unknown>, secrets: Record<string, string> = {}, lastCheck?: { ok: boolean; message: string }) {
  const { ciphertext, names } = sealSecrets(secrets);
  await db.prisma.target.create({
    data: {
      teamId: actor.teamId,
      name,
      kind: "kubernetes",
      config: { namespace: "kubeflow", ...config, secretNames: names },
      secretCiphertext: ciphertext,
      ...(lastCheck ? { lastCheckAt: new Date(), lastCheckOk: lastCheck.ok, lastCheckMessage: lastCheck.message } : {}),
    },
  });
}

beforeAll(async () => {
  useTestObjectStore();
  work = await mkdtemp(path.join(os.tmpdir(), "ocr-health-"));
  marker = path.join(work, "MARKER");
  const kubeconfigDir = path.join(work, "kubeconfigs");
  await mkdir(kubeconfigDir);
  process.env.CONSOLE_KUBECONFIG_DIR = kubeconfigDir;
  process.env.CONSOLE_KUBECONFIG_ALLOW_EXEC = "true";

  db = await openTestDatabase("pglite");
  viewer = await seedActor(db.prisma, "viewer");
  other = await seedActor(db.prisma, "admin");
  api = await startKubeApiServer({ apis: PADDLECLOUD_APIS, tokens: { [DEFAULT_TOKEN]: "system:serviceaccount:kubeflow:ocr-console" } });
  api.addNamespace("kubeflow");

  const plugin = { command: "/bin/sh", args: ["-c", `touch ${marker}`] };
  await storeTarget(viewer, "prod-cluster", { connection: "kubeconfig-inline" }, { kubeconfig: kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN }) });
  // Stored before pasted plugins were refused: a check of it would run the command.
  await storeTarget(viewer, "pasted-plugin", { connection: "kubeconfig-inline" }, { kubeconfig: kubeconfigYaml({ server: api.url, exec: plugin }) });
  // An operator-installed file with a plugin, allowed by the switch: health reports its last check.
  await writeFile(path.join(kubeconfigDir, "eks.yaml"), kubeconfigYaml({ server: api.url, exec: plugin }));
  await storeTarget(viewer, "eks", { connection: "kubeconfig-file", kubeconfigPath: "eks.yaml" }, {}, { ok: false, message: "token expired" });
  await storeTarget(other, "other-team-cluster", { connection: "kubeconfig-inline" }, { kubeconfig: kubeconfigYaml({ server: api.url, token: DEFAULT_TOKEN }) });
});
afterEach(async () => {
  await rm(marker, { force: true });
});
afterAll(async () => {
  for (const [key, value] of [["CONSOLE_KUBECONFIG_DIR", saved.dir], ["CONSOLE_KUBECONFIG_ALLOW_EXEC", saved.allow]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await api?.close();
  await db?.close();
  await rm(work, { recursive: true, force: true });
});

describe("health for an anonymous caller", () => {
  // First in the file, so no earlier call has filled a cache of target checks.
  it("asks no target anything, so no kubeconfig plugin runs", async () => {
    const requestsBefore = api.requests.length;
    await getHealth(open, null);

    expect(api.requests).toHaveLength(requestsBefore);
    expect(existsSync(marker)).toBe(false);
  });

  it("is the bare status and nothing else: no addresses, paths, target names or cluster URLs", async () => {
    const health = await getHealth(open, null);

    expect(Object.keys(health)).toEqual(["status"]);
    expect(health.status).toBe("ok");
    const body = JSON.stringify(health);
    for (const secret of ["prod-cluster", "pasted-plugin", "eks", api.url, inject("objectStore").endpoint]) expect(body).not.toContain(secret);
  });
});

describe("health for a signed-in caller", () => {
  it("shows the database, the object store and the caller's own team's targets only", async () => {
    const health = await getHealth(open, viewer);

    expect(health).toMatchObject({ database: { ok: true, kind: "pglite" }, objectStore: { ok: true, bucket: "model-center" } });
    if (!("targets" in health)) throw new Error("signed-in health has details");
    expect(health.targets.map((t) => t.name).sort()).toEqual(["eks", "pasted-plugin", "prod-cluster"]);
    expect(health.targets.find((t) => t.name === "prod-cluster")).toMatchObject({ ok: true });
  });

  it("runs no kubeconfig plugin: a pasted one is refused, an installed one is reported from its last check", async () => {
    const health = await getHealth(open, viewer);

    expect(existsSync(marker)).toBe(false);
    if (!("targets" in health)) throw new Error("signed-in health has details");
    expect(health.targets.find((t) => t.name === "pasted-plugin")).toMatchObject({ ok: false, message: expect.stringContaining("users[0].user.exec") });
    expect(health.targets.find((t) => t.name === "eks")).toMatchObject({ ok: false, message: expect.stringContaining("token expired") });
    expect(health.status).toBe("degraded");
  });
});
