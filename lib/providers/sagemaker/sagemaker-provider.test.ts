import { freeLoopbackPort, startSilentServer } from "@/test/support/loopback-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SagemakerTargetSecrets } from "@/lib/schemas/targets";
import { startFakeSagemaker, type FakeSagemaker } from "@/test/support/aws";
import { sagemakerProvider } from "./sagemaker-provider";

function target(endpointOverride: string, secrets: SagemakerTargetSecrets, region = "us-east-1") {
  return sagemakerProvider({
    name: "aws",
    kind: "sagemaker",
    config: {
      region,
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
      s3OutputPrefix: "s3://ocr-console-artifacts/training",
      endpointOverride,
    },
    secrets,
  });
}

describe("sagemaker connection check", () => {
  let fake: FakeSagemaker;
  let keys: SagemakerTargetSecrets;

  beforeAll(async () => {
    fake = await startFakeSagemaker({ region: "eu-west-1" });
    keys = { ...fake.credentials };
  });
  afterEach(() => fake.trainingJobs.splice(0));
  afterAll(() => fake.close());

  it("reports the region and that no training jobs are visible in an empty account", async () => {
    const result = await target(fake.url, keys, "eu-west-1").check();

    expect(result.ok).toBe(true);
    expect(result.summary).toBe("SageMaker reachable in eu-west-1, no training jobs visible");
    expect(fake.calls.at(-1)).toEqual({ operation: "ListTrainingJobs", input: { MaxResults: 1 } });
  });

  it("counts the one training job there is", async () => {
    fake.addTrainingJob({ name: "ppocr-det-1", status: "Completed" });
    const result = await target(fake.url, keys, "eu-west-1").check();

    expect(result.summary).toBe("SageMaker reachable in eu-west-1, 1 training job visible");
  });

  it("claims only what one page shows when there are more jobs", async () => {
    for (const name of ["a", "b", "c"]) fake.addTrainingJob({ name: `ppocr-${name}` });
    const result = await target(fake.url, keys, "eu-west-1").check();

    expect(result.summary).toBe("SageMaker reachable in eu-west-1, at least 1 training job visible");
  });

  it("takes credentials from the default chain when the target has no keys", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = fake.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = fake.credentials.secretAccessKey;
    try {
      const result = await target(fake.url, {}, "eu-west-1").check();
      expect(result.ok).toBe(true);
    } finally {
      restoreEnv("AWS_ACCESS_KEY_ID", saved.id);
      restoreEnv("AWS_SECRET_ACCESS_KEY", saved.secret);
    }
  });

  it("shows the service's error name and message for an unknown access key", async () => {
    const result = await target(fake.url, { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" }, "eu-west-1").check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe("UnrecognizedClientException: The security token included in the request is invalid.");
  });

  it("shows the signature error for a wrong secret key", async () => {
    const result = await target(fake.url, { ...keys, secretAccessKey: "not-the-secret" }, "eu-west-1").check();

    expect(result.summary).toMatch(/^InvalidSignatureException: The request signature we calculated does not match/);
  });

  it("fails fast when nothing listens at the endpoint", async () => {
    const endpoint = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const result = await target(endpoint, keys).check();

    expect(result.ok).toBe(false);
    expect(result.summary).toBe(`Cannot reach ${endpoint}: connection refused.`);
    expect(result.durationMs).toBeLessThan(2_000);
  });

  describe("against an endpoint that accepts connections and never answers", () => {
    let silent: Awaited<ReturnType<typeof startSilentServer>>;
    let endpoint: string;
    beforeAll(async () => {
      silent = await startSilentServer();
      endpoint = silent.url;
    });
    afterAll(() => silent.close());

    it("stops when the caller cancels", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await target(endpoint, keys).check({ signal: controller.signal });

      expect(result.summary).toBe(`The request to ${endpoint} was cancelled.`);
      expect(result.durationMs).toBeLessThan(2_000);
    });

    it("gives up on its own within seconds", async () => {
      const result = await target(endpoint, keys).check();

      expect(result.ok).toBe(false);
      expect(result.summary).toBe(`${endpoint} did not answer in time: a request has exceeded the configured 3000 ms requestTimeout.`);
      expect(result.durationMs).toBeLessThan(8_000);
    }, 15_000);
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
