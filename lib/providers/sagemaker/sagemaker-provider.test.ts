import { freeLoopbackPort, startSilentServer } from "@/test/support/loopback-server";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { SagemakerTargetConfig, SagemakerTargetSecrets } from "@/lib/schemas/targets";
import { startFakeAws, type FakeAws } from "@/test/support/aws";
import { sagemakerProvider } from "./sagemaker-provider";

const BUCKET = "check-artifacts";

function target(endpointOverride: string, secrets: SagemakerTargetSecrets, config: Partial<SagemakerTargetConfig> = {}) {
  return sagemakerProvider({
    name: "aws",
    kind: "sagemaker",
    config: {
      region: "eu-west-1",
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
      s3OutputPrefix: `s3://${BUCKET}/console`,
      endpointOverride,
      ...config,
    },
    secrets,
  });
}

describe("sagemaker connection check", () => {
  let fake: FakeAws;
  let keys: SagemakerTargetSecrets;

  beforeAll(async () => {
    fake = await startFakeAws({ region: "eu-west-1", objectStore: inject("objectStore"), buckets: [BUCKET] });
    keys = { ...fake.credentials };
  });
  afterEach(() => {
    fake.sagemaker.trainingJobs.splice(0);
    fake.account.renewCredentials();
  });
  afterAll(() => fake.close());

  it("asks STS who the keys are, SageMaker for one job, and S3 for the bucket", async () => {
    const result = await target(fake.url, keys).check();

    expect(result.ok).toBe(true);
    expect(result.summary).toBe("SageMaker reachable in eu-west-1, no training jobs visible");
    expect(result.items).toEqual([
      { name: "AWS identity", ok: true, message: "arn:aws:iam::123456789012:user/ocr-console (account 123456789012)" },
      { name: "SageMaker API", ok: true, message: "SageMaker reachable in eu-west-1, no training jobs visible" },
      { name: "S3 prefix", ok: true, message: `s3://${BUCKET}/console — bucket ${BUCKET} is reachable` },
    ]);
    expect(fake.calls.slice(-3).map((call) => call.operation)).toEqual(["GetCallerIdentity", "ListTrainingJobs", "HeadBucket"]);
    expect(fake.inputsOf("ListTrainingJobs").at(-1)).toEqual({ MaxResults: 1 });
  });

  it("counts the one training job there is, and claims only what one page shows when there are more", async () => {
    fake.sagemaker.addTrainingJob({ name: "ppocr-det-1", status: "Completed" });
    expect((await target(fake.url, keys).check()).summary).toBe("SageMaker reachable in eu-west-1, 1 training job visible");
    for (const name of ["a", "b"]) fake.sagemaker.addTrainingJob({ name: `ppocr-${name}` });
    expect((await target(fake.url, keys).check()).summary).toBe("SageMaker reachable in eu-west-1, at least 1 training job visible");
  });

  it("notes an execution role of another account", async () => {
    const result = await target(fake.url, keys, { roleArn: "arn:aws:iam::999999999999:role/Other" }).check();
    expect(result.items[0]?.message).toBe("arn:aws:iam::123456789012:user/ocr-console (account 123456789012); the execution role belongs to account 999999999999");
  });

  it("takes credentials from the default chain when the target has no keys", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = fake.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = fake.credentials.secretAccessKey;
    try {
      expect((await target(fake.url, {}).check()).ok).toBe(true);
    } finally {
      restoreEnv("AWS_ACCESS_KEY_ID", saved.id);
      restoreEnv("AWS_SECRET_ACCESS_KEY", saved.secret);
    }
  });

  it("shows the service's error for an unknown access key and for a wrong secret", async () => {
    const unknown = await target(fake.url, { accessKeyId: "AKIAI44QH8DHBEXAMPLE", secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY" }).check();
    expect(unknown.ok).toBe(false);
    expect(unknown.summary).toBe("InvalidClientTokenId: The security token included in the request is invalid.");

    const wrongSecret = await target(fake.url, { ...keys, secretAccessKey: "not-the-secret" }).check();
    expect(wrongSecret.summary).toMatch(/^SignatureDoesNotMatch: The request signature we calculated does not match/);
  });

  it("says when the session has expired", async () => {
    fake.account.expireCredentials();
    const result = await target(fake.url, keys).check();
    expect(result.summary).toBe(
      "The AWS session has expired: renew the credentials (aws sso login, or a new session token on this target). ExpiredToken: The security token included in the request is expired",
    );
  });

  it("names the missing permission, for SageMaker and for the bucket", async () => {
    fake.account.deny("sagemaker:ListTrainingJobs");
    try {
      const result = await target(fake.url, keys).check();
      expect(result.items.map((item) => item.ok)).toEqual([true, false]);
      expect(result.summary).toMatch(/^Missing permission: these credentials may not call sagemaker:ListTrainingJobs; allow it in their IAM policy\. \(AccessDeniedException: User: arn:aws:iam::123456789012:user\/ocr-console is not authorized/);
    } finally {
      fake.account.allow("sagemaker:ListTrainingJobs");
    }
    fake.account.deny("s3:ListBucket");
    try {
      const result = await target(fake.url, keys).check();
      expect(result.summary).toMatch(new RegExp(`^Missing permission: these credentials may not call s3:ListBucket on bucket ${BUCKET}; allow it in their IAM policy\\.`));
    } finally {
      fake.account.allow("s3:ListBucket");
    }
  });

  it("explains a wrong region, for the API and for the bucket", async () => {
    const api = await target(fake.url, keys, { region: "us-west-2" }).check();
    expect(api.summary).toMatch(/^Wrong region: .* does not serve us-west-2; fix the target's region or endpoint\./);

    fake.setBucketRegion(BUCKET, "eu-central-1");
    try {
      const bucket = await target(fake.url, keys).check();
      expect(bucket.summary).toMatch(new RegExp(`^Wrong region: the bucket ${BUCKET} is in eu-central-1, the target says eu-west-1\\.`));
    } finally {
      fake.setBucketRegion(BUCKET, "eu-west-1");
    }
  });

  it("says when the bucket does not exist", async () => {
    const result = await target(fake.url, keys, { s3OutputPrefix: "s3://no-such-bucket-here/x" }).check();
    expect(result.summary).toBe("The bucket no-such-bucket-here does not exist, or these credentials cannot see it.");
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
    beforeAll(async () => {
      silent = await startSilentServer();
    });
    afterAll(() => silent.close());

    it("stops when the caller cancels", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await target(silent.url, keys).check({ signal: controller.signal });

      expect(result.summary).toBe(`The request to ${silent.url} was cancelled.`);
      expect(result.durationMs).toBeLessThan(2_000);
    });

    it("gives up on its own within seconds", async () => {
      const result = await target(silent.url, keys).check();

      expect(result.ok).toBe(false);
      expect(result.summary).toBe(`${silent.url} did not answer in time: a request has exceeded the configured 3000 ms requestTimeout.`);
      expect(result.durationMs).toBeLessThan(8_000);
    }, 15_000);
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
