import { AwsServiceError } from "./aws-error";
import { startJsonProtocolServer, type RecordedCall } from "./json-protocol-server";
import { loadServiceModel, SAGEMAKER_MODEL } from "./service-model";
import type { AwsCredentials } from "./sigv4";

export type TrainingJobStatus = "InProgress" | "Completed" | "Failed" | "Stopping" | "Stopped" | "Deleting";

export interface FakeTrainingJob {
  name: string;
  status: TrainingJobStatus;
  secondaryStatus?: string;
  creationTime: Date;
  lastModifiedTime: Date;
  trainingEndTime?: Date;
}

export interface FakeSagemakerOptions {
  region?: string;
  accountId?: string;
  credentials?: AwsCredentials;
}

export interface FakeSagemaker {
  /** Pass as the client's `endpoint`. */
  url: string;
  region: string;
  accountId: string;
  /** The only credentials the fake accepts. */
  credentials: AwsCredentials;
  calls: RecordedCall[];
  trainingJobs: FakeTrainingJob[];
  addTrainingJob(job: Pick<FakeTrainingJob, "name"> & Partial<FakeTrainingJob>): FakeTrainingJob;
  close(): Promise<void>;
}

export const FAKE_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};

/** The SageMaker control plane, from the real model; operations are added here as issues need them. */
export async function startFakeSagemaker(options: FakeSagemakerOptions = {}): Promise<FakeSagemaker> {
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const credentials = options.credentials ?? FAKE_CREDENTIALS;
  const trainingJobs: FakeTrainingJob[] = [];

  const server = await startJsonProtocolServer({
    model: loadServiceModel(SAGEMAKER_MODEL),
    region,
    credentials,
    handlers: {
      ListTrainingJobs: (input) => listTrainingJobs(trainingJobs, input, { region, accountId }),
    },
  });

  return {
    url: server.url,
    region,
    accountId,
    credentials,
    calls: server.calls,
    trainingJobs,
    addTrainingJob(job) {
      const now = new Date();
      const full: FakeTrainingJob = { status: "InProgress", creationTime: now, lastModifiedTime: job.creationTime ?? now, ...job };
      trainingJobs.push(full);
      return full;
    },
    close: () => server.close(),
  };
}

function listTrainingJobs(jobs: FakeTrainingJob[], input: Record<string, unknown>, where: { region: string; accountId: string }) {
  const contains = typeof input.NameContains === "string" ? input.NameContains.toLowerCase() : undefined;
  const after = (field: unknown) => (typeof field === "number" ? field * 1000 : undefined);
  const bounds = {
    createdAfter: after(input.CreationTimeAfter),
    createdBefore: after(input.CreationTimeBefore),
    modifiedAfter: after(input.LastModifiedTimeAfter),
    modifiedBefore: after(input.LastModifiedTimeBefore),
  };
  const matching = jobs.filter(
    (job) =>
      (contains === undefined || job.name.toLowerCase().includes(contains)) &&
      (input.StatusEquals === undefined || job.status === input.StatusEquals) &&
      (bounds.createdAfter === undefined || job.creationTime.getTime() > bounds.createdAfter) &&
      (bounds.createdBefore === undefined || job.creationTime.getTime() < bounds.createdBefore) &&
      (bounds.modifiedAfter === undefined || job.lastModifiedTime.getTime() > bounds.modifiedAfter) &&
      (bounds.modifiedBefore === undefined || job.lastModifiedTime.getTime() < bounds.modifiedBefore),
  );
  const sortBy = (input.SortBy as string | undefined) ?? "CreationTime";
  const direction = input.SortOrder === "Ascending" ? 1 : -1;
  const key = (job: FakeTrainingJob) => (sortBy === "Name" ? job.name : sortBy === "Status" ? job.status : job.creationTime.toISOString());
  matching.sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const start = decodeToken(input.NextToken);
  const limit = typeof input.MaxResults === "number" ? input.MaxResults : 10;
  const page = matching.slice(start, start + limit);
  const next = start + limit < matching.length ? encodeToken(start + limit) : undefined;
  return {
    TrainingJobSummaries: page.map((job) => ({
      TrainingJobName: job.name,
      TrainingJobArn: `arn:aws:sagemaker:${where.region}:${where.accountId}:training-job/${job.name.toLowerCase()}`,
      CreationTime: epochSeconds(job.creationTime),
      LastModifiedTime: epochSeconds(job.lastModifiedTime),
      ...(job.trainingEndTime ? { TrainingEndTime: epochSeconds(job.trainingEndTime) } : {}),
      TrainingJobStatus: job.status,
      ...(job.secondaryStatus ? { SecondaryStatus: job.secondaryStatus } : {}),
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

/** awsJson timestamps for SageMaker: fractional epoch seconds. */
function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

// Opaque to clients, like the real ones; here simply the offset of the next page.
function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64");
}

function decodeToken(token: unknown): number {
  if (token === undefined || token === "") return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(String(token), "base64").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the service's answer for a token it did not issue
  }
  throw new AwsServiceError("ValidationException", "Invalid pagination token.");
}
