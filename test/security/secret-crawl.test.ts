import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { operationKey } from "@/lib/api/find-operation";
import { apiOperations } from "@/lib/api/operations";
import { sameOriginHeaders, type Caller } from "./callers";
import { consoleUnderTest } from "./console-under-test";
import { callOperation } from "./routes";

// Secret values planted in every kind of target and in a dataset's credentials, then every GET
// of the API read as each role (and every connection check run): no answer and no log line may
// hold any of them, in any encoding a careless serializer would use.

const mark = (what: string) => `PLANTED-${what}-${randomBytes(6).toString("hex")}`;
const SECRETS = {
  kubeToken: mark("KUBE-TOKEN"),
  kubeKey: mark("KUBE-CLIENT-KEY"),
  awsKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
  awsSecret: mark("AWS-SECRET"),
  awsSession: mark("AWS-SESSION"),
  datasetSecret: mark("DATASET-SECRET"),
  datasetAuthorization: mark("DATASET-AUTH"),
};
const encodings = (value: string) => [value, Buffer.from(value).toString("base64"), encodeURIComponent(value), JSON.stringify(value).slice(1, -1)];
const NEEDLES = Object.values(SECRETS).flatMap(encodings);

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: planted
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: planted
  context: { cluster: planted, user: planted }
current-context: planted
users:
- name: planted
  user:
    token: ${SECRETS.kubeToken}
    client-key-data: ${Buffer.from(SECRETS.kubeKey).toString("base64")}
`;

const harness = consoleUnderTest({ routes: true, dataDir: true });
const logged: string[] = [];

function leaks(text: string): string[] {
  return NEEDLES.filter((needle) => text.includes(needle));
}

async function send(key: Parameters<typeof callOperation>[1], caller: Caller, options: Parameters<typeof callOperation>[2] = {}) {
  const answer = await callOperation(harness.routes, key, { ...options, headers: { ...sameOriginHeaders(), ...caller.bearer, ...options.headers } });
  return { status: answer.status, text: await answer.text() };
}

beforeAll(async () => {
  for (const level of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" ")));
  }
  const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const planted = [
    await send("POST /api/v1/targets", harness.callers.admin, json({ name: "planted-kube", kind: "kubernetes", config: { connection: "kubeconfig-inline", namespace: "kubeflow" }, secrets: { kubeconfig } })),
    await send(
      "POST /api/v1/targets",
      harness.callers.admin,
      json({
        name: "planted-sm",
        kind: "sagemaker",
        config: { region: "us-east-1", roleArn: "arn:aws:iam::123456789012:role/planted", s3OutputPrefix: "s3://planted-bucket/out", endpointOverride: "http://127.0.0.1:1" },
        secrets: { accessKeyId: SECRETS.awsKeyId, secretAccessKey: SECRETS.awsSecret, sessionToken: SECRETS.awsSession },
      }),
    ),
    await send(
      "POST /api/v1/datasets",
      harness.callers.admin,
      json({ name: "planted", task: "det", sourceUri: "s3://planted-bucket/data", trainLabelFile: "train.txt", testLabelFile: "test.txt", credentials: { accessKeyId: SECRETS.awsKeyId, secretAccessKey: SECRETS.datasetSecret, authorization: SECRETS.datasetAuthorization } }),
    ),
  ];
  for (const answer of planted) expect(answer.status, answer.text).toBe(201);
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
});

describe("planted secrets", () => {
  it("are stored only sealed", async () => {
    const rows = JSON.stringify([await harness.database.prisma.target.findMany(), await harness.database.prisma.dataset.findMany(), await harness.database.prisma.auditEvent.findMany()]);
    expect(leaks(rows)).toEqual([]);
  });

  it.each(["viewer", "editor", "admin"] as const)("never reach an API answer read as %s", async (role) => {
    const found: string[] = [];
    for (const target of ["planted-kube", "planted-sm", "local"]) {
      const check = await send("POST /api/v1/targets/{name}:check", harness.callers[role], { params: { name: target } });
      found.push(...leaks(check.text).map((needle) => `${target}:check → ${needle}`));
    }
    for (const operation of apiOperations.filter((candidate) => candidate.method === "get")) {
      const params = { name: operation.path.startsWith("/api/v1/targets") ? "planted-kube" : "planted", id: "planted", version: "1" };
      const answer = await send(operationKey(operation), harness.callers[role], { params });
      found.push(...leaks(answer.text).map((needle) => `${operationKey(operation)} (${answer.status}) → ${needle}`));
    }
    expect(found).toEqual([]);
  });

  it("never reach a log line", () => {
    expect(logged.flatMap(leaks)).toEqual([]);
  });
});
