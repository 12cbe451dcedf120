import { ListTrainingJobsCommand, SageMakerClient, type SageMakerServiceException } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSagemaker, type FakeSagemaker } from "./sagemaker-server";

describe("fake SageMaker, through the real SDK", () => {
  let fake: FakeSagemaker;
  let client: SageMakerClient;

  beforeAll(async () => {
    fake = await startFakeSagemaker();
    client = new SageMakerClient({ region: fake.region, endpoint: fake.url, credentials: fake.credentials, maxAttempts: 1 });
    const base = Date.parse("2026-11-01T00:00:00Z");
    ["det-a", "det-b", "rec-a"].forEach((name, i) =>
      fake.addTrainingJob({ name, status: i === 2 ? "Failed" : "Completed", creationTime: new Date(base + i * 60_000) }),
    );
  });
  afterAll(async () => {
    client.destroy();
    await fake.close();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable("the call should fail"),
      (error: SageMakerServiceException) => ({ name: error.name, message: error.message, status: error.$metadata.httpStatusCode }),
    );

  it("lists newest first, pages with NextToken, and sends timestamps the SDK reads as dates", async () => {
    const first = await client.send(new ListTrainingJobsCommand({ MaxResults: 2 }));
    expect(first.TrainingJobSummaries?.map((job) => job.TrainingJobName)).toEqual(["rec-a", "det-b"]);
    expect(first.TrainingJobSummaries?.[0]?.CreationTime).toEqual(new Date("2026-11-01T00:02:00Z"));
    expect(first.TrainingJobSummaries?.[0]?.TrainingJobArn).toBe("arn:aws:sagemaker:us-east-1:123456789012:training-job/rec-a");

    const second = await client.send(new ListTrainingJobsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect(second.TrainingJobSummaries?.map((job) => job.TrainingJobName)).toEqual(["det-a"]);
    expect(second.NextToken).toBeUndefined();
  });

  it("filters and sorts as asked", async () => {
    const page = await client.send(
      new ListTrainingJobsCommand({ NameContains: "det", StatusEquals: "Completed", SortBy: "Name", SortOrder: "Ascending" }),
    );
    expect(page.TrainingJobSummaries?.map((job) => job.TrainingJobName)).toEqual(["det-a", "det-b"]);
  });

  it("answers invalid input with a ValidationException the SDK surfaces by name", async () => {
    expect(await failure(client.send(new ListTrainingJobsCommand({ MaxResults: 0 })))).toEqual({
      name: "ValidationException",
      message: "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      status: 400,
    });
  });

  it("refuses a token it did not issue", async () => {
    expect(await failure(client.send(new ListTrainingJobsCommand({ NextToken: "forged" })))).toMatchObject({ name: "ValidationException" });
  });

  it("answers an operation the service does not have with UnknownOperationException", async () => {
    const renaming = new SageMakerClient({ region: fake.region, endpoint: fake.url, credentials: fake.credentials, maxAttempts: 1 });
    // Rewrite the target before signing, as a client built for another API version would send it.
    renaming.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers["x-amz-target"] = "SageMaker.ListTrainingJobz";
        return next(args);
      },
      { step: "build" },
    );
    try {
      expect(await failure(renaming.send(new ListTrainingJobsCommand({})))).toMatchObject({ name: "UnknownOperationException", status: 400 });
    } finally {
      renaming.destroy();
    }
  });
});
